import type { Taxonomy } from "../taxonomy";
import { TTS_CODES, violation, type Violation } from "./errors";
import { checkListing, type ListingData } from "./listing";

/** TikTok Shop's listing limits, as its product API enforces them. */
export const TTS_LIMITS = {
  titleMin: 25,
  titleMax: 255,
  descriptionMax: 10_000,
  imagesMin: 1,
  imagesMax: 9,
  sellerSkuMax: 50,
  skusMax: 100,
  salesAttributesMax: 3,
} as const;

export interface SalesAttributeIn {
  name: string;
  value_name: string;
  sku_img: string | null;
}

export interface SkuIn {
  id: string | null;
  seller_sku: string;
  price: { amount: string; currency: string };
  inventory: { warehouse_id: string; quantity: number }[];
  sales_attributes: SalesAttributeIn[];
}

/** What a product body is checked against: the issued images, the taxonomy, the shop's currency. */
export interface ProductContext {
  issuedImage: (uri: string) => boolean;
  taxonomy: Taxonomy;
  /** The shop's currency: an Indonesian shop sells in IDR. */
  currency: string;
}

export interface ProductIn extends ListingData {
  title: string;
  description: string;
  main_images: string[];
  skus: SkuIn[];
  package_weight: { value: string; unit: string };
  package_dimensions: { length: string; width: string; height: string; unit: string } | null;
}

type Result<T> = { ok: true; value: T } | { ok: false; violation: Violation };

const bad = (field: string, reason: string, code: number = TTS_CODES.PRODUCT_FIELD_INVALID) => ({
  ok: false as const,
  violation: violation(code, field, reason),
});

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function positiveDecimal(v: unknown): boolean {
  return typeof v === "string" && /^\d+(\.\d+)?$/.test(v) && Number(v) > 0;
}

