import type { DataSource } from "typeorm";
import { ProductEntity, ProductVariantEntity } from "../entities";
import {
  checkDescription,
  checkSku,
  checkImages,
  checkNonNegativeInt,
  checkPrice,
  checkTitle,
  checkWeightGrams,
  checkLabel,
  fieldError,
  type FieldError,
} from "./product-rules";
import { ruleRef } from "@syncstore/core";
import { isBigintId } from "./queryable";
import { markListingsOutOfDate } from "./write-products";

export interface DimensionsPatch {
  lengthCm: string | number;
  widthCm: string | number;
  heightCm: string | number;
}

/** One existing variant, named by id; omitted fields stay as they are. */
export interface VariantPatch {
  id: string;
  sku?: string;
  price?: string | number;
  stock?: number;
}

export interface AttributePatch {
  name: string;
  value: string;
}

/**
 * The fields an operator may edit: every product field a listing's validation can name, so a
 * dead letter for it can be fixed here. Omitted (or undefined) fields stay as they are.
 */
export interface ProductPatch {
  sku?: string;
  dimensions?: DimensionsPatch;
  /** Replaces the whole set of attributes. */
  attributes?: AttributePatch[];
  variants?: VariantPatch[];
  price?: string | number;
  stock?: number;
  title?: string;
  description?: string;
  images?: string[];
  weightGrams?: number;
  brand?: string | null;
  category?: string | null;
}

export interface ValidVariantPatch {
  id: string;
  sku?: string;
  price?: string;
  stock?: number;
}

export interface ValidProductPatch {
  sku?: string;
  dimensions?: { lengthCm: string; widthCm: string; heightCm: string };
  attributes?: Record<string, string>;
  variants?: ValidVariantPatch[];
  price?: string;
  stock?: number;
  title?: string;
  description?: string;
  images?: string[];
  weightGrams?: number;
  brand?: string | null;
  category?: string | null;
}

export interface UpdateProductResult {
  /** The product after the update; null when anything was rejected. */
  product: ProductEntity | null;
  userErrors: FieldError[];
  /** Listings that were SYNCED and are now OUT_OF_DATE because of this change. */
  listingsMarkedOutOfDate: number;
}

/** Checks every field of a patch and normalizes it; all errors at once, each naming its field. */
export function validateProductPatch(patch: ProductPatch): {
  value: ValidProductPatch;
  errors: FieldError[];
} {
  const value: ValidProductPatch = {};
  const errors: FieldError[] = [];
  const take = <K extends keyof ValidProductPatch>(
    key: K,
    r: { ok: true; value: ValidProductPatch[K] } | { ok: false; error: FieldError },
  ) => {
    if (r.ok) value[key] = r.value;
    else errors.push(r.error);
  };
  if (patch.price !== undefined) take("price", checkPrice(patch.price));
  if (patch.stock !== undefined) take("stock", checkNonNegativeInt(patch.stock, "stock"));
  if (patch.title !== undefined) take("title", checkTitle(patch.title));
  if (patch.description !== undefined) take("description", checkDescription(patch.description));
  if (patch.images !== undefined) take("images", checkImages(patch.images));
  if (patch.weightGrams !== undefined) take("weightGrams", checkWeightGrams(patch.weightGrams));
  if (patch.brand !== undefined) take("brand", checkLabel(patch.brand, "brand"));
  if (patch.category !== undefined) take("category", checkLabel(patch.category, "category"));
  if (patch.sku !== undefined) take("sku", checkSku(patch.sku));
  if (patch.dimensions !== undefined) take("dimensions", checkDimensions(patch.dimensions));
  if (patch.attributes !== undefined) take("attributes", checkAttributes(patch.attributes));
  if (patch.variants !== undefined) take("variants", checkVariants(patch.variants));
  return { value, errors };
}

type Checked<T> = { ok: true; value: T } | { ok: false; error: FieldError };

