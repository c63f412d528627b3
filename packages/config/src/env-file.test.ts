import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { applyEnvFile } from "./env-file";
import { loadConfig } from "./index";

const dirs: string[] = [];
function envFile(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "syncstore-env-"));
  dirs.push(dir);
  const file = path.join(dir, ".env");
  writeFileSync(file, text);
  return { dir, file };
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("applyEnvFile", () => {
  it("fills what the environment lacks and never overrides what it has", () => {
    const { file } = envFile(
      ["# comment", "PORT=5123", 'SESSION_SECRET="quoted secret value"', "REDIS_PREFIX=fromfile", ""].join(
        "\n",
      ),
    );
    const env: NodeJS.ProcessEnv = { REDIS_PREFIX: "fromshell" };
    expect(applyEnvFile(file, env).sort()).toEqual(["PORT", "SESSION_SECRET"]);
    expect(env).toEqual({ PORT: "5123", SESSION_SECRET: "quoted secret value", REDIS_PREFIX: "fromshell" });
  });

  it("treats a missing file as nothing to read", () => {
    const env: NodeJS.ProcessEnv = {};
    expect(applyEnvFile(path.join(tmpdir(), "no-such-dir-syncstore", ".env"), env)).toEqual([]);
    expect(env).toEqual({});
  });
});

describe("loadConfig() at process start", () => {
  it("takes effect from the working directory's .env, the real environment winning", () => {
    const { dir } = envFile("PORT=4567\nSIM_SHOPEE_PORT=4999\nLOG_LEVEL=warn\n");
    const cwd = process.cwd();
    const saved = { ...process.env };
    delete process.env.PORT;
    delete process.env.LOG_LEVEL;
    process.env.SIM_SHOPEE_PORT = "4888";
    try {
      process.chdir(dir);
      const config = loadConfig();
      expect(config.PORT).toBe(4567);
      expect(config.LOG_LEVEL).toBe("warn");
      expect(config.SIM_SHOPEE_PORT).toBe(4888);
    } finally {
      process.chdir(cwd);
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});