function chars(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Validates a create or full-replace body and returns it normalised. The first rule broken is
 * reported, naming the parameter path, as TikTok does.
 */
export function checkProduct(body: unknown, ctx: ProductContext): Result<ProductIn> {
  const { issuedImage } = ctx;
  if (!isRecord(body)) return bad("body", "the request body must be a JSON object", TTS_CODES.PARAM_INVALID);
  const { title, description } = body;
  if (typeof title !== "string") return bad("title", "the title is required");
  const titleLength = chars(title);
  if (titleLength < TTS_LIMITS.titleMin || titleLength > TTS_LIMITS.titleMax)
    return bad(
      "title",
      `the title must be ${TTS_LIMITS.titleMin} to ${TTS_LIMITS.titleMax} characters, got ${titleLength}`,
    );
  if (typeof description !== "string" || description.trim() === "")
    return bad("description", "the description is required", TTS_CODES.DESCRIPTION_INVALID);
  const descriptionLength = chars(description);
  if (descriptionLength > TTS_LIMITS.descriptionMax)
    return bad(
      "description",
      `the description must be at most ${TTS_LIMITS.descriptionMax} characters, got ${descriptionLength}`,
      TTS_CODES.DESCRIPTION_INVALID,
    );

  const images = checkImages(body.main_images, issuedImage);
  if (!images.ok) return images;
  const listing = checkListing(body, ctx.taxonomy, issuedImage);
  if (!listing.ok) return listing;
  const skus = checkSkus(body.skus, ctx);
  if (!skus.ok) return skus;
  const weight = checkWeight(body.package_weight);
  if (!weight.ok) return weight;
  const dimensions = checkDimensions(body.package_dimensions);
  if (!dimensions.ok) return dimensions;
  return {
    ok: true,
    value: {
      ...listing.value,
      title,
      description,
      main_images: images.value,
      skus: skus.value,
      package_weight: weight.value,
      package_dimensions: dimensions.value,
    },
  };
}

function checkImages(v: unknown, issuedImage: (uri: string) => boolean): Result<string[]> {
  if (!Array.isArray(v) || v.length < TTS_LIMITS.imagesMin || v.length > TTS_LIMITS.imagesMax)
    return bad(
      "main_images",
      `a product needs ${TTS_LIMITS.imagesMin} to ${TTS_LIMITS.imagesMax} main images, got ${Array.isArray(v) ? v.length : 0}`,
    );
  const uris: string[] = [];
  for (const [i, img] of v.entries()) {
    const uri = isRecord(img) ? img.uri : undefined;
    if (typeof uri !== "string" || !issuedImage(uri))
      return bad(`main_images[${i}].uri`, "the image uri was not issued by images/upload");
    uris.push(uri);
  }
  return { ok: true, value: uris };
}

function checkSkus(v: unknown, ctx: ProductContext): Result<SkuIn[]> {
  if (!Array.isArray(v) || v.length === 0) return bad("skus", "at least one SKU is required");
  if (v.length > TTS_LIMITS.skusMax)
    return bad(
      "skus",
      `a product has at most ${TTS_LIMITS.skusMax} SKUs, got ${v.length}`,
      TTS_CODES.TOO_MANY_SKUS,
    );
  const skus: SkuIn[] = [];
  const sellerSkus = new Set<string>();
  const combinations = new Set<string>();
  for (const [i, raw] of v.entries()) {
    const sku = checkSku(raw, `skus[${i}]`, ctx);
    if (!sku.ok) return sku;
    const s = sku.value;
    if (s.seller_sku !== "") {
      if (sellerSkus.has(s.seller_sku))
        return bad(
          `skus[${i}].seller_sku`,
          `seller SKU ${s.seller_sku} appears twice in this product`,
          TTS_CODES.SELLER_SKU_INVALID,
        );
      sellerSkus.add(s.seller_sku);
    }
    if (v.length > 1) {
      if (s.sales_attributes.length === 0)
        return bad(`skus[${i}].sales_attributes`, "every SKU of a multi-SKU product needs sales attributes");
      const combination = JSON.stringify(s.sales_attributes.map((a) => [a.name, a.value_name]));
      if (combinations.has(combination))
        return bad(`skus[${i}].sales_attributes`, "two SKUs have the same sales attribute values");
      combinations.add(combination);
    }
    skus.push(s);
  }
  return { ok: true, value: skus };
}

function checkSku(raw: unknown, at: string, ctx: ProductContext): Result<SkuIn> {
  const { issuedImage } = ctx;
  if (!isRecord(raw)) return bad(at, "each SKU must be an object");
  const id = raw.id;
  if (id !== undefined && id !== null && (typeof id !== "string" || id === ""))
    return bad(`${at}.id`, "the SKU id must be a string");
  const sellerSku = raw.seller_sku ?? "";
  if (
    typeof sellerSku !== "string" ||
    sellerSku.length > TTS_LIMITS.sellerSkuMax ||
    /[\r\n\t]/.test(sellerSku)
  )
    return bad(
      `${at}.seller_sku`,
      `the seller SKU must be text of at most ${TTS_LIMITS.sellerSkuMax} characters`,
      TTS_CODES.SELLER_SKU_INVALID,
    );
  const price = raw.price;
  if (!isRecord(price) || !positiveDecimal(price.amount))
    return bad(`${at}.price.amount`, "the price must be a decimal string greater than 0");
  if (typeof price.currency !== "string" || !/^[A-Z]{3}$/.test(price.currency))
    return bad(`${at}.price.currency`, "the currency must be an ISO 4217 code");
  if (price.currency !== ctx.currency)
    return bad(`${at}.price.currency`, `the shop sells in ${ctx.currency}, got ${price.currency}`);
  const inventory = checkInventory(raw.inventory, `${at}.inventory`, (id) =>
    ctx.taxonomy.warehouses.some((w) => w.id === id),
  );
  if (!inventory.ok) return inventory;
  const attributes = checkSalesAttributes(raw.sales_attributes, `${at}.sales_attributes`, issuedImage);
  if (!attributes.ok) return attributes;
  return {
    ok: true,
    value: {
      id: typeof id === "string" ? id : null,
      seller_sku: sellerSku,
      price: { amount: price.amount as string, currency: price.currency },
      inventory: inventory.value,
      sales_attributes: attributes.value,
    },
  };
}

/** Every entry names one of the shop's warehouses: TikTok fills none in (12019022). */
export function checkInventory(
  v: unknown,
  at: string,
  isWarehouse: (id: string) => boolean,
): Result<SkuIn["inventory"]> {
  if (!Array.isArray(v) || v.length === 0)
    return bad(at, "the inventory is required", TTS_CODES.STOCK_INVALID);
  const out: SkuIn["inventory"] = [];
  for (const [j, w] of v.entries()) {
    const quantity = isRecord(w) ? w.quantity : undefined;
    if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 0 || quantity > 99_999_999)
      return bad(
        `${at}[${j}].quantity`,
        "the stock must be a whole number of at least 0",
        TTS_CODES.STOCK_INVALID,
      );
    const warehouse = isRecord(w) ? w.warehouse_id : undefined;
    if (typeof warehouse !== "string" || warehouse === "")
      return bad(
        `${at}[${j}].warehouse_id`,
        "the warehouse id is required: one of GET /logistics/202309/warehouses",
        TTS_CODES.WAREHOUSE_INVALID,
      );
    if (!isWarehouse(warehouse))
      return bad(
        `${at}[${j}].warehouse_id`,
        `warehouse ${warehouse} is not one of this shop's`,
        TTS_CODES.WAREHOUSE_INVALID,
      );
    out.push({ warehouse_id: warehouse, quantity });
  }
  return { ok: true, value: out };
}

