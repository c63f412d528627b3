import type { Request } from "express";
import { randomUUID } from "node:crypto";
import type { Services } from "../services";
import { createLoaders, type Loaders } from "./loaders";

import type { AuthViewer } from "../auth";

/** Who is calling, as the auth layer resolved it; null for anonymous callers. */
export type Viewer = AuthViewer;

export interface ApiContext {
  requestId: string;
  services: Services;
  /** Per request, so batching never leaks data between callers. */
  loaders: Loaders;
  viewer: Viewer | null;
  clientIp: string | null;
}

export function createContext(
  services: Services,
  req: Request | null,
  viewer: Viewer | null,
  clientIp: string | null,
): ApiContext {
  // pino-http gave every HTTP request its id (the caller's X-Request-Id or a new one); sockets get one here.
  return {
    requestId: typeof req?.id === "string" ? req.id : randomUUID(),
    services,
    loaders: createLoaders(services),
    viewer,
    clientIp,
  };
}
