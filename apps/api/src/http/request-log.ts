import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pinoHttp, type HttpLogger } from "pino-http";
import type { LogLevel, Logger } from "@syncstore/config";

const CLIENT_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const QUIET = /^\/(healthz|metrics|assets\/)/;

/**
 * One log line per HTTP request (pino-http) with a request id: the caller's `X-Request-Id` when it is
 * a sane token, else a new UUID. The id is sent back in `X-Request-Id` and becomes the GraphQL
 * context's `requestId`, so a client's report, the access log and an error line meet on one value.
 * Probes and static assets are not logged: they would drown the requests that matter.
 */
export function requestLogging(logger: Logger, level: LogLevel): HttpLogger {
  return pinoHttp({
    logger: logger.pino.child({}, { level }),
    // What a request line needs; headers stay out (they carry credentials and a long CSP).
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customAttributeKeys: { reqId: "requestId" },
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const header = req.headers["x-request-id"];
      const id = typeof header === "string" && CLIENT_ID.test(header) ? header : randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    autoLogging: { ignore: (req) => QUIET.test(req.url ?? "") },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
  });
}
