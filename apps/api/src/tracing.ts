import { loadDotEnv } from "@syncstore/config";
import { startTracingFromEnv } from "@syncstore/telemetry";

// The entry point's first import: .env decides whether tracing runs, and the SDK has to patch http,
// undici, pg, ioredis and graphql before anything loads them. Without an OTLP endpoint nothing starts.
loadDotEnv();
export const tracing = startTracingFromEnv("syncstore-api");
