import type { DataSource } from "typeorm";
import { createBatch, UNMAPPED_DEMO_CATEGORY, type ProductSelection } from "@syncstore/db";
import type { SyncQueues } from "@syncstore/queue";
import { waitUntil } from "./harness";

/** What the tests that drive whole batches share: start one, wait for it, read its items. */
export class BatchDriver {
  constructor(
    private readonly ds: DataSource,
    private readonly queues: () => SyncQueues,
  ) {}

  async channelIds(platforms = ["SHOPEE", "TIKTOK_SHOP"]): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      "SELECT id::text FROM channels WHERE platform = ANY($1) ORDER BY id",
      [platforms],
    );
    return rows.map((r) => r.id);
  }

  /** Products the demo mapping and the core rules accept, so only injected faults can fail them. */
  async validProductIds(limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id::text FROM products
       WHERE NOT (char_length(title) < 5 OR images = '[]'::jsonb OR stock < 0 OR char_length(sku) > 50 OR weight_grams IS NULL
                  OR char_length(title) > 255 OR category = $1 OR NOT attributes ? 'Material')
       ORDER BY id LIMIT $2`,
      [UNMAPPED_DEMO_CATEGORY, limit],
    );
    return rows.map((r) => r.id);
  }

  async start(selection: ProductSelection, platforms?: string[], force = false): Promise<string> {
    const channelIds = await this.channelIds(platforms);
    const result = await this.ds.transaction((em) => createBatch(em, { selection, channelIds, force }));
    if (!result.ok) throw new Error(result.message);
    await this.queues().enqueue(result.items.map((i) => ({ ...i, batchId: result.batch.id })));
    return result.batch.id;
  }

  async batch(id: string): Promise<Record<string, unknown>> {
    const [row] = (await this.ds.query("SELECT * FROM sync_batches WHERE id = $1", [id])) as Record<
      string,
      unknown
    >[];
    return row!;
  }

  /** The items' own statuses, which the batch counters must always equal. */
  async itemCounts(id: string): Promise<Record<string, number>> {
    const rows: { status: string; n: number }[] = await this.ds.query(
      "SELECT status, count(*)::int AS n FROM sync_items WHERE batch_id = $1 GROUP BY status",
      [id],
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  async waitFinal(id: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
    await waitUntil(
      async () =>
        ["COMPLETED", "COMPLETED_WITH_ERRORS", "CANCELLED"].includes(String((await this.batch(id)).status)),
      timeoutMs,
      async () => `batch ${id}: ${JSON.stringify(await this.itemCounts(id))}`,
    );
    return this.batch(id);
  }

  async deadLetters(batchId: string): Promise<{ error_class: string; error_message: string }[]> {
    return this.ds.query(
      "SELECT error_class, error_message FROM dead_letters WHERE batch_id = $1 AND resolved_at IS NULL ORDER BY id",
      [batchId],
    );
  }
}
