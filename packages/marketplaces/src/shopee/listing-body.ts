import type { ListingPayload } from "@syncstore/core";

/** The listing content `add_item` and `update_item` share; price and stock travel separately on update. */
export interface ShopeeItemContent {
  item_name: string;
  description: string;
  item_sku: string;
  /** Left out when the payload has no category, so Shopee names the missing `category_id`. */
  category_id?: number;
  /** Kilograms. Left out when unknown, so Shopee names the missing `weight`. */
  weight?: number;
  /** Whole centimetres. */
  dimension?: { package_length: number; package_width: number; package_height: number };
  image: { image_id_list: string[] };
  brand: { brand_id: number; original_brand_name: string };
  condition: "NEW";
}

export interface ShopeeAddItemBody extends ShopeeItemContent {
  original_price: number;
  seller_stock: { stock: number }[];
  logistic_info: { logistic_id: number; enabled: boolean }[];
}

export interface TierOption {
  option: string;
  image?: { image_id: string };
}

export interface ShopeeTier {
  name: string;
  option_list: TierOption[];
}

export interface ModelPlan {
  sellerSku: string;
  tierIndex: number[];
  price: number;
  stock: number;
}

export interface TierPlan {
  tiers: ShopeeTier[];
  models: ModelPlan[];
}

export interface BodyContext {
  /** Master image URL → Shopee image_id, for every URL `imageUrls` returned. */
  imageIds: ReadonlyMap<string, string>;
  categoryId: number | null;
}

/** Shopee's id for "No brand"; the brand name still travels so a brand-mapped category can pick it up. */
const NO_BRAND_ID = 0;
/** Used when variants carry no options at all: one tier, one option per variant, named by its SKU. */
const SKU_TIER_NAME = "Variant";

/** Every image the listing needs uploaded, in order, without repeats. */
export function imageUrls(payload: ListingPayload): string[] {
  const urls = new Set(payload.images);
  for (const v of payload.variants) if (v.image) urls.add(v.image);
  return [...urls];
}

function imageIdOf(ctx: BodyContext, url: string): string {
  const id = ctx.imageIds.get(url);
  if (id === undefined) throw new Error(`image ${url} was not uploaded before building the listing`);
  return id;
}

/** Shopee takes package dimensions in whole centimetres; a fraction rounds up so the parcel still fits. */
function wholeCm(n: number): number {
  return Math.max(1, Math.ceil(n - 1e-9));
}

export function itemContent(payload: ListingPayload, ctx: BodyContext): ShopeeItemContent {
  const content: ShopeeItemContent = {
    item_name: payload.title,
    description: payload.description,
    item_sku: payload.sellerSku,
    image: { image_id_list: payload.images.map((u) => imageIdOf(ctx, u)) },
    brand: { brand_id: NO_BRAND_ID, original_brand_name: payload.brand ?? "NoBrand" },
    condition: "NEW",
  };
  if (ctx.categoryId !== null) content.category_id = ctx.categoryId;
  if (payload.weightKg !== null) content.weight = payload.weightKg;
  const d = payload.dimensions;
  if (d !== null) {
    content.dimension = {
      package_length: wholeCm(d.lengthCm),
      package_width: wholeCm(d.widthCm),
      package_height: wholeCm(d.heightCm),
    };
  }
  return content;
}

export function addItemBody(
  payload: ListingPayload,
  ctx: BodyContext,
  logisticIds: readonly number[],
): ShopeeAddItemBody {
  return {
    ...itemContent(payload, ctx),
    original_price: payload.price,
    seller_stock: [{ stock: payload.stock }],
    logistic_info: logisticIds.map((id) => ({ logistic_id: id, enabled: true })),
  };
}

/**
 * Shopee variations are tiers (option names) with option lists, and one model per combination used.
 * Tier order follows the order option names first appear; option order follows first use. The first
 * tier's options carry the variant images, as Shopee shows images on the first tier only.
 */
export function tierPlan(payload: ListingPayload, ctx: BodyContext): TierPlan | null {
  const variants = payload.variants;
  if (variants.length === 0) return null;
  const names: string[] = [];
  for (const v of variants)
    for (const name of Object.keys(v.options)) if (!names.includes(name)) names.push(name);
  const valuesOf = (v: ListingPayload["variants"][number]): string[] =>
    names.length === 0 ? [v.sellerSku] : names.map((n) => v.options[n] ?? "");
  const tierNames = names.length === 0 ? [SKU_TIER_NAME] : names;
  const options: string[][] = tierNames.map(() => []);
  const tiers: ShopeeTier[] = tierNames.map((name) => ({ name, option_list: [] }));
  const models: ModelPlan[] = variants.map((v) => {
    const tierIndex = valuesOf(v).map((value, t) => {
      const list = options[t]!;
      let i = list.indexOf(value);
      if (i < 0) {
        i = list.push(value) - 1;
        tiers[t]!.option_list.push({ option: value });
      }
      if (t === 0 && v.image && !tiers[0]!.option_list[i]!.image) {
        tiers[0]!.option_list[i]!.image = { image_id: imageIdOf(ctx, v.image) };
      }
      return i;
    });
    return { sellerSku: v.sellerSku, tierIndex, price: v.price, stock: v.stock };
  });
  return { tiers, models };
}

