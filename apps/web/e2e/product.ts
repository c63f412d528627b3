// The product as `pnpm start` runs it, in an isolated environment of its own: a fresh database,
// free ports, its own Redis prefix and admin key. Shared by the browser tests.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface RunningProduct {
  baseUrl: string;
  adminApiKey: string;
  databaseName: string;
  redisPrefix: string;
  shopeeSim: string;
  tiktokSim: string;
  /** The worker's /healthz and /metrics. */
  workerUrl: string;
  /** Everything the product printed so far, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `pnpm start` builds first; a test run does the same, once, when a build output is missing. */
export function ensureBuilt(): void {
  const api = path.join(root, "apps/api/dist/main.js");
  const web = path.join(root, "apps/web/dist/index.html");
  if (existsSync(api) && existsSync(web)) return;
  const r = spawnSync("pnpm", ["build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`pnpm build failed (exit ${r.status ?? r.signal})`);
}

function psql(sql: string): void {
  const r = spawnSync(
    "psql",
    ["-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qc", sql],
    {
      encoding: "utf8",
    },
  );
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr || r.error?.message}`);
}

function dropRedisKeys(prefix: string): void {
  const scan = spawnSync("redis-cli", ["--scan", "--pattern", `*${prefix}*`], { encoding: "utf8" });
  const keys = scan.stdout?.split("\n").filter(Boolean) ?? [];
  for (let i = 0; i < keys.length; i += 500) spawnSync("redis-cli", ["DEL", ...keys.slice(i, i + 500)]);
}

export async function startProduct(
  opts: {
    readyTimeoutMs?: number;
    /** Added to (and overriding) the environment below. */ env?: Record<string, string>;
  } = {},
): Promise<RunningProduct> {
  ensureBuilt();
  const id = randomBytes(5).toString("hex");
  const databaseName = `syncstore_e2e_${id}`;
  const redisPrefix = `e2e-${id}`;
  const adminApiKey = `e2e-admin-${randomBytes(16).toString("hex")}`;
  const [port, shopeePort, tiktokPort, tiktokAuthPort, workerPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const shopeeSim = `http://127.0.0.1:${shopeePort}`;
  const tiktokSim = `http://127.0.0.1:${tiktokPort}`;

  const child: ChildProcess = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "development",
      DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${databaseName}`,
      PORT: String(port),
      SIM_ENABLED: "true",
      SIM_SHOPEE_PORT: String(shopeePort),
      SIM_TIKTOK_PORT: String(tiktokPort),
      // The TikTok auth host has a port of its own; a fixed default would collide between products.
      SIM_TIKTOK_AUTH_PORT: String(tiktokAuthPort),
      TIKTOK_AUTH_BASE: `http://127.0.0.1:${tiktokAuthPort}`,
      WORKER_PORT: String(workerPort),
      SHOPEE_API_BASE: shopeeSim,
      // The simulator's wait is 50 ms, not Shopee's 5 s.
      SHOPEE_TIER_VARIATION_WAIT_MS: "100",
      TIKTOK_API_BASE: tiktokSim,
      REDIS_PREFIX: redisPrefix,
      ADMIN_API_KEY: adminApiKey,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });

  let output = "";
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `the product did not print "SyncStore is running." within ${opts.readyTimeoutMs ?? 240_000} ms`,
          ),
        ),
      opts.readyTimeoutMs ?? 240_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("SyncStore is running.")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error("the product exited before it was ready"));
    });
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      child.kill("SIGINT");
      const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exit;
      clearTimeout(killer);
    }
    psql(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    dropRedisKeys(redisPrefix);
  };

  try {
    await ready;
  } catch (e) {
    await stop();
    const tail = output.split("\n").slice(-40).join("\n");
    throw new Error(`${(e as Error).message}\n--- product output (last 40 lines) ---\n${tail}`, { cause: e });
  }

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    adminApiKey,
    databaseName,
    redisPrefix,
    shopeeSim,
    tiktokSim,
    workerUrl: `http://127.0.0.1:${workerPort}`,
    output: () => output,
    stop,
  };
}