/** numeric(8,2): a side above 0 and below a million centimetres. */
function checkDimensions(d: DimensionsPatch): Checked<ValidProductPatch["dimensions"]> {
  const out: Record<string, string> = {};
  for (const side of ["lengthCm", "widthCm", "heightCm"] as const) {
    const field = `dimensions.${side}`;
    const r = checkPrice(d[side], field);
    if (!r.ok) return r;
    if (Number(r.value) <= 0)
      return {
        ok: false,
        error: fieldError(
          field,
          "OUT_OF_RANGE",
          "must be more than 0 cm",
          ruleRef("POSITIVE_DECIMAL", { max: "999999.99", places: 2 }),
        ),
      };
    if (r.value.length > "999999.99".length)
      return {
        ok: false,
        error: fieldError(
          field,
          "OUT_OF_RANGE",
          "must be at most 999999.99",
          ruleRef("POSITIVE_DECIMAL", { max: "999999.99", places: 2 }),
        ),
      };
    out[side] = r.value;
  }
  return { ok: true, value: { lengthCm: out.lengthCm!, widthCm: out.widthCm!, heightCm: out.heightCm! } };
}

function checkAttributes(list: AttributePatch[]): Checked<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [i, a] of list.entries()) {
    const name = checkLabel(a.name, `attributes[${i}].name`);
    if (!name.ok) return name;
    if (name.value === null)
      return {
        ok: false,
        error: fieldError(`attributes[${i}].name`, "BLANK", "must not be blank", ruleRef("BLANK", {})),
      };
    if (Object.hasOwn(out, name.value))
      return {
        ok: false,
        error: fieldError(
          `attributes[${i}].name`,
          "DUPLICATE",
          `${JSON.stringify(name.value)} is given twice`,
          ruleRef("ATTRIBUTE_REPEATED", { name: name.value }),
        ),
      };
    const value = checkLabel(a.value, `attributes[${i}].value`);
    if (!value.ok) return value;
    // An attribute without a value says nothing to a marketplace: it is dropped.
    if (value.value !== null) out[name.value] = value.value;
  }
  return { ok: true, value: out };
}

function checkVariants(list: VariantPatch[]): Checked<ValidVariantPatch[]> {
  const out: ValidVariantPatch[] = [];
  for (const [i, v] of list.entries()) {
    const at = `variants[${i}]`;
    if (!isBigintId(v.id))
      return {
        ok: false,
        error: fieldError(
          `${at}.id`,
          "NOT_FOUND",
          `no variant with id ${JSON.stringify(v.id)}`,
          ruleRef("NOT_FOUND", {}),
        ),
      };
    const valid: ValidVariantPatch = { id: v.id };
    if (v.sku !== undefined) {
      const r = checkSku(v.sku, `${at}.sku`);
      if (!r.ok) return r;
      valid.sku = r.value;
    }
    if (v.price !== undefined) {
      const r = checkPrice(v.price, `${at}.price`);
      if (!r.ok) return r;
      valid.price = r.value;
    }
    if (v.stock !== undefined) {
      const r = checkNonNegativeInt(v.stock, `${at}.stock`);
      if (!r.ok) return r;
      valid.stock = r.value;
    }
    out.push(valid);
  }
  return { ok: true, value: out };
}

function changedFields(p: ProductEntity, v: ValidProductPatch): Partial<ProductEntity> {
  const out: Partial<ProductEntity> = {};
  if (v.price !== undefined && v.price !== p.price) out.price = v.price;
  if (v.stock !== undefined && v.stock !== p.stock) out.stock = v.stock;
  if (v.title !== undefined && v.title !== p.title) out.title = v.title;
  if (v.description !== undefined && v.description !== p.description) out.description = v.description;
  if (v.images !== undefined && JSON.stringify(v.images) !== JSON.stringify(p.images)) out.images = v.images;
  if (v.weightGrams !== undefined && v.weightGrams !== p.weightGrams) out.weightGrams = v.weightGrams;
  if (v.brand !== undefined && v.brand !== p.brand) out.brand = v.brand;
  if (v.category !== undefined && v.category !== p.category) out.category = v.category;
  if (v.sku !== undefined && v.sku !== p.sku) out.sku = v.sku;
  if (
    v.dimensions !== undefined &&
    (v.dimensions.lengthCm !== p.lengthCm ||
      v.dimensions.widthCm !== p.widthCm ||
      v.dimensions.heightCm !== p.heightCm)
  ) {
    out.lengthCm = v.dimensions.lengthCm;
    out.widthCm = v.dimensions.widthCm;
    out.heightCm = v.dimensions.heightCm;
  }
  if (v.attributes !== undefined && !sameAttributes(v.attributes, p.attributes))
    out.attributes = v.attributes;
  return out;
}

function sameAttributes(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && b[k] === a[k]);
}

const UNIQUE_VIOLATION = "23505";

