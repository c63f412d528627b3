import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelTokenAad, SecretsBox } from "@syncstore/config";
import { SHOPEE_PATHS } from "@syncstore/marketplaces";
import { createRedis, queuePrefix, SyncQueues } from "@syncstore/queue";
import { BatchDriver } from "./testing/batches";
import { createSyncHarness, type SyncHarness } from "./testing/harness";

/**
 * Tokens sealed under another SECRETS_KEY (the key changed without SECRETS_KEY_PREVIOUS) cannot be
 * read, and nothing the worker retries changes that: the items dead-letter at once as AUTHENTICATION,
 * with the reason, instead of spending every fast and slow attempt and the automatic retries as
 * UNKNOWN, as the fault benchmark saw them do.
 */
let h: SyncHarness;
let queues: SyncQueues;
let driver: BatchDriver;
const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");

beforeAll(async () => {
  h = await createSyncHarness({ products: 20 });
  queues = new SyncQueues(redis, queuePrefix(h.namespace));
  driver = new BatchDriver(h.ds, () => queues);
  const other = new SecretsBox("a key this worker was never given");
  const [shop] = (await h.ds.query("SELECT shop_id FROM channels WHERE platform = 'SHOPEE'")) as {
    shop_id: string;
  }[];
  await h.ds.query("UPDATE channels SET access_token = $1, refresh_token = $2 WHERE platform = 'SHOPEE'", [
    other.encrypt("sim-shopee-access-token", channelTokenAad("SHOPEE", shop!.shop_id, "access_token")),
    other.encrypt("sim-shopee-refresh-token", channelTokenAad("SHOPEE", shop!.shop_id, "refresh_token")),
  ]);
  await h.startWorker();
});

afterAll(async () => {
  await queues?.close();
  await h?.close();
  redis.disconnect();
});

describe("a channel whose stored tokens cannot be opened", () => {
  it("dead-letters its items at the first attempt as AUTHENTICATION, calling nothing", async () => {
    const ids = await driver.validProductIds(3);
    const batchId = await driver.start({ kind: "ids", productIds: ids }, ["SHOPEE"]);
    const batch = await driver.waitFinal(batchId, 30_000);
    expect(batch).toMatchObject({ status: "COMPLETED_WITH_ERRORS", dead_lettered: ids.length });
    const items: { attempts: number; error_class: string; error_message: string }[] = await h.ds.query(
      "SELECT attempts, error_class, error_message FROM sync_items WHERE batch_id = $1",
      [batchId],
    );
    for (const item of items) {
      expect(item).toMatchObject({ attempts: 1, error_class: "AUTHENTICATION" });
      expect(item.error_message).toMatch(/stored credentials cannot be read: cannot decrypt/);
    }
    const stats = (await (await fetch(`${h.sims.shopee.url}/__sim/stats`)).json()) as {
      calls: Record<string, number>;
    };
    expect(stats.calls[SHOPEE_PATHS.addItem] ?? 0).toBe(0);
  });
});
