import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * Hardening #13, deployment defaults: `docker compose up` published Redis (no password) and
 * PostgreSQL (postgres/postgres) on every interface, with secrets written into the file. The compose
 * file as shipped: only the API is published, on loopback unless API_PUBLISH says otherwise; Redis
 * asks for a password; every secret comes from the generated env file.
 */
const root = path.resolve(__dirname, "../../..");
const text = fs.readFileSync(path.join(root, "docker-compose.yml"), "utf8");

interface Service {
  ports?: string[];
  command?: string[];
  env_file?: { path: string; required?: boolean }[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
}
const services = (parse(text, { merge: true }) as { services: Record<string, Service> }).services;

describe("docker-compose.yml", () => {
  it("publishes the API only, on 127.0.0.1 by default", () => {
    const published = Object.entries(services)
      .filter(([, s]) => (s.ports ?? []).length > 0)
      .map(([name, s]) => [name, s.ports]);
    expect(published).toEqual([["api", ["${API_PUBLISH:-127.0.0.1:4000}:4000"]]]);
  });

  it("runs Redis with a password, and its health check uses it", () => {
    expect(services.redis!.command!.join(" ")).toMatch(/--requirepass "\$\$REDIS_PASSWORD"/);
    expect(services.redis!.healthcheck!.test.join(" ")).toMatch(/-a "\$\$REDIS_PASSWORD"/);
  });

  it("reads every secret from the generated env file, none from the compose file itself", () => {
    for (const [name, s] of Object.entries(services)) {
      expect([name, s.env_file]).toEqual([
        name,
        expect.arrayContaining([{ path: ".syncstore/compose.env", required: true }]),
      ]);
      const environment = Object.keys(s.environment ?? {});
      for (const secret of [
        "SESSION_SECRET",
        "SECRETS_KEY",
        "POSTGRES_PASSWORD",
        "REDIS_PASSWORD",
        "DATABASE_URL",
        "REDIS_URL",
      ])
        expect([name, environment]).not.toEqual([name, expect.arrayContaining([secret])]);
    }
    expect(text).not.toMatch(/dev-only-session-secret-change-me|postgres:postgres@|POSTGRES_PASSWORD:/);
  });
});
