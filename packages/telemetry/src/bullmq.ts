import { BullMQOtel } from "bullmq-otel";
import { tracingStarted } from "./state";

let telemetry: BullMQOtel | undefined;

/**
 * BullMQ's own spans (producer `addBulk`, consumer `process`) when tracing runs, else undefined so
 * BullMQ skips its telemetry code entirely. Pass it as the `telemetry` option of a Queue or Worker.
 */
export function bullmqTelemetry(): BullMQOtel | undefined {
  if (!tracingStarted()) return undefined;
  telemetry ??= new BullMQOtel({ tracerName: "bullmq" });
  return telemetry;
}
