// 500 concurrent graphql-ws subscribers on one running batch of the demo catalog.
// Reports delivery latency from an item's commit to each client (p50/p99) and messages per subscriber.
// Target: p99 under 100 ms.
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import {
  BENCH_API_ENV,
  BENCH_KEY,
  catalogDatabase,
  freePort,
  percentile,
  report,
  startProcess,
  stop,
} from "./lib.mjs";

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 500);

export async function run() {
  console.log(`fan-out: ${SUBSCRIBERS} subscribers on one batch of 4,147 products × 2 platforms`);
  const { url, ds } = await catalogDatabase("syncstore_bench_sync", 4147);
  await ds.query("UPDATE channels SET rate_limit_per_second = NULL");
  await ds.query(
    "TRUNCATE listings, listing_images, sync_batches, sync_logs, dead_letters RESTART IDENTITY CASCADE",
  );
  const [apiPort, shopeePort, tiktokPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    DATABASE_URL: url,
    PORT: String(apiPort),
    PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    REDIS_PREFIX: "bench-fanout",
    SIM_SHOPEE_PORT: String(shopeePort),
    SIM_TIKTOK_PORT: String(tiktokPort),
    WORKER_PORT: String(await freePort()),
    SHOPEE_API_BASE: `http://127.0.0.1:${shopeePort}`,
    TIKTOK_API_BASE: `http://127.0.0.1:${tiktokPort}`,
    NODE_ENV: "production",
    ...BENCH_API_ENV,
  };
  const sim = await startProcess("sim", "apps/marketplace-sim/dist/main.js", env, /simulator on/);
  const api = await startProcess("api", "apps/api/dist/main.js", env, /API listening/);
  const clients = [];
  let worker;
  try {
    const res = await fetch(`http://127.0.0.1:${apiPort}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${BENCH_KEY}` },
      body: JSON.stringify({
        query:
          "mutation { startBatchSync(input: { platforms: [SHOPEE, TIKTOK_SHOP] }) { batch { id total } userErrors { message } } }",
      }),
    }).then((r) => r.json());
    const batchId = res.data.startBatchSync.batch.id;
    const latencies = [];
    const perSubscriber = [];
    let connected = 0;
    const done = [];
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const client = createClient({
        url: `ws://127.0.0.1:${apiPort}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${BENCH_KEY}` },
      });
      clients.push(client);
      let count = 0;
      done.push(
        new Promise((resolve, reject) => {
          client.subscribe(
            {
              query: `subscription { batchProgress(batchId: "${batchId}") { seq batch { status percent } item { updatedAt } } }`,
            },
            {
              next: (r) => {
                const now = Date.now();
                if (count++ === 0) connected++;
                const at = r.data?.batchProgress?.item?.updatedAt;
                if (at) latencies.push(now - Date.parse(at));
              },
              error: reject,
              complete: () => {
                perSubscriber.push(count);
                resolve();
              },
            },
          );
        }),
      );
    }
    // Every subscriber has its snapshot before the worker starts: the whole batch is watched live.
    while (connected < SUBSCRIBERS) await new Promise((r) => setTimeout(r, 50));
    worker = await startProcess("worker", "apps/worker/dist/main.js", env, /worker started/);
    const t0 = performance.now();
    await Promise.all(done);
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    perSubscriber.sort((a, b) => a - b);
    const result = {
      subscribers: SUBSCRIBERS,
      "batch duration": `${seconds.toFixed(1)} s`,
      "messages per subscriber (median)": percentile(perSubscriber, 50),
      "messages per subscriber per second": (percentile(perSubscriber, 50) / seconds).toFixed(1),
      "latency p50 ms": percentile(latencies, 50),
      "latency p99 ms": percentile(latencies, 99),
      "latency max ms": latencies.at(-1),
      "target p99 < 100 ms": percentile(latencies, 99) < 100 ? "met" : "NOT met",
    };
    report("batchProgress fan-out", result);
    return result;
  } finally {
    for (const c of clients) await c.dispose();
    await Promise.all([stop(worker), stop(api), stop(sim)]);
    await ds.destroy();
  }
}