function isUniqueViolation(err: unknown): err is { code: string; constraint?: string } {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  return e.code === UNIQUE_VIOLATION || e.driverError?.code === UNIQUE_VIOLATION;
}

const duplicateSku = (field: string, sku: string): FieldError =>
  fieldError(field, "TAKEN", `SKU ${JSON.stringify(sku)} is already used`, ruleRef("SKU_TAKEN", { sku }));

/**
 * Edits a product. Nothing is written unless every field is valid; then, in one transaction, the
 * product changes and its SYNCED listings become OUT_OF_DATE (only when something actually changed).
 */
export async function updateProduct(
  ds: DataSource,
  id: string,
  patch: ProductPatch,
): Promise<UpdateProductResult> {
  const { value, errors } = validateProductPatch(patch);
  if (errors.length) return { product: null, userErrors: errors, listingsMarkedOutOfDate: 0 };
  const notFound: UpdateProductResult = {
    product: null,
    userErrors: [
      fieldError("id", "NOT_FOUND", `no product with id ${JSON.stringify(id)}`, ruleRef("NOT_FOUND", {})),
    ],
    listingsMarkedOutOfDate: 0,
  };
  if (!isBigintId(id)) return notFound;

  try {
    return await ds.transaction(async (em): Promise<UpdateProductResult> => {
      const repo = em.getRepository(ProductEntity);
      const variantRepo = em.getRepository(ProductVariantEntity);
      const current = await repo.findOne({ where: { id }, lock: { mode: "pessimistic_write" } });
      if (!current) return notFound;
      const refused = (userErrors: FieldError[]): UpdateProductResult => ({
        product: null,
        userErrors,
        listingsMarkedOutOfDate: 0,
      });
      const changes = changedFields(current, value);
      if (changes.sku !== undefined) {
        const taken = await repo.exists({ where: { sku: changes.sku } });
        if (taken) return refused([duplicateSku("sku", changes.sku)]);
      }
      const variantChanges: { id: string; changes: Partial<ProductVariantEntity> }[] = [];
      if (value.variants?.length) {
        const own = await variantRepo.find({ where: { productId: id } });
        const byId = new Map(own.map((v) => [v.id, v]));
        const errors: FieldError[] = [];
        for (const [i, v] of value.variants.entries()) {
          const stored = byId.get(v.id);
          if (!stored) {
            errors.push(
              fieldError(
                `variants[${i}].id`,
                "NOT_FOUND",
                `this product has no variant with id ${JSON.stringify(v.id)}`,
                ruleRef("NOT_FOUND", {}),
              ),
            );
            continue;
          }
          const c: Partial<ProductVariantEntity> = {};
          if (v.sku !== undefined && v.sku !== stored.sku) c.sku = v.sku;
          if (v.price !== undefined && v.price !== stored.price) c.price = v.price;
          if (v.stock !== undefined && v.stock !== stored.stock) c.stock = v.stock;
          if (c.sku !== undefined) {
            const clash = await variantRepo.findOne({ where: { sku: c.sku } });
            if (clash && clash.id !== v.id) errors.push(duplicateSku(`variants[${i}].sku`, c.sku));
          }
          if (Object.keys(c).length) variantChanges.push({ id: v.id, changes: c });
        }
        if (errors.length) return refused(errors);
      }
      if (Object.keys(changes).length === 0 && variantChanges.length === 0)
        return { product: current, userErrors: [], listingsMarkedOutOfDate: 0 };
      if (Object.keys(changes).length) await repo.update({ id }, changes);
      for (const v of variantChanges) await variantRepo.update({ id: v.id }, v.changes);
      // A variant-only edit still changes what is published: the product's updated_at says so too.
      if (Object.keys(changes).length === 0) await repo.update({ id }, { updatedAt: new Date() });
      const listingsMarkedOutOfDate = await markListingsOutOfDate(em, [id]);
      const product = await repo.findOneByOrFail({ id });
      return { product, userErrors: [], listingsMarkedOutOfDate };
    });
  } catch (err) {
    // Two edits raced for one SKU: the index, not the pre-check, had the last word.
    if (isUniqueViolation(err)) {
      const field = /variant/.test(err.constraint ?? "") ? "variants" : "sku";
      return {
        product: null,
        userErrors: [duplicateSku(field, value.sku ?? "")],
        listingsMarkedOutOfDate: 0,
      };
    }
    throw err;
  }
}
