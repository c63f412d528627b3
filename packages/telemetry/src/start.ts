import type { IncomingMessage } from "node:http";
import type { SpanProcessor } from "@opentelemetry/sdk-trace";
import { markTracingStarted, tracingStarted } from "./state";

export interface TracingOptions {
  /** `service.name` of every span (OTEL_SERVICE_NAME wins when set). */
  serviceName: string;
  /** Where spans go. Default: what the OTEL_* variables say (OTLP over http/protobuf). Tests pass an in-memory exporter's. */
  spanProcessors?: SpanProcessor[];
}

export interface Tracing {
  /** Exports what is still buffered, then stops the SDK. */
  shutdown(): Promise<void>;
}

/** Tracing runs only where an OTLP endpoint is configured (and OTEL_SDK_DISABLED is not true). */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return Boolean(endpoint?.trim()) && env.OTEL_SDK_DISABLED?.trim().toLowerCase() !== "true";
}

// Probes and scrapes arrive every few seconds and say nothing about a sync.
const UNTRACED_PATHS = new Set(["/healthz", "/metrics", "/favicon.ico"]);

/**
 * Starts the OpenTelemetry Node SDK with the instrumentations SyncStore's work passes through:
 * incoming and outgoing HTTP, undici (the marketplace clients), PostgreSQL, ioredis and GraphQL.
 * Must run before those modules are first required, so each entry point calls it first.
 *
 * The SDK packages are required here, not imported at the top, so a process without tracing never
 * even loads them: no endpoint, no cost.
 */
export function startTracing(opts: TracingOptions): Tracing {
  if (tracingStarted()) throw new Error("tracing is already started in this process");
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on, synchronously, before the instrumented modules */
  const { NodeSDK } = require("@opentelemetry/sdk-node") as typeof import("@opentelemetry/sdk-node");
  const { HttpInstrumentation } =
    require("@opentelemetry/instrumentation-http") as typeof import("@opentelemetry/instrumentation-http");
  const { UndiciInstrumentation } =
    require("@opentelemetry/instrumentation-undici") as typeof import("@opentelemetry/instrumentation-undici");
  const { PgInstrumentation } =
    require("@opentelemetry/instrumentation-pg") as typeof import("@opentelemetry/instrumentation-pg");
  const { IORedisInstrumentation } =
    require("@opentelemetry/instrumentation-ioredis") as typeof import("@opentelemetry/instrumentation-ioredis");
  const { GraphQLInstrumentation } =
    require("@opentelemetry/instrumentation-graphql") as typeof import("@opentelemetry/instrumentation-graphql");
  /* eslint-enable @typescript-eslint/no-require-imports */

  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME?.trim() || opts.serviceName,
    ...(opts.spanProcessors ? { spanProcessors: opts.spanProcessors } : {}),
    // Logs go through pino and metrics through Prometheus; this SDK only traces.
    logRecordProcessors: [],
    metricReaders: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req: IncomingMessage) =>
          UNTRACED_PATHS.has((req.url ?? "").split("?")[0] ?? ""),
      }),
      new UndiciInstrumentation(),
      // Without a parent these would be the reconciler's and BullMQ's polling: noise, not traces.
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
    ],
  });
  sdk.start();
  markTracingStarted(true);
  return {
    async shutdown() {
      markTracingStarted(false);
      await sdk.shutdown();
    },
  };
}

/** The entry points' call: tracing when an endpoint is configured, else nothing at all. */
export function startTracingFromEnv(
  serviceName: string,
  env: NodeJS.ProcessEnv = process.env,
): Tracing | null {
  return tracingConfigured(env) ? startTracing({ serviceName }) : null;
}