function checkSalesAttributes(
  v: unknown,
  at: string,
  issuedImage: (uri: string) => boolean,
): Result<SalesAttributeIn[]> {
  if (v === undefined || v === null) return { ok: true, value: [] };
  if (!Array.isArray(v) || v.length > TTS_LIMITS.salesAttributesMax)
    return bad(at, `at most ${TTS_LIMITS.salesAttributesMax} sales attributes`);
  const out: SalesAttributeIn[] = [];
  for (const [k, a] of v.entries()) {
    if (!isRecord(a) || typeof a.name !== "string" || a.name === "")
      return bad(`${at}[${k}].name`, "the attribute name is required");
    if (typeof a.value_name !== "string" || a.value_name === "")
      return bad(`${at}[${k}].value_name`, "the attribute value is required");
    let img: string | null = null;
    if (a.sku_img !== undefined && a.sku_img !== null) {
      const uri = isRecord(a.sku_img) ? a.sku_img.uri : undefined;
      if (typeof uri !== "string" || !issuedImage(uri))
        return bad(`${at}[${k}].sku_img.uri`, "the image uri was not issued by images/upload");
      img = uri;
    }
    out.push({ name: a.name, value_name: a.value_name, sku_img: img });
  }
  return { ok: true, value: out };
}

function checkWeight(v: unknown): Result<ProductIn["package_weight"]> {
  if (!isRecord(v)) return bad("package_weight", "the package weight is required");
  if (!positiveDecimal(v.value))
    return bad("package_weight.value", "the weight must be a decimal string greater than 0");
  if (v.unit !== "KILOGRAM" && v.unit !== "POUND")
    return bad("package_weight.unit", "the unit must be KILOGRAM or POUND");
  return { ok: true, value: { value: v.value as string, unit: v.unit } };
}

function checkDimensions(v: unknown): Result<ProductIn["package_dimensions"]> {
  if (v === undefined || v === null) return { ok: true, value: null };
  if (!isRecord(v)) return bad("package_dimensions", "the package dimensions must be an object");
  // Whole numbers only: integrators report decimals refused, and the stricter reading is kept.
  for (const side of ["length", "width", "height"] as const) {
    const n = v[side];
    if (typeof n !== "string" || !/^\d+$/.test(n) || !(Number(n) > 0))
      return bad(
        `package_dimensions.${side}`,
        `the ${side} must be a whole number greater than 0, as a string`,
      );
  }
  if (v.unit !== "CENTIMETER" && v.unit !== "INCH")
    return bad("package_dimensions.unit", "the unit must be CENTIMETER or INCH");
  return {
    ok: true,
    value: { length: v.length as string, width: v.width as string, height: v.height as string, unit: v.unit },
  };
}
