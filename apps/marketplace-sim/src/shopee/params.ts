import type { SimRequest } from "../http";
import type { SimItem } from "./catalog";
import type { ShopeeShop } from "./context";
import { SHOPEE_ERRORS, Violation, bad } from "./errors";
import { positiveInt } from "./rules";

/** Query and body readers shared by the endpoints; each refuses with the parameter's name. */
export function itemOf(shop: ShopeeShop, v: unknown, field = "item_id"): SimItem {
  const id = positiveInt(v, field);
  const item = shop.catalog.get(id);
  if (!item)
    throw new Violation(field, `${id} does not exist in shop ${shop.shopId}`, SHOPEE_ERRORS.ITEM_NOT_FOUND);
  return item;
}

export function numberParam(req: SimRequest, name: string): number {
  const raw = req.query.get(name);
  if (raw === null || !/^\d{1,19}$/.test(raw)) bad(name, "is required and must be a number");
  return Number(raw);
}

export function pageSize(req: SimRequest, max = 100): number {
  const size = numberParam(req, "page_size");
  if (size < 1 || size > max) bad("page_size", `must be from 1 to ${max}`);
  return size;
}

export function uniqueCombinations(indexes: number[][], field: string): void {
  const seen = new Set<string>();
  indexes.forEach((ix, i) => {
    const key = ix.join(",");
    if (seen.has(key)) bad(`${field}[${i}].tier_index`, `repeats the option combination [${key}]`);
    seen.add(key);
  });
}
