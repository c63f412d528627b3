// The fault run of #14 at the demo catalog: 4,147 products to both platforms (8,294 items) against
// simulators that answer ~18% of calls with 5xx, hold 1% until the worker's timeout, allow 150
// requests/s per shop (the worker's own limit is set above it, so 429s come from the marketplace)
// and issue 25-second tokens — and, spaced over the batch, a worker SIGKILL, a Redis SIGKILL
// replaced by an empty Redis, a PostgreSQL `restart -m immediate` and an API SIGKILL (the API serves
// the images the worker uploads). PostgreSQL and Redis are the benchmark's own, never the machine's.
// Targets (#14): 0 non-VALIDATION dead letters, 0 orphan listings, ≤ 30 s from the last fault to final.
import { spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  BENCH_API_ENV,
  BENCH_KEY,
  db,
  freePort,
  kill,
  seedConfig,
  report,
  require,
  root,
  startOwnPostgres,
  startOwnRedis,
  stop,
} from "./lib.mjs";

const { channelPrice, FINAL_ITEM_STATUSES } = require(path.join(root, "packages/core/dist/index.js"));

/** BENCH_FAULTS_PRODUCTS: a smaller catalog (its first products) for a quick look; the figures are for 4,147. */
const PRODUCTS = Number(process.env.BENCH_FAULTS_PRODUCTS ?? 4147);
const SIM = { errorRate: 0.18, timeoutRate: 0.01, qpsPerShop: 150, accessTokenTtlSec: 25 };
/** The worker's own per-shop limit: above the simulators', as when a marketplace lowers its limit. */
const WORKER_RATE = 200;
/** The faults, each when this share of the batch's items is final. */
const FAULTS = [
  [0.15, "worker SIGKILL, new worker"],
  [0.35, "Redis SIGKILL, new empty Redis"],
  [0.55, "PostgreSQL restart -m immediate"],
  [0.75, "API SIGKILL, new API"],
];
/** The worker's automatic retry of transient dead letters, seconds apart instead of minutes. */
const WORKER_ENV = { DEAD_LETTER_AUTO_RETRY_INTERVAL_MS: "2000", DEAD_LETTER_PROBE_INTERVAL_MS: "1000" };
/** The slow round after the fast attempts (transient failures only), seconds instead of 1, 5, 15 minutes. */
const SLOW_RETRY_DELAYS_MS = "{1000,3000,5000}";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function json(url, init) {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

/** Queries that outlive a PostgreSQL restart: the pool reconnects, a query cut in flight is asked again. */
async function q(ds, sql, params) {
  for (let i = 0; ; i++) {
    try {
      return await ds.query(sql, params);
    } catch (e) {
      if (i > 100) throw e;
      await sleep(200);
    }
  }
}

/** A process whose output goes to a log file (kept for the report's evidence); ready when `ready` appears in it. */
async function start(logDir, name, script, env, ready) {
  const file = path.join(logDir, `${name}.log`);
  const fd = openSync(file, "a");
  const child = spawn(process.execPath, [path.join(root, script)], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", fd, fd],
  });
  const from = (() => {
    try {
      return readFileSync(file, "utf8").length;
    } catch {
      return 0;
    }
  })();
  for (let t = 0; ; t += 100) {
    if (ready.test(readFileSync(file, "utf8").slice(from))) return child;
    if (child.exitCode !== null || t > 120_000)
      throw new Error(`${name} did not start:\n${readFileSync(file, "utf8").slice(-2000)}`);
    await sleep(100);
  }
}

