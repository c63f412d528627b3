import type { Leaf, Taxonomy, TaxonomyAttribute } from "../taxonomy";
import { TTS_CODES, violation, type Violation } from "./errors";
import { MARKET_CATEGORY_VERSION } from "./taxonomy";

type Result<T> = { ok: true; value: T } | { ok: false; violation: Violation };

const refuse = (code: number, field: string, reason: string) => ({
  ok: false as const,
  violation: violation(code, field, reason),
});

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export interface StoredProductAttribute {
  id: string;
  name: string;
  values: { id: string; name: string }[];
}

/** What the category demands of a listing, checked and normalised. */
export interface ListingData {
  category_id: string;
  category_version: string;
  product_attributes: StoredProductAttribute[];
  brand_id: string | null;
  size_chart: { image: { uri: string } } | null;
}

function checkValue(a: TaxonomyAttribute, raw: unknown, at: string): Result<{ id: string; name: string }> {
  if (!isRecord(raw))
    return refuse(TTS_CODES.ATTRIBUTE_VALUE_INVALID, at, "each value must be { id } or { name }");
  const input = a.input;
  if (typeof raw.id === "string" && raw.id !== "") {
    const value = input.kind === "list" ? input.values.find((v) => v.tiktokId === raw.id) : undefined;
    if (!value)
      return refuse(
        TTS_CODES.ATTRIBUTE_VALUE_INVALID,
        `${at}.id`,
        `value ${raw.id} is not a value of attribute ${a.name} (${a.tiktokId})`,
      );
    return { ok: true, value: { id: value.tiktokId, name: value.name } };
  }
  const name = typeof raw.name === "string" ? raw.name.trim() : "";
  if (name === "") return refuse(TTS_CODES.ATTRIBUTE_VALUE_INVALID, at, "each value needs an id or a name");
  if (input.kind === "list" && !input.custom)
    return refuse(
      TTS_CODES.ATTRIBUTE_VALUE_INVALID,
      `${at}.name`,
      `attribute ${a.name} (${a.tiktokId}) is not customizable: give a value id`,
    );
  if (input.kind === "number") {
    const m = /^(\d+(?:\.\d+)?)\s*(\S+)$/.exec(name);
    if (!m || !input.units.includes(m[2]!))
      return refuse(
        TTS_CODES.ATTRIBUTE_VALUE_INVALID,
        `${at}.name`,
        `attribute ${a.name} takes "<number> <unit>" with unit ${input.units.join(" or ")}`,
      );
  }
  return { ok: true, value: { id: "", name } };
}

/**
 * The rules of the product's category: a leaf of the market's tree and version, its attributes'
 * ids and values, every required attribute present, its brand rule, and its size chart rule. The
 * first broken one is reported, naming the field.
 */
export function checkListing(
  body: Record<string, unknown>,
  taxonomy: Taxonomy,
  issuedImage: (uri: string) => boolean,
): Result<ListingData> {
  const id = body.category_id;
  if (typeof id !== "string" || id === "")
    return refuse(
      TTS_CODES.CATEGORY_NOT_LEAF,
      "category_id",
      "the category id is required: a leaf of GET /product/202309/categories",
    );
  const version = body.category_version;
  if (version !== MARKET_CATEGORY_VERSION)
    return refuse(
      TTS_CODES.CATEGORY_VERSION_INVALID,
      "category_version",
      `this market lists on category tree ${MARKET_CATEGORY_VERSION}; set category_version to ${MARKET_CATEGORY_VERSION}, got ${JSON.stringify(version ?? null)}`,
    );
  const c = taxonomy.tiktok(id);
  if (!c)
    return refuse(TTS_CODES.CATEGORY_NOT_LEAF, "category_id", `category ${id} does not exist in this market`);
  if (c.leaf === null)
    return refuse(TTS_CODES.CATEGORY_NOT_LEAF, "category_id", `category ${id} is not a leaf category`);
  const leaf = c as Leaf;

  const raw = body.product_attributes ?? [];
  if (!Array.isArray(raw))
    return refuse(
      TTS_CODES.ATTRIBUTE_VALUE_INVALID,
      "product_attributes",
      "must be a list of { id, values }",
    );
  const attributes: StoredProductAttribute[] = [];
  for (const [i, entry] of raw.entries()) {
    const at = `product_attributes[${i}]`;
    const attrId = isRecord(entry) ? entry.id : undefined;
    const a = leaf.leaf.attributes.find((x) => x.tiktokId === attrId);
    if (!isRecord(entry) || !a)
      return refuse(
        TTS_CODES.ATTRIBUTE_VALUE_INVALID,
        `${at}.id`,
        `attribute ${JSON.stringify(attrId ?? null)} is not an attribute of category ${id}`,
      );
    if (!Array.isArray(entry.values) || entry.values.length !== 1)
      return refuse(
        TTS_CODES.ATTRIBUTE_VALUE_INVALID,
        `${at}.values`,
        `attribute ${a.name} takes exactly one value`,
      );
    const value = checkValue(a, entry.values[0], `${at}.values[0]`);
    if (!value.ok) return value;
    attributes.push({ id: a.tiktokId, name: a.name, values: [value.value] });
  }
  for (const a of leaf.leaf.attributes)
    if (a.required && !attributes.some((s) => s.id === a.tiktokId))
      return refuse(
        TTS_CODES.ATTRIBUTE_REQUIRED,
        "product_attributes",
        `the required attribute ${a.name} (${a.tiktokId}) of category ${id} is missing`,
      );

  const brand = body.brand_id;
  let brandId: string | null = null;
  if (brand !== undefined && brand !== null && brand !== "") {
    const known = typeof brand === "string" ? leaf.leaf.brands.find((b) => b.tiktokId === brand) : undefined;
    if (!known)
      return refuse(
        TTS_CODES.BRAND_INVALID,
        "brand_id",
        `brand ${JSON.stringify(brand)} is not authorized for category ${id}`,
      );
    brandId = known.tiktokId;
  } else if (leaf.leaf.brandMandatory)
    return refuse(
      TTS_CODES.BRAND_INVALID,
      "brand_id",
      `category ${id} requires an authorized brand: choose one from GET /product/202309/brands`,
    );

  let sizeChart: ListingData["size_chart"] = null;
  const chart = body.size_chart;
  if (chart !== undefined && chart !== null) {
    if (isRecord(chart) && isRecord(chart.template))
      return refuse(
        TTS_CODES.SIZE_CHART_REQUIRED,
        "size_chart.template.id",
        "the shop has no size chart templates; give size_chart.image",
      );
    const uri = isRecord(chart) && isRecord(chart.image) ? chart.image.uri : undefined;
    if (typeof uri !== "string" || !issuedImage(uri))
      return refuse(
        TTS_CODES.SIZE_CHART_REQUIRED,
        "size_chart.image.uri",
        "the image uri was not issued by images/upload",
      );
    sizeChart = { image: { uri } };
  }
  if (leaf.leaf.sizeChartRequired && sizeChart === null)
    return refuse(
      TTS_CODES.SIZE_CHART_REQUIRED,
      "size_chart",
      `category ${id} requires a size chart (GET /categories/${id}/rules)`,
    );

  return {
    ok: true,
    value: {
      category_id: id,
      category_version: version,
      product_attributes: attributes,
      brand_id: brandId,
      size_chart: sizeChart,
    },
  };
}
