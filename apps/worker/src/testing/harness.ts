import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { DataSource } from "typeorm";
import { createLogger, loadConfig, type Config, type Logger } from "@syncstore/config";
import { renderDemoImage, seedIfEmpty } from "@syncstore/db";
import { createTestDatabase } from "@syncstore/db/testing";
import { createRedis } from "@syncstore/queue";
import { startSimulators, type RunningSimulators } from "@syncstore/marketplace-sim";
import { startSyncWorker, type SyncWorker, type SyncWorkerOptions } from "../sync-worker";

/** A media server like the API's `/media/demo/*`, so workers download real images over HTTP. */
export async function startMediaServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? "").replace(/^\/media\/demo\//, ""));
    const png = renderDemoImage(name);
    if (!png) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "image/png", "content-length": png.length }).end(png);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface SyncHarness {
  config: Config;
  ds: DataSource;
  sims: RunningSimulators;
  namespace: string;
  startWorker(overrides?: {
    concurrency?: number;
    marketplaceTimeoutMs?: number;
    httpPort?: number;
    mappingCacheMs?: number;
    /** Where the worker logs; the harness's error-level logger otherwise. */
    logger?: Logger;
    deadLetterAutoRetry?: SyncWorkerOptions["deadLetterAutoRetry"];
    /** Off unless given: the other tests edit products and count the calls their own batches make. */
    autoSync?: SyncWorkerOptions["autoSync"];
  }): Promise<SyncWorker>;
  close(): Promise<void>;
}

/**
 * Everything the sync engine touches, real and isolated: a fresh database with real migrations and
 * the demo catalog, both simulators on free ports, a media server, and a random Redis namespace.
 */
export async function createSyncHarness(
  opts: {
    products?: number;
    /** A PostgreSQL server the test owns (see own-services), instead of the shared one. */
    databaseServerUrl?: string;
    /** A Redis the test owns; the shared one (REDIS_URL) otherwise. */
    redisUrl?: string;
    logLevel?: "error" | "warn" | "info" | "debug";
  } = {},
): Promise<SyncHarness> {
  const db = await createTestDatabase({
    serverUrl: opts.databaseServerUrl,
    poolSize: opts.databaseServerUrl ? 10 : undefined,
  });
  const media = await startMediaServer();
  const base = loadConfig({});
  const sims = await startSimulators(base, { shopee: 0, tiktok: 0 });
  const namespace = `t${randomUUID().slice(0, 8)}`;
  const config = loadConfig({
    DATABASE_URL: db.url,
    ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl } : {}),
    REDIS_PREFIX: namespace,
    PUBLIC_URL: media.url,
    SHOPEE_API_BASE: sims.shopee.url,
    TIKTOK_API_BASE: sims.tiktok.url,
    TIKTOK_AUTH_BASE: sims.tiktokAuth.url,
    // The simulator's wait is 50 ms, not Shopee's 5 s.
    SHOPEE_TIER_VARIATION_WAIT_MS: "100",
    LOG_LEVEL: "error",
    // An API started on this harness accepts it as the admin credential.
    ADMIN_API_KEY: `test-admin-${namespace}-key`,
    API_RATE_LIMIT_PER_MINUTE: "100000",
    API_RATE_LIMIT_BURST: "10000",
  });
  await seedIfEmpty(db.dataSource, config, { count: opts.products ?? 60 });
  const workers: SyncWorker[] = [];
  return {
    config,
    ds: db.dataSource,
    sims,
    namespace,
    async startWorker(overrides = {}) {
      const w = await startSyncWorker({
        config,
        ds: db.dataSource,
        logger: overrides.logger ?? createLogger("worker", opts.logLevel ?? "error"),
        namespace,
        concurrency: overrides.concurrency ?? 16,
        marketplaceTimeoutMs: overrides.marketplaceTimeoutMs ?? 2000,
        reconcileIntervalMs: 500,
        reconcileGraceMs: 1000,
        httpPort: overrides.httpPort,
        mappingCacheMs: overrides.mappingCacheMs,
        reviewPollIntervalMs: 200,
        deadLetterAutoRetry: overrides.deadLetterAutoRetry,
        autoSync: overrides.autoSync ?? { pollMs: 0 },
      });
      workers.push(w);
      return w;
    },
    async close() {
      for (const w of workers) await w.close().catch(() => undefined);
      const redis = createRedis(config.REDIS_URL);
      const keys = await redis.keys(`{${namespace}}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await sims.close();
      await media.close();
      await db.drop();
    },
  };
}

/** Polls until `check` holds, failing with `describe()` after the deadline. Never a fixed sleep. */
export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  describe: () => Promise<string> | string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
}
