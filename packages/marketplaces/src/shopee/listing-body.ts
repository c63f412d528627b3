import type { ListingPayload } from "@syncstore/core";
import { integerId, type PlatformListingFields } from "../listing-fields";

/** The listing content `add_item` and `update_item` share; price and stock travel separately on update. */
export interface ShopeeItemContent {
  item_name: string;
  description: string;
  item_sku: string;
  /** A leaf of the shop's market, from the mapping (`payload.marketplace`). */
  category_id: number;
  /** Kilograms. Left out when unknown, so Shopee names the missing `weight`. */
  weight?: number;
  /** Whole centimetres. */
  dimension?: { package_length: number; package_width: number; package_height: number };
  image: { image_id_list: string[] };
  brand: { brand_id: number; original_brand_name: string };
  attribute_list: ShopeeAttribute[];
  /** Where the category's rules require a size chart: a template id or an uploaded image. */
  size_chart_info?: { size_chart_id?: number; size_chart?: string };
  condition: "NEW";
}

export interface ShopeeAttribute {
  attribute_id: number;
  /** `value_id` 0 with a name is a custom value; `value_unit` for number-with-unit attributes. */
  attribute_value_list: { value_id: number; original_value_name?: string; value_unit?: string }[];
}

export interface ShopeeLogistic {
  logistic_id: number;
  enabled: boolean;
  size_id?: number;
  shipping_fee?: number;
}

export interface ShopeeAddItemBody extends ShopeeItemContent {
  original_price: number;
  seller_stock: { stock: number }[];
  logistic_info: ShopeeLogistic[];
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
  fields: PlatformListingFields<"SHOPEE">;
}

/** Shopee's "No Brand": sent only when the mapping says the product has no brand. */
const NO_BRAND = { brand_id: 0, original_brand_name: "NoBrand" };
/** Used when variants carry no options at all: one tier, one option per variant, named by its SKU. */
const SKU_TIER_NAME = "Variant";

