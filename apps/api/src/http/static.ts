import express, { type Express } from "express";
import fs from "node:fs";
import path from "node:path";

/** Where Vite puts the dashboard and the playground. */
export function webDistDir(): string {
  return path.resolve(__dirname, "../../../web/dist");
}

interface ManifestChunk {
  file: string;
  css?: string[];
  assets?: string[];
  imports?: string[];
  dynamicImports?: string[];
}

/** Every file an entry of Vite's manifest loads, directly or through imports (paths under dist). */
function filesOf(manifest: Record<string, ManifestChunk>, entry: string): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const walk = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    for (const f of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(f);
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) walk(next);
  };
  walk(entry);
  return files;
}

/**
 * The files only the playground needs (its page, GraphiQL, Monaco), from the build's manifest: with
 * the playground disabled they are not served either, so a production API does not ship a schema
 * explorer under another name. Without a manifest, at least the page itself.
 */
export function playgroundOnlyFiles(dist: string): Set<string> {
  const only = new Set(["playground.html"]);
  const manifestPath = path.join(dist, ".vite", "manifest.json");
  if (!fs.existsSync(manifestPath)) return only;
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as Record<string, ManifestChunk>;
  const dashboard = filesOf(manifest, "index.html");
  for (const f of filesOf(manifest, "playground.html")) if (!dashboard.has(f)) only.add(f);
  return only;
}

/** The file under dist a request path names, as the static server resolves it (`%2e%2e`, `//`…). */
function servedFile(requestPath: string): string {
  let decoded = requestPath;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    // Malformed escapes: the static server refuses those itself.
  }
  return path.posix.normalize(`/${decoded}`).replace(/^\/+/, "");
}

/**
 * Serves the SPA at `/` (with history-API fallback) and GraphiQL at `/playground`, both from the Vite
 * build, so they work offline. Without a build, says how to make one instead of a bare 404.
 */
export function mountWeb(app: Express, opts: { playground: boolean }): void {
  const dist = webDistDir();
  const built = fs.existsSync(path.join(dist, "index.html"));
  if (!built) {
    app.get(["/", "/playground"], (_req, res) => {
      res
        .status(503)
        .type("text/plain")
        .send("The web app is not built. Run `pnpm build` (pnpm start does it).");
    });
    return;
  }
  if (opts.playground) {
    app.get("/playground", (_req, res) => res.sendFile(path.join(dist, "playground.html")));
  } else {
    const hidden = playgroundOnlyFiles(dist);
    app.use((req, res, next) => {
      if (!hidden.has(servedFile(req.path))) {
        next();
        return;
      }
      res.status(404).type("text/plain").send("The playground is disabled (PLAYGROUND_ENABLED).");
    });
  }
  // Vite names every asset by its content hash, so a name never changes meaning: cache it for a year.
  app.use(
    "/assets",
    express.static(path.join(dist, "assets"), {
      index: false,
      maxAge: "365d",
      immutable: true,
      fallthrough: false,
    }),
  );
  // The rest (index.html, playground.html) must be revalidated, or a deploy is never seen.
  app.use(
    express.static(dist, {
      index: false,
      setHeaders: (res) => res.setHeader("Cache-Control", "no-cache"),
    }),
  );
  app.get(/^\/(?!graphql|healthz|metrics|media|playground|assets\/).*/, (_req, res) => {
    res.sendFile(path.join(dist, "index.html"), { headers: { "Cache-Control": "no-cache" } });
  });
}
