import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { startTracing, type Tracing } from "./start";

export type { ReadableSpan };

/**
 * The real SDK and instrumentations with an in-memory exporter, spans exported as each ends.
 * Start it before the code under test is loaded, as the entry points do.
 */
export function startTestTracing(serviceName = "syncstore-test"): {
  tracing: Tracing;
  exporter: InMemorySpanExporter;
} {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({ serviceName, spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  return { tracing, exporter };
}