/** Every image the listing needs uploaded, in order, without repeats (a size chart image too). */
export function imageUrls(payload: ListingPayload): string[] {
  const urls = new Set(payload.images);
  for (const v of payload.variants) if (v.image) urls.add(v.image);
  const chart = payload.marketplace?.sizeChart?.imageUrl;
  if (chart) urls.add(chart);
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

function attributeList(fields: PlatformListingFields<"SHOPEE">): ShopeeAttribute[] {
  return fields.attributes.map((a) => {
    const field = `attribute_list[${a.name}]`;
    return {
      attribute_id: integerId(a.id, "SHOPEE", field),
      attribute_value_list: a.values.map((v) => {
        const value: ShopeeAttribute["attribute_value_list"][number] = {
          value_id: v.id === undefined ? 0 : integerId(v.id, "SHOPEE", field),
        };
        if (v.name !== undefined) value.original_value_name = v.name;
        if (v.unit !== undefined) value.value_unit = v.unit;
        return value;
      }),
    };
  });
}

export function itemContent(payload: ListingPayload, ctx: BodyContext): ShopeeItemContent {
  const { fields } = ctx;
  const content: ShopeeItemContent = {
    item_name: payload.title,
    description: payload.description,
    item_sku: payload.sellerSku,
    category_id: integerId(fields.categoryId, "SHOPEE", "category_id"),
    image: { image_id_list: payload.images.map((u) => imageIdOf(ctx, u)) },
    brand: fields.brand
      ? {
          brand_id: integerId(fields.brand.id, "SHOPEE", "brand.brand_id"),
          original_brand_name: fields.brand.name,
        }
      : NO_BRAND,
    attribute_list: attributeList(fields),
    condition: "NEW",
  };
  const chart = fields.sizeChart;
  if (chart?.templateId)
    content.size_chart_info = { size_chart_id: integerId(chart.templateId, "SHOPEE", "size_chart_info") };
  else if (chart?.imageUrl) content.size_chart_info = { size_chart: imageIdOf(ctx, chart.imageUrl) };
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

/** The mapping's logistics channels, as given: Shopee checks them against the channel list. */
export function logisticInfo(fields: PlatformListingFields<"SHOPEE">): ShopeeLogistic[] {
  return fields.shipping.logistics.map((l) => {
    const entry: ShopeeLogistic = { logistic_id: l.logisticId, enabled: true };
    if (l.sizeId !== undefined) entry.size_id = l.sizeId;
    if (l.shippingFee !== undefined) entry.shipping_fee = l.shippingFee;
    return entry;
  });
}

export function addItemBody(payload: ListingPayload, ctx: BodyContext): ShopeeAddItemBody {
  return {
    ...itemContent(payload, ctx),
    original_price: payload.price,
    seller_stock: [{ stock: payload.stock }],
    logistic_info: logisticInfo(ctx.fields),
  };
}

/**
 * Shopee variations are tiers (option names) with option lists, and one model per combination used.
 * Tier order follows the order option names first appear; option order follows first use. The first
 * tier's options carry the variant images, as Shopee shows images on the first tier only. Shopee
 * takes tier-1 images all or none: when only some options have one, the others get the product's main
 * image, which keeps the seller's variant pictures and still shows the product on every option.
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
  const first = tiers[0]!.option_list;
  const main = payload.images[0];
  if (main && first.some((o) => o.image) && first.some((o) => !o.image)) {
    for (const o of first) o.image ??= { image_id: imageIdOf(ctx, main) };
  }
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
  [/^category_id/, "category_id"],
  [/^attribute_list/, "attribute_list"],
  [/^logistic_info/, "logistic_info"],
  [/^size_chart/, "size_chart_info"],
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
  // The body's attribute_list is the mapping's attributes in order: name the attribute as the worker does.
  const attribute = /^attribute_list\[(\d+)\]/.exec(path);
  const name = attribute ? payload.marketplace?.attributes[Number(attribute[1])]?.name : undefined;
  if (name !== undefined) return `attribute_list[${name}]`;
  return ITEM_FIELDS.find(([re]) => re.test(path))?.[1] ?? path;
}

/** Each content field as JSON, so an update can send only the fields that moved. */
export type ContentFields = Readonly<Record<keyof ShopeeItemContent, string>>;

export function contentFields(c: ShopeeItemContent): ContentFields {
  return {
    item_name: JSON.stringify(c.item_name),
    description: JSON.stringify(c.description),
    item_sku: JSON.stringify(c.item_sku),
    category_id: JSON.stringify(c.category_id),
    attribute_list: JSON.stringify(c.attribute_list),
    size_chart_info: JSON.stringify(c.size_chart_info ?? null),
    weight: JSON.stringify(c.weight ?? null),
    dimension: JSON.stringify(c.dimension ?? null),
    image: JSON.stringify(c.image.image_id_list),
    brand: JSON.stringify([c.brand.brand_id, c.brand.original_brand_name]),
    condition: JSON.stringify(c.condition),
  };
}

/** A held field Shopee's read does not show (the simulator's base info has no attribute_list). */
export const UNREAD = "\u0000unread";

/**
 * The fields of `desired` that differ from what Shopee holds; empty when nothing moved. A field the
 * read did not show is not compared — resending it after every restart would cost an `update_item`
 * per item — but travels with the next real change.
 */
export function changedContent(desired: ShopeeItemContent, held: ContentFields): Partial<ShopeeItemContent> {
  const want = contentFields(desired);
  const out: Partial<Record<keyof ShopeeItemContent, unknown>> = {};
  const keys = Object.keys(want) as (keyof ShopeeItemContent)[];
  for (const key of keys) {
    if (held[key] !== UNREAD && want[key] !== held[key] && desired[key] !== undefined)
      out[key] = desired[key];
  }
  if (Object.keys(out).length === 0) return {};
  for (const key of keys) if (held[key] === UNREAD && desired[key] !== undefined) out[key] = desired[key];
  return out as Partial<ShopeeItemContent>;
}
