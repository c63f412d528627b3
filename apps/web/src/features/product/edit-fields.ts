/**
 * The edit form's inputs, and which one a refusal names. Two vocabularies arrive here: the worker's
 * listing validation (`sellerSku`, `weight`, `dimensions.lengthCm`, `variants[2].sellerSku`) in a
 * dead letter, and `updateProduct`'s userErrors (`["input", "variants[2]", "sku"]`).
 */
export type VariantInput = `variants.${number}.${"sku" | "price" | "stock"}`;
export type EditInput =
  | "price"
  | "stock"
  | "weightGrams"
  | "title"
  | "description"
  | "images"
  | "sku"
  | "brand"
  | "category"
  | "lengthCm"
  | "widthCm"
  | "heightCm"
  | "attributes"
  | VariantInput;

const SAME = new Set<string>([
  "price",
  "stock",
  "weightGrams",
  "title",
  "description",
  "images",
  "sku",
  "brand",
  "category",
  "attributes",
]);
const SIDES = new Set<string>(["lengthCm", "widthCm", "heightCm"]);
const VARIANT_PART: Record<string, "sku" | "price" | "stock"> = {
  sellerSku: "sku",
  sku: "sku",
  price: "price",
  stock: "stock",
};

/**
 * The input a failure's field names, or null when the product form has no such field (a mapping
 * field, or a marketplace's own field name the worker passed on as it came).
 */
export function inputForField(field: string | null | undefined): EditInput | null {
  if (!field) return null;
  const parts = field.split(".");
  const head = parts[0]!;
  const variant = /^variants\[(\d+)\]$/.exec(head);
  if (variant) {
    const part = VARIANT_PART[parts[1] ?? "sku"];
    return part ? (`variants.${Number(variant[1])}.${part}` as VariantInput) : null;
  }
  if (head === "variants") return "variants.0.sku";
  const base = head.replace(/\[\d+\]$/, "");
  if (base === "sellerSku") return "sku";
  if (base === "weight") return "weightGrams";
  if (base === "dimensions") return parts[1] && SIDES.has(parts[1]) ? (parts[1] as EditInput) : "lengthCm";
  if (base === "attributes") return "attributes";
  // `brand.brand_id` is the marketplace's brand from the mapping, not the product's brand text.
  if (parts.length > 1) return null;
  if (SIDES.has(base)) return base as EditInput;
  return SAME.has(base) ? (base as EditInput) : null;
}

/** The input a userError's path names (`["input", "dimensions", "widthCm"]` → widthCm). */
export function inputForPath(path: readonly string[] | null | undefined): EditInput | null {
  if (!path?.length) return null;
  const rest = path[0] === "input" ? path.slice(1) : path;
  return inputForField(rest.join("."));
}

/** The element id of an input, so a link can focus it. */
export const inputId = (input: EditInput): string => `edit-${input.replace(/\./g, "-")}`;
