import {
  checkCurrency,
  checkDescription,
  checkImages,
  checkNonNegativeInt,
  checkPrice,
  checkSku,
  checkTitle,
  fieldError as err,
  type FieldError,
} from "../product-rules";
import { ruleRef } from "@syncstore/core";
import type { NewProduct, NewVariant } from "../write-products";

export const CATALOG_COLUMNS = [
  "sku",
  "title",
  "description",
  "brand",
  "category",
  "price",
  "currency",
  "stock",
  "weight_grams",
  "length_cm",
  "width_cm",
  "height_cm",
  "images",
  "attributes",
] as const;
export const REQUIRED_COLUMNS = ["sku", "title", "price", "currency", "stock"] as const;
const VARIANT_KEYS = ["sku", "options", "price", "stock", "image", "position"];

export type RowResult = { ok: true; product: NewProduct } | { ok: false; errors: FieldError[] };

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** Records an error and returns the fallback, so a field check can bail out in one line. */
function reject<T>(errors: FieldError[], e: FieldError, fallback: T): T {
  errors.push(e);
  return fallback;
}

function optionalText(v: unknown, field: string, errors: FieldError[]): string | null {
  if (blank(v)) return null;
  if (typeof v !== "string")
    return reject(errors, err(field, "INVALID", "must be text", ruleRef("NOT_TEXT", {})), null);
  const t = v.trim();
  if ([...t].length > 255)
    return reject(
      errors,
      err(
        field,
        "TOO_LONG",
        "must be at most 255 characters",
        ruleRef("MAX_LENGTH", { max: 255, actual: [...t].length }),
      ),
      null,
    );
  return t;
}

function optionalPositive(v: unknown, field: string, errors: FieldError[], integer: boolean): number | null {
  if (blank(v)) return null;
  const text = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : null;
  const ok = text !== null && (integer ? /^\d+$/ : /^\d+(\.\d{1,2})?$/).test(text);
  const n = ok ? Number(text) : NaN;
  if (!ok || n <= 0 || n > 1_000_000) {
    errors.push(
      integer
        ? err(
            field,
            "INVALID",
            "must be a whole number above 0",
            ruleRef("POSITIVE_WHOLE_NUMBER", { max: 1_000_000 }),
          )
        : err(
            field,
            "INVALID",
            "must be a number above 0 with at most 2 decimals",
            ruleRef("POSITIVE_DECIMAL", { max: 1_000_000, places: 2 }),
          ),
    );
    return null;
  }
  return n;
}

function images(v: unknown, errors: FieldError[]): string[] {
  if (blank(v)) return [];
  const list =
    typeof v === "string"
      ? v
          .split("|")
          .map((s) => s.trim())
          .filter((s) => s !== "")
      : v;
  const r = checkImages(list);
  if (!r.ok) return reject(errors, r.error, []);
  return r.value;
}

/** A JSON object of strings, or `key=value;key=value`. */
function attributes(v: unknown, errors: FieldError[]): Record<string, string> {
  if (blank(v)) return {};
  let obj: unknown = v;
  if (typeof v === "string") {
    const t = v.trim();
    if (t.startsWith("{")) {
      try {
        obj = JSON.parse(t);
      } catch {
        return reject(errors, err("attributes", "INVALID", "is not valid JSON", ruleRef("JSON", {})), {});
      }
    } else {
      obj = {};
      for (const pair of t.split(";").filter((p) => p.trim() !== "")) {
        const eq = pair.indexOf("=");
        if (eq <= 0)
          return reject(
            errors,
            err(
              "attributes",
              "INVALID",
              `"${pair.trim()}" is not key=value`,
              ruleRef("KEY_VALUE", { pair: pair.trim() }),
            ),
            {},
          );
        (obj as Record<string, string>)[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
      }
    }
  }
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
    return reject(
      errors,
      err("attributes", "INVALID", "must be an object of name → value", ruleRef("NOT_AN_OBJECT", {})),
      {},
    );
  }
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj)) {
    if (k.trim() === "" || !["string", "number", "boolean"].includes(typeof val)) {
      return reject(
        errors,
        err(
          "attributes",
          "INVALID",
          `attribute ${JSON.stringify(k)} must have a text value`,
          ruleRef("ATTRIBUTE_VALUE", { name: k }),
        ),
        {},
      );
    }
    out[k.trim()] = String(val);
  }
  return out;
}

