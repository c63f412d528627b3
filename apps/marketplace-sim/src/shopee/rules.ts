import { bad } from "./errors";
import type { LogisticEntry, SizeChartInfo, StoredAttribute } from "./listing";

interface Range {
  min: number;
  max: number;
}

/**
 * What the simulated shop accepts. Shopee's real limits differ per market and category (its
 * `product/get_item_limit` API tells a shop its own); these defaults are SyncStore's (title 5–100,
 * description 20–3000, stock 0–999,999), Shopee's documented ones (1–9 images, item_sku and
 * model_sku up to 100 characters, two variation tiers, 50 models) and, for tier and option names,
 * the simulator's own choice.
 */
export interface ShopeeLimits {
  itemName: Range;
  description: Range;
  images: Range;
  itemSkuMax: number;
  modelSkuMax: number;
  /** Prices must be > 0 and at most this. */
  priceMax: number;
  stock: Range;
  tiersMax: number;
  tierNameMax: number;
  optionNameMax: number;
  optionsPerTierMax: number;
  modelsMax: number;
}

export const DEFAULT_SHOPEE_LIMITS: Readonly<ShopeeLimits> = {
  itemName: { min: 5, max: 100 },
  description: { min: 20, max: 3000 },
  images: { min: 1, max: 9 },
  itemSkuMax: 100,
  modelSkuMax: 100,
  priceMax: 1_000_000_000,
  stock: { min: 0, max: 999_999 },
  tiersMax: 2,
  tierNameMax: 20,
  optionNameMax: 30,
  optionsPerTierMax: 50,
  modelsMax: 50,
};

export interface Dimension {
  package_length: number;
  package_width: number;
  package_height: number;
}

export interface ItemFields {
  item_name: string;
  description: string;
  item_sku: string;
  category_id: number;
  weight: number;
  dimension: Dimension | null;
  image_id_list: string[];
  brand: { brand_id: number; original_brand_name: string };
  condition: "NEW" | "USED";
  logistic_info: LogisticEntry[];
  attribute_list: StoredAttribute[];
  size_chart_info: SizeChartInfo | null;
}

export interface NewItem {
  fields: ItemFields;
  price: number;
  stock: number;
  status: "NORMAL" | "UNLIST";
}

export interface Tier {
  name: string;
  option_list: { option: string; image?: { image_id: string } }[];
}

export interface ModelInput {
  tier_index: number[];
  model_sku: string;
  original_price: number;
  stock: number;
}

export type IsImage = (imageId: string) => boolean;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function length(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function text(v: unknown, field: string, range: Range): string {
  if (v === undefined || v === null) bad(field, "is required");
  if (typeof v !== "string") bad(field, "must be a string");
  const n = length(v.trim() === "" ? "" : v);
  if (n < range.min || n > range.max)
    bad(field, `length must be between ${range.min} and ${range.max} characters, got ${n}`);
  return v;
}

function positiveNumber(v: unknown, field: string): number {
  if (v === undefined || v === null) bad(field, "is required");
  if (typeof v !== "number" || !Number.isFinite(v)) bad(field, "must be a number");
  if (!(v > 0)) bad(field, `must be greater than 0, got ${v}`);
  return v;
}

export function positiveInt(v: unknown, field: string): number {
  if (v === undefined || v === null) bad(field, "is required");
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v <= 0)
    bad(field, `must be a positive whole number, got ${JSON.stringify(v)}`);
  return v;
}

export function checkPrice(v: unknown, field: string, limits: ShopeeLimits): number {
  const price = positiveNumber(v, field);
  if (price > limits.priceMax) bad(field, `must be at most ${limits.priceMax}, got ${price}`);
  return price;
}

function checkStock(v: unknown, field: string, limits: ShopeeLimits): number {
  if (v === undefined || v === null) bad(field, "is required");
  if (typeof v !== "number" || !Number.isSafeInteger(v))
    bad(field, `must be a whole number, got ${JSON.stringify(v)}`);
  if (v < limits.stock.min || v > limits.stock.max)
    bad(field, `must be between ${limits.stock.min} and ${limits.stock.max}, got ${v}`);
  return v;
}

/** `seller_stock: [{ location_id?, stock }]`; several locations add up. */
export function checkSellerStock(v: unknown, field: string, limits: ShopeeLimits): number {
  if (v === undefined || v === null) bad(field, "is required");
  if (!Array.isArray(v) || v.length === 0) bad(field, "must list at least one { stock }");
  let total = 0;
  v.forEach((entry, i) => {
    if (!isRecord(entry)) bad(`${field}[${i}]`, "must be an object");
    total += checkStock(entry.stock, `${field}[${i}].stock`, limits);
  });
  return checkStock(total, field, limits);
}

