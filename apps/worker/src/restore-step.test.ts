import { describe, expect, it } from "vitest";
import type { ListingPayload } from "@syncstore/core";
import type { ListingSnapshot } from "@syncstore/db";
import { restoreStep } from "./restore-step";

const payload = { sellerSku: "SKU-1", title: "Kemeja", price: 150000 } as unknown as ListingPayload;
const listing = (over: Partial<ListingSnapshot>): ListingSnapshot => ({
  externalId: "900",
  status: "SYNCED",
  price: "175000.00",
  title: "Kemeja baru",
  contentHash: "h",
  variantIds: {},
  syncedAt: null,
  lastWriteBatchId: "b1",
  lastPayload: null,
  incomplete: false,
  fieldsHash: null,
  sentLevels: null,
  ...over,
});
const target = (before: Partial<ListingSnapshot> & { status: string }) => ({ batchId: "b1", before });

describe("restoreStep", () => {
  it.each([
    {
      name: "a listing the batch created is delisted",
      current: listing({}),
      before: { status: "NOT_LISTED" },
      want: { kind: "delist", externalId: "900" },
    },
    {
      name: "a create that never reached the marketplace leaves nothing to do",
      current: listing({ externalId: null, status: "FAILED" }),
      before: { status: "NOT_LISTED" },
      want: { kind: "nothing" },
    },
    {
      name: "a listing already taken down stays down",
      current: listing({ status: "NOT_LISTED" }),
      before: { status: "NOT_LISTED" },
      want: { kind: "nothing" },
    },
    {
      name: "an updated listing gets its recorded payload back",
      current: listing({}),
      before: { status: "SYNCED", externalId: "900", lastPayload: payload },
      want: { kind: "restore", externalId: "900", payload, relist: false },
    },
    {
      name: "a listing a rollback delisted is relisted before it is restored",
      current: listing({ status: "NOT_LISTED" }),
      before: { status: "SYNCED", externalId: "900", lastPayload: payload },
      want: { kind: "restore", externalId: "900", payload, relist: true },
    },
    {
      name: "a listing delisted before the batch is delisted again",
      current: listing({}),
      before: { status: "NOT_LISTED", externalId: "900", lastPayload: payload },
      want: { kind: "delist", externalId: "900" },
    },
    {
      name: "a before-state without its payload cannot be restored",
      current: listing({}),
      before: { status: "SYNCED", externalId: "900", price: "150000.00", title: "Kemeja" },
      want: { kind: "unrecorded" },
    },
  ])("$name", ({ current, before, want }) => {
    expect(restoreStep({ listing: current }, target(before))).toEqual(want);
  });
});
