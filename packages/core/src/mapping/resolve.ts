import type {
  ListingPayload,
  MarketplaceAttributeValue,
  MarketplaceAttributeValues,
  MarketplaceListingFields,
  MarketplaceShipping,
} from "../model";
import { problem, type ValidationProblem } from "../problems";
import { marketplaceFieldNames, type MarketplaceFieldNames } from "./fields";
import type { AttributeRule, CategoryRule, ChannelMapping, ShippingProfile } from "./types";

export interface ResolvedMarketplaceFields {
  /** Null when anything required did not resolve; the listing must not be sent. */
  fields: MarketplaceListingFields | null;
  problems: ValidationProblem[];
}

const PLATFORM_NAME = { SHOPEE: "Shopee", TIKTOK_SHOP: "TikTok Shop" } as const;

/**
 * The marketplace-only fields of one listing, from the channel's mapping: the leaf category, the
 * category's attributes, the brand and the shipping. Pure: the worker loads the mapping once per
 * channel and resolves every item against it. Each gap is a problem naming the marketplace's field,
 * so a dead letter says what to map (`category_id`, `attribute_list[Bahan]`).
 */
export function resolveMarketplaceFields(
  payload: ListingPayload,
  mapping: ChannelMapping,
): ResolvedMarketplaceFields {
  const names = marketplaceFieldNames(mapping.platform);
  const on = PLATFORM_NAME[mapping.platform];
  const problems: ValidationProblem[] = [];
  // No category at all is core validation's `category` problem; only a named, unmapped one is ours.
  if (payload.category === null || payload.category.trim() === "") return { fields: null, problems };
  const rule = mapping.categories.get(payload.category);
  if (!rule) {
    problems.push(
      problem(
        names.category,
        "UNMAPPED",
        `master category "${payload.category}" is not mapped to a ${on} category`,
      ),
    );
  }
  const attributes = rule ? resolveAttributes(payload, rule, names, on, problems) : [];
  const brand = payload.brand === null ? undefined : mapping.brands.get(payload.brand);
  if (rule?.brandRequired && !brand) {
    problems.push(
      problem(
        names.brand,
        payload.brand === null ? "REQUIRED" : "UNMAPPED",
        payload.brand === null
          ? `${on} category ${rule.categoryId} requires a brand`
          : `brand "${payload.brand}" is not mapped to a ${on} brand, which category ${rule.categoryId} requires`,
      ),
    );
  }
  if (rule?.sizeChartRequired && !rule.sizeChart)
    problems.push(
      problem(names.sizeChart, "REQUIRED", `${on} category ${rule.categoryId} requires a size chart`),
    );
  const shipping = resolveShipping(payload, mapping.shipping, names, on, problems);

  if (problems.length > 0 || !rule || !shipping) return { fields: null, problems };
  return {
    fields: {
      categoryId: rule.categoryId,
      ...(rule.categoryVersion ? { categoryVersion: rule.categoryVersion } : {}),
      attributes,
      brand: brand ? { id: brand.id, name: brand.name } : null,
      shipping,
      ...(rule.sizeChart ? { sizeChart: { ...rule.sizeChart } } : {}),
    },
    problems,
  };
}

function resolveAttributes(
  payload: ListingPayload,
  rule: CategoryRule,
  names: MarketplaceFieldNames,
  on: string,
  problems: ValidationProblem[],
): MarketplaceAttributeValues[] {
  const out: MarketplaceAttributeValues[] = [];
  for (const attr of rule.attributes) {
    const values = attributeValues(payload, attr);
    if (values) {
      out.push({ id: attr.attributeId, name: attr.attributeName, values });
      continue;
    }
    if (!attr.required) continue;
    const field = names.attribute(attr.attributeName);
    const master = attr.source.type === "MASTER" ? attr.source.masterAttribute : null;
    const raw = master === null ? undefined : masterValue(payload, master);
    problems.push(
      raw === undefined
        ? problem(
            field,
            "REQUIRED",
            `${on} requires ${attr.attributeName}; the product has no ${master ?? "value"} to map it from`,
          )
        : problem(
            field,
            "NOT_IN_LIST",
            `${master} "${raw}" has no ${attr.attributeName} value on ${on}; map it or set a default`,
          ),
    );
  }
  return out;
}

