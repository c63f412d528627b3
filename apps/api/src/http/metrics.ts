import type { NextFunction, Request, Response } from "express";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface ApiMetrics {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status">;
  graphqlOperations: Counter<"operation" | "type" | "outcome">;
}

/** One registry per server instance, so tests running several servers in one process do not collide. */
export function createMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: "syncstore_http_request_duration_seconds",
      help: "HTTP request duration by route",
      labelNames: ["method", "route", "status"],
      buckets: [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    graphqlOperations: new Counter({
      name: "syncstore_graphql_operations_total",
      help: "GraphQL operations by name, type and outcome",
      labelNames: ["operation", "type", "outcome"],
      registers: [registry],
    }),
  };
}

export function httpMetricsMiddleware(metrics: ApiMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpDuration.startTimer({ method: req.method });
    res.on("finish", () => {
      // Route templates only: raw paths would give every product id its own time series.
      const route = req.path.startsWith("/graphql")
        ? "/graphql"
        : req.path.startsWith("/media/")
          ? "/media"
          : ["/healthz", "/metrics", "/playground"].includes(req.path)
            ? req.path
            : "spa";
      end({ route, status: String(res.statusCode) });
    });
    next();
  };
}

export function metricsHandler(metrics: ApiMetrics) {
  return async (_req: Request, res: Response): Promise<void> => {
    res.setHeader("content-type", metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  };
}
