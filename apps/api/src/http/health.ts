import type { Request, Response } from "express";
import type { DataSource } from "typeorm";
import type { Redis } from "ioredis";
import { pingDatabase } from "@syncstore/db";

async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<string> {
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
    return "ok";
  } catch (e) {
    return (e as Error).message;
  }
}

/** 200 when PostgreSQL and Redis both answer, 503 naming the one that does not. */
export function healthHandler(dataSource: DataSource, redis: Redis) {
  return async (_req: Request, res: Response): Promise<void> => {
    const [postgres, redisStatus] = await Promise.all([
      probe(() => pingDatabase(dataSource), 2000),
      probe(() => redis.ping(), 2000),
    ]);
    const ok = postgres === "ok" && redisStatus === "ok";
    res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "degraded", postgres, redis: redisStatus });
  };
}
