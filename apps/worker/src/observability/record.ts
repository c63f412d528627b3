import type { LedgerEvent } from "@syncstore/db";
import type { CallRecord } from "@syncstore/marketplaces";
import type { EndpointLabels } from "./endpoint-template";
import type { WorkerMetrics } from "./metrics";

/** The token endpoints of both protocols (Shopee `access_token/get`, TikTok Shop `token/refresh`). */
const TOKEN_REFRESH = new Set(["/api/v2/auth/access_token/get", "/api/v2/token/refresh"]);

/** One marketplace exchange, as the client reported it through `ctx.onCall`. */
export function recordCall(metrics: WorkerMetrics, endpoints: EndpointLabels, call: CallRecord): void {
  const status_class = call.httpStatus === null ? "none" : `${Math.floor(call.httpStatus / 100)}xx`;
  metrics.requestDuration.observe(
    { platform: call.platform, endpoint: endpoints.label(call.endpoint), status_class },
    call.durationMs / 1000,
  );
  if (call.httpStatus === 429 || call.errorClass === "RATE_LIMIT")
    metrics.rateLimited.inc({ platform: call.platform });
  if (TOKEN_REFRESH.has(call.endpoint))
    metrics.tokenRefresh.inc({ platform: call.platform, result: call.errorClass ? "failed" : "refreshed" });
}

/**
 * Item outcomes, counted from what the ledger committed (not from what a job attempted), so the
 * counter agrees with the batch counters in PostgreSQL. Claims (RUNNING) are not outcomes; a QUEUED
 * with an error class is an item put back for the channel's rate limit.
 */
export function recordCommitted(metrics: WorkerMetrics, events: readonly LedgerEvent[]): void {
  for (const { transition: t } of events) {
    const outcome =
      t.to === "RUNNING"
        ? null
        : t.to === "QUEUED"
          ? t.errorClass
            ? "rate_limited"
            : null
          : t.to.toLowerCase();
    if (!outcome) continue;
    metrics.syncItems.inc({ platform: t.platform, outcome, error_class: t.errorClass ?? "none" });
  }
}