function sku(v: unknown, field: string, max: number): string {
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") bad(field, "must be a string");
  const n = length(v);
  if (n > max) bad(field, `must be at most ${max} characters, got ${n}`);
  return v;
}

function images(v: unknown, limits: ShopeeLimits, isImage: IsImage): string[] {
  const field = "image.image_id_list";
  if (!isRecord(v)) bad(field, "is required");
  const list = v.image_id_list;
  if (!Array.isArray(list)) bad(field, "is required");
  if (list.length < limits.images.min || list.length > limits.images.max)
    bad(field, `must hold ${limits.images.min} to ${limits.images.max} images, got ${list.length}`);
  list.forEach((id, i) => {
    if (typeof id !== "string" || !isImage(id))
      bad(
        `${field}[${i}]`,
        `${JSON.stringify(id)} is not an image uploaded through media_space/upload_image`,
      );
  });
  return list as string[];
}

function dimension(v: unknown): Dimension | null {
  if (v === undefined || v === null) return null;
  if (!isRecord(v)) bad("dimension", "must be an object");
  return {
    package_length: positiveInt(v.package_length, "dimension.package_length"),
    package_width: positiveInt(v.package_width, "dimension.package_width"),
    package_height: positiveInt(v.package_height, "dimension.package_height"),
  };
}

function brand(v: unknown): ItemFields["brand"] {
  if (v === undefined || v === null) return { brand_id: 0, original_brand_name: "NoBrand" };
  if (!isRecord(v)) bad("brand", "must be an object");
  const id = v.brand_id;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0)
    bad("brand.brand_id", "must be a whole number, 0 for no brand");
  const name = v.original_brand_name ?? "";
  if (typeof name !== "string") bad("brand.original_brand_name", "must be a string");
  return { brand_id: id, original_brand_name: name };
}

function condition(v: unknown): ItemFields["condition"] {
  if (v === undefined || v === null) return "NEW";
  if (v !== "NEW" && v !== "USED") bad("condition", "must be NEW or USED");
  return v;
}

function logistics(v: unknown): ItemFields["logistic_info"] {
  if (!Array.isArray(v) || v.length === 0) bad("logistic_info", "is required: at least one shipping channel");
  const out = v.map((entry, i) => {
    if (!isRecord(entry)) bad(`logistic_info[${i}]`, "must be an object");
    const out: LogisticEntry = {
      logistic_id: positiveInt(entry.logistic_id, `logistic_info[${i}].logistic_id`),
      enabled: entry.enabled === true,
    };
    if (entry.size_id !== undefined && entry.size_id !== null) {
      out.size_id = positiveInt(entry.size_id, `logistic_info[${i}].size_id`);
    }
    if (entry.shipping_fee !== undefined)
      out.shipping_fee = positiveNumber(entry.shipping_fee, `logistic_info[${i}].shipping_fee`);
    if (entry.is_free !== undefined) out.is_free = entry.is_free === true;
    return out;
  });
  if (!out.some((l) => l.enabled))
    bad("logistic_info", "must enable at least one shipping channel for the product");
  return out;
}

/** Rejects the fields update_item does not take, rather than silently ignoring them. */
const NOT_ON_UPDATE: Record<string, string> = {
  original_price: "update_price",
  seller_stock: "update_stock",
  normal_stock: "update_stock",
  tier_variation: "update_tier_variation",
  model: "add_model",
};

export function checkNewItem(body: unknown, limits: ShopeeLimits, isImage: IsImage): NewItem {
  if (!isRecord(body)) bad("body", "must be a JSON object");
  const status = body.item_status ?? "NORMAL";
  if (status !== "NORMAL" && status !== "UNLIST") bad("item_status", "must be NORMAL or UNLIST");
  return {
    fields: {
      item_name: text(body.item_name, "item_name", limits.itemName),
      description: text(body.description, "description", limits.description),
      item_sku: sku(body.item_sku, "item_sku", limits.itemSkuMax),
      category_id: positiveInt(body.category_id, "category_id"),
      weight: positiveNumber(body.weight, "weight"),
      dimension: dimension(body.dimension),
      image_id_list: images(body.image, limits, isImage),
      brand: brand(body.brand),
      condition: condition(body.condition),
      logistic_info: logistics(body.logistic_info),
      // Checked against the category in listing.ts.
      attribute_list: [],
      size_chart_info: null,
    },
    price: checkPrice(body.original_price, "original_price", limits),
    stock: checkSellerStock(body.seller_stock, "seller_stock", limits),
    status,
  };
}

