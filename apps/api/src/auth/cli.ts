import "reflect-metadata";
import { loadConfig, loadDotEnv } from "@syncstore/config";
import {
  createDataSource,
  ensureDatabase,
  runMigrations,
  SessionRepository,
  UserRepository,
} from "@syncstore/db";
import { createRedis } from "@syncstore/queue";
import { AccountAdmin } from "./account-admin";
import { publishCredentialChange, type CredentialChange } from "./revocation";
import { isRole, Role } from "./permissions";
import { UserService } from "./users";

/**
 * `node apps/api/dist/auth/cli.js create-user --email alice@example.com --role ADMIN [--name "Alice"]`
 * `node apps/api/dist/auth/cli.js reset-password --email admin@syncstore.local`
 * The password comes from SYNCSTORE_PASSWORD or the first line of stdin, never from the command
 * line, where it would land in shell history and the process list.
 */
export const USAGE =
  "usage: create-user --email <email> --role <ADMIN|OPERATOR|VIEWER> [--name <name>]\n" +
  "       reset-password --email <email>   (signs the user out everywhere)\n" +
  "       password from SYNCSTORE_PASSWORD, or the first line of stdin";

export type CliCommand =
  | { command: "create-user"; email: string; role: Role; name: string | null }
  | { command: "reset-password"; email: string };

const OPTIONS: Record<CliCommand["command"], readonly string[]> = {
  "create-user": ["--email", "--role", "--name"],
  "reset-password": ["--email"],
};

export function parseArgs(argv: readonly string[]): CliCommand | { error: string } {
  const [command, ...rest] = argv;
  if (command !== "create-user" && command !== "reset-password")
    return { error: `unknown command ${JSON.stringify(command ?? "")}` };
  const values = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    if (!OPTIONS[command].includes(flag)) return { error: `unknown option ${flag}` };
    const value = rest[i + 1];
    if (value === undefined || value.startsWith("--")) return { error: `${flag} needs a value` };
    values.set(flag, value);
    i++;
  }
  const email = values.get("--email");
  if (!email) return { error: "--email is required" };
  if (command === "reset-password") return { command, email };
  const role = (values.get("--role") ?? "").toUpperCase();
  if (!isRole(role)) return { error: `--role must be one of ${Object.values(Role).join(", ")}` };
  return { command, email, role, name: values.get("--name") ?? null };
}

async function readFirstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stream) {
    text += String(chunk);
    if (text.includes("\n")) break;
  }
  return text.split(/\r?\n/)[0] ?? "";
}

export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Returns the process exit code. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if ("error" in args) {
    io.err(`${args.error}\n${USAGE}`);
    return 2;
  }
  let password = env.SYNCSTORE_PASSWORD;
  if (!password) {
    if (io.stdin.isTTY) io.err("Password (input is shown; prefer SYNCSTORE_PASSWORD or a pipe): ");
    password = await readFirstLine(io.stdin);
  }
  const config = loadConfig(env);
  await ensureDatabase(config.DATABASE_URL);
  const ds = createDataSource(config.DATABASE_URL, { poolSize: 2, applicationName: "syncstore-cli" });
  await ds.initialize();
  try {
    await runMigrations(ds);
    if (args.command === "create-user") {
      const { command: _command, ...input } = args;
      const { user, userErrors } = await new UserService(ds).create({ ...input, password }, []);
      if (!user) {
        for (const e of userErrors) io.err(`${e.field?.join(".") ?? "input"}: ${e.message} (${e.code})`);
        return 1;
      }
      io.out(`Created ${user.role} user ${user.email} (id ${user.id})`);
      return 0;
    }
    const found = await new UserRepository(ds).findByEmail(args.email.trim());
    if (!found) {
      io.err(`email: no user has the email ${args.email} (NOT_FOUND)`);
      return 1;
    }
    const sessions = new SessionRepository(ds);
    // Sessions end in PostgreSQL, which every HTTP request checks; the announcement over Redis is what
    // closes the user's open WebSockets on every API instance at once, as the API's own resetPassword does.
    const changes: CredentialChange[] = [];
    const accounts = new AccountAdmin(
      ds,
      { revokeAllOf: (userId) => sessions.revokeAllOf(userId, new Date()) },
      async (change) => {
        changes.push(change);
      },
    );
    const { user, revokedSessions, userErrors } = await accounts.resetPassword(
      { userId: found.id, password },
      [],
    );
    if (!user) {
      for (const e of userErrors) io.err(`${e.field?.join(".") ?? "input"}: ${e.message} (${e.code})`);
      return 1;
    }
    io.out(
      `New password set for ${user.role} user ${user.email}; ${revokedSessions} open session(s) ended` +
        (user.disabledAt ? " (the account is disabled: an admin must enable it with updateUser)" : ""),
    );
    for (const change of changes) await announce(config, change, io);
    return 0;
  } finally {
    await ds.destroy();
  }
}

/**
 * Publishes the change after the commit. Redis being down does not undo the new password: the
 * sockets then close at their next operation or their next periodic check, and the CLI says so.
 */
async function announce(
  config: { REDIS_URL: string; REDIS_PREFIX: string; WS_REVALIDATE_SECONDS: number },
  change: CredentialChange,
  io: CliIo,
): Promise<void> {
  const redis = createRedis(config.REDIS_URL, { name: "syncstore-cli" });
  // Reported once below, not once per reconnection attempt.
  redis.on("error", () => undefined);
  try {
    await publishCredentialChange(redis, config.REDIS_PREFIX, change);
  } catch (e) {
    io.err(
      `could not announce the change over Redis (${e instanceof Error ? e.message : String(e)}): ` +
        `the user's open WebSockets close at their next operation, or within ${config.WS_REVALIDATE_SECONDS} s`,
    );
  } finally {
    redis.disconnect();
  }
}

if (require.main === module) {
  loadDotEnv();
  runCli(process.argv.slice(2), process.env, {
    stdin: process.stdin,
    out: (l) => process.stdout.write(l + "\n"),
    err: (l) => process.stderr.write(l + "\n"),
  }).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
