import type { Leaf, Taxonomy, TaxonomyAttribute } from "../taxonomy";
import { bad } from "./errors";
import { isRecord, type IsImage, type Tier } from "./rules";

/** An attribute as stored and as `get_item_base_info` reports it. */
export interface StoredAttribute {
  attribute_id: number;
  original_attribute_name: string;
  is_mandatory: boolean;
  attribute_value_list: { value_id: number; original_value_name: string; value_unit: string }[];
}

export interface LogisticEntry {
  logistic_id: number;
  enabled: boolean;
  size_id?: number;
  shipping_fee?: number;
  is_free?: boolean;
}

export interface SizeChartInfo {
  size_chart?: string;
  size_chart_id?: number;
}

/** The fields the taxonomy rules read, on a new item or on an item with its changes applied. */
export interface TaxonomyFields {
  category_id: number;
  weight: number;
  brand: { brand_id: number; original_brand_name: string };
  logistic_info: LogisticEntry[];
  attribute_list: StoredAttribute[];
  size_chart_info: SizeChartInfo | null;
}

export function checkLeaf(taxonomy: Taxonomy, id: number): Leaf {
  const c = taxonomy.shopee(id);
  if (!c) bad("category_id", `${id} is not a category of this market; use product/get_category`);
  if (c.leaf === null) bad("category_id", `${id} is not a leaf category: it has children`);
  return c as Leaf;
}

/** Reads `attribute_list` as sent, before it is checked against a category. */
export function readAttributeList(v: unknown): { attribute_id: number; values: Record<string, unknown>[] }[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) bad("attribute_list", "must be a list of { attribute_id, attribute_value_list }");
  return v.map((raw, i) => {
    const at = `attribute_list[${i}]`;
    if (!isRecord(raw)) bad(at, "must be an object");
    const id = raw.attribute_id;
    if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0)
      bad(`${at}.attribute_id`, "must be an attribute id");
    const values = raw.attribute_value_list;
    if (!Array.isArray(values) || values.length === 0 || !values.every(isRecord))
      bad(
        `${at}.attribute_value_list`,
        "must hold at least one { value_id, original_value_name?, value_unit? }",
      );
    return { attribute_id: id, values: values as Record<string, unknown>[] };
  });
}

function checkValue(a: TaxonomyAttribute, raw: Record<string, unknown>, at: string) {
  const input = a.input;
  const valueId = raw.value_id;
  const name = typeof raw.original_value_name === "string" ? raw.original_value_name.trim() : "";
  if (typeof valueId !== "number" || !Number.isSafeInteger(valueId) || valueId < 0)
    bad(`${at}.value_id`, "must be a value id, or 0 with original_value_name for a value of your own");
  if (input.kind === "list" && valueId !== 0) {
    const value = input.values.find((v) => v.shopeeId === valueId);
    if (!value) bad(`${at}.value_id`, `${valueId} is not a value of attribute ${a.name} (${a.shopeeId})`);
    return { value_id: valueId, original_value_name: value.name, value_unit: "" };
  }
  if (input.kind === "list" && !input.custom)
    bad(`${at}.value_id`, `attribute ${a.name} (${a.shopeeId}) takes one of its listed values only`);
  if (valueId !== 0)
    bad(`${at}.value_id`, `must be 0 for attribute ${a.name}, which takes a value of your own`);
  if (name === "") bad(`${at}.original_value_name`, "is required when value_id is 0");
  if (input.kind === "number") {
    if (!/^\d+(\.\d+)?$/.test(name))
      bad(`${at}.original_value_name`, `must be a number for attribute ${a.name}`);
    const unit = raw.value_unit;
    if (typeof unit !== "string" || !input.units.includes(unit))
      bad(`${at}.value_unit`, `must be one of ${input.units.join(", ")} for attribute ${a.name}`);
    return { value_id: 0, original_value_name: name, value_unit: unit };
  }
  return { value_id: 0, original_value_name: name, value_unit: "" };
}

/**
 * Every attribute must belong to the category and every value to its attribute; every mandatory
 * attribute of the category must be there (Indonesia requires them).
 */
export function checkAttributes(
  leaf: Leaf,
  sent: { attribute_id: number; values: Record<string, unknown>[] }[],
): StoredAttribute[] {
  const stored = sent.map((s, i) => {
    const at = `attribute_list[${i}]`;
    const a = leaf.leaf.attributes.find((x) => x.shopeeId === s.attribute_id);
    if (!a) bad(`${at}.attribute_id`, `${s.attribute_id} is not an attribute of category ${leaf.shopeeId}`);
    if (s.values.length > 1) bad(`${at}.attribute_value_list`, `attribute ${a.name} takes one value`);
    return {
      attribute_id: a.shopeeId,
      original_attribute_name: a.name,
      is_mandatory: a.required,
      attribute_value_list: [checkValue(a, s.values[0]!, `${at}.attribute_value_list[0]`)],
    };
  });
  for (const a of leaf.leaf.attributes)
    if (a.required && !stored.some((s) => s.attribute_id === a.shopeeId))
      bad(
        "attribute_list",
        `is missing the mandatory attribute ${a.name} (${a.shopeeId}) of category ${leaf.shopeeId}`,
      );
  return stored;
}

