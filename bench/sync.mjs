// The demo catalog (4,147 products) to both platforms — 8,294 items — against the simulators, with
// the API, the worker and both simulators as separate processes on this machine.
// Targets: ≥ 1,000 items/s; worker memory < 300 MB; with a per-shop QPS limit, ≥ 95% of it used and
// no 429 after the first second.
import {
  BENCH_API_ENV,
  BENCH_KEY,
  catalogDatabase,
  freePort,
  peakRssMb,
  report,
  startProcess,
  stop,
} from "./lib.mjs";

const PRODUCTS = 4147;
const QPS = Number(process.env.BENCH_QPS ?? 100);

async function json(url, init) {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

async function reset(ds) {
  await ds.query(
    "TRUNCATE listings, listing_images, sync_batches, sync_logs, dead_letters RESTART IDENTITY CASCADE",
  );
}

async function startProduct(url, namespace, { qps = null } = {}) {
  const [apiPort, shopeePort, tiktokPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    DATABASE_URL: url,
    PORT: String(apiPort),
    PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    REDIS_PREFIX: namespace,
    SIM_SHOPEE_PORT: String(shopeePort),
    SIM_TIKTOK_PORT: String(tiktokPort),
    WORKER_PORT: String(await freePort()),
    SHOPEE_API_BASE: `http://127.0.0.1:${shopeePort}`,
    TIKTOK_API_BASE: `http://127.0.0.1:${tiktokPort}`,
    NODE_ENV: "production",
    // The simulator's own wait after add_item is 50 ms; Shopee's 5 s would measure sleeping, not syncing.
    SHOPEE_TIER_VARIATION_WAIT_MS: "100",
    ...BENCH_API_ENV,
  };
  const sim = await startProcess("sim", "apps/marketplace-sim/dist/main.js", env, /simulator on/);
  const api = await startProcess("api", "apps/api/dist/main.js", env, /API listening/);
  if (qps) {
    for (const port of [shopeePort, tiktokPort]) {
      await json(`http://127.0.0.1:${port}/__sim/settings`, {
        method: "POST",
        body: JSON.stringify({ qpsPerShop: qps }),
      });
    }
  }
  const worker = await startProcess("worker", "apps/worker/dist/main.js", env, /worker started/);
  return { env, sim, api, worker, apiPort, shopeePort, tiktokPort };
}

async function runBatch(ds, p, productLimit) {
  const ids = productLimit
    ? (await ds.query("SELECT id::text FROM products ORDER BY id LIMIT $1", [productLimit])).map((r) => r.id)
    : null;
  const t0 = performance.now();
  const res = await json(`http://127.0.0.1:${p.apiPort}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${BENCH_KEY}` },
    body: JSON.stringify({
      query:
        "mutation S($input: StartBatchSyncInput!) { startBatchSync(input: $input) { batch { id total } userErrors { message } } }",
      variables: { input: { platforms: ["SHOPEE", "TIKTOK_SHOP"], ...(ids ? { productIds: ids } : {}) } },
    }),
  });
  const batch = res.data?.startBatchSync?.batch;
  if (!batch) throw new Error(JSON.stringify(res));
  const enqueuedMs = performance.now() - t0;
  for (;;) {
    const [b] = await ds.query(
      "SELECT status, total, succeeded, skipped, dead_lettered, failed, started_at, finished_at FROM sync_batches WHERE id = $1",
      [batch.id],
    );
    if (["COMPLETED", "COMPLETED_WITH_ERRORS", "CANCELLED"].includes(b.status)) {
      return { ...b, wallSeconds: (performance.now() - t0) / 1000, enqueuedMs };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function run() {
  console.log(`sync: ${PRODUCTS} products × 2 platforms`);
  const { url, ds } = await catalogDatabase("syncstore_bench_sync", PRODUCTS);
  await ds.query("UPDATE channels SET rate_limit_per_second = NULL");
  await reset(ds);
  let p = await startProduct(url, "bench-sync");
  const results = {};
  try {
    const b = await runBatch(ds, p, null);
    const processing = (b.finished_at - b.started_at) / 1000;
    const rss = await peakRssMb(p.worker.pid);
    const calls = await Promise.all(
      [p.shopeePort, p.tiktokPort].map((port) => json(`http://127.0.0.1:${port}/__sim/stats`)),
    );
    Object.assign(results, {
      items: `${b.total} (${b.succeeded} succeeded, ${b.dead_lettered} dead-lettered: invalid demo products)`,
      "enqueue (mutation answered)": `${b.enqueuedMs.toFixed(0)} ms`,
      "wall time, mutation → final": `${b.wallSeconds.toFixed(2)} s`,
      "items/s (wall)": (b.total / b.wallSeconds).toFixed(0),
      "items/s (first start → finish)": (b.total / processing).toFixed(0),
      "marketplace calls": calls.map((c) => c.totalCalls).join(" Shopee / ") + " TikTok",
      "worker peak RSS": `${rss.toFixed(0)} MB`,
      "target ≥ 1,000 items/s": b.total / b.wallSeconds >= 1000 ? "met" : "NOT met",
      "target worker < 300 MB": rss < 300 ? "met" : "NOT met",
    });
    report("full catalog, unthrottled simulators", results);
  } finally {
    await Promise.all([stop(p.worker), stop(p.api), stop(p.sim)]);
  }

  // Throttled: each shop allows QPS calls per second; the workers share the budget through Redis.
  await reset(ds);
  await ds.query("UPDATE channels SET rate_limit_per_second = $1", [QPS]);
  p = await startProduct(url, "bench-sync-qps", { qps: QPS });
  try {
    const limit = Math.max(200, Math.round(QPS * 6));
    const b = await runBatch(ds, p, limit);
    const stats = await Promise.all(
      [p.shopeePort, p.tiktokPort].map((port) => json(`http://127.0.0.1:${port}/__sim/stats`)),
    );
    // Each shop is measured over the time its own queue was busy: TikTok Shop needs fewer calls per
    // item and finishes first; idle time after its last item says nothing about the limiter.
    const windows = await ds.query(
      `SELECT c.platform, min(i.started_at) AS s, max(i.finished_at) AS f FROM sync_items i
       JOIN channels c ON c.id = i.channel_id GROUP BY c.platform`,
    );
    const seconds = (b.finished_at - b.started_at) / 1000;
    const rows = {};
    let met = true;
    [
      ["Shopee", "SHOPEE"],
      ["TikTok Shop", "TIKTOK_SHOP"],
    ].forEach(([name, platform], i) => {
      const st = stats[i];
      const w = windows.find((x) => x.platform === platform);
      const busy = (w.f - w.s) / 1000;
      const used = st.totalCalls / busy / QPS;
      const late429 = st.lastRateLimitedAt !== null && st.lastRateLimitedAt - w.s.getTime() > 1000;
      if (used < 0.95 || late429) met = false;
      rows[`${name}: calls/s vs limit ${QPS}`] =
        `${(st.totalCalls / busy).toFixed(1)} over ${busy.toFixed(1)} s busy (${(used * 100).toFixed(1)}%)`;
      rows[`${name}: 429s (any after first second?)`] = `${st.rateLimited} (${late429 ? "yes" : "no"})`;
    });
    rows["items"] = `${b.total} in ${seconds.toFixed(1)} s`;
    rows["target ≥ 95% of limit, no late 429"] = met ? "met" : "NOT met";
    report(`throttled simulators: ${QPS} requests/s per shop`, rows);
    Object.assign(results, rows);
  } finally {
    await Promise.all([stop(p.worker), stop(p.api), stop(p.sim)]);
    await ds.query("UPDATE channels SET rate_limit_per_second = NULL");
    await ds.destroy();
  }
  return results;
}
