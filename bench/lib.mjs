// Shared pieces of the benchmarks: isolated databases, child processes, percentiles.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const require = createRequire(import.meta.url);
// The benchmarks run the API and worker with NODE_ENV=production, which refuses missing or default
// secrets: one random pair per run, shared by every process (and the in-process seed) through the env.
process.env.SESSION_SECRET ||= randomBytes(32).toString("base64url");
process.env.SECRETS_KEY ||= randomBytes(32).toString("base64url");

export const db = require(path.join(root, "packages/db/dist/index.js"));
export const { loadConfig } = require(path.join(root, "packages/config/dist/index.js"));

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = s.address().port;
      s.close(() => resolve(port));
    });
  });
}

export function benchDbUrl(name) {
  const base = new URL(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/syncstore");
  base.pathname = `/${name}`;
  return base.toString();
}

/** Creates (or reuses) a database with migrations, and the demo catalog of `count` products. */
export async function catalogDatabase(name, count) {
  const url = benchDbUrl(name);
  await db.ensureDatabase(url);
  const ds = db.createDataSource(url);
  await ds.initialize();
  await db.runMigrations(ds);
  const [{ n }] = await ds.query("SELECT count(*)::int AS n FROM products");
  if (n !== count) {
    const t0 = performance.now();
    await ds.query("TRUNCATE products, channels, sync_batches, listing_images RESTART IDENTITY CASCADE");
    await db.seedIfEmpty(ds, loadConfig({ DATABASE_URL: url }), { count });
    console.log(`  seeded ${count} products in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { url, ds };
}

/** Runs a Node entry point as its own process with the given environment; resolves once `ready` matches its output. */
export function startProcess(name, script, env, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, script)], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const onData = (chunk) => {
      output += chunk;
      if (ready.test(output)) resolve(child);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (c) => {
      output += c;
      if (/"level":"error"/.test(String(c))) process.stderr.write(`[${name}] ${c}`);
      if (ready.test(output)) resolve(child);
    });
    child.once("exit", (code) =>
      reject(new Error(`${name} exited (${code}) before it was ready:\n${output.slice(-2000)}`)),
    );
  });
}

export async function stop(child) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

/** Peak resident memory of a process (VmHWM), in MB. */
export async function peakRssMb(pid) {
  const { readFile } = await import("node:fs/promises");
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

export function report(title, rows) {
  console.log(`\n${title}`);
  for (const [k, v] of Object.entries(rows)) console.log(`  ${k.padEnd(34)} ${v}`);
}

/** The admin key benchmarks start the API with, and the limits that keep them from measuring the rate limiter. */
export const BENCH_KEY = "bench-admin-key-0123456789abcdef";
export const BENCH_API_ENV = {
  ADMIN_API_KEY: BENCH_KEY,
  API_RATE_LIMIT_PER_MINUTE: "100000000",
  API_RATE_LIMIT_BURST: "1000000",
};
