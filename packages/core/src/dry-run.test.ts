import { describe, expect, it } from "vitest";
import { fieldChanges, type HeldListing } from "./dry-run";
import type { ListingPayload } from "./model";

const payload: ListingPayload = {
  platform: "SHOPEE",
  sellerSku: "SKU-1",
  title: "Kaos Polos",
  description: "Katun",
  brand: null,
  category: "Kaos",
  price: 110000,
  currency: "IDR",
  stock: 5,
  weightKg: 0.2,
  dimensions: { lengthCm: 30, widthCm: 20, heightCm: 2 },
  images: ["https://img/1.jpg"],
  attributes: {},
  variants: [{ sellerSku: "SKU-1-M", options: { Size: "M" }, price: 110000, stock: 5, image: null }],
};
const held: HeldListing = {
  title: "Kaos Polos",
  price: 100000,
  stock: 5,
  variants: [{ sellerSku: "SKU-1-M", price: 100000, stock: 5 }],
  // jsonb hands objects back with its own key order.
  lastPayload: { ...payload, dimensions: { widthCm: 20, heightCm: 2, lengthCm: 30 } },
};

describe("fieldChanges", () => {
  it("names each field that differs, as text, and only those", () => {
    expect(fieldChanges(held, payload)).toEqual([
      { field: "price", before: "100000", after: "110000" },
      { field: "variants[SKU-1-M].price", before: "100000", after: "110000" },
    ]);
  });
  it("is empty when the marketplace holds the payload", () => {
    expect(
      fieldChanges(
        { ...held, price: 110000, variants: [{ sellerSku: "SKU-1-M", price: 110000, stock: 5 }] },
        payload,
      ),
    ).toEqual([]);
  });
  it("shows every field from nothing when nothing is listed", () => {
    const changes = fieldChanges(null, payload);
    expect(changes[0]).toEqual({ field: "title", before: null, after: "Kaos Polos" });
    expect(changes.map((c) => c.field)).toContain("images");
    expect(changes.map((c) => c.field)).not.toContain("attributes");
  });
  it("compares fields a read does not return only when the ledger recorded them", () => {
    expect(fieldChanges({ ...held, lastPayload: null }, { ...payload, description: "new" })).toHaveLength(2);
    expect(fieldChanges(held, { ...payload, description: "new" })).toContainEqual({
      field: "description",
      before: "Katun",
      after: "new",
    });
  });
  it("reports a variant the marketplace holds that the payload no longer has", () => {
    const extra = { ...held, variants: [...held.variants, { sellerSku: "SKU-1-L", price: 1, stock: 2 }] };
    expect(fieldChanges(extra, payload)).toContainEqual({
      field: "variants[SKU-1-L].stock",
      before: "2",
      after: null,
    });
  });
});
