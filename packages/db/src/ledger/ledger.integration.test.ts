import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing";
import { applyTransitions } from "./apply";
import {
  cancelBatch,
  createBatch,
  discardDeadLetters,
  loadBatchCounters,
  retryDeadLetters,
  unknownProductIds,
} from "./batches";
import { LedgerWriter } from "./writer";
import { upsertDeadLetters } from "./records";
import { SyncReadRepository } from "../sync/reads";
import type { LedgerEvent } from "./apply";

let db: TestDatabase;
let channels: string[];

beforeAll(async () => {
  db = await createTestDatabase();
  await db.dataSource.query(
    `INSERT INTO products (sku, title, description, price, currency, stock, images, attributes)
     SELECT 'SKU-' || g, 'Product number ' || g, '', 1000 * g, 'IDR', 10, '[]', '{}' FROM generate_series(1, 20) g`,
  );
  const rows: { id: string }[] = await db.dataSource.query(
    `INSERT INTO channels (platform, shop_id, name, currency, price_multiplier, max_attempts, title_min_length, title_max_length)
     VALUES ('SHOPEE', '1', 'Shopee', 'IDR', 1.15, 5, 5, 100), ('TIKTOK_SHOP', 'C', 'TikTok', 'IDR', 1.2, 3, 25, 255)
     RETURNING id::text`,
  );
  channels = rows.map((r) => r.id);
});
afterAll(async () => db?.drop());

async function newBatch(productCount = 5) {
  const ids: { id: string }[] = await db.dataSource.query(
    "SELECT id::text FROM products ORDER BY id LIMIT $1",
    [productCount],
  );
  const r = await db.dataSource.transaction((em) =>
    createBatch(em, {
      selection: { kind: "ids", productIds: ids.map((i) => i.id) },
      channelIds: channels,
      force: false,
    }),
  );
  if (!r.ok) throw new Error(r.message);
  const rows: { id: string; product_id: string }[] = await db.dataSource.query(
    "SELECT id::text, product_id::text FROM sync_items WHERE batch_id = $1",
    [r.batch.id],
  );
  for (const row of rows) productOf.set(row.id, row.product_id);
  return r;
}

/** Each item's product, filled as batches are made. */
const productOf = new Map<string, string>();

/** Waits until another session of this database is blocked on a row lock. */
async function untilSomeoneWaitsForALock(timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = (await db.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    )) as { n: number }[];
    if (row!.n > 0) return;
    if (Date.now() > deadline) throw new Error("nobody waited for a lock");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The batch's counters are exactly its items' statuses, counted. */
async function expectCountersToMatchItems(batchId: string): Promise<void> {
  const counted: { status: string; n: number }[] = await db.dataSource.query(
    "SELECT status, count(*)::int AS n FROM sync_items WHERE batch_id = $1 GROUP BY status",
    [batchId],
  );
  const byStatus = Object.fromEntries(counted.map((c) => [c.status, c.n]));
  const batch = await loadBatchCounters(db.dataSource.manager, batchId);
  expect({
    queued: batch!.queued,
    running: batch!.running,
    failed: batch!.failed,
    succeeded: batch!.succeeded,
    skipped: batch!.skipped,
    deadLettered: batch!.deadLettered,
    cancelled: batch!.cancelled,
  }).toEqual({
    queued: byStatus.QUEUED ?? 0,
    running: byStatus.RUNNING ?? 0,
    failed: byStatus.FAILED ?? 0,
    succeeded: byStatus.SUCCEEDED ?? 0,
    skipped: byStatus.SKIPPED ?? 0,
    deadLettered: byStatus.DEAD_LETTERED ?? 0,
    cancelled: byStatus.CANCELLED ?? 0,
  });
}

