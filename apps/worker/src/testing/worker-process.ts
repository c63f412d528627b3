import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { Config } from "@syncstore/config";

const root = path.resolve(__dirname, "../../../..");
export const WORKER_MAIN = path.join(root, "apps/worker/dist/main.js");

/**
 * Tests that SIGKILL a worker need it as a process of its own, built with tsc (decorator metadata).
 * The build is incremental and serialised by a lock, so test files running in parallel neither build
 * twice at once nor run a dist older than the sources.
 */
export function buildWorker(): void {
  const r = spawnSync(
    "flock",
    [
      path.join(root, "node_modules/.worker-build.lock"),
      "pnpm",
      "exec",
      "tsc",
      "-b",
      "apps/worker/tsconfig.build.json",
    ],
    { cwd: root, stdio: "inherit" },
  );
  if (r.status !== 0) throw new Error("could not build the worker");
}

/** A worker process on the harness's database, Redis namespace, simulators and media server. */
export function startWorkerProcess(
  config: Config,
  env: Record<string, string> = {},
  /** Where the worker's log lines go (a file descriptor); nowhere by default. */
  logTo: number | "ignore" = "ignore",
): ChildProcess {
  const child = spawn(process.execPath, [WORKER_MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      REDIS_PREFIX: config.REDIS_PREFIX,
      PUBLIC_URL: config.PUBLIC_URL,
      SHOPEE_API_BASE: config.SHOPEE_API_BASE,
      TIKTOK_API_BASE: config.TIKTOK_API_BASE,
      TIKTOK_AUTH_BASE: config.TIKTOK_AUTH_BASE,
      SHOPEE_TIER_VARIATION_WAIT_MS: String(config.SHOPEE_TIER_VARIATION_WAIT_MS),
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", logTo, "inherit"],
  });
  return child;
}

export async function killProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}
