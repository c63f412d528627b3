import { describe, expect, it } from "vitest";
import { applyItemsPage, applyMessages, emptyLiveState, platformProgress, FEED_CAP, type Batch, type Item } from "./live-state";

function batch(over: Partial<Batch> = {}): Batch {
  return {
    id: "b1",
    status: "RUNNING",
    platforms: ["SHOPEE", "TIKTOK_SHOP"],
    force: false,
    total: 4,
    queued: 4,
    running: 0,
    succeeded: 0,
    failed: 0,
    skipped: 0,
    deadLettered: 0,
    cancelled: 0,
    percent: 0,
    throughput: null,
    etaSeconds: null,
    createdAt: "2025-01-01T00:00:00Z",
    startedAt: null,
    finishedAt: null,
    ...over,
  };
}

function item(id: string, platform: "SHOPEE" | "TIKTOK_SHOP", status: Item["status"], second = 0): Item {
  return {
    id,
    batchId: "b1",
    productId: id,
    sku: `SKU-${id}`,
    platform,
    status,
    attempts: 1,
    errorClass: null,
    errorMessage: null,
    errorField: null,
    updatedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, second)).toISOString(),
  };
}

describe("applyMessages", () => {
  it("takes the snapshot, then newer messages, and ignores older or repeated seq", () => {
    let s = applyMessages(emptyLiveState, [{ seq: 5, batch: batch(), recentItems: [] }]);
    s = applyMessages(s, [
      { seq: 7, batch: batch({ succeeded: 1, percent: 25 }), recentItems: [item("1", "SHOPEE", "SUCCEEDED", 1)] },
      { seq: 6, batch: batch({ percent: 99 }), recentItems: [item("9", "SHOPEE", "SUCCEEDED", 1)] },
      { seq: 7, batch: batch({ percent: 99 }), recentItems: [] },
    ]);
    expect(s.seq).toBe(7);
    expect(s.batch?.percent).toBe(25);
    expect(s.messages).toBe(2);
    expect([...s.items.keys()]).toEqual(["1"]);
  });

  it("puts the newest change first in the feed and caps it", () => {
    const many = Array.from({ length: FEED_CAP + 10 }, (_, i) => item(String(i), "SHOPEE", "SUCCEEDED", 1));
    const s = applyMessages(emptyLiveState, [{ seq: 1, batch: batch(), recentItems: many }]);
    expect(s.feed).toHaveLength(FEED_CAP);
    expect(s.feed[0]?.item.id).toBe(String(FEED_CAP + 9));
  });
});

describe("item merging", () => {
  it("keeps the later state of an item whichever source brings it", () => {
    let s = applyMessages(emptyLiveState, [{ seq: 1, batch: batch(), recentItems: [item("1", "SHOPEE", "SUCCEEDED", 5)] }]);
    s = applyItemsPage(s, [item("1", "SHOPEE", "RUNNING", 3), item("2", "SHOPEE", "QUEUED", 0)], false);
    expect(s.items.get("1")?.status).toBe("SUCCEEDED");
    expect(s.items.get("2")?.status).toBe("QUEUED");
    expect(s.allItemsKnown).toBe(false);
    s = applyItemsPage(s, [item("1", "SHOPEE", "RUNNING", 5)], true);
    expect(s.items.get("1")?.status).toBe("SUCCEEDED"); // same instant: final wins
    expect(s.allItemsKnown).toBe(true);
  });
});

describe("platformProgress", () => {
  it("tallies each platform from the items seen", () => {
    let s = applyMessages(emptyLiveState, [{ seq: 1, batch: batch({ succeeded: 2, deadLettered: 1 }), recentItems: [] }]);
    s = applyItemsPage(
      s,
      [
        item("1", "SHOPEE", "SUCCEEDED", 1),
        item("2", "SHOPEE", "DEAD_LETTERED", 1),
        item("3", "TIKTOK_SHOP", "SUCCEEDED", 1),
        item("4", "TIKTOK_SHOP", "FAILED", 1),
      ],
      true,
    );
    expect(platformProgress(s)).toEqual([
      { platform: "SHOPEE", total: 2, done: 2, succeeded: 1, skipped: 0, deadLettered: 1, cancelled: 0, retrying: 0, exact: true },
      { platform: "TIKTOK_SHOP", total: 2, done: 1, succeeded: 1, skipped: 0, deadLettered: 0, cancelled: 0, retrying: 1, exact: true },
    ]);
  });

  it("splits the total evenly until every item is known, and says the count is partial", () => {
    const s = applyMessages(emptyLiveState, [
      { seq: 1, batch: batch({ total: 100, succeeded: 3 }), recentItems: [item("1", "SHOPEE", "SUCCEEDED", 1)] },
    ]);
    const [shopee, tiktok] = platformProgress(s);
    expect(shopee).toMatchObject({ total: 50, done: 1, exact: false });
    expect(tiktok).toMatchObject({ total: 50, done: 0, exact: false });
  });

  it("shows every platform done once the batch is final", () => {
    const s = applyMessages(emptyLiveState, [
      { seq: 1, batch: batch({ total: 100, status: "COMPLETED", succeeded: 100, percent: 100 }), recentItems: [] },
    ]);
    expect(platformProgress(s).map((p) => [p.done, p.total, p.exact])).toEqual([
      [50, 50, true],
      [50, 50, true],
    ]);
  });
});
