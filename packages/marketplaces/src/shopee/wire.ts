import { isRecord } from "./envelope";

/**
 * Readers for Shopee's answers. They accept what Shopee is known to send (ids as numbers, weights as
 * strings or numbers) and return null when a required part is missing, so the client can report a
 * malformed answer instead of crashing on it.
 */

export interface ShopeeModel {
  modelId: string;
  sku: string;
  tierIndex: number[];
  price: number | null;
  stock: number | null;
}

export interface ShopeeTierOut {
  name: string;
  options: string[];
  imageIds: string[];
}

export interface ShopeeModelList {
  tiers: ShopeeTierOut[];
  models: ShopeeModel[];
}

export interface ShopeeItem {
  itemId: string;
  sku: string;
  name: string;
  description: string;
  categoryId: number | null;
  weight: number | null;
  dimension: { package_length: number; package_width: number; package_height: number } | null;
  imageIds: string[];
  brandName: string | null;
  brandId: number | null;
  status: string;
  /** Why Shopee holds or banned the item (`item_status_details[].violation_reason`); empty otherwise. */
  statusReasons: string[];
  /** `attribute_list` as sent (ids and values); null when the answer does not carry it. */
  attributeList: ShopeeAttributeOut[] | null;
  hasModel: boolean;
  /** For an item without models; null when it has models (they carry their own). */
  price: number | null;
  stock: number | null;
}

export interface ShopeeAttributeOut {
  attribute_id: number;
  attribute_value_list: { value_id: number; original_value_name?: string; value_unit?: string }[];
}

function readAttributes(v: unknown): ShopeeAttributeOut[] | null {
  if (!Array.isArray(v)) return null;
  return v.filter(isRecord).map((a) => ({
    attribute_id: num(a.attribute_id) ?? 0,
    attribute_value_list: list(a.attribute_value_list)
      .filter(isRecord)
      .map((x) => {
        const value: ShopeeAttributeOut["attribute_value_list"][number] = { value_id: num(x.value_id) ?? 0 };
        if (typeof x.original_value_name === "string") value.original_value_name = x.original_value_name;
        if (typeof x.value_unit === "string" && x.value_unit !== "") value.value_unit = x.value_unit;
        return value;
      }),
  }));
}

export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  expireInSec: number;
}

export interface PartialFailure {
  id: string | null;
  reason: string;
}

function idOf(v: unknown): string | null {
  if (typeof v === "number" && Number.isSafeInteger(v) && v > 0) return String(v);
  if (typeof v === "string" && /^\d+$/.test(v)) return v;
  return null;
}

