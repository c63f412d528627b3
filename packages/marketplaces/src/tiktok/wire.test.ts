import { describe, expect, it } from "vitest";
import { readBatchErrors, readProduct, readSearchResult, readTokenGrant, readWriteResult } from "./wire";

describe("TikTok wire readers", () => {
  it("reads a product detail, pricing by sale price and summing warehouses", () => {
    expect(
      readProduct({
        id: "1729",
        title: "Mug",
        status: "ACTIVATE",
        skus: [
          {
            id: "s1",
            seller_sku: "A",
            price: { currency: "USD", sale_price: "9.50", tax_exclusive_price: "9.50" },
            inventory: [{ quantity: 2 }, { quantity: 3 }],
          },
          { seller_sku: "no-id" },
        ],
      }),
    ).toEqual({
      id: "1729",
      title: "Mug",
      status: "ACTIVATE",
      skus: [{ id: "s1", seller_sku: "A", price: 9.5, stock: 5 }],
    });
  });

  it("accepts numeric ids and drops products without one", () => {
    expect(readSearchResult({ products: [{ id: 42, skus: [] }, { title: "no id" }, "junk"] })).toEqual([
      { id: "42", title: "", status: "UNKNOWN", skus: [] },
    ]);
    expect(readSearchResult(null)).toEqual([]);
  });

  it("reads create and edit results", () => {
    expect(readWriteResult({ product_id: "1", skus: [{ id: "s", seller_sku: "A" }, { id: "t" }] })).toEqual({
      productId: "1",
      skuIds: new Map([["A", "s"]]),
    });
    expect(readWriteResult({ skus: [] })).toBeNull();
  });

  it("reads a token grant only when both tokens and absolute expiries are there", () => {
    const grant = {
      access_token: "a",
      refresh_token: "r",
      access_token_expire_in: 1_700_000_000,
      refresh_token_expire_in: 1_800_000_000,
    };
    expect(readTokenGrant(grant)).toEqual({
      accessToken: "a",
      refreshToken: "r",
      accessTokenExpireIn: 1_700_000_000,
      refreshTokenExpireIn: 1_800_000_000,
    });
    expect(readTokenGrant({ ...grant, refresh_token: "" })).toBeNull();
    expect(readTokenGrant({ ...grant, access_token_expire_in: "soon" })).toBeNull();
  });

  it("reads per-product errors of a batch endpoint", () => {
    expect(
      readBatchErrors({ errors: [{ code: 12052048, message: "not yours", detail: { product_id: "9" } }] }),
    ).toEqual([{ code: "12052048", message: "not yours", productId: "9" }]);
    expect(readBatchErrors({})).toEqual([]);
  });
});
