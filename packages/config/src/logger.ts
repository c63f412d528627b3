/**
 * A small structured logger shared by every process: one JSON line per event, so `pnpm start` stays
 * readable and log shippers get fields. Errors keep name, message and stack; callers pass no secrets.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, extra?: unknown): void;
  info(message: string, extra?: unknown): void;
  warn(message: string, extra?: unknown): void;
  error(message: string, extra?: unknown): void;
}

export function createLogger(
  name: string,
  level: LogLevel = (process.env.LOG_LEVEL as LogLevel | undefined) ?? "info",
): Logger {
  const threshold = ORDER[level] ?? ORDER.info;
  const write = (lvl: LogLevel, msg: string, extra?: unknown) => {
    if (ORDER[lvl] < threshold) return;
    const line: Record<string, unknown> = { level: lvl, time: new Date().toISOString(), name, msg };
    if (extra instanceof Error) line.error = { name: extra.name, message: extra.message, stack: extra.stack };
    else if (extra !== undefined) line.data = extra;
    (lvl === "error" || lvl === "warn" ? process.stderr : process.stdout).write(JSON.stringify(line) + "\n");
  };
  return {
    debug: (m, e) => write("debug", m, e),
    info: (m, e) => write("info", m, e),
    warn: (m, e) => write("warn", m, e),
    error: (m, e) => write("error", m, e),
  };
}
