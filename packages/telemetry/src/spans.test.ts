import { describe, expect, it } from "vitest";
import { bullmqTelemetry } from "./bullmq";
import { continueTrace, currentTraceId, currentTraceparent, withSpan } from "./spans";
import { tracingConfigured } from "./start";
import { tracingStarted } from "./state";

// No SDK is started in this file: what every process without OTEL_EXPORTER_OTLP_ENDPOINT sees.
describe("tracing off", () => {
  it.each([
    [{}, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "" }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "   " }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_SDK_DISABLED: "true" }, false],
  ])("with %j tracing is configured: %s", (env, expected) => {
    expect(tracingConfigured(env)).toBe(expected);
  });

  it("spans run their work but carry no trace: no traceparent for job data, no trace id for rows", async () => {
    const seen = await withSpan("work", {}, async () => ({
      traceparent: currentTraceparent(),
      traceId: currentTraceId(),
    }));
    expect(seen).toEqual({ traceparent: undefined, traceId: null });
    expect(tracingStarted()).toBe(false);
    expect(bullmqTelemetry()).toBeUndefined();
  });

  it("passes a failure through unchanged", async () => {
    const failure = new Error("marketplace said no");
    await expect(withSpan("work", {}, () => Promise.reject(failure))).rejects.toBe(failure);
  });

  it("ignores a malformed traceparent", () => {
    expect(() => continueTrace("not-a-traceparent")).not.toThrow();
    expect(() => continueTrace(undefined)).not.toThrow();
  });
});