describe("the sync ledger", () => {
  it("creates a batch with one queued item per product × channel", async () => {
    const r = await newBatch(5);
    expect(r.batch).toMatchObject({
      status: "QUEUED",
      total: 10,
      queued: 10,
      running: 0,
      seq: 0,
      platforms: ["SHOPEE", "TIKTOK_SHOP"],
    });
    expect(r.items).toHaveLength(10);
    expect(new Set(r.items.map((i) => i.jobId)).size).toBe(10);
    // Unique across database lifetimes: the batch id is part of it (item ids restart after a reset; Redis may not).
    for (const i of r.items) expect(i.jobId).toBe(`i${i.itemId}-b${r.batch.id}`);
  });

  it("refuses an empty selection and an oversized one, writing nothing", async () => {
    const before: { n: number }[] = await db.dataSource.query("SELECT count(*)::int AS n FROM sync_batches");
    const empty = await db.dataSource.transaction((em) =>
      createBatch(em, {
        selection: { kind: "search", search: "no such thing" },
        channelIds: channels,
        force: false,
      }),
    );
    expect(empty).toMatchObject({ ok: false, code: "EMPTY_SELECTION" });
    const after: { n: number }[] = await db.dataSource.query("SELECT count(*)::int AS n FROM sync_batches");
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("keeps counters equal to item statuses and gives every event the counters right after it", async () => {
    const r = await newBatch(3);
    const [a, b, c] = r.items.map((i) => i.itemId);
    const events = await db.dataSource.transaction((em) =>
      applyTransitions(em, [
        { itemId: a!, to: "RUNNING" },
        { itemId: b!, to: "RUNNING" },
        { itemId: a!, to: "SUCCEEDED" },
        { itemId: a!, to: "FAILED", errorClass: "NETWORK" }, // illegal: a late write after success
        { itemId: c!, to: "QUEUED" }, // illegal: QUEUED → QUEUED is no change
        { itemId: b!, to: "FAILED", errorClass: "NETWORK", errorMessage: "timeout" },
      ]),
    );
    expect(
      events.map((e) => [e.transition.to, e.seq, e.batch.running, e.batch.succeeded, e.batch.failed]),
    ).toEqual([
      ["RUNNING", 1, 1, 0, 0],
      ["RUNNING", 2, 2, 0, 0],
      ["SUCCEEDED", 3, 1, 1, 0],
      ["FAILED", 4, 0, 1, 1],
    ]);
    expect(events[0]!.batch.status).toBe("RUNNING");
    expect(events[0]!.transition.sku).toMatch(/^SKU-/);
    const batch = await loadBatchCounters(db.dataSource.manager, r.batch.id);
    const counts: { status: string; n: number }[] = await db.dataSource.query(
      "SELECT status, count(*)::int AS n FROM sync_items WHERE batch_id = $1 GROUP BY status",
      [r.batch.id],
    );
    const by = Object.fromEntries(counts.map((x) => [x.status, x.n]));
    expect(batch).toMatchObject({
      queued: by.QUEUED,
      running: by.RUNNING ?? 0,
      succeeded: by.SUCCEEDED,
      failed: by.FAILED,
      seq: 4,
    });
  });

  it("counts every channel's items with every event, adding up to the batch's counters", async () => {
    const r = await newBatch(3);
    expect(r.batch.channels.map((c) => [c.channelId, c.platform, c.total, c.queued])).toEqual([
      [channels[0], "SHOPEE", 3, 3],
      [channels[1], "TIKTOK_SHOP", 3, 3],
    ]);
    const shopee = r.items.filter((i) => i.channelId === channels[0]).map((i) => i.itemId);
    const tiktok = r.items.filter((i) => i.channelId === channels[1]).map((i) => i.itemId);
    const events = await db.dataSource.transaction((em) =>
      applyTransitions(em, [
        { itemId: shopee[0]!, to: "RUNNING" },
        { itemId: tiktok[0]!, to: "RUNNING" },
        { itemId: shopee[0]!, to: "SUCCEEDED" },
        { itemId: tiktok[0]!, to: "DEAD_LETTERED", errorClass: "VALIDATION", errorMessage: "x" },
        { itemId: shopee[1]!, to: "RUNNING" },
      ]),
    );
    const fields = [
      "queued",
      "running",
      "succeeded",
      "failed",
      "skipped",
      "deadLettered",
      "cancelled",
    ] as const;
    for (const e of events) {
      for (const f of fields) {
        expect(
          e.batch.channels.reduce((n, c) => n + c[f], 0),
          `${f} at seq ${e.seq}`,
        ).toBe(e.batch[f]);
      }
    }
    // A repeated item goes in a later round, so the second changes of an item come last.
    expect(
      events.map((e) =>
        e.batch.channels.map((c) => `${c.queued}/${c.running}/${c.succeeded}/${c.deadLettered}`),
      ),
    ).toEqual([
      ["2/1/0/0", "3/0/0/0"],
      ["2/1/0/0", "2/1/0/0"],
      ["1/2/0/0", "2/1/0/0"],
      ["1/1/1/0", "2/1/0/0"],
      ["1/1/1/0", "2/0/0/1"],
    ]);
    // What a reader gets afterwards is what the last event said.
    const stored = await loadBatchCounters(db.dataSource.manager, r.batch.id);
    expect(stored!.channels).toEqual(events.at(-1)!.batch.channels);
  });

  it("finishes a batch when its last item is final, with errors when something was dead-lettered", async () => {
    const r = await newBatch(1);
    const [a, b] = r.items.map((i) => i.itemId);
    await db.dataSource.transaction((em) =>
      applyTransitions(em, [
        { itemId: a!, to: "RUNNING" },
        { itemId: b!, to: "RUNNING" },
        { itemId: a!, to: "SUCCEEDED" },
        {
          itemId: b!,
          to: "DEAD_LETTERED",
          errorClass: "VALIDATION",
          errorMessage: "title too short",
          errorField: "title",
        },
      ]),
    );
    const batch = await loadBatchCounters(db.dataSource.manager, r.batch.id);
    expect(batch).toMatchObject({
      status: "COMPLETED_WITH_ERRORS",
      succeeded: 1,
      deadLettered: 1,
      queued: 0,
      running: 0,
    });
    expect(batch!.finishedAt).toBeInstanceOf(Date);
  });

  it("group-commits concurrent outcomes and isolates a bad one", async () => {
    const r = await newBatch(5);
    const published: LedgerEvent[] = [];
    const writer = new LedgerWriter(db.dataSource, {
      maxDelayMs: 5,
      onCommitted: (e) => void published.push(...e),
    });
    const writes = r.items.flatMap((i) => [
      writer.write({ transition: { itemId: i.itemId, to: "RUNNING" } }),
      writer.write({ transition: { itemId: i.itemId, to: "SUCCEEDED" } }),
    ]);
    // A listing of a product that does not exist violates a foreign key: only its own write fails.
    const bad = writer.write({
      listing: {
        productId: "999999",
        channelId: channels[0]!,
        externalId: "1",
        status: "SYNCED",
        price: "1",
        title: "t",
        contentHash: "h",
        variantIds: null,
        synced: true,
        lastError: null,
        lastErrorClass: null,
        createdByBatchId: null,
      },
    });
    await expect(bad).rejects.toThrow();
    await Promise.all(writes);
    await writer.close();
    const batch = await loadBatchCounters(db.dataSource.manager, r.batch.id);
    expect(batch).toMatchObject({ status: "COMPLETED", succeeded: 10, seq: 20 });
    const seqs = published.filter((e) => e.batch.id === r.batch.id).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("cancels queued items, lets running ones finish, and ends CANCELLED", async () => {
    const r = await newBatch(3);
    const [a] = r.items.map((i) => i.itemId);
    await db.dataSource.transaction((em) => applyTransitions(em, [{ itemId: a!, to: "RUNNING" }]));
    const cancelled = await db.dataSource.transaction((em) => cancelBatch(em, r.batch.id));
    expect(cancelled.ok && cancelled.batch).toMatchObject({ status: "CANCELLED", cancelled: 5, running: 1 });
    await db.dataSource.transaction((em) => applyTransitions(em, [{ itemId: a!, to: "SUCCEEDED" }]));
    const batch = await loadBatchCounters(db.dataSource.manager, r.batch.id);
    expect(batch).toMatchObject({ status: "CANCELLED", succeeded: 1, cancelled: 5 });
    expect(batch!.finishedAt).toBeInstanceOf(Date);
    expect(await db.dataSource.transaction((em) => cancelBatch(em, r.batch.id))).toMatchObject({
      ok: false,
      code: "ALREADY_FINISHED",
    });
  });

  it("lets a cancel and a worker's flush of the same batch wait for each other instead of deadlocking", async () => {
    // Under load the API's cancel met the worker's group commit half-way: the cancel held the batch
    // row and wanted the items, the flush held the items and wanted the batch row, and PostgreSQL
    // aborted the cancel ("deadlock detected"); the seller saw an internal error.
    const r = await newBatch(3);
    const [a, b] = r.items.map((i) => i.itemId);
    const cancelling = db.dataSource.createQueryRunner();
    await cancelling.connect();
    try {
      await cancelling.startTransaction();
      // The cancel has begun: it holds the batch row…
      await cancelling.query("SELECT status FROM sync_batches WHERE id = $1::uuid FOR UPDATE", [r.batch.id]);
      // …when the worker flushes its claims on two of the batch's items…
      const flush = db.dataSource.transaction((em) =>
        applyTransitions(em, [
          { itemId: a!, to: "RUNNING" },
          { itemId: b!, to: "RUNNING" },
        ]),
      );
      flush.catch(() => undefined); // awaited below; a deadlock must fail the test, not the run
      await untilSomeoneWaitsForALock();
      // …and the cancel goes on to its items.
      const cancelled = await cancelBatch(cancelling.manager, r.batch.id);
      await cancelling.commitTransaction();
      expect(cancelled.ok && cancelled.batch).toMatchObject({ status: "CANCELLED", cancelled: 6 });
      // The claims come after the cancel, and a cancelled item is not claimed again.
      expect(await flush).toEqual([]);
    } finally {
      if (cancelling.isTransactionActive) await cancelling.rollbackTransaction();
      await cancelling.release();
    }
    await expectCountersToMatchItems(r.batch.id);
  });

  it("retries and discards dead letters, reporting the ones that do not exist", async () => {
    const r = await newBatch(2);
    const [a, b] = r.items.map((i) => i.itemId);
    await db.dataSource.transaction(async (em) => {
      await applyTransitions(em, [
        { itemId: a!, to: "RUNNING" },
        { itemId: b!, to: "RUNNING" },
        { itemId: a!, to: "DEAD_LETTERED", errorClass: "SYSTEM", errorMessage: "boom" },
        { itemId: b!, to: "DEAD_LETTERED", errorClass: "SYSTEM", errorMessage: "boom" },
      ]);
      for (const id of [a!, b!]) {
        await em.query(
          `INSERT INTO dead_letters (item_id, batch_id, product_id, channel_id, platform, error_class, error_message, attempts)
           SELECT id, batch_id, product_id, channel_id, 'SHOPEE', 'SYSTEM', 'boom', 5 FROM sync_items WHERE id = $1`,
          [id],
        );
      }
    });
    const dls: { id: string }[] = await db.dataSource.query(
      "SELECT id::text FROM dead_letters WHERE batch_id = $1 ORDER BY id",
      [r.batch.id],
    );
    const before = await loadBatchCounters(db.dataSource.manager, r.batch.id);
    const retried = await db.dataSource.transaction((em) => retryDeadLetters(em, [dls[0]!.id, "424242"]));
    if (!retried.ok) throw new Error("nothing retried");
    expect(retried.missing).toEqual(["424242"]);
    expect(retried.retried).toHaveLength(1);
    // A new batch, naming its origin; its item names the item it retries.
    expect(retried.batch).toMatchObject({ kind: "SYNC", retryOf: r.batch.id, total: 1, queued: 1 });
    expect(retried.batch.id).not.toBe(r.batch.id);
    expect(retried.items[0]!.jobId).toBe(`i${retried.items[0]!.itemId}-b${retried.batch.id}`);
    const link: { retry_of_item_id: string }[] = await db.dataSource.query(
      "SELECT retry_of_item_id::text FROM sync_items WHERE batch_id = $1",
      [retried.batch.id],
    );
    expect(link).toEqual([{ retry_of_item_id: retried.retried[0]!.itemId }]);
    // The original batch is exactly as it finished.
    expect(await loadBatchCounters(db.dataSource.manager, r.batch.id)).toEqual(before);
    const again = await db.dataSource.transaction((em) => retryDeadLetters(em, [dls[0]!.id]));
    expect(again).toEqual({ ok: false, missing: [dls[0]!.id] });
    const discarded = await db.dataSource.transaction((em) => discardDeadLetters(em, [dls[1]!.id, "x"]));
    expect(discarded).toEqual({ discarded: [dls[1]!.id], missing: ["x"] });
  });

  it("retries a product on all its failed channels at once when asked to", async () => {
    const r = await newBatch(1);
    const [a, b] = r.items.map((i) => i.itemId);
    await db.dataSource.transaction(async (em) => {
      await applyTransitions(em, [
        { itemId: a!, to: "RUNNING" },
        { itemId: b!, to: "RUNNING" },
        { itemId: a!, to: "DEAD_LETTERED", errorClass: "VALIDATION", errorMessage: "x" },
        { itemId: b!, to: "DEAD_LETTERED", errorClass: "VALIDATION", errorMessage: "y" },
      ]);
      await upsertDeadLetters(
        em,
        r.items.map((i) => ({
          itemId: i.itemId,
          batchId: r.batch.id,
          productId: productOf.get(i.itemId)!,
          channelId: i.channelId,
          platform: "SHOPEE",
          errorClass: "VALIDATION",
          errorMessage: "x",
          errorField: null,
          attempts: 1,
          lastRequest: null,
          lastResponse: null,
        })),
      );
    });
    const [first] = (await db.dataSource.query(
      "SELECT id::text FROM dead_letters WHERE batch_id = $1 ORDER BY id LIMIT 1",
      [r.batch.id],
    )) as { id: string }[];
    const retried = await db.dataSource.transaction((em) =>
      retryDeadLetters(em, [first!.id], { wholeProducts: true }),
    );
    expect(retried.ok && retried.batch.channels.map((c) => c.total)).toEqual([1, 1]);
    const reads = new SyncReadRepository(db.dataSource);
    expect((await reads.retriesOf(r.batch.id)).map((x) => x.id)).toEqual([retried.ok && retried.batch.id]);
  });

  it("keeps one open dead letter per product × channel, the latest, and closes it once the listing syncs", async () => {
    const first = await newBatch(1);
    const second = await newBatch(1);
    const shopeeItem = (b: typeof first) => b.items.find((i) => i.channelId === channels[0])!.itemId;
    const write = (b: typeof first, message: string) => ({
      transition: {
        itemId: shopeeItem(b),
        to: "DEAD_LETTERED" as const,
        errorClass: "VALIDATION",
        errorMessage: message,
      },
      deadLetter: {
        itemId: shopeeItem(b),
        batchId: b.batch.id,
        productId: productOf.get(shopeeItem(b))!,
        channelId: channels[0]!,
        platform: "SHOPEE",
        errorClass: "VALIDATION",
        errorMessage: message,
        errorField: "title",
        attempts: 1,
        lastRequest: null,
        lastResponse: null,
      },
    });
    const writer = new LedgerWriter(db.dataSource);
    for (const b of [first, second]) {
      await writer.write({ transition: { itemId: shopeeItem(b), to: "RUNNING" } });
    }
    await writer.write(write(first, "title too short"));
    await writer.write(write(second, "title still too short"));
    const productId = productOf.get(shopeeItem(first))!;
    const open = async () =>
      (await db.dataSource.query(
        "SELECT error_message FROM dead_letters WHERE product_id = $1 AND channel_id = $2 AND resolved_at IS NULL",
        [productId, channels[0]],
      )) as { error_message: string }[];
    expect(await open()).toEqual([{ error_message: "title still too short" }]);
    // The same listing syncs in a later batch: its dead letter closes by itself.
    const third = await newBatch(1);
    await writer.write({ transition: { itemId: shopeeItem(third), to: "RUNNING" } });
    await writer.write({ transition: { itemId: shopeeItem(third), to: "SUCCEEDED" } });
    await writer.close();
    expect(await open()).toEqual([]);
    const history: { resolution: string }[] = await db.dataSource.query(
      "SELECT resolution FROM dead_letters WHERE product_id = $1 AND channel_id = $2 AND batch_id = ANY($3::uuid[]) ORDER BY id",
      [productId, channels[0], [first.batch.id, second.batch.id]],
    );
    expect(history.map((h) => h.resolution)).toEqual(["SUPERSEDED", "SYNCED"]);
  });

  it("names unknown product ids", async () => {
    expect(await unknownProductIds(db.dataSource.manager, ["1", "999999", "abc"])).toEqual(["999999", "abc"]);
  });
});
