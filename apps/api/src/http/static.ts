import express, { type Express } from "express";
import fs from "node:fs";
import path from "node:path";

/** Where Vite puts the dashboard and the playground. */
export function webDistDir(): string {
  return path.resolve(__dirname, "../../../web/dist");
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
