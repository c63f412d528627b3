// `pnpm start`: the whole product on one machine. Finds PostgreSQL and Redis (or starts them with
// Docker when an engine answers), prepares the database, then runs the simulators, API and worker
// as child processes and stops them all on Ctrl-C.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { loadConfig, ConfigError } = require(path.join(root, "packages/config/dist/index.js"));

function fail(message) {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

let config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) fail(e.message);
  throw e;
}

function reachable(urlString, defaultPort) {
  const url = new URL(urlString);
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || defaultPort) });
    socket.setTimeout(1500);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

function dockerAnswers() {
  const r = spawnSync("docker", ["info"], { stdio: "ignore", timeout: 5000 });
  return r.status === 0;
}

async function waitFor(check, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function ensureServices() {
  const services = [
    {
      name: "PostgreSQL",
      url: config.DATABASE_URL,
      port: 5432,
      compose: "postgres",
      hint: "pg_ctlcluster <version> main start (Debian), brew services start postgresql, or set DATABASE_URL",
    },
    {
      name: "Redis",
      url: config.REDIS_URL,
      port: 6379,
      compose: "redis",
      hint: "redis-server --daemonize yes, brew services start redis, or set REDIS_URL",
    },
  ];
  const missing = [];
  for (const s of services) if (!(await reachable(s.url, s.port))) missing.push(s);
  if (missing.length === 0) return;
  if (dockerAnswers()) {
    const names = missing.map((s) => s.compose);
    console.log(
      `• ${missing.map((s) => s.name).join(" and ")} not reachable; starting with docker compose: ${names.join(", ")}`,
    );
    const r = spawnSync("docker", ["compose", "up", "-d", ...names], { cwd: root, stdio: "inherit" });
    if (r.status !== 0) fail("docker compose up failed (see above).");
    for (const s of missing) {
      if (!(await waitFor(() => reachable(s.url, s.port), 60)))
        fail(`${s.name} did not come up at ${s.url}.`);
    }
    return;
  }
  fail(
    missing
      .map((s) => `${s.name} is not reachable at ${new URL(s.url).host}. Start it (${s.hint}).`)
      .join("\n  ") + "\n  No Docker engine answered either, so nothing could be started for you.",
  );
}

async function prepareDatabase() {
  const db = require(path.join(root, "packages/db/dist/index.js"));
  await db.ensureDatabase(config.DATABASE_URL);
  const ds = db.createDataSource(config.DATABASE_URL);
  await ds.initialize();
  try {
    const applied = await db.runMigrations(ds);
    if (applied.length) console.log(`• applied ${applied.length} migration(s)`);
    const seeded = await db.seedIfEmpty(ds, config);
    if (seeded)
      console.log(`• seeded the demo catalog: ${seeded.products} products, ${seeded.channels} channels`);
  } finally {
    await ds.destroy();
  }
}

/**
 * Out of the box there must be someone to sign in as. On a database without users, create an admin
 * with a random password kept in .syncstore/ (git-ignored) and shown at every start.
 */
const ADMIN_EMAIL = "admin@syncstore.local";
const passwordFile = path.join(root, ".syncstore", "admin-password");
async function ensureFirstAdmin() {
  const db = require(path.join(root, "packages/db/dist/index.js"));
  const ds = db.createDataSource(config.DATABASE_URL);
  await ds.initialize();
  let users;
  try {
    [{ users }] = await ds.query("SELECT count(*)::int AS users FROM users");
  } finally {
    await ds.destroy();
  }
  if (users > 0) return existsSync(passwordFile) ? readFileSync(passwordFile, "utf8").trim() : null;
  const password = randomBytes(12).toString("base64url");
  const r = spawnSync(
    process.execPath,
    [
      path.join(root, "apps/api/dist/auth/cli.js"),
      "create-user",
      "--email",
      ADMIN_EMAIL,
      "--role",
      "ADMIN",
      "--name",
      "Admin",
    ],
    {
      cwd: root,
      env: { ...process.env, SYNCSTORE_PASSWORD: password },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  if (r.status !== 0) fail("could not create the first admin user (see above).");
  mkdirSync(path.dirname(passwordFile), { recursive: true });
  writeFileSync(passwordFile, password + "\n", { mode: 0o600 });
  console.log(`• created the first admin user ${ADMIN_EMAIL}`);
  return password;
}

// Children log JSON lines (pino); on a terminal they read better pretty-printed, one line each.
// LOG_FORMAT=json keeps them as they are (for piping into a log shipper).
function lineFormatter() {
  if (config.LOG_FORMAT === "json") return (line) => line;
  let prettyFactory;
  try {
    ({ prettyFactory } = require("pino-pretty"));
  } catch {
    return (line) => line; // a production install without dev dependencies
  }
  const pretty = prettyFactory({
    colorize: Boolean(process.stdout.isTTY),
    singleLine: true,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname,name",
  });
  return (line) => (line.startsWith("{") ? pretty(line).replace(/\n$/, "") : line);
}
const formatLine = lineFormatter();

const children = [];
const colours = { sim: 35, api: 36, worker: 33 };

function run(name, script) {
  const file = path.join(root, script);
  if (!existsSync(file)) return null;
  const child = spawn(process.execPath, ["--enable-source-maps", file], {
    cwd: root,
    env: { ...process.env, SYNCSTORE_CHILD: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = `\x1b[${colours[name]}m[${name}]\x1b[0m `;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = "";
    stream.on("data", (chunk) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop();
      for (const line of lines) process.stdout.write(prefix + formatLine(line) + "\n");
    });
  }
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${prefix}exited (${signal ?? code}); stopping everything.`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  console.log("\n• stopping…");
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const c of alive) c.kill("SIGTERM");
  await Promise.race([
    Promise.all(alive.map((c) => new Promise((r) => c.once("exit", r)))),
    new Promise((r) => setTimeout(r, 15_000)),
  ]);
  for (const c of alive) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

await ensureServices();
await prepareDatabase();
const adminPassword = await ensureFirstAdmin();
if (config.SIM_ENABLED) run("sim", "apps/marketplace-sim/dist/main.js");
run("api", "apps/api/dist/main.js");
run("worker", "apps/worker/dist/main.js");

const base = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
const up = await waitFor(async () => {
  try {
    const res = await fetch(`http://127.0.0.1:${config.PORT}/healthz`);
    return res.ok;
  } catch {
    return false;
  }
}, 60);
if (!up) {
  console.error("✖ the API did not become healthy within 60 s (see its output above).");
  await stop(1);
}
console.log(`
SyncStore is running.
  Dashboard   ${base}/
  Playground  ${base}/playground
  GraphQL     ${base}/graphql   (WebSocket subscriptions on the same URL)
  Health      ${base}/healthz   Metrics ${base}/metrics
  Worker      http://127.0.0.1:${config.WORKER_PORT}/healthz   http://127.0.0.1:${config.WORKER_PORT}/metrics
${config.SIM_ENABLED ? `  Simulators  Shopee ${config.SHOPEE_API_BASE}  TikTok Shop ${config.TIKTOK_API_BASE}\n` : ""}
  Sign in     ${adminPassword ? `${ADMIN_EMAIL} / ${adminPassword}  (kept in .syncstore/admin-password)` : "with your user (create one: SYNCSTORE_PASSWORD=… pnpm user:create --email you@example.com --role ADMIN)"}
  API keys    partners send "Authorization: Bearer <key>"; ${config.ADMIN_API_KEY ? "ADMIN_API_KEY is an admin key" : "create keys with the createApiKey mutation"}
Press Ctrl-C to stop.
`);
