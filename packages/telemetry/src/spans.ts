import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  isSpanContextValid,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Span,
} from "@opentelemetry/api";

/**
 * Spans go through the global OpenTelemetry API. Until `startTracing` registers an SDK every call
 * here hits the API's no-op implementation, so code can create spans unconditionally at no cost.
 */
export const tracer = trace.getTracer("syncstore");

export { SpanKind };
export type { Span };

/** Runs `fn` inside a new active span; the span ends with `fn` and records its error, which is rethrown. */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
  opts: { parent?: Context; kind?: SpanKind } = {},
): Promise<T> {
  return tracer.startActiveSpan(
    name,
    { attributes, kind: opts.kind ?? SpanKind.INTERNAL },
    opts.parent ?? context.active(),
    async (span) => {
      try {
        return await fn(span);
      } catch (e) {
        span.recordException(e instanceof Error ? e : String(e));
        span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.message : String(e) });
        throw e;
      } finally {
        span.end();
      }
    },
  );
}

/** The active trace's id (32 hex digits), or null when nothing is traced. */
export function currentTraceId(): string | null {
  const span = trace.getActiveSpan();
  if (!span) return null;
  const sc = span.spanContext();
  return isSpanContextValid(sc) ? sc.traceId : null;
}

/** The active context as a W3C `traceparent` header value, or undefined when nothing is traced. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/**
 * The parent for work continuing a `traceparent` carried from another process (job data). BullMQ's
 * own consumer span is the nearer parent when it continues the same trace; a missing or malformed
 * value leaves the active context, so the receiver starts a trace of its own.
 */
export function continueTrace(traceparent: string | undefined | null): Context {
  const active = context.active();
  if (!traceparent) return active;
  const carried = propagation.extract(ROOT_CONTEXT, { traceparent });
  const carriedSpan = trace.getSpanContext(carried);
  if (!carriedSpan || !isSpanContextValid(carriedSpan)) return active;
  return trace.getSpanContext(active)?.traceId === carriedSpan.traceId ? active : carried;
}
