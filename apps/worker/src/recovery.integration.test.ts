import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBatch, seedIfEmpty } from "@syncstore/db";
import { createTestDatabase } from "@syncstore/db/testing";
import { createRedis, queuePrefix, SyncQueues } from "@syncstore/queue";
import { loadConfig, type Config } from "@syncstore/config";
import { startSimulators, type RunningSimulators } from "@syncstore/marketplace-sim";
import { startMediaServer, waitUntil } from "./testing/harness";
import { buildWorker, WORKER_MAIN as workerMain } from "./testing/worker-process";
import type { DataSource } from "typeorm";

/**
 * Crash recovery needs what unit-level tests cannot give: a worker process killed with SIGKILL and a
 * Redis that loses everything. This file runs its own redis-server on a free port, so FLUSHALL here
 * cannot touch any other test's keys.
 */

let redisServer: ChildProcess;
let redisUrl: string;
let db: { url: string; dataSource: DataSource; drop(): Promise<void> };
let sims: RunningSimulators;
let media: { url: string; close(): Promise<void> };
let config: Config;
const workers = new Set<ChildProcess>();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function startWorkerProcess(): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    REDIS_PREFIX: config.REDIS_PREFIX,
    PUBLIC_URL: config.PUBLIC_URL,
    SHOPEE_API_BASE: config.SHOPEE_API_BASE,
    TIKTOK_API_BASE: config.TIKTOK_API_BASE,
    TIKTOK_AUTH_BASE: config.TIKTOK_AUTH_BASE,
    SHOPEE_TIER_VARIATION_WAIT_MS: String(config.SHOPEE_TIER_VARIATION_WAIT_MS),
    SYNC_CONCURRENCY: "8",
    RECONCILE_INTERVAL_MS: "500",
    RECONCILE_GRACE_MS: "1000",
    JOB_LOCK_MS: "3000",
    LOG_LEVEL: "warn",
  };
  const child = spawn(process.execPath, [workerMain], { env, stdio: ["ignore", "ignore", "inherit"] });
  workers.add(child);
  child.on("exit", () => workers.delete(child));
  return child;
}

beforeAll(async () => {
  buildWorker();
  const port = await freePort();
  redisServer = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  redisUrl = `redis://127.0.0.1:${port}`;
  const probe = createRedis(redisUrl);
  await waitUntil(
    async () => (await probe.ping().catch(() => "")) === "PONG",
    10_000,
    () => "redis-server did not start",
  );
  probe.disconnect();
  db = await createTestDatabase();
  media = await startMediaServer();
  sims = await startSimulators(loadConfig({}), { shopee: 0, tiktok: 0 });
  config = loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: "recovery",
    PUBLIC_URL: media.url,
    SHOPEE_API_BASE: sims.shopee.url,
    TIKTOK_API_BASE: sims.tiktok.url,
    TIKTOK_AUTH_BASE: sims.tiktokAuth.url,
    // The simulator's wait is 50 ms, not Shopee's 5 s.
    SHOPEE_TIER_VARIATION_WAIT_MS: "100",
  });
  await seedIfEmpty(db.dataSource, config, { count: 200 });
  // Slow marketplaces, so a batch is surely mid-way when we strike.
  for (const s of [sims.shopee, sims.tiktok]) s.control.update({ latencyMs: 15 });
});

afterAll(async () => {
  // Workers first, and wait for them: a client still connected when its Redis goes away logs errors.
  await Promise.all(
    [...workers].map((w) => {
      const exited = new Promise((r) => w.once("exit", r));
      w.kill("SIGKILL");
      return exited;
    }),
  );
  await sims?.close();
  await media?.close();
  await db?.drop();
  redisServer?.kill("SIGKILL");
});

async function startBatch(force: boolean): Promise<string> {
  const redis = createRedis(redisUrl);
  const queues = new SyncQueues(redis, queuePrefix(config.REDIS_PREFIX));
  try {
    const channels: { id: string }[] = await db.dataSource.query("SELECT id::text FROM channels ORDER BY id");
    const r = await db.dataSource.transaction((em) =>
      createBatch(em, {
        selection: { kind: "search", search: "" },
        channelIds: channels.map((c) => c.id),
        force,
      }),
    );
    if (!r.ok) throw new Error(r.message);
    await queues.enqueue(r.items.map((i) => ({ ...i, batchId: r.batch.id })));
    return r.batch.id;
  } finally {
    await queues.close();
    redis.disconnect();
  }
}

async function progress(batchId: string): Promise<{ done: number; total: number; status: string }> {
  const [b] = (await db.dataSource.query(
    "SELECT status, total, succeeded + skipped + dead_lettered + cancelled AS done FROM sync_batches WHERE id = $1",
    [batchId],
  )) as { status: string; total: number; done: number }[];
  return { done: Number(b!.done), total: Number(b!.total), status: b!.status };
}

async function expectAllFinalAndNoDuplicates(batchId: string): Promise<void> {
  await waitUntil(
    async () => ["COMPLETED", "COMPLETED_WITH_ERRORS"].includes((await progress(batchId)).status),
    120_000,
    async () => JSON.stringify(await progress(batchId)),
  );
  const open: { n: number }[] = await db.dataSource.query(
    "SELECT count(*)::int AS n FROM sync_items WHERE batch_id = $1 AND status NOT IN ('SUCCEEDED','SKIPPED','DEAD_LETTERED','CANCELLED')",
    [batchId],
  );
  expect(open[0]!.n).toBe(0);
  // Exactly one listing per product and channel on the marketplaces themselves.
  const stats = await Promise.all(
    [sims.shopee, sims.tiktok].map((s) => fetch(`${s.url}/__sim/stats`).then((r) => r.json())),
  );
  const listed: { platform: string; n: number }[] = await db.dataSource.query(
    `SELECT c.platform, count(*)::int AS n FROM listings l JOIN channels c ON c.id = l.channel_id
     WHERE l.external_id IS NOT NULL GROUP BY c.platform ORDER BY c.platform`,
  );
  const byPlatform = Object.fromEntries(listed.map((l) => [l.platform, l.n]));
  expect((stats[0] as { listings: number }).listings).toBe(byPlatform.SHOPEE);
  expect((stats[1] as { listings: number }).listings).toBe(byPlatform.TIKTOK_SHOP);
}

describe("recovery", () => {
  it(
    "finishes every item with no duplicate listing after a worker is SIGKILLed mid-batch",
    { timeout: 120_000 },
    async () => {
      const first = startWorkerProcess();
      const batchId = await startBatch(false);
      await waitUntil(
        async () => (await progress(batchId)).done >= 60,
        60_000,
        async () => JSON.stringify(await progress(batchId)),
      );
      first.kill("SIGKILL");
      await new Promise((r) => first.once("exit", r));
      const before = await progress(batchId);
      expect(before.done).toBeLessThan(before.total);
      startWorkerProcess();
      await expectAllFinalAndNoDuplicates(batchId);
    },
  );

  it(
    "finishes every item after Redis loses everything (FLUSHALL) mid-batch",
    { timeout: 120_000 },
    async () => {
      const batchId = await startBatch(true);
      await waitUntil(
        async () => (await progress(batchId)).done >= 40,
        60_000,
        async () => JSON.stringify(await progress(batchId)),
      );
      const redis = createRedis(redisUrl);
      await redis.flushall();
      redis.disconnect();
      const after = await progress(batchId);
      expect(after.done).toBeLessThan(after.total);
      await expectAllFinalAndNoDuplicates(batchId);
    },
  );
});