/** The values to send for one attribute, or null when it does not resolve. */
function attributeValues(payload: ListingPayload, attr: AttributeRule): MarketplaceAttributeValue[] | null {
  if (attr.source.type === "CONSTANT")
    return attr.source.values.length > 0 ? attr.source.values.map((v) => ({ ...v })) : null;
  const raw = masterValue(payload, attr.source.masterAttribute);
  const mapped = raw === undefined ? null : fromMaster(raw, attr, attr.source.valueMap);
  if (mapped) return [mapped];
  return attr.defaultValue ? [{ ...attr.defaultValue }] : null;
}

function masterValue(payload: ListingPayload, name: string): string | undefined {
  const v = payload.attributes[name];
  return v === undefined || v.trim() === "" ? undefined : v.trim();
}

function fromMaster(
  raw: string,
  attr: AttributeRule,
  valueMap: Readonly<Record<string, MarketplaceAttributeValue>>,
): MarketplaceAttributeValue | null {
  const hit = valueMap[raw] ?? caseInsensitive(valueMap, raw);
  if (hit) return withUnit({ ...hit }, attr);
  if (attr.kind === "TEXT") return { name: raw };
  if (attr.kind === "NUMBER") return parseNumber(raw, attr);
  return null;
}

function caseInsensitive(
  valueMap: Readonly<Record<string, MarketplaceAttributeValue>>,
  raw: string,
): MarketplaceAttributeValue | undefined {
  const key = raw.toLocaleLowerCase("id");
  for (const [k, v] of Object.entries(valueMap)) if (k.trim().toLocaleLowerCase("id") === key) return v;
  return undefined;
}

function withUnit(v: MarketplaceAttributeValue, attr: AttributeRule): MarketplaceAttributeValue {
  return attr.kind === "NUMBER" && v.unit === undefined && attr.unit ? { ...v, unit: attr.unit } : v;
}

/** "500 ml" → 500 ml; "1,5 kg" → 1.5 kg (Indonesian decimal comma); a bare number takes the rule's unit. */
function parseNumber(raw: string, attr: AttributeRule): MarketplaceAttributeValue | null {
  const m = /^(\d+(?:[.,]\d+)?)\s*([^\d\s].*)?$/.exec(raw);
  if (!m) return null;
  const unit = m[2]?.trim() || attr.unit || undefined;
  return { name: m[1]!.replace(",", "."), ...(unit ? { unit } : {}) };
}

function resolveShipping(
  payload: ListingPayload,
  profile: ShippingProfile | null,
  names: MarketplaceFieldNames,
  on: string,
  problems: ValidationProblem[],
): MarketplaceShipping | null {
  if (!profile || profile.platform !== payload.platform) {
    problems.push(problem(names.shipping, "REQUIRED", `the channel has no ${on} shipping profile`));
    return null;
  }
  if (profile.platform === "TIKTOK_SHOP") {
    if (profile.warehouseId.trim() === "") {
      problems.push(problem(names.shipping, "REQUIRED", "the channel's shipping profile has no warehouse"));
      return null;
    }
    return {
      platform: "TIKTOK_SHOP",
      warehouseId: profile.warehouseId,
      ...(profile.deliveryOptionIds?.length ? { deliveryOptionIds: [...profile.deliveryOptionIds] } : {}),
    };
  }
  const weight = payload.weightKg;
  const fits = profile.logistics.filter(
    (l) => weight === null || l.maxWeightKg === undefined || weight <= l.maxWeightKg,
  );
  if (fits.length === 0) {
    problems.push(
      profile.logistics.length === 0
        ? problem(names.shipping, "REQUIRED", "the channel's shipping profile has no logistics channel")
        : problem(
            names.shipping,
            "OUT_OF_RANGE",
            `${weight} kg is over the weight limit of every logistics channel of the shop`,
          ),
    );
    return null;
  }
  return {
    platform: "SHOPEE",
    logistics: fits.map(({ logisticId, sizeId, shippingFee }) => ({
      logisticId,
      ...(sizeId !== undefined ? { sizeId } : {}),
      ...(shippingFee !== undefined ? { shippingFee } : {}),
    })),
  };
}