export function checkBrand(leaf: Leaf, brand: TaxonomyFields["brand"]): TaxonomyFields["brand"] {
  if (brand.brand_id === 0) {
    if (leaf.leaf.brandMandatory)
      bad(
        "brand.brand_id",
        `is mandatory for category ${leaf.shopeeId}: choose one from product/get_brand_list`,
      );
    return brand;
  }
  const known = leaf.leaf.brands.find((b) => b.shopeeId === brand.brand_id);
  if (!known) bad("brand.brand_id", `${brand.brand_id} is not a brand of category ${leaf.shopeeId}`);
  return { brand_id: known.shopeeId, original_brand_name: known.name };
}

/** Each channel must be the shop's and enabled there; size-selection channels need a size; weight within limits. */
export function checkLogistics(taxonomy: Taxonomy, entries: LogisticEntry[], weightKg: number): void {
  entries.forEach((l, i) => {
    const at = `logistic_info[${i}]`;
    const channel = taxonomy.shopeeChannels.find((c) => c.logisticsChannelId === l.logistic_id);
    if (!channel)
      bad(
        `${at}.logistic_id`,
        `${l.logistic_id} is not a logistics channel of this shop; use logistics/get_channel_list`,
      );
    if (!l.enabled) return;
    if (!channel.enabled)
      bad(`${at}.logistic_id`, `channel ${l.logistic_id} (${channel.name}) is disabled for this shop`);
    if (channel.feeType === "SIZE_SELECTION") {
      if (l.size_id === undefined)
        bad(`${at}.size_id`, `is required: channel ${l.logistic_id} has fee_type SIZE_SELECTION`);
      if (!channel.sizes.some((s) => s.sizeId === String(l.size_id)))
        bad(`${at}.size_id`, `${l.size_id} is not a size of channel ${l.logistic_id}`);
    }
    if (weightKg > channel.weight.maxKg || weightKg < channel.weight.minKg)
      bad(
        "weight",
        `${weightKg} kg is outside the ${channel.weight.minKg}–${channel.weight.maxKg} kg limit of logistics channel ${l.logistic_id} (${channel.name})`,
      );
  });
}

export function checkSizeChart(leaf: Leaf, info: SizeChartInfo | null, isImage: IsImage): void {
  if (info?.size_chart_id !== undefined && info.size_chart_id !== 0)
    bad("size_chart_info.size_chart_id", `${info.size_chart_id} is not a size chart template of this shop`);
  if (info?.size_chart !== undefined && !isImage(info.size_chart))
    bad("size_chart_info.size_chart", "is not an image uploaded through media_space/upload_image");
  if (leaf.leaf.sizeChartRequired && !info?.size_chart)
    bad(
      "size_chart_info",
      `is required: category ${leaf.shopeeId} needs a size chart (get_item_limit.size_chart_limit)`,
    );
}

export function readSizeChart(v: unknown): SizeChartInfo | null {
  if (v === undefined || v === null) return null;
  if (!isRecord(v)) bad("size_chart_info", "must be { size_chart } or { size_chart_id }");
  const out: SizeChartInfo = {};
  if (v.size_chart !== undefined) {
    if (typeof v.size_chart !== "string") bad("size_chart_info.size_chart", "must be an image id");
    out.size_chart = v.size_chart;
  }
  if (v.size_chart_id !== undefined) {
    if (typeof v.size_chart_id !== "number" || !Number.isSafeInteger(v.size_chart_id))
      bad("size_chart_info.size_chart_id", "must be a number");
    out.size_chart_id = v.size_chart_id;
  }
  return out;
}

/** The whole listing against its category: run on add_item and on update_item with the changes applied. */
export function checkTaxonomy(
  taxonomy: Taxonomy,
  f: TaxonomyFields,
  isImage: IsImage,
  sentAttributes: { attribute_id: number; values: Record<string, unknown>[] }[] | null,
): TaxonomyFields {
  const leaf = checkLeaf(taxonomy, f.category_id);
  const attribute_list =
    sentAttributes !== null
      ? checkAttributes(leaf, sentAttributes)
      : checkAttributes(
          leaf,
          f.attribute_list.map((a) => ({
            attribute_id: a.attribute_id,
            values: a.attribute_value_list.map((v) => ({ ...v })),
          })),
        );
  const brand = checkBrand(leaf, f.brand);
  checkLogistics(taxonomy, f.logistic_info, f.weight);
  checkSizeChart(leaf, f.size_chart_info, isImage);
  return { ...f, attribute_list, brand };
}

/** "If one option has an image, all tier-1 options must have one." */
export function checkTierImages(tiers: readonly Tier[]): void {
  const first = tiers[0];
  if (!first) return;
  const withImage = first.option_list.filter((o) => o.image).length;
  if (withImage === 0 || withImage === first.option_list.length) return;
  const missing = first.option_list.findIndex((o) => !o.image);
  bad(
    `tier_variation[0].option_list[${missing}].image`,
    "is required: when one option of the first tier has an image, every option of that tier must have one",
  );
}
