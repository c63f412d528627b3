import { describe, expect, it } from "vitest";
import {
  readFailures,
  readImageId,
  readItemList,
  readModelList,
  readSearchPage,
  readTokenGrant,
} from "./wire";

describe("readItemList", () => {
  it("reads base info, with string weights and v2 stock", () => {
    const [item] = readItemList({
      item_list: [
        {
          item_id: 3000000123,
          item_sku: "MUG-1",
          item_name: "Mug",
          description: "d",
          category_id: 100644,
          weight: "0.42",
          dimension: { package_length: 12, package_width: 10, package_height: 10 },
          image: { image_id_list: ["a", "b"], image_url_list: [] },
          brand: { brand_id: 0, original_brand_name: "Kiln" },
          item_status: "NORMAL",
          has_model: false,
          price_info: [{ currency: "IDR", original_price: 21000, current_price: 21000 }],
          stock_info_v2: {
            summary_info: { total_available_stock: 12 },
            seller_stock: [{ stock: 5 }, { stock: 7 }],
          },
        },
      ],
    })!;
    expect(item).toEqual({
      itemId: "3000000123",
      sku: "MUG-1",
      name: "Mug",
      description: "d",
      categoryId: 100644,
      weight: 0.42,
      dimension: { package_length: 12, package_width: 10, package_height: 10 },
      imageIds: ["a", "b"],
      brandName: "Kiln",
      brandId: 0,
      status: "NORMAL",
      statusReasons: [],
      attributeList: null,
      hasModel: false,
      price: 21000,
      stock: 12,
    });
  });

  it("reads why Shopee banned or holds an item", () => {
    const [item] = readItemList({
      item_list: [
        {
          item_id: 6,
          item_status: "BANNED",
          item_status_details: [{ violation_reason: "Produk terlarang" }, { violation_reason: "" }, 7],
        },
      ],
    })!;
    expect(item).toMatchObject({ status: "BANNED", statusReasons: ["Produk terlarang"] });
  });

  it("leaves price and stock to the models when the item has them", () => {
    const [item] = readItemList({
      item_list: [{ item_id: 5, has_model: true, price_info: [{ original_price: 1 }] }],
    })!;
    expect(item?.price).toBeNull();
    expect(item?.stock).toBeNull();
  });

  it("is empty when Shopee knows none of the ids, and null when malformed", () => {
    expect(readItemList({})).toEqual([]);
    expect(readItemList({ item_list: "x" })).toBeNull();
    expect(readItemList(null)).toBeNull();
  });
});

describe("readModelList", () => {
  it("reads models and tiers", () => {
    expect(
      readModelList({
        tier_variation: [
          { name: "Colour", option_list: [{ option: "Red", image: { image_id: "i" } }, { option: "Blue" }] },
        ],
        model: [
          {
            model_id: 11,
            model_sku: "R",
            tier_index: [0],
            price_info: [{ original_price: 10 }],
            stock_info_v2: { seller_stock: [{ stock: 3 }] },
          },
          { model_id: 12, model_sku: "B", tier_index: [1], original_price: 12, seller_stock: [{ stock: 4 }] },
        ],
      }),
    ).toEqual({
      tiers: [{ name: "Colour", options: ["Red", "Blue"], imageIds: ["i", ""] }],
      models: [
        { modelId: "11", sku: "R", tierIndex: [0], price: 10, stock: 3 },
        { modelId: "12", sku: "B", tierIndex: [1], price: 12, stock: 4 },
      ],
    });
  });

  it("is null when a model has no id", () => {
    expect(readModelList({ model: [{ model_sku: "R" }] })).toBeNull();
    expect(readModelList({})).toBeNull();
  });
});

describe("readSearchPage", () => {
  it.each([
    [
      { item_id_list: [1, 2], total_count: 5, has_next_page: true, next_offset: "2" },
      { itemIds: ["1", "2"], nextOffset: "2" },
    ],
    [
      { item_id_list: [3], has_next_page: false, next_offset: 3 },
      { itemIds: ["3"], nextOffset: null },
    ],
    [{ total_count: 0 }, { itemIds: [], nextOffset: null }],
    [null, { itemIds: [], nextOffset: null }],
  ])("%j", (response, expected) => {
    expect(readSearchPage(response)).toEqual(expected);
  });
});

describe("readTokenGrant", () => {
  it("reads the top-level pair and lifetime", () => {
    expect(readTokenGrant({ access_token: "a", refresh_token: "r", expire_in: 14400 })).toEqual({
      accessToken: "a",
      refreshToken: "r",
      expireInSec: 14400,
    });
  });
  it.each([
    { access_token: "a", expire_in: 1 },
    { access_token: "a", refresh_token: "r" },
    { access_token: "a", refresh_token: "r", expire_in: 0 },
  ])("is null when incomplete: %j", (body) => {
    expect(readTokenGrant(body)).toBeNull();
  });
});

describe("readImageId and readFailures", () => {
  it("reads the uploaded image id", () => {
    expect(readImageId({ image_info: { image_id: "sg-1", image_url_list: [] } })).toBe("sg-1");
    expect(readImageId({ image_info: {} })).toBeNull();
  });
  it("lists per-entry failures of batch writes", () => {
    expect(
      readFailures({ failure_list: [{ model_id: 5, failed_reason: "price too low" }], success_list: [] }),
    ).toEqual([{ id: "5", reason: "price too low" }]);
    expect(readFailures({ failure_list: [{ item_id: 9, failed_reason: "not found" }] })).toEqual([
      { id: "9", reason: "not found" },
    ]);
    expect(readFailures({ success_list: [{ model_id: 0 }] })).toEqual([]);
  });
});
