import "reflect-metadata";
import { loadConfig, loadDotEnv } from "@syncstore/config";
import { createDataSource, ensureDatabase, runMigrations } from "@syncstore/db";
import { isRole, Role } from "./permissions";
import { UserService } from "./users";

/**
 * `node apps/api/dist/auth/cli.js create-user --email alice@example.com --role ADMIN [--name "Alice"]`
 * The password comes from SYNCSTORE_PASSWORD or the first line of stdin, never from the command
 * line, where it would land in shell history and the process list.
 */
export const USAGE =
  "usage: create-user --email <email> --role <ADMIN|OPERATOR|VIEWER> [--name <name>]\n" +
  "       password from SYNCSTORE_PASSWORD, or the first line of stdin";

export interface CreateUserArgs {
  email: string;
  role: Role;
  name: string | null;
}

export function parseArgs(argv: readonly string[]): CreateUserArgs | { error: string } {
  const [command, ...rest] = argv;
  if (command !== "create-user") return { error: `unknown command ${JSON.stringify(command ?? "")}` };
  const values = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    if (!["--email", "--role", "--name"].includes(flag)) return { error: `unknown option ${flag}` };
    const value = rest[i + 1];
    if (value === undefined || value.startsWith("--")) return { error: `${flag} needs a value` };
    values.set(flag, value);
    i++;
  }
  const email = values.get("--email");
  if (!email) return { error: "--email is required" };
  const role = (values.get("--role") ?? "").toUpperCase();
  if (!isRole(role)) return { error: `--role must be one of ${Object.values(Role).join(", ")}` };
  return { email, role, name: values.get("--name") ?? null };
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
    const { user, userErrors } = await new UserService(ds).create({ ...args, password }, []);
    if (!user) {
      for (const e of userErrors) io.err(`${e.field?.join(".") ?? "input"}: ${e.message} (${e.code})`);
      return 1;
    }
    io.out(`Created ${user.role} user ${user.email} (id ${user.id})`);
    return 0;
  } finally {
    await ds.destroy();
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