function num(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** First entry of `price_info`, as Shopee gives item and model prices. */
function priceOf(r: Record<string, unknown>): number | null {
  const info = list(r.price_info)[0];
  return isRecord(info) ? num(info.original_price) : num(r.original_price);
}

/**
 * Stock as Shopee reports it: `stock_info_v2.seller_stock` (v2), else the `seller_stock` that
 * write answers echo. Several locations add up.
 */
function stockOf(r: Record<string, unknown>): number | null {
  const v2 = isRecord(r.stock_info_v2) ? r.stock_info_v2 : null;
  const sellerStock = v2 ? list(v2.seller_stock) : list(r.seller_stock);
  if (sellerStock.length > 0) {
    let total = 0;
    for (const s of sellerStock) {
      const n = isRecord(s) ? num(s.stock) : null;
      if (n === null) return null;
      total += n;
    }
    return total;
  }
  const summary = v2 && isRecord(v2.summary_info) ? v2.summary_info : null;
  return summary ? num(summary.total_available_stock) : null;
}

export function readItemId(response: unknown): string | null {
  return isRecord(response) ? idOf(response.item_id) : null;
}

/** The `item_status` add_item answers with: REVIEWING when Shopee holds the new item for review. */
export function readItemStatus(response: unknown): string | null {
  return isRecord(response) && typeof response.item_status === "string" && response.item_status !== ""
    ? response.item_status
    : null;
}

function readTiers(v: unknown): ShopeeTierOut[] {
  return list(v).flatMap((t) => {
    if (!isRecord(t)) return [];
    const opts = list(t.option_list).filter(isRecord);
    return [
      {
        name: str(t.name),
        options: opts.map((o) => str(o.option)),
        imageIds: opts.map((o) => (isRecord(o.image) ? str(o.image.image_id) : "")),
      },
    ];
  });
}

/** `init_tier_variation`, `add_model` and `get_model_list` all answer with `model` (and tiers). */
export function readModelList(response: unknown): ShopeeModelList | null {
  if (!isRecord(response) || !Array.isArray(response.model)) return null;
  const models: ShopeeModel[] = [];
  for (const m of response.model) {
    if (!isRecord(m)) return null;
    const modelId = idOf(m.model_id);
    if (modelId === null) return null;
    models.push({
      modelId,
      sku: str(m.model_sku),
      tierIndex: list(m.tier_index).map((i) => (typeof i === "number" ? i : -1)),
      price: priceOf(m),
      stock: stockOf(m),
    });
  }
  return { tiers: readTiers(response.tier_variation), models };
}

function readDimension(v: unknown): ShopeeItem["dimension"] {
  if (!isRecord(v)) return null;
  const l = num(v.package_length);
  const w = num(v.package_width);
  const h = num(v.package_height);
  return l !== null && w !== null && h !== null && l > 0
    ? { package_length: l, package_width: w, package_height: h }
    : null;
}

function readItem(r: Record<string, unknown>): ShopeeItem | null {
  const itemId = idOf(r.item_id);
  if (itemId === null) return null;
  const brand = isRecord(r.brand) ? r.brand : null;
  const hasModel = r.has_model === true;
  return {
    itemId,
    sku: str(r.item_sku),
    name: str(r.item_name),
    description: str(r.description),
    categoryId: num(r.category_id),
    weight: num(r.weight),
    dimension: readDimension(r.dimension),
    imageIds: isRecord(r.image) ? list(r.image.image_id_list).map(str) : [],
    brandName: brand ? str(brand.original_brand_name) : null,
    brandId: brand ? num(brand.brand_id) : null,
    status: str(r.item_status) || "NORMAL",
    statusReasons: list(r.item_status_details)
      .filter(isRecord)
      .map((d) => str(d.violation_reason))
      .filter((reason) => reason !== ""),
    attributeList: readAttributes(r.attribute_list),
    hasModel,
    price: hasModel ? null : priceOf(r),
    stock: hasModel ? null : stockOf(r),
  };
}

/** `get_item_base_info`: ids Shopee does not know are simply absent from `item_list`. */
export function readItemList(response: unknown): ShopeeItem[] | null {
  if (!isRecord(response)) return null;
  if (response.item_list === undefined) return [];
  if (!Array.isArray(response.item_list)) return null;
  const items: ShopeeItem[] = [];
  for (const r of response.item_list) {
    const item = isRecord(r) ? readItem(r) : null;
    if (item) items.push(item);
  }
  return items;
}

export interface SearchPage {
  itemIds: string[];
  nextOffset: string | null;
}

export function readSearchPage(response: unknown): SearchPage | null {
  if (response === null) return { itemIds: [], nextOffset: null };
  if (!isRecord(response)) return null;
  const itemIds = list(response.item_id_list)
    .map(idOf)
    .filter((id): id is string => id !== null);
  const more = response.has_next_page === true;
  const next = response.next_offset;
  const nextOffset =
    more && (typeof next === "string" || typeof next === "number") && String(next) !== ""
      ? String(next)
      : null;
  return { itemIds, nextOffset };
}

/** The token endpoint answers at the top level of the body, not under `response`. */
export function readTokenGrant(body: Record<string, unknown>): TokenGrant | null {
  const accessToken = str(body.access_token);
  const refreshToken = str(body.refresh_token);
  const expireInSec = num(body.expire_in);
  if (!accessToken || !refreshToken || expireInSec === null || expireInSec <= 0) return null;
  return { accessToken, refreshToken, expireInSec };
}

export function readImageId(response: unknown): string | null {
  if (!isRecord(response)) return null;
  const info = isRecord(response.image_info) ? response.image_info : null;
  const id = info ? str(info.image_id) : "";
  return id || null;
}

/**
 * Batch writes (`update_price`, `update_stock`, `unlist_item`) succeed as a call but list per-entry
 * failures. The first one is what the operator needs to see.
 */
export function readFailures(response: unknown): PartialFailure[] {
  if (!isRecord(response)) return [];
  return list(response.failure_list).flatMap((f) => {
    if (!isRecord(f)) return [];
    const reason = str(f.failed_reason) || str(f.fail_message) || "rejected without a reason";
    return [{ id: idOf(f.model_id) ?? idOf(f.item_id), reason }];
  });
}
