import type { ListingPayload } from "@syncstore/core";
import type { RemoteListing } from "../adapter";
import type { PlatformListingFields } from "../listing-fields";
import type { TtsProductInput, TtsProductOutput, TtsSalesAttribute, TtsSkuInput } from "./wire";

/** One TikTok SKU per variant, or a single default SKU carrying the product's own seller SKU. */
export interface SkuPlan {
  sellerSku: string;
  price: number;
  stock: number;
  options: Record<string, string>;
  image: string | null;
}

export function skuPlan(payload: ListingPayload): SkuPlan[] {
  if (payload.variants.length === 0) {
    return [
      { sellerSku: payload.sellerSku, price: payload.price, stock: payload.stock, options: {}, image: null },
    ];
  }
  return payload.variants.map((v) => ({
    sellerSku: v.sellerSku,
    price: v.price,
    stock: v.stock,
    options: v.options,
    image: v.image,
  }));
}

/** Every image the listing needs uploaded: main images first, then variant images, then a size chart. */
export function imageUrls(payload: ListingPayload): string[] {
  const urls = new Set(payload.images);
  for (const v of payload.variants) if (v.image) urls.add(v.image);
  const chart = payload.marketplace?.sizeChart?.imageUrl;
  if (chart) urls.add(chart);
  return [...urls];
}

/** Whole centimetres (TikTok refuses decimals); a fraction rounds up so the parcel still fits. */
function wholeCm(n: number): string {
  return String(Math.max(1, Math.ceil(n - 1e-9)));
}

/** Decimal string without float noise: 12.3 → "12.3", 0.1 + 0.2 → "0.3". */
export function formatDecimal(n: number): string {
  return String(Number(n.toFixed(2)));
}

export interface BodyOptions {
  /** Master image URL → TikTok uri. */
  uris: ReadonlyMap<string, string>;
  /** From the mapping (`payload.marketplace`), sent as given. */
  fields: PlatformListingFields<"TIKTOK_SHOP">;
  /** Known TikTok SKU ids by seller SKU: sent on a full replace so SKUs keep their ids. */
  skuIds?: ReadonlyMap<string, string>;
}

function uriOf(uris: ReadonlyMap<string, string>, url: string): string {
  const uri = uris.get(url);
  if (uri === undefined) throw new Error(`image ${url} has not been uploaded`);
  return uri;
}

function salesAttributes(sku: SkuPlan, uris: ReadonlyMap<string, string>): TtsSalesAttribute[] | undefined {
  const entries = Object.entries(sku.options);
  if (entries.length === 0) return undefined;
  return entries.map(([name, value], i) => {
    const attr: TtsSalesAttribute = { name, value_name: value };
    // TikTok shows a SKU picture on the first sales attribute only.
    if (i === 0 && sku.image) attr.sku_img = { uri: uriOf(uris, sku.image) };
    return attr;
  });
}

export function toProductInput(payload: ListingPayload, opts: BodyOptions): TtsProductInput {
  const skus: TtsSkuInput[] = skuPlan(payload).map((s) => {
    const sku: TtsSkuInput = {
      seller_sku: s.sellerSku,
      price: { amount: formatDecimal(s.price), currency: payload.currency },
      inventory: [{ warehouse_id: opts.fields.shipping.warehouseId, quantity: s.stock }],
    };
    const id = opts.skuIds?.get(s.sellerSku);
    if (id !== undefined) sku.id = id;
    const attrs = salesAttributes(s, opts.uris);
    if (attrs) sku.sales_attributes = attrs;
    return sku;
  });
  const { fields } = opts;
  const body: TtsProductInput = {
    title: payload.title,
    description: payload.description,
    category_id: fields.categoryId,
    main_images: payload.images.map((url) => ({ uri: uriOf(opts.uris, url) })),
    product_attributes: fields.attributes.map((a) => ({
      id: a.id,
      values: a.values.map((v) => {
        // TikTok takes a number with its unit as one custom name ("250 g").
        const name = v.name === undefined ? undefined : v.unit ? `${v.name} ${v.unit}` : v.name;
        return { ...(v.id !== undefined ? { id: v.id } : {}), ...(name !== undefined ? { name } : {}) };
      }),
    })),
    skus,
  };
  if (fields.categoryVersion) body.category_version = fields.categoryVersion;
  if (fields.brand) body.brand_id = fields.brand.id;
  const chart = fields.sizeChart;
  if (chart?.templateId) body.size_chart = { template: { id: chart.templateId } };
  else if (chart?.imageUrl) body.size_chart = { image: { uri: uriOf(opts.uris, chart.imageUrl) } };
  if (fields.shipping.deliveryOptionIds?.length)
    body.delivery_option_ids = [...fields.shipping.deliveryOptionIds];
  if (payload.weightKg !== null)
    body.package_weight = { value: formatDecimal(payload.weightKg), unit: "KILOGRAM" };
  if (payload.dimensions) {
    body.package_dimensions = {
      length: wholeCm(payload.dimensions.lengthCm),
      width: wholeCm(payload.dimensions.widthCm),
      height: wholeCm(payload.dimensions.heightCm),
      unit: "CENTIMETER",
    };
  }
  return body;
}

