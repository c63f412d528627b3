import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { webDistDir } from "../http/static";

/**
 * The built dashboard's Vite manifest, building the web app first when a fresh clone has none — as
 * the browser tests' ensureBuilt does (apps/web/e2e/product.ts), but only the web part: the API runs
 * from source here. Call before the API starts: it decides at start-up whether there is a web app.
 */
export function ensureWebBuilt(): Record<string, { file: string }> {
  const manifest = path.join(webDistDir(), ".vite", "manifest.json");
  if (!fs.existsSync(manifest)) {
    const root = path.resolve(webDistDir(), "../../..");
    const r = spawnSync("pnpm", ["--filter", "@syncstore/web", "build"], { cwd: root, stdio: "inherit" });
    if (r.status !== 0)
      throw new Error(`pnpm --filter @syncstore/web build failed (exit ${r.status ?? r.signal})`);
  }
  return JSON.parse(fs.readFileSync(manifest, "utf8")) as Record<string, { file: string }>;
}