function variants(v: unknown, productSku: string | null, errors: FieldError[]): NewVariant[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v))
    return reject(errors, err("variants", "INVALID", "must be a list", ruleRef("NOT_A_LIST", {})), undefined);
  const out: NewVariant[] = [];
  const seen = new Map<string, number>();
  v.forEach((raw: unknown, i) => {
    const f = `variants[${i}]`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
      return reject(errors, err(f, "INVALID", "must be an object", ruleRef("NOT_AN_OBJECT", {})), undefined);
    const r = raw as Record<string, unknown>;
    for (const k of Object.keys(r))
      if (!VARIANT_KEYS.includes(k))
        errors.push(err(`${f}.${k}`, "INVALID", "unknown field", ruleRef("UNKNOWN_FIELD", {})));
    const sku = checkSku(r.sku, `${f}.sku`);
    const price = checkPrice(r.price, `${f}.price`);
    const stock = checkNonNegativeInt(r.stock, `${f}.stock`);
    const opts = r.options;
    const optionsOk =
      typeof opts === "object" &&
      opts !== null &&
      !Array.isArray(opts) &&
      Object.values(opts).every((x) => typeof x === "string");
    const image = blank(r.image)
      ? null
      : typeof r.image === "string"
        ? checkImages([r.image], `${f}.image`)
        : null;
    for (const c of [sku, price, stock]) if (!c.ok) errors.push(c.error);
    if (!optionsOk)
      errors.push(
        err(
          `${f}.options`,
          "INVALID",
          "must be an object of option name → value",
          ruleRef("NOT_AN_OBJECT", {}),
        ),
      );
    if (image && !image.ok) errors.push({ ...image.error, field: `${f}.image` });
    if (!blank(r.image) && typeof r.image !== "string")
      errors.push(err(`${f}.image`, "INVALID", "must be a URL", ruleRef("IMAGE_URL", {})));
    if (sku.ok) {
      if (sku.value === productSku)
        errors.push(
          err(`${f}.sku`, "DUPLICATE", "must differ from the product's sku", ruleRef("SKU_OF_PRODUCT", {})),
        );
      const prev = seen.get(sku.value);
      if (prev !== undefined)
        errors.push(
          err(
            `${f}.sku`,
            "DUPLICATE",
            `same sku as variants[${prev}]`,
            ruleRef("SKU_REPEATED", { first: `variants[${prev}]` }),
          ),
        );
      seen.set(sku.value, i);
    }
    if (sku.ok && price.ok && stock.ok && optionsOk) {
      out.push({
        sku: sku.value,
        options: opts as Record<string, string>,
        price: price.value,
        stock: stock.value,
        image: image?.ok ? image.value[0]! : null,
        position: i,
      });
    }
  });
  return out;
}

/**
 * Validates one catalog row (CSV cells are strings, JSON values may be typed) into a product,
 * or every problem with it, each naming its field.
 */
export function parseCatalogRow(data: Record<string, unknown>): RowResult {
  const errors: FieldError[] = [];
  for (const k of Object.keys(data)) {
    if (!(CATALOG_COLUMNS as readonly string[]).includes(k) && k !== "variants")
      errors.push(err(k, "INVALID", "unknown field", ruleRef("UNKNOWN_FIELD", {})));
  }
  const need = <T>(r: { ok: true; value: T } | { ok: false; error: FieldError }): T | null =>
    r.ok ? r.value : reject(errors, r.error, null);
  const required = <T>(
    key: string,
    check: () => { ok: true; value: T } | { ok: false; error: FieldError },
  ): T | null =>
    blank(data[key])
      ? reject(errors, err(key, "REQUIRED", "is required", ruleRef("REQUIRED", {})), null)
      : need(check());
  const sku = need(checkSku(data.sku));
  const title = required("title", () => checkTitle(data.title));
  const description = blank(data.description) ? "" : need(checkDescription(data.description));
  const price = required("price", () => checkPrice(data.price));
  const currency = required("currency", () => checkCurrency(data.currency));
  const stock = required("stock", () => checkNonNegativeInt(data.stock, "stock"));
  const brand = optionalText(data.brand, "brand", errors);
  const category = optionalText(data.category, "category", errors);
  const weightGrams = optionalPositive(data.weight_grams, "weight_grams", errors, true);
  const dims = (["length_cm", "width_cm", "height_cm"] as const).map((f) =>
    optionalPositive(data[f], f, errors, false),
  );
  const given = (["length_cm", "width_cm", "height_cm"] as const).filter((f) => !blank(data[f]));
  if (given.length > 0 && given.length < 3) {
    errors.push(
      err(
        "length_cm",
        "INVALID",
        "give length_cm, width_cm and height_cm together, or none",
        ruleRef("DIMENSIONS_TOGETHER", {}),
      ),
    );
  }
  const imgs = images(data.images, errors);
  const attrs = attributes(data.attributes, errors);
  const vars = variants(data.variants, sku, errors);
  if (
    errors.length ||
    sku === null ||
    title === null ||
    description === null ||
    price === null ||
    currency === null ||
    stock === null
  ) {
    return { ok: false, errors };
  }
  const [lengthCm = null, widthCm = null, heightCm = null] = dims;
  return {
    ok: true,
    product: {
      sku,
      title,
      description,
      brand,
      category,
      price,
      currency,
      stock,
      weightGrams,
      lengthCm,
      widthCm,
      heightCm,
      images: imgs,
      attributes: attrs,
      ...(vars === undefined ? {} : { variants: vars }),
    },
  };
}
