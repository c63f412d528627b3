import http from "node:http";
import type { AddressInfo } from "node:net";
import { metricsRequestAllowed, type Logger } from "@syncstore/config";
import type { HealthCheck } from "./health";
import type { WorkerMetrics } from "./metrics";

export interface ObservabilityServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The worker's only HTTP: `/healthz` (200 or 503 with the failing part) and `/metrics` (Prometheus
 * text: ours, then BullMQ's own queue export). Nothing else is served, so it can stay on a private port.
 * `/metrics` follows the API's rule (`metricsRequestAllowed`): it names channels, queue depths and error
 * classes, which an outsider reaching the port should not read; `/healthz` stays open for orchestrators.
 */
export async function listenObservability(opts: {
  port: number;
  host: string;
  health: HealthCheck;
  metrics: WorkerMetrics;
  bullmqMetrics: () => Promise<string>;
  logger: Logger;
  metricsAccess: { token: string | undefined; production: boolean };
}): Promise<ObservabilityServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    const answer = async () => {
      if (req.method !== "GET") return void res.writeHead(405, { allow: "GET" }).end();
      if (path === "/healthz") {
        const health = await opts.health.check();
        res.writeHead(health.status === "ok" ? 200 : 503, { "content-type": "application/json" });
        return void res.end(JSON.stringify(health));
      }
      if (path === "/metrics") {
        const allowed = metricsRequestAllowed({
          authorization: req.headers.authorization,
          peer: req.socket.remoteAddress,
          ...opts.metricsAccess,
        });
        if (!allowed) return void res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
        const [ours, bullmq] = await Promise.all([opts.metrics.registry.metrics(), opts.bullmqMetrics()]);
        res.writeHead(200, { "content-type": opts.metrics.registry.contentType });
        return void res.end(`${ours}\n${bullmq}\n`);
      }
      res.writeHead(404, { "content-type": "text/plain" }).end("not found: /healthz and /metrics only\n");
    };
    answer().catch((e: unknown) => {
      opts.logger.error(`worker ${path} failed`, e);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error\n");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
