import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createRedis } from "@syncstore/queue";
import { waitUntil } from "./harness";

/**
 * Servers a fault test owns, so it can kill and restart them without touching the shared PostgreSQL
 * and Redis every other test (and engineer) uses: a redis-server and a PostgreSQL cluster of their
 * own, each on a free port.
 */

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface OwnRedis {
  url: string;
  /** SIGKILL: everything in memory is gone, clients see connection errors. */
  kill(): Promise<void>;
  /** A new, empty redis-server on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let proc: ChildProcess | null = null;
  const start = async () => {
    proc = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    const probe = createRedis(url, { name: "own-redis-probe" });
    try {
      await waitUntil(
        async () => (await probe.ping().catch(() => "")) === "PONG",
        10_000,
        () => `redis-server on ${port} did not start`,
      );
    } finally {
      probe.disconnect();
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
  return { url, kill, start, close: kill };
}

export interface OwnPostgres {
  /** The cluster's maintenance database; createTestDatabase makes one beside it. */
  serverUrl: string;
  /** `pg_ctl restart -m immediate`: every connection is cut, uncommitted work is lost. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

function pgBin(name: string): string {
  const bindir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
  return path.join(bindir, name);
}

/**
 * PostgreSQL refuses to run as root: as root, run its tools as the postgres user. Asynchronous, so
 * the worker in this process keeps running while the database goes down and comes back.
 */
function asPostgres(cmd: string, args: string[]): Promise<{ status: number | null; output: string }> {
  const [file, argv] =
    process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
  return new Promise((resolve) => {
    const child = spawn(file, argv, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", (e) => resolve({ status: -1, output: String(e) }));
    child.on("exit", (status) => resolve({ status, output }));
  });
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "syncstore-pg-"));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  const init = await asPostgres(pgBin("initdb"), [
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
  const options = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    // A test cluster: losing it to a machine crash costs nothing; a process crash loses no commit.
    "-c fsync=off",
    "-c max_connections=60",
  ].join(" ");
  const ctl = async (...args: string[]) => {
    const r = await asPostgres(pgBin("pg_ctl"), ["-D", data, "-l", path.join(dir, "log"), ...args]);
    if (r.status !== 0) throw new Error(`pg_ctl ${args.join(" ")} failed: ${r.output}`);
  };
  await ctl("-o", options, "-w", "start");
  return {
    serverUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart() {
      await ctl("-m", "immediate", "-w", "restart");
    },
    async close() {
      try {
        await ctl("-m", "immediate", "-w", "stop");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