/** The body models travel in for `init_tier_variation` and `add_model`. */
export function modelBody(m: ModelPlan) {
  return {
    tier_index: m.tierIndex,
    original_price: m.price,
    model_sku: m.sellerSku,
    seller_stock: [{ stock: m.stock }],
  };
}

/** A stable key of the tier structure: same key, same tier_index meaning. */
export function tiersKey(tiers: readonly ShopeeTier[]): string {
  return JSON.stringify(tiers.map((t) => [t.name, t.option_list.map((o) => o.option)]));
}

/** Option images can change without the structure changing; they travel with update_tier_variation. */
export function tierImagesKey(tiers: readonly ShopeeTier[]): string {
  return JSON.stringify(tiers.map((t) => t.option_list.map((o) => o.image?.image_id ?? "")));
}

/** FNV-1a, 32 bits: small, stable across processes and versions. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The numeric Shopee category for a master category. An explicit mapping wins; a category that is
 * already a number is used as it is; anything else gets a stable id derived from its name, which the
 * simulator accepts (any positive id) but a real shop does not: live use needs the mapping, built
 * from Shopee's `product/get_category` tree for the shop's market.
 */
export function shopeeCategoryId(
  category: string | null,
  mapping: Readonly<Record<string, number>> = {},
): number | null {
  const name = category?.trim() ?? "";
  if (name === "") return null;
  const mapped = mapping[name];
  if (mapped !== undefined) return mapped;
  if (/^\d{1,15}$/.test(name) && Number(name) > 0) return Number(name);
  return 100_000 + (fnv1a(name.toLowerCase()) % 900_000);
}

const MODEL_FIELDS: [RegExp, string][] = [
  [/^model_sku/, "sellerSku"],
  [/^original_price/, "price"],
  [/^(seller_stock|stock)/, "stock"],
  [/^tier_index/, "options"],
];

const ITEM_FIELDS: [RegExp, string][] = [
  [/^item_name/, "title"],
  [/^description/, "description"],
  [/^item_sku/, "sellerSku"],
  [/^original_price/, "price"],
  [/^(seller_stock|stock)/, "stock"],
  [/^category_id/, "category"],
  [/^weight/, "weight"],
  [/^dimension\.package_length/, "dimensions.lengthCm"],
  [/^dimension\.package_width/, "dimensions.widthCm"],
  [/^dimension\.package_height/, "dimensions.heightCm"],
  [/^dimension/, "dimensions"],
  [/^image/, "images"],
  [/^brand/, "brand"],
  [/^tier_variation/, "variants"],
];

/**
 * Names a Shopee parameter path in the payload's terms, so the operator sees which input to fix.
 * Indexed lists (`model[i]`, `price_list[i]`…) are read through `requestSkus`, the seller SKU each
 * entry of the request stood for (by default the payload's variants in order).
 */
export function domainField(
  path: string,
  payload: ListingPayload,
  requestSkus: readonly string[] = payload.variants.map((v) => v.sellerSku),
): string {
  const indexed = /^(model|model_list|price_list|stock_list)\[(\d+)\]\.?(.*)$/.exec(path);
  if (indexed) {
    const sku = requestSkus[Number(indexed[2])];
    const rest = indexed[3] ?? "";
    const leaf = MODEL_FIELDS.find(([re]) => re.test(rest))?.[1] ?? "";
    if (payload.variants.length === 0) return leaf || "sellerSku";
    const i = payload.variants.findIndex((v) => v.sellerSku === sku);
    if (i < 0) return "variants";
    return leaf ? `variants[${i}].${leaf}` : `variants[${i}]`;
  }
  if (/^(model|model_list|price_list|stock_list)$/.test(path)) return "variants";
  return ITEM_FIELDS.find(([re]) => re.test(path))?.[1] ?? path;
}

/** Each content field as JSON, so an update can send only the fields that moved. */
export type ContentFields = Readonly<Record<keyof ShopeeItemContent, string>>;

export function contentFields(c: ShopeeItemContent): ContentFields {
  return {
    item_name: JSON.stringify(c.item_name),
    description: JSON.stringify(c.description),
    item_sku: JSON.stringify(c.item_sku),
    category_id: JSON.stringify(c.category_id ?? null),
    weight: JSON.stringify(c.weight ?? null),
    dimension: JSON.stringify(c.dimension ?? null),
    image: JSON.stringify(c.image.image_id_list),
    brand: JSON.stringify([c.brand.brand_id, c.brand.original_brand_name]),
    condition: JSON.stringify(c.condition),
  };
}

/** The fields of `desired` that differ from what Shopee holds; empty when nothing moved. */
export function changedContent(desired: ShopeeItemContent, held: ContentFields): Partial<ShopeeItemContent> {
  const want = contentFields(desired);
  const out: Partial<Record<keyof ShopeeItemContent, unknown>> = {};
  for (const key of Object.keys(want) as (keyof ShopeeItemContent)[]) {
    if (want[key] !== held[key] && desired[key] !== undefined) out[key] = desired[key];
  }
  return out as Partial<ShopeeItemContent>;
}
