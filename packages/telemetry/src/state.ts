let started = false;

/** Whether this process registered an OpenTelemetry SDK (set by `startTracing`). */
export function tracingStarted(): boolean {
  return started;
}

export function markTracingStarted(value: boolean): void {
  started = value;
}
