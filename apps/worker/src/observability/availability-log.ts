import type { Redis } from "ioredis";
import type { Logger } from "@syncstore/config";

export interface AvailabilityLog {
  down(cause: unknown): void;
  up(): void;
}

/**
 * A dependency going away and coming back, logged once each however many callers notice it: every
 * job waiting on PostgreSQL would otherwise say the same thing, and ioredis reports each failed
 * reconnect. The "back" line says how long it was gone, which is what explains a stall later.
 */
export function availabilityLog(
  logger: Logger,
  name: string,
  effect: { down: string; back: string },
): AvailabilityLog {
  let since: number | null = null;
  return {
    down(cause) {
      if (since !== null) return;
      since = Date.now();
      logger.warn(`${name} unavailable: ${effect.down}`, { err: cause });
    },
    up() {
      if (since === null) return;
      const downMs = Date.now() - since;
      since = null;
      logger.info(`${name} back after ${downMs} ms: ${effect.back}`, { downMs });
    },
  };
}

/**
 * Follows one ioredis connection: down when it closes or fails, up when it is ready again. Returns
 * the way to stop, called before a deliberate disconnect so shutting down is not reported as an outage.
 */
export function watchRedis(connection: Redis, log: AvailabilityLog): () => void {
  let lastError: unknown = null;
  const onError = (e: unknown) => {
    lastError = e;
    if (connection.status !== "ready") log.down(e);
  };
  const onClose = () => log.down(lastError ?? new Error("connection closed"));
  const onReady = () => {
    lastError = null;
    log.up();
  };
  connection.on("error", onError);
  connection.on("close", onClose);
  connection.on("ready", onReady);
  return () => {
    connection.off("error", onError);
    connection.off("close", onClose);
    connection.off("ready", onReady);
  };
}
