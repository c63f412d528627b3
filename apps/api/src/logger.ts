import { createLogger } from "@syncstore/config";

export const logger = createLogger("api");
