import type { MarketplaceAttributeValue, Platform } from "../model";
import { problem, type ValidationProblem } from "../problems";
import type { AttributeRule, CategoryRule, MarketplaceBrand, ShippingProfile } from "./types";

// Both platforms number their categories, attributes, values, brands, logistics channels and
// warehouses (Shopee as integers, TikTok Shop as numeric strings): anything else cannot be an id.
const ID = /^[1-9]\d{0,29}$/;
const TIKTOK_CATEGORY_VERSIONS = new Set(["v1", "v2"]);

/**
 * What can be checked of a mapping before it is stored, without the marketplace's taxonomy: ids are
 * ids, every value of a list attribute names a value id, nothing is given twice. Whether an id exists
 * and is a leaf needs the taxonomy cache; until then the marketplace refuses what slips through.
 */
export function checkCategoryRule(platform: Platform, rule: CategoryRule): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  if (rule.masterCategory.trim() === "")
    out.push(problem("masterCategory", "REQUIRED", "masterCategory is required"));
  checkId(out, "categoryId", rule.categoryId);
  if (rule.categoryVersion !== null) {
    if (platform !== "TIKTOK_SHOP")
      out.push(problem("categoryVersion", "INVALID_FORMAT", "only TikTok Shop has category versions"));
    else if (!TIKTOK_CATEGORY_VERSIONS.has(rule.categoryVersion))
      out.push(problem("categoryVersion", "INVALID_FORMAT", "categoryVersion must be v1 or v2"));
  }
  if (rule.sizeChart && !rule.sizeChart.imageUrl && !rule.sizeChart.templateId)
    out.push(problem("sizeChart", "REQUIRED", "a size chart needs an image URL or a template id"));
  const seen = new Set<string>();
  rule.attributes.forEach((a, i) => {
    if (seen.has(a.attributeId))
      out.push(
        problem(`attributes[${i}].attributeId`, "DUPLICATE", `attribute ${a.attributeId} is mapped twice`),
      );
    seen.add(a.attributeId);
    out.push(...checkAttributeRule(a, `attributes[${i}]`));
  });
  return out;
}

function checkAttributeRule(a: AttributeRule, at: string): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  checkId(out, `${at}.attributeId`, a.attributeId);
  if (a.attributeName.trim() === "")
    out.push(problem(`${at}.attributeName`, "REQUIRED", `${at}.attributeName is required`));
  if (a.source.type === "MASTER") {
    if (a.source.masterAttribute.trim() === "")
      out.push(problem(`${at}.masterAttribute`, "REQUIRED", `${at}.masterAttribute is required`));
    for (const [master, v] of Object.entries(a.source.valueMap))
      checkValue(out, `${at}.valueMap[${master}]`, v, a);
  } else {
    if (a.source.values.length === 0)
      out.push(problem(`${at}.values`, "TOO_FEW", `${at}: a constant needs at least one value`));
    a.source.values.forEach((v, i) => checkValue(out, `${at}.values[${i}]`, v, a));
  }
  if (a.defaultValue) checkValue(out, `${at}.defaultValue`, a.defaultValue, a);
  return out;
}

function checkValue(
  out: ValidationProblem[],
  field: string,
  v: MarketplaceAttributeValue,
  a: AttributeRule,
): void {
  if (v.id !== undefined) checkId(out, `${field}.id`, v.id);
  else if (a.kind === "LIST")
    out.push(
      problem(`${field}.id`, "REQUIRED", `${field}: ${a.attributeName} takes a value id from its list`),
    );
  else if (!v.name || v.name.trim() === "")
    out.push(problem(`${field}.name`, "REQUIRED", `${field}: a value needs an id or a name`));
  if (a.kind === "NUMBER" && v.id === undefined && v.name !== undefined && !/^\d+(\.\d+)?$/.test(v.name))
    out.push(problem(`${field}.name`, "NOT_A_NUMBER", `${field}: ${a.attributeName} takes a number`));
}

export function checkBrand(masterBrand: string, brand: MarketplaceBrand): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  if (masterBrand.trim() === "") out.push(problem("masterBrand", "REQUIRED", "masterBrand is required"));
  checkId(out, "brandId", brand.id);
  if (brand.name.trim() === "") out.push(problem("brandName", "REQUIRED", "brandName is required"));
  return out;
}

export function checkShippingProfile(platform: Platform, profile: ShippingProfile): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  if (profile.platform !== platform) {
    out.push(
      problem("shipping.platform", "INVALID_SETTING", `a ${platform} channel needs a ${platform} profile`),
    );
    return out;
  }
  if (profile.platform === "TIKTOK_SHOP") {
    checkId(out, "shipping.warehouseId", profile.warehouseId);
    profile.deliveryOptionIds?.forEach((id, i) => checkId(out, `shipping.deliveryOptionIds[${i}]`, id));
    return out;
  }
  if (profile.logistics.length === 0)
    out.push(problem("shipping.logistics", "TOO_FEW", "at least one logistics channel is required"));
  const seen = new Set<number>();
  profile.logistics.forEach((l, i) => {
    const at = `shipping.logistics[${i}]`;
    if (!Number.isSafeInteger(l.logisticId) || l.logisticId <= 0)
      out.push(
        problem(`${at}.logisticId`, "INVALID_FORMAT", `${at}.logisticId must be a positive whole number`),
      );
    if (seen.has(l.logisticId))
      out.push(problem(`${at}.logisticId`, "DUPLICATE", `logistics channel ${l.logisticId} is listed twice`));
    seen.add(l.logisticId);
    if (l.sizeId !== undefined && (!Number.isSafeInteger(l.sizeId) || l.sizeId <= 0))
      out.push(problem(`${at}.sizeId`, "INVALID_FORMAT", `${at}.sizeId must be a positive whole number`));
    if (l.shippingFee !== undefined && !(l.shippingFee >= 0))
      out.push(problem(`${at}.shippingFee`, "NEGATIVE", `${at}.shippingFee must be 0 or more`));
    if (l.maxWeightKg !== undefined && !(l.maxWeightKg > 0))
      out.push(problem(`${at}.maxWeightKg`, "NOT_POSITIVE", `${at}.maxWeightKg must be greater than 0`));
  });
  return out;
}

function checkId(out: ValidationProblem[], field: string, id: string): void {
  if (!ID.test(id)) out.push(problem(field, "INVALID_FORMAT", `${field} "${id}" is not a marketplace id`));
}
