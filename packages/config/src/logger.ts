import pino, { type DestinationStream, type Logger as PinoLogger } from "pino";
import { loadDotEnv } from "./env-file";
import { REDACT_PATHS, scrubText } from "./log-redaction";

/**
 * The structured logger of every process, on pino: one JSON line per event with numeric levels
 * (`pnpm start` pretty-prints them), child loggers for correlation, and redaction of credential
 * fields as a second line of defence — callers still pass no secrets.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** The correlation fields a child logger carries; any other bounded context is allowed too. */
export interface LogBindings {
  batchId?: string;
  itemId?: string;
  channelId?: string;
  platform?: string;
  requestId?: string;
  [field: string]: unknown;
}

export interface Logger {
  debug(message: string, extra?: unknown): void;
  info(message: string, extra?: unknown): void;
  warn(message: string, extra?: unknown): void;
  error(message: string, extra?: unknown): void;
  /** A logger whose every line carries `bindings`. */
  child(bindings: LogBindings): Logger;
  /** The pino instance underneath, for libraries that take one (pino-http). */
  readonly pino: PinoLogger;
}

export interface LoggerOptions {
  /** Where lines go; stdout by default. Tests pass a stream to read them back. */
  destination?: DestinationStream;
}

export function createLogger(name: string, level?: LogLevel, opts: LoggerOptions = {}): Logger {
  if (!level) loadDotEnv(); // loggers are created at import time, before loadConfig reads .env
  const instance = pino(
    {
      name,
      level: level ?? (process.env.LOG_LEVEL as LogLevel | undefined) ?? "info",
      redact: { paths: REDACT_PATHS, censor: "[REDACTED]" },
      serializers: { err: serializeError },
    },
    opts.destination,
  );
  return wrap(instance);
}

function serializeError(e: unknown): unknown {
  const serialized = pino.stdSerializers.err(e as Error) as unknown as Record<string, unknown>;
  for (const key of ["message", "stack"])
    if (typeof serialized[key] === "string") serialized[key] = scrubText(serialized[key]);
  return serialized;
}

/** Keeps the `(message, extra)` call shape every caller uses, on top of pino's `(fields, message)`. */
function wrap(p: PinoLogger): Logger {
  const at =
    (lvl: LogLevel) =>
    (message: string, extra?: unknown): void => {
      if (!p.isLevelEnabled(lvl)) return;
      const msg = scrubText(message);
      if (extra === undefined) p[lvl](msg);
      else if (extra instanceof Error) p[lvl]({ err: extra }, msg);
      else if (isRecord(extra)) p[lvl](extra, msg);
      else p[lvl]({ data: extra }, msg);
    };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (bindings) => wrap(p.child(bindings)),
    pino: p,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