/** `update_item`: every field optional, each checked as `add_item` checks it. */
export function checkItemChanges(body: Record<string, unknown>, limits: ShopeeLimits, isImage: IsImage) {
  for (const [field, instead] of Object.entries(NOT_ON_UPDATE)) {
    if (body[field] !== undefined) bad(field, `cannot be changed by update_item; use ${instead}`);
  }
  const changes: Partial<ItemFields> = {};
  if (body.item_name !== undefined) changes.item_name = text(body.item_name, "item_name", limits.itemName);
  if (body.description !== undefined)
    changes.description = text(body.description, "description", limits.description);
  if (body.item_sku !== undefined) changes.item_sku = sku(body.item_sku, "item_sku", limits.itemSkuMax);
  if (body.category_id !== undefined) changes.category_id = positiveInt(body.category_id, "category_id");
  if (body.weight !== undefined) changes.weight = positiveNumber(body.weight, "weight");
  if (body.dimension !== undefined) changes.dimension = dimension(body.dimension);
  if (body.image !== undefined) changes.image_id_list = images(body.image, limits, isImage);
  if (body.brand !== undefined) changes.brand = brand(body.brand);
  if (body.condition !== undefined) changes.condition = condition(body.condition);
  if (body.logistic_info !== undefined) changes.logistic_info = logistics(body.logistic_info);
  return changes;
}

export function checkTiers(v: unknown, limits: ShopeeLimits, isImage: IsImage): Tier[] {
  const field = "tier_variation";
  if (!Array.isArray(v) || v.length === 0 || v.length > limits.tiersMax)
    bad(field, `must hold 1 to ${limits.tiersMax} tiers`);
  return v.map((raw, t) => {
    const at = `${field}[${t}]`;
    if (!isRecord(raw)) bad(at, "must be an object");
    const name = text(raw.name, `${at}.name`, { min: 1, max: limits.tierNameMax });
    const options = raw.option_list;
    if (!Array.isArray(options) || options.length === 0 || options.length > limits.optionsPerTierMax)
      bad(`${at}.option_list`, `must hold 1 to ${limits.optionsPerTierMax} options`);
    const seen = new Set<string>();
    const option_list = options.map((o, i) => {
      const oat = `${at}.option_list[${i}]`;
      if (!isRecord(o)) bad(oat, "must be an object");
      const option = text(o.option, `${oat}.option`, { min: 1, max: limits.optionNameMax });
      if (seen.has(option)) bad(`${oat}.option`, `repeats ${JSON.stringify(option)}`);
      seen.add(option);
      if (o.image === undefined || o.image === null) return { option };
      const imageId = isRecord(o.image) ? o.image.image_id : undefined;
      if (typeof imageId !== "string" || !isImage(imageId))
        bad(`${oat}.image.image_id`, "is not an image uploaded through media_space/upload_image");
      return { option, image: { image_id: imageId } };
    });
    return { name, option_list };
  });
}

export function checkTierIndex(v: unknown, field: string, tiers: readonly Tier[]): number[] {
  if (!Array.isArray(v) || v.length !== tiers.length)
    bad(field, `must give one option index per tier (${tiers.length})`);
  return v.map((i, t) => {
    const size = tiers[t]!.option_list.length;
    if (typeof i !== "number" || !Number.isInteger(i) || i < 0 || i >= size)
      bad(`${field}[${t}]`, `must be an option index from 0 to ${size - 1}`);
    return i;
  });
}

/** `init_tier_variation.model` and `add_model.model_list`. */
export function checkModels(
  v: unknown,
  field: "model" | "model_list",
  tiers: readonly Tier[],
  limits: ShopeeLimits,
): ModelInput[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > limits.modelsMax)
    bad(field, `must hold 1 to ${limits.modelsMax} models`);
  return v.map((raw, i) => {
    const at = `${field}[${i}]`;
    if (!isRecord(raw)) bad(at, "must be an object");
    return {
      tier_index: checkTierIndex(raw.tier_index, `${at}.tier_index`, tiers),
      model_sku: sku(raw.model_sku, `${at}.model_sku`, limits.modelSkuMax),
      original_price: checkPrice(raw.original_price, `${at}.original_price`, limits),
      stock: checkSellerStock(raw.seller_stock, `${at}.seller_stock`, limits),
    };
  });
}

/** A reason to refuse one entry of a batch write, or null when it is fine. */
export function entryProblem(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (e) {
    return (e as Error).message.replace(/^Wrong parameters, detail: /, "").replace(/\.$/, "");
  }
}
