// products(first: 50, search: …) on 100,000 products, 50 concurrent connections.
// Target: p99 under 20 ms on a 2-core machine.
import { Pool } from "undici";
import { catalogDatabase, freePort, percentile, report, startProcess, stop } from "./lib.mjs";

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const CONNECTIONS = 50;
const BENCH_KEY = "bench-products-admin-key-0123456789";
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 15) * 1000;
const SEARCHES = [
  "kaos",
  "sepatu",
  "samsung",
  "serum",
  "merah",
  "wardah",
  "tas",
  "botol",
  "SKU-0001",
  "xl",
  "polos",
  "anak",
];

export async function run() {
  console.log(`products query: ${PRODUCTS} products, ${CONNECTIONS} connections, ${DURATION_MS / 1000} s`);
  const { url, ds } = await catalogDatabase(`syncstore_bench_products_${PRODUCTS}`, PRODUCTS);
  await ds.destroy();
  const port = await freePort();
  const api = await startProcess(
    "api",
    "apps/api/dist/main.js",
    {
      DATABASE_URL: url,
      PORT: String(port),
      REDIS_PREFIX: "bench-products",
      NODE_ENV: "production",
      ADMIN_API_KEY: BENCH_KEY,
      // One client making every request: the per-key rate limit would measure itself, not the query.
      API_RATE_LIMIT_PER_MINUTE: "100000000",
      API_RATE_LIMIT_BURST: "1000000",
    },
    /API listening/,
  );
  try {
    const pool = new Pool(`http://127.0.0.1:${port}`, { connections: CONNECTIONS, pipelining: 1 });
    const query =
      "query P($s: String) { products(first: 50, search: $s) { totalCount edges { node { id sku title price stock } } pageInfo { hasNextPage endCursor } } }";
    const send = async (i) => {
      const body = JSON.stringify({ query, variables: { s: SEARCHES[i % SEARCHES.length] } });
      const t0 = performance.now();
      const res = await pool.request({
        path: "/graphql",
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${BENCH_KEY}` },
        body,
      });
      const text = await res.body.text();
      if (res.statusCode !== 200 || text.includes('"errors"'))
        throw new Error(`bad answer ${res.statusCode}: ${text.slice(0, 300)}`);
      return performance.now() - t0;
    };
    for (let i = 0; i < 200; i++) await send(i); // warm caches and the JIT
    const latencies = [];
    const started = performance.now();
    let n = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() - started < DURATION_MS) latencies.push(await send(n++));
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    await pool.close();
    const result = {
      requests: latencies.length,
      "requests/s": (latencies.length / elapsed).toFixed(0),
      "p50 ms": percentile(latencies, 50).toFixed(2),
      "p99 ms": percentile(latencies, 99).toFixed(2),
      "max ms": latencies.at(-1).toFixed(2),
      "target p99 < 20 ms": percentile(latencies, 99) < 20 ? "met" : "NOT met",
    };
    report("products(first: 50, search: …)", result);
    return result;
  } finally {
    await stop(api);
  }
}
