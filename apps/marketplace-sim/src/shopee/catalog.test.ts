import { describe, expect, it } from "vitest";
import { ShopeeCatalog } from "./catalog";
import type { ItemFields } from "./rules";

const fields = (category_id: number, item_sku: string): ItemFields => ({
  item_name: "Item name",
  description: "A description long enough.",
  item_sku,
  category_id,
  weight: 1,
  dimension: null,
  image_id_list: ["img"],
  brand: { brand_id: 0, original_brand_name: "" },
  condition: "NEW",
  logistic_info: [{ logistic_id: 8005, enabled: true }],
  attribute_list: [],
  size_chart_info: null,
});

describe("ShopeeCatalog", () => {
  it("counts items per category for item_count_limit, following category changes", () => {
    const c = new ShopeeCatalog();
    const a = c.create(fields(100302, "A"), 1000, 1, "NORMAL", 1);
    c.create(fields(100302, "B"), 1000, 1, "NORMAL", 1);
    expect(c.countIn(100302)).toBe(2);
    c.update(a, { category_id: 100304 }, 2);
    expect([c.countIn(100302), c.countIn(100304)]).toEqual([1, 1]);
  });

  it("shares ids between shops' catalogs, as Shopee's are unique across shops", () => {
    const ids = { item: 1, model: 1 };
    const first = new ShopeeCatalog(ids).create(fields(100302, "A"), 1000, 1, "NORMAL", 1);
    const second = new ShopeeCatalog(ids).create(fields(100302, "A"), 1000, 1, "NORMAL", 1);
    expect(second.item_id).toBe(first.item_id + 1);
  });
});