export async function run() {
  console.log(
    `faults: ${PRODUCTS} products × 2 platforms through 5xx, timeouts, 429s, short tokens and four kills`,
  );
  const logDir = mkdtempSync(path.join(os.tmpdir(), "syncstore-bench-faults-"));
  const [pg, redis] = await Promise.all([startOwnPostgres(), startOwnRedis()]);
  const url = pg.url("syncstore_bench_faults");
  await db.ensureDatabase(url);
  const ds = db.createDataSource(url);
  await ds.initialize();
  const procs = {};
  try {
    await db.runMigrations(ds);
    const t0 = performance.now();
    await db.seedIfEmpty(ds, seedConfig(url), { count: PRODUCTS });
    console.log(`  seeded ${PRODUCTS} products in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await ds.query("UPDATE channels SET rate_limit_per_second = $1, slow_retry_delays_ms = $2", [
      WORKER_RATE,
      SLOW_RETRY_DELAYS_MS,
    ]);

    const [apiPort, shopeePort, tiktokPort, authPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const env = {
      DATABASE_URL: url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: "bench-faults",
      PORT: String(apiPort),
      PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
      SIM_SHOPEE_PORT: String(shopeePort),
      SIM_TIKTOK_PORT: String(tiktokPort),
      SIM_TIKTOK_AUTH_PORT: String(authPort),
      SHOPEE_API_BASE: `http://127.0.0.1:${shopeePort}`,
      TIKTOK_API_BASE: `http://127.0.0.1:${tiktokPort}`,
      TIKTOK_AUTH_BASE: `http://127.0.0.1:${authPort}`,
      NODE_ENV: "production",
      ...BENCH_API_ENV,
    };
    const sims = [`http://127.0.0.1:${shopeePort}`, `http://127.0.0.1:${tiktokPort}`];
    procs.sim = await start(logDir, "sim", "apps/marketplace-sim/dist/main.js", env, /simulator on/);
    for (const sim of sims) {
      await json(`${sim}/__sim/settings`, { method: "POST", body: JSON.stringify(SIM) });
      // Re-seeds the shop's tokens, so even the first ones live 25 s.
      await json(`${sim}/__sim/reset`, { method: "POST" });
    }
    const startApi = () => start(logDir, "api", "apps/api/dist/main.js", env, /API listening/);
    let workers = 0;
    const startWorker = async () =>
      start(
        logDir,
        `worker-${workers++}`,
        "apps/worker/dist/main.js",
        { ...env, WORKER_PORT: String(await freePort()), ...WORKER_ENV },
        /worker started/,
      );
    procs.api = await startApi();
    procs.worker = await startWorker();

    const tStart = performance.now();
    const tStartEpoch = Date.now();
    const res = await json(`http://127.0.0.1:${apiPort}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${BENCH_KEY}` },
      body: JSON.stringify({
        query:
          "mutation S($input: StartBatchSyncInput!) { startBatchSync(input: $input) { batch { id total } userErrors { message } } }",
        variables: { input: { platforms: ["SHOPEE", "TIKTOK_SHOP"] } },
      }),
    });
    const batch = res.data?.startBatchSync?.batch;
    if (!batch) throw new Error(JSON.stringify(res));
    const counts = async () => {
      const rows = await q(
        ds,
        "SELECT status, count(*)::int AS n FROM sync_items WHERE batch_id = $1 GROUP BY status",
        [batch.id],
      );
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    };
    const finalShare = async () => {
      const c = await counts();
      return FINAL_ITEM_STATUSES.reduce((n, s) => n + (c[s] ?? 0), 0) / batch.total;
    };
    const deadline = async (ms) => {
      if (performance.now() - tStart > ms)
        throw new Error(`not final after ${ms / 1000} s: ${JSON.stringify(await counts())}`);
    };

    // Evidence for the report: items RUNNING whose claim has lapsed (nobody works on them), each second.
    const stale = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const [r] = await ds
          .query(
            "SELECT count(*)::int AS n FROM sync_items WHERE batch_id = $1 AND status = 'RUNNING' AND locked_until < now()",
            [batch.id],
          )
          .catch(() => [null]);
        if (r?.n) stale.push([(performance.now() - tStart) / 1000, r.n]);
        await sleep(1000);
      }
    })();

    const faultTimes = [];
    for (const [share, what] of FAULTS) {
      while ((await finalShare()) < share) {
        await deadline(900_000);
        await sleep(200);
      }
      if (what.startsWith("worker")) {
        await kill(procs.worker);
        procs.worker = await startWorker();
      } else if (what.startsWith("Redis")) {
        await redis.kill();
        await redis.start();
      } else if (what.startsWith("PostgreSQL")) {
        await pg.restart();
      } else {
        await kill(procs.api);
        procs.api = await startApi();
      }
      faultTimes.push([what, (performance.now() - tStart) / 1000, share]);
      console.log(
        `  ${((performance.now() - tStart) / 1000).toFixed(1)} s: ${what} (${Math.round(share * 100)}% final)`,
      );
    }
    const lastFault = Date.now();

    const statusOf = async () =>
      (await q(ds, "SELECT status FROM sync_batches WHERE id = $1", [batch.id]))[0].status;
    while (!["COMPLETED", "COMPLETED_WITH_ERRORS", "CANCELLED"].includes(await statusOf())) {
      await deadline(900_000);
      await sleep(200);
    }
    const batchFinal = Date.now();
    sampling = false;
    await sampler;
    // The run is over when no transient dead letter is open and every automatic retry batch is final.
    const family = `WITH RECURSIVE fam(id) AS (SELECT $1::uuid UNION SELECT b.id FROM sync_batches b JOIN fam ON b.retry_of = fam.id)`;
    const unsettled = async () =>
      (
        await q(
          ds,
          `${family} SELECT
             (SELECT count(*)::int FROM dead_letters WHERE resolved_at IS NULL AND error_class <> 'VALIDATION') AS open,
             (SELECT count(*)::int FROM sync_batches WHERE id IN (SELECT id FROM fam) AND finished_at IS NULL) AS running`,
          [batch.id],
        )
      )[0];
    let settledBy = null;
    for (;;) {
      const u = await unsettled();
      if (u.open === 0 && u.running === 0) break;
      // Bounded: an open transient dead letter the worker never retries is a finding, not a hang.
      if (Date.now() - batchFinal > 180_000) {
        settledBy = `NOT settled 180 s after the batch: ${u.open} transient dead letter(s) open, ${u.running} retry batch(es) running`;
        break;
      }
      await sleep(500);
    }
    const [{ at: lastFinish }] = await q(
      ds,
      `${family} SELECT max(finished_at) AS at FROM sync_batches WHERE id IN (SELECT id FROM fam)`,
      [batch.id],
    );
    const [b] = await q(ds, "SELECT * FROM sync_batches WHERE id = $1", [batch.id]);
    const [late] = await q(
      ds,
      `SELECT count(*) FILTER (WHERE finished_at > to_timestamp($2 / 1000.0) + interval '30 seconds')::int AS late,
              count(*) FILTER (WHERE finished_at > to_timestamp($2 / 1000.0))::int AS after
       FROM sync_items WHERE batch_id = $1`,
      [batch.id, lastFault],
    );
    // The reconciler's releases, as the workers logged them, on the run's clock.
    const reconciler = [];
    for (let i = 0; i < workers; i++) {
      for (const line of readFileSync(path.join(logDir, `worker-${i}.log`), "utf8").split("\n")) {
        if (!line.includes('"msg":"reconciler:')) continue;
        const entry = JSON.parse(line);
        reconciler.push(
          `${((entry.time - tStartEpoch) / 1000).toFixed(0)} s ${entry.msg.replace(/^reconciler: /, "")}`,
        );
      }
    }
    const finalCounts = await counts();
    const settleMs = Math.max(batchFinal, lastFinish.getTime()) - lastFault;

    const dlRows = await q(
      ds,
      `${family} SELECT d.error_class, (d.resolved_at IS NULL) AS open, d.resolution, d.auto_retries > 0 AS auto, count(*)::int AS n
       FROM dead_letters d JOIN sync_items i ON i.id = d.item_id WHERE i.batch_id IN (SELECT id FROM fam)
       GROUP BY 1, 2, 3, 4 ORDER BY 1`,
      [batch.id],
    );
    const byClass = (pred) => {
      const m = {};
      for (const r of dlRows.filter(pred)) m[r.error_class] = (m[r.error_class] ?? 0) + r.n;
      return (
        Object.entries(m)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ") || "none"
      );
    };
    const itemClasses = await q(
      ds,
      `SELECT error_class, count(*)::int AS n FROM sync_items WHERE batch_id = $1 AND status = 'DEAD_LETTERED' GROUP BY 1 ORDER BY 1`,
      [batch.id],
    );
    const [{ n: retryBatches }] = await q(
      ds,
      `${family} SELECT count(*)::int - 1 AS n FROM sync_batches WHERE id IN (SELECT id FROM fam)`,
      [batch.id],
    );

    // What the marketplaces hold against the ledger.
    const recorded = await q(
      ds,
      `SELECT c.platform, l.external_id, l.incomplete, c.price_multiplier::text AS multiplier, c.currency
       FROM listings l JOIN channels c ON c.id = l.channel_id`,
    );
    const prices = new Map(
      (
        await q(
          ds,
          "SELECT sku, price::text AS price FROM products UNION ALL SELECT sku, price::text FROM product_variants",
        )
      ).map((r) => [r.sku, r.price]),
    );
    const rows = {
      items: `${b.total} (${b.succeeded} succeeded, ${b.skipped} skipped, ${b.dead_lettered} dead-lettered, ${b.failed} failed)`,
      "items' own statuses": JSON.stringify(finalCounts),
      "counters queued / running": `${b.queued} / ${b.running}`,
    };
    for (const [what, at, share] of faultTimes)
      rows[`fault at ${at.toFixed(1)} s (${Math.round(share * 100)}% final)`] = what;
    Object.assign(rows, {
      "mutation → batch final": `${(faultTimes.at(-1)[1] + (batchFinal - lastFault) / 1000).toFixed(1)} s`,
      "last fault → batch final": `${((batchFinal - lastFault) / 1000).toFixed(1)} s`,
      "last fault → retries settled":
        settledBy ?? `${(settleMs / 1000).toFixed(1)} s (${retryBatches} automatic retry batch(es))`,
      "items final > 0 / > 30 s after it": `${late.after} / ${late.late}`,
      "RUNNING past their claim (peak)": stale.length
        ? `${Math.max(...stale.map(([, n]) => n))} items; seen ${stale[0][0].toFixed(0)}–${stale.at(-1)[0].toFixed(0)} s`
        : "never",
      "reconciler (run's clock)": reconciler.join("; ") || "nothing",
      "dead-lettered items by class": itemClasses.map((r) => `${r.error_class} ${r.n}`).join(", ") || "none",
      "dead letters open, by class": byClass((r) => r.open),
      "dead letters auto-retried": byClass((r) => !r.open && r.resolution === "RETRIED" && r.auto),
      "dead letters resolved else": byClass((r) => !r.open && !(r.resolution === "RETRIED" && r.auto)),
    });
    let orphans = 0;
    let mismatches = 0;
    let duplicates = 0;
    let incomplete = 0;
    const stats = [];
    for (const [i, [name, platform]] of [
      ["Shopee", "SHOPEE"],
      ["TikTok Shop", "TIKTOK_SHOP"],
    ].entries()) {
      const held = (await json(`${sims[i]}/__sim/listings`)).listings;
      stats.push(await json(`${sims[i]}/__sim/stats`));
      const mine = recorded.filter((r) => r.platform === platform && r.external_id !== null);
      const ids = new Set(mine.map((r) => r.external_id));
      const heldIds = new Set(held.map((l) => l.externalId));
      const orphan = held.filter((l) => !ids.has(l.externalId));
      const missing = mine.filter((r) => !heldIds.has(r.external_id));
      const dup = held.length - new Set(held.map((l) => l.sellerSku)).size;
      const half = mine.filter((r) => r.incomplete).length;
      const ch = mine[0] ?? recorded.find((r) => r.platform === platform);
      const expected = (sku) => channelPrice(prices.get(sku), ch.multiplier, ch.currency);
      let bad = 0;
      for (const l of held) {
        if (l.price !== null && l.price !== expected(l.sellerSku)) bad++;
        for (const v of l.variants) if (v.price !== expected(v.sellerSku)) bad++;
      }
      orphans += orphan.length;
      duplicates += dup;
      mismatches += bad;
      incomplete += half;
      rows[`${name}: held / recorded`] =
        `${held.length} / ${mine.length} (${missing.length} recorded but not held)`;
      rows[`${name}: orphans / dup SKUs / incompl.`] = `${orphan.length}${
        orphan.length
          ? ` (${orphan
              .slice(0, 5)
              .map((l) => `${l.externalId} ${l.sellerSku}`)
              .join(", ")}…)`
          : ""
      } / ${dup} / ${half}`;
      rows[`${name}: price mismatches`] = String(bad);
      rows[`${name}: calls/5xx/timeouts/429s`] =
        `${stats[i].totalCalls}, ${stats[i].errors}, ${stats[i].timeouts}, ${stats[i].rateLimited}`;
    }
    const nonValidation = dlRows
      .filter((r) => r.open && r.error_class !== "VALIDATION")
      .reduce((n, r) => n + r.n, 0);
    const settleSeconds = settledBy ? Infinity : settleMs / 1000;
    Object.assign(rows, {
      "target 0 non-VALIDATION open": nonValidation === 0 ? "met" : `NOT met (${nonValidation})`,
      "target 0 orphans, 0 duplicates":
        orphans + duplicates === 0 ? "met" : `NOT met (${orphans} orphans, ${duplicates} duplicates)`,
      "exact prices, none incomplete":
        mismatches + incomplete === 0 ? "met" : `NOT met (${mismatches} prices, ${incomplete} incomplete)`,
      "target ≤ 30 s after last fault": settleSeconds <= 30 ? "met" : "NOT met",
      logs: logDir,
    });
    report(
      `demo catalog through ${SIM.errorRate * 100}% 5xx, ${SIM.timeoutRate * 100}% timeouts, ${SIM.qpsPerShop} req/s per shop (worker ${WORKER_RATE}), ${SIM.accessTokenTtlSec} s tokens; dead-letter auto-retry every ${WORKER_ENV.DEAD_LETTER_AUTO_RETRY_INTERVAL_MS} ms, slow round ${SLOW_RETRY_DELAYS_MS} ms`,
      rows,
    );
    return rows;
  } finally {
    await Promise.all([stop(procs.worker), stop(procs.api), stop(procs.sim)]);
    await ds.destroy().catch(() => undefined);
    await Promise.all([pg.close(), redis.close()]);
  }
}
