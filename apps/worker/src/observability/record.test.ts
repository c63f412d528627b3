import { describe, expect, it } from "vitest";
import type { CallRecord } from "@syncstore/marketplaces";
import { EndpointLabels } from "./endpoint-template";
import { createWorkerMetrics } from "./metrics";
import { recordCall } from "./record";

const call = (over: Partial<CallRecord>): CallRecord => ({
  platform: "SHOPEE",
  endpoint: "/api/v2/product/add_item",
  method: "POST",
  request: null,
  response: null,
  httpStatus: 200,
  durationMs: 120,
  errorClass: null,
  errorCode: null,
  errorMessage: null,
  ...over,
});

describe("recordCall", () => {
  it("counts rate-limit refusals and token refreshes by result", async () => {
    const metrics = createWorkerMetrics({ queueJobs: async () => [], deadLetters: async () => [] });
    const labels = new EndpointLabels();
    recordCall(metrics, labels, call({ httpStatus: 429, errorClass: "RATE_LIMIT" }));
    recordCall(metrics, labels, call({ platform: "TIKTOK_SHOP", endpoint: "/api/v2/token/refresh" }));
    recordCall(
      metrics,
      labels,
      call({ endpoint: "/api/v2/auth/access_token/get", httpStatus: 403, errorClass: "AUTHENTICATION" }),
    );
    recordCall(metrics, labels, call({ httpStatus: null, errorClass: "NETWORK" }));
    const text = await metrics.registry.metrics();
    expect(text).toContain('syncstore_marketplace_rate_limited_total{platform="SHOPEE"} 1');
    expect(text).toContain('syncstore_token_refresh_total{platform="TIKTOK_SHOP",result="refreshed"} 1');
    expect(text).toContain('syncstore_token_refresh_total{platform="SHOPEE",result="failed"} 1');
    expect(text).toContain(
      'syncstore_marketplace_request_duration_seconds_count{platform="SHOPEE",endpoint="/api/v2/product/add_item",status_class="none"} 1',
    );
    expect(text).toContain(
      'syncstore_marketplace_request_duration_seconds_count{platform="SHOPEE",endpoint="/api/v2/product/add_item",status_class="4xx"} 1',
    );
  });
});
