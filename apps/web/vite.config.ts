import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The one list of whole-unit currencies is core's; the dashboard bundles that module's source
    // (it is pure) instead of keeping its own copy.
    alias: { "@syncstore/core/currency": here("../../packages/core/src/currency.ts") },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    // The API reads it to know which files only the playground uses (not served when it is disabled).
    manifest: true,
    rollupOptions: {
      input: { main: here("index.html"), playground: here("playground.html") },
      onwarn(warning, warn) {
        // GraphiQL's packages carry React-compiler directives that mean nothing to a bundle.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      "/graphql": { target: "http://127.0.0.1:4000", ws: true },
      "/media": "http://127.0.0.1:4000",
      "/catalog": "http://127.0.0.1:4000",
    },
  },
});
