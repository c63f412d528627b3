import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";

/**
 * Reads a `.env` file into `env` without overriding anything already set: the real environment
 * (the shell, Docker, systemd, CI) always wins over the file, so a deploy can override one value
 * without editing it. A missing file is not an error — every variable has a default.
 * Returns the names taken from the file.
 */
export function applyEnvFile(file: string, env: NodeJS.ProcessEnv = process.env): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const applied: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    applied.push(name);
  }
  return applied;
}

let loaded = false;

/** `.env` of the working directory into process.env, once per process. */
export function loadDotEnv(cwd: string = process.cwd()): void {
  if (loaded) return;
  loaded = true;
  applyEnvFile(path.join(cwd, ".env"), process.env);
}
