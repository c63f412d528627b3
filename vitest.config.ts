import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

// One graphql-js instance for everyone: type-graphql's ESM build and our sources would otherwise load
// the package twice (ESM and CJS), and instanceof checks on scalars fail between the two copies.
const apiRequire = createRequire(fileURLToPath(new URL("./apps/api/package.json", import.meta.url)));
const graphqlCjs = apiRequire.resolve("graphql");
const typeGraphqlCjs = apiRequire.resolve("type-graphql");

const pkg = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources, so no build is needed before `pnpm test`.
    alias: {
      graphql: graphqlCjs,
      "type-graphql": typeGraphqlCjs,
      // Test-only entry points come before their package's main entry: an alias matches by prefix.
      "@syncstore/db/testing": pkg("./packages/db/src/testing.ts"),
      "@syncstore/worker/testing": pkg("./apps/worker/src/testing/harness.ts"),
      "@syncstore/core/currency": pkg("./packages/core/src/currency.ts"),
      "@syncstore/telemetry/testing": pkg("./packages/telemetry/src/testing.ts"),
      "@syncstore/config": pkg("./packages/config/src/index.ts"),
      "@syncstore/telemetry": pkg("./packages/telemetry/src/index.ts"),
      "@syncstore/core": pkg("./packages/core/src/index.ts"),
      "@syncstore/db": pkg("./packages/db/src/index.ts"),
      "@syncstore/queue": pkg("./packages/queue/src/index.ts"),
      "@syncstore/marketplaces": pkg("./packages/marketplaces/src/index.ts"),
      "@syncstore/marketplace-sim": pkg("./apps/marketplace-sim/src/index.ts"),
      "@syncstore/worker": pkg("./apps/worker/src/index.ts"),
    },
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two tiers (`vitest run --project unit` is `pnpm test:unit`): unit tests need nothing running;
    // anything that talks to PostgreSQL, Redis, a simulator or a browser is a `*.integration.test.ts`
    // (or lives in apps/web/e2e).
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{apps,packages}/*/src/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["{apps,packages}/*/src/**/*.integration.test.ts", "apps/web/e2e/**/*.test.ts"],
        },
      },
    ],
  },
});
