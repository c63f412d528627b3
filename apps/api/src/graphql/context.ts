import type { Request } from "express";
import { randomUUID } from "node:crypto";
import type { Services } from "../services";
import { createLoaders, type Loaders } from "./loaders";

/** Who is calling. Filled by the auth layer; null for anonymous callers. */
export interface Viewer {
  id: string;
  kind: "user" | "apiKey";
  role: "ADMIN" | "OPERATOR" | "VIEWER";
  scopes: string[];
}

export interface ApiContext {
  requestId: string;
  services: Services;
  /** Per request, so batching never leaks data between callers. */
  loaders: Loaders;
  viewer: Viewer | null;
}

export async function createContext(services: Services, req: Request | null): Promise<ApiContext> {
  const header = req?.headers["x-request-id"];
  return {
    requestId: typeof header === "string" && header.length <= 100 ? header : randomUUID(),
    services,
    loaders: createLoaders(services),
    viewer: null,
  };
}
