import { Redis, type RedisOptions } from "ioredis";

/**
 * BullMQ workers need `maxRetriesPerRequest: null` (blocking commands must not time out);
 * everything else gets a bounded retry so a dead Redis surfaces as an error instead of a hang.
 */
export function createRedis(url: string, opts: { forBullWorker?: boolean; name?: string } = {}): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: opts.forBullWorker ? null : 3,
    enableReadyCheck: true,
    connectionName: opts.name,
    lazyConnect: false,
  };
  return new Redis(url, options);
}