/** The listing as just written: TikTok answers a write with ids only, the rest is what was sent. */
export function writtenListing(
  payload: ListingPayload,
  productId: string,
  skuIds: ReadonlyMap<string, string>,
  status: string,
): RemoteListing {
  const plan = skuPlan(payload);
  return {
    externalId: productId,
    sellerSku: payload.sellerSku,
    title: payload.title,
    price: payload.price,
    stock: plan.reduce((n, s) => n + s.stock, 0),
    status,
    variants: plan.map((s) => ({
      sellerSku: s.sellerSku,
      externalId: skuIds.get(s.sellerSku) ?? "",
      price: s.price,
      stock: s.stock,
    })),
  };
}

/**
 * A TikTok product seen from SyncStore. TikTok has no product-level seller SKU, so `sellerSku` is the
 * SKU the product was looked up by; its price is that SKU's, or the lowest when it names none.
 */
export function remoteListing(product: TtsProductOutput, sellerSku: string): RemoteListing {
  const own = product.skus.find((s) => s.seller_sku === sellerSku);
  const prices = product.skus.map((s) => s.price);
  return {
    externalId: product.id,
    sellerSku,
    title: product.title,
    price: own?.price ?? (prices.length ? Math.min(...prices) : 0),
    stock: product.skus.reduce((n, s) => n + s.stock, 0),
    status: product.status,
    ...(product.reasons?.length ? { rejectReason: product.reasons.join("; ") } : {}),
    variants: product.skus.map((s) => ({
      sellerSku: s.seller_sku,
      externalId: s.id,
      price: s.price,
      stock: s.stock,
    })),
  };
}

const SKU_FIELDS: [RegExp, string][] = [
  [/^seller_sku/, "sellerSku"],
  [/^price/, "price"],
  [/^inventory/, "stock"],
  [/^sales_attributes\[\d+\]\.sku_img/, "image"],
  [/^sales_attributes/, "options"],
];

/** Names a TikTok parameter path in the payload's terms, so the operator sees which input to fix. */
export function domainField(path: string, payload: ListingPayload): string {
  if (path.startsWith("main_images")) return "images";
  if (path.startsWith("package_weight")) return "weightKg";
  const side = /^package_dimensions\.(length|width|height)/.exec(path);
  if (side) return `dimensions.${side[1]}Cm`;
  if (path.startsWith("package_dimensions")) return "dimensions";
  // The body's product_attributes are the mapping's attributes in order: name the attribute as the worker does.
  const attribute = /^product_attributes\[(\d+)\]/.exec(path);
  const attributeName = attribute ? payload.marketplace?.attributes[Number(attribute[1])]?.name : undefined;
  if (attributeName !== undefined) return `product_attributes[${attributeName}]`;
  for (const name of ["category_id", "category_version", "product_attributes", "brand_id", "size_chart"])
    if (path.startsWith(name)) return name;
  if (/^skus\[\d+\]\.inventory(\[\d+\])?\.warehouse_id/.test(path)) return "skus[].inventory[].warehouse_id";
  const sku = /^skus\[(\d+)\]\.?(.*)$/.exec(path);
  if (sku) {
    const rest = sku[2] ?? "";
    const leaf = SKU_FIELDS.find(([re]) => re.test(rest))?.[1] ?? rest;
    if (payload.variants.length === 0) return leaf || "sellerSku";
    return leaf ? `variants[${sku[1]}].${leaf}` : `variants[${sku[1]}]`;
  }
  if (path === "skus") return payload.variants.length === 0 ? "sellerSku" : "variants";
  return path;
}
