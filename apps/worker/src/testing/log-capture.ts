import { Writable } from "node:stream";
import { createLogger, type Logger, type LogLevel } from "@syncstore/config";

/** One parsed pino line: its message, bindings and fields. */
export type LogLine = Record<string, unknown> & { msg: string };

/** A real pino logger whose lines are kept, parsed, for a test to read back. */
export function captureLogs(level: LogLevel = "info"): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n"))
        if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logger: createLogger("worker", level, { destination }), lines };
}
