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

/**
 * The seed's configuration: the run's own secrets, so the channel tokens it seals open in the API and
 * worker (an explicit object is all loadConfig reads; without them it seals with the development key).
 */
export function seedConfig(url) {
  return loadConfig({
    DATABASE_URL: url,
    SESSION_SECRET: process.env.SESSION_SECRET,
    SECRETS_KEY: process.env.SECRETS_KEY,
  });
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
    await db.seedIfEmpty(ds, seedConfig(url), { count });
    console.log(`  seeded ${count} products in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } else {
    // Sealed under an earlier run's random key: the workers start from the configured tokens instead.
    await ds.query("UPDATE channels SET access_token = NULL, refresh_token = NULL");
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
  for (const [k, v] of Object.entries(rows)) console.log(`  ${k.padEnd(36)} ${v}`);
}

/** The admin key benchmarks start the API with, and the limits that keep them from measuring the rate limiter. */
export const BENCH_KEY = "bench-admin-key-0123456789abcdef";
export const BENCH_API_ENV = {
  ADMIN_API_KEY: BENCH_KEY,
  API_RATE_LIMIT_PER_MINUTE: "100000000",
  API_RATE_LIMIT_BURST: "1000000",
};

/**
 * A PostgreSQL cluster of the benchmark's own (initdb in a temporary directory, a free port), so a
 * benchmark can `restart -m immediate` it without touching the machine's shared server. As root,
 * PostgreSQL's tools run as the postgres user, which it requires.
 */
export async function startOwnPostgres() {
  const { execFileSync } = await import("node:child_process");
  const { chownSync, mkdtempSync, rmSync } = await import("node:fs");
  const os = await import("node:os");
  const bindir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
  const asPostgres = (cmd, args) =>
    new Promise((resolve) => {
      const [file, argv] =
        process.getuid?.() === 0
          ? ["runuser", ["-u", "postgres", "--", path.join(bindir, cmd), ...args]]
          : [path.join(bindir, cmd), args];
      const child = spawn(file, argv, { stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      child.on("error", (e) => resolve({ status: -1, output: String(e) }));
      child.on("exit", (status) => resolve({ status, output }));
    });
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "syncstore-bench-pg-"));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  const init = await asPostgres("initdb", [
    "-D",
    data,
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
    "--no-sync",
  ]);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.output}`);
  // fsync off: a benchmark's cluster is worthless after a machine crash; a process crash loses no commit.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c max_connections=120`;
  const ctl = async (...args) => {
    const r = await asPostgres("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), ...args]);
    if (r.status !== 0) throw new Error(`pg_ctl ${args.join(" ")} failed: ${r.output}`);
  };
  await ctl("-o", options, "-w", "start");
  return {
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    restart: () => ctl("-m", "immediate", "-w", "restart"),
    async close() {
      try {
        await ctl("-m", "immediate", "-w", "stop");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A redis-server of the benchmark's own, without persistence: `kill` loses everything, `start` is an empty one. */
export async function startOwnRedis() {
  const port = await freePort();
  let proc = null;
  const ping = () =>
    new Promise((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.on("connect", () => s.write("PING\r\n"));
      s.on("data", (d) => {
        s.destroy();
        resolve(String(d).startsWith("+PONG"));
      });
      s.on("error", () => resolve(false));
    });
  const start = async () => {
    proc = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      {
        stdio: "ignore",
      },
    );
    for (let i = 0; !(await ping()); i++) {
      if (i > 100) throw new Error(`redis-server on ${port} did not start`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const kill = async () => {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once("exit", r));
    p.kill("SIGKILL");
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, kill, start, close: kill };
}

/** SIGKILL, and wait until the process is gone. */
export async function kill(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}
