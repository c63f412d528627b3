// Before everything else, so the instrumentations see the modules they patch.
import { tracing } from "./tracing";
import "reflect-metadata";
import { ConfigError, loadConfig, playgroundEnabled } from "@syncstore/config";
import { createDataSource, waitForMigrations } from "@syncstore/db";
import { createRedis } from "@syncstore/queue";
import { startApi } from "./server";
import { logger } from "./logger";

async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = createDataSource(config.DATABASE_URL, { poolSize: 20 });
  await dataSource.initialize();
  // The API never migrates: `pnpm start` or the deploy's migrate job does, once.
  await waitForMigrations(dataSource, 300_000);
  const redis = createRedis(config.REDIS_URL, { name: "syncstore-api" });
  const api = await startApi({ config, dataSource, redis });
  logger.info(
    `API listening on ${config.HOST}:${config.PORT} (GraphQL at /graphql` +
      (playgroundEnabled(config) ? ", playground at /playground)" : "; playground off)"),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: draining requests and subscriptions`);
    await api.close();
    redis.disconnect();
    await dataSource.destroy();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) logger.error(e.message);
  else logger.error("API failed to start", e);
  process.exit(1);
});
