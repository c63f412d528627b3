import { describe, expect, it } from "vitest";
import type { ListingPayload } from "@syncstore/core";
import type { ListingSnapshot } from "@syncstore/db";
import { restoreStep, withLevels } from "./restore-step";

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

describe("withLevels", () => {
  const held = {
    sellerSku: "SKU-1",
    title: "Kemeja lama",
    price: 100,
    stock: 5,
    variants: [
      { sellerSku: "SKU-1-S", price: 100, stock: 2 },
      { sellerSku: "SKU-1-M", price: 110, stock: 3 },
    ],
  } as unknown as ListingPayload;
  const sent = {
    ...held,
    title: "Kemeja baru",
    price: 120,
    stock: 7,
    variants: [{ sellerSku: "SKU-1-S", price: 120, stock: 4 }],
  } as unknown as ListingPayload;

  it("keeps the content held and takes the prices and stock sent, variant by SKU", () => {
    expect(withLevels(held, sent)).toEqual({
      ...held,
      price: 120,
      stock: 7,
      variants: [
        { sellerSku: "SKU-1-S", price: 120, stock: 4 },
        { sellerSku: "SKU-1-M", price: 110, stock: 3 },
      ],
    });
  });

  it("knows nothing when no whole payload was recorded", () => {
    expect(withLevels(null, sent)).toBeNull();
  });
});
