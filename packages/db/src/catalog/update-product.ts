import type { DataSource } from "typeorm";
import { ProductEntity } from "../entities";
import {
  checkDescription,
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

/** The fields an operator may edit. Omitted (or undefined) fields stay as they are. */
export interface ProductPatch {
  price?: string | number;
  stock?: number;
  title?: string;
  description?: string;
  images?: string[];
  weightGrams?: number;
  brand?: string | null;
  category?: string | null;
}

export interface ValidProductPatch {
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
  return { value, errors };
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
  return out;
}

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

  return ds.transaction(async (em) => {
    const repo = em.getRepository(ProductEntity);
    const current = await repo.findOne({ where: { id }, lock: { mode: "pessimistic_write" } });
    if (!current) return notFound;
    const changes = changedFields(current, value);
    if (Object.keys(changes).length === 0)
      return { product: current, userErrors: [], listingsMarkedOutOfDate: 0 };
    await repo.update({ id }, changes);
    const listingsMarkedOutOfDate = await markListingsOutOfDate(em, [id]);
    const product = await repo.findOneByOrFail({ id });
    return { product, userErrors: [], listingsMarkedOutOfDate };
  });
}
