// Before everything else, so the instrumentations see the modules they patch.
import { tracing } from "./tracing";
import "reflect-metadata";
import { ConfigError, createLogger, loadConfig } from "@syncstore/config";
import { createDataSource, waitForMigrations } from "@syncstore/db";
import { startSyncWorker } from "./sync-worker";

const logger = createLogger("worker");

async function main(): Promise<void> {
  const config = loadConfig();
  const ds = createDataSource(config.DATABASE_URL, { poolSize: 20 });
  await ds.initialize();
  // The worker never migrates: it waits for whoever deploys the schema (pnpm start, the migrate job).
  await waitForMigrations(ds, 300_000);
  const worker = await startSyncWorker({
    config,
    ds,
    logger,
    httpPort: config.WORKER_PORT,
    // Tuning knobs for tests and operators; not part of the documented configuration.
    reconcileIntervalMs: optionalInt(process.env.RECONCILE_INTERVAL_MS),
    reconcileGraceMs: optionalInt(process.env.RECONCILE_GRACE_MS),
    jobLockMs: optionalInt(process.env.JOB_LOCK_MS),
    marketplaceTimeoutMs: optionalInt(process.env.MARKETPLACE_TIMEOUT_MS),
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing running jobs, then stopping`);
    await worker.close();
    await ds.destroy();
    logger.info("worker stopped");
    await tracing?.shutdown();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

function optionalInt(value: string | undefined): number | undefined {
  const n = value ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) logger.error(e.message);
  else logger.error("worker failed to start", e);
  process.exit(1);
});
