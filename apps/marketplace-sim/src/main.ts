import { ConfigError, createLogger, loadConfig } from "@syncstore/config";
import { startSimulators } from "./simulators";

const logger = createLogger("marketplace-sim");

async function main(): Promise<void> {
  const config = loadConfig();
  const sims = await startSimulators(config);
  logger.info(
    `Shopee simulator on ${sims.shopee.url}, TikTok Shop simulator on ${sims.tiktok.url} (auth host ${sims.tiktokAuth.url}; control API under /__sim/)`,
  );
  const stop = async () => {
    await sims.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((e: unknown) => {
  logger.error(
    e instanceof ConfigError ? e.message : "simulators failed to start",
    e instanceof ConfigError ? undefined : e,
  );
  process.exit(1);
});
