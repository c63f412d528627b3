import { describe, expect, it } from "vitest";
import {
  applyItemsPage,
  applyPolled,
  isSettled,
  applyMessages,
  emptyLiveState,
  recentResults,
  type Batch,
  type Item,
} from "./live-state";

function batch(over: Partial<Batch> = {}): Batch {
  return {
    id: "b1",
    status: "RUNNING",
    kind: "SYNC",
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
    channels: [],
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
      {
        seq: 7,
        batch: batch({ succeeded: 1, percent: 25 }),
        recentItems: [item("1", "SHOPEE", "SUCCEEDED", 1)],
      },
      { seq: 6, batch: batch({ percent: 99 }), recentItems: [item("9", "SHOPEE", "SUCCEEDED", 1)] },
      { seq: 7, batch: batch({ percent: 99 }), recentItems: [] },
    ]);
    expect(s.seq).toBe(7);
    expect(s.batch?.percent).toBe(25);
    expect(s.messages).toBe(2);
    expect([...s.items.keys()]).toEqual(["1"]);
  });
});

describe("recentResults", () => {
  it("lists started and finished items, latest change first, capped, leaving out the queued", () => {
    const s = applyItemsPage(
      emptyLiveState,
      [
        item("1", "SHOPEE", "SUCCEEDED", 3),
        item("2", "SHOPEE", "QUEUED", 9),
        item("3", "TIKTOK_SHOP", "RUNNING", 5),
        item("4", "SHOPEE", "DEAD_LETTERED", 4),
      ],
      true,
    );
    expect(recentResults(s.items).map((i) => i.id)).toEqual(["3", "4", "1"]);
    expect(recentResults(s.items, 2).map((i) => i.id)).toEqual(["3", "4"]);
  });
});

describe("item merging", () => {
  it("keeps the later state of an item whichever source brings it", () => {
    let s = applyMessages(emptyLiveState, [
      { seq: 1, batch: batch(), recentItems: [item("1", "SHOPEE", "SUCCEEDED", 5)] },
    ]);
    s = applyItemsPage(s, [item("1", "SHOPEE", "RUNNING", 3), item("2", "SHOPEE", "QUEUED", 0)], false);
    expect(s.items.get("1")?.status).toBe("SUCCEEDED");
    expect(s.items.get("2")?.status).toBe("QUEUED");
    expect(s.allItemsKnown).toBe(false);
    s = applyItemsPage(s, [item("1", "SHOPEE", "RUNNING", 9)], true);
    expect(s.items.get("1")?.status, "a final state is not undone by a stale non-final one").toBe(
      "SUCCEEDED",
    );
    expect(s.allItemsKnown).toBe(true);
  });

  it("moves a dead letter to its new result after a retry", () => {
    let s = applyItemsPage(emptyLiveState, [item("1", "TIKTOK_SHOP", "DEAD_LETTERED", 1)], true);
    s = applyMessages(s, [{ seq: 2, batch: batch(), recentItems: [item("1", "TIKTOK_SHOP", "QUEUED", 5)] }]);
    expect(s.items.get("1")?.status).toBe("DEAD_LETTERED");
    s = applyMessages(s, [
      { seq: 3, batch: batch(), recentItems: [item("1", "TIKTOK_SHOP", "SUCCEEDED", 6)] },
    ]);
    expect(s.items.get("1")?.status).toBe("SUCCEEDED");
  });
});

describe("a batch read by polling while the socket is down", () => {
  it("replaces the shown batch when it is ahead, and becomes final when the batch did", () => {
    const live = applyMessages(emptyLiveState, [
      { seq: 3, batch: batch({ succeeded: 1, queued: 3 }), recentItems: [] },
    ]);
    const ahead = applyPolled(live, batch({ succeeded: 3, queued: 1 }));
    expect(ahead.batch?.succeeded).toBe(3);
    expect(ahead.seq).toBe(3); // a reconnect's snapshot (seq 4 or more) still applies
    const done = applyPolled(ahead, batch({ status: "COMPLETED", succeeded: 4, queued: 0, percent: 100 }));
    expect(done.batch && isSettled(done.batch)).toBe(true);
  });

  it("ignores a reply that a live message overtook, and never un-finishes a batch", () => {
    const live = applyMessages(emptyLiveState, [
      { seq: 9, batch: batch({ succeeded: 3, queued: 1 }), recentItems: [] },
    ]);
    expect(applyPolled(live, batch({ succeeded: 2, queued: 2 }))).toBe(live);
    const done = applyPolled(live, batch({ status: "COMPLETED", succeeded: 4, queued: 0 }));
    expect(applyPolled(done, batch({ succeeded: 3, queued: 1 }))).toBe(done);
  });

  it("counts a cancelled batch as settled only once its running items finished", () => {
    expect(isSettled(batch({ status: "CANCELLED", queued: 0, running: 1, cancelled: 3 }))).toBe(false);
    expect(isSettled(batch({ status: "CANCELLED", queued: 0, running: 0, cancelled: 3, succeeded: 1 }))).toBe(
      true,
    );
    expect(isSettled(batch({ status: "RUNNING", queued: 0 }))).toBe(false);
  });
});
