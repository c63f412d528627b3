import type { CallContext } from "../adapter";
import { field, idText, isRecord, records, strings, text } from "../read-json";
import type {
  AttributeInputType,
  BrandList,
  CategoryRecommendation,
  CategoryRules,
  ListingPrerequisites,
  MarketplaceAttribute,
  MarketplaceCategory,
  TaxonomyReader,
  Warehouse,
} from "../taxonomy";
import { malformed, type TikTokCaller } from "./caller";

const V = "/product/202309";
export const TIKTOK_TAXONOMY_PATHS = {
  categories: `${V}/categories`,
  attributes: (id: string) => `${V}/categories/${encodeURIComponent(id)}/attributes`,
  rules: (id: string) => `${V}/categories/${encodeURIComponent(id)}/rules`,
  brands: `${V}/brands`,
  recommend: `${V}/categories/recommend`,
  warehouses: "/logistics/202309/warehouses",
  prerequisites: "/product/202312/prerequisites",
} as const;

const BRAND_PAGE = 100;
const MAX_BRAND_PAGES = 50;

function inputType(a: Record<string, unknown>): AttributeInputType {
  if (text(a.value_data_format) !== "" || Array.isArray(a.units)) return "NUMBER";
  const listed = records(a.values).length > 0;
  if (!listed) return "TEXT";
  return a.is_customizable === true ? "SELECT_OR_CUSTOM" : "SELECT";
}

/** Every failed `check_result` anywhere in the prerequisites tree, with its id, name and reasons. */
function failedChecks(v: unknown, out: ListingPrerequisites["failed"] = []): ListingPrerequisites["failed"] {
  if (!isRecord(v)) return out;
  const result = v.check_result;
  if (isRecord(result)) {
    if (result.is_failed === true)
      out.push({ id: text(v.id), name: text(v.name), reasons: strings(result.fail_reasons) });
    return out;
  }
  for (const child of Object.values(v)) failedChecks(child, out);
  return out;
}

/** The shop's market taxonomy, warehouses and listing prerequisites, with shop-scoped signed calls. */
export class TikTokTaxonomy implements TaxonomyReader {
  constructor(
    private readonly caller: TikTokCaller,
    /** `category_version` (v1 / v2) where the market requires one; omitted otherwise. */
    private readonly categoryVersion: string | null = null,
  ) {}

  private version(): Record<string, string> {
    return this.categoryVersion ? { category_version: this.categoryVersion } : {};
  }

  private async get(path: string, query: Record<string, string>, ctx?: CallContext) {
    const data = await this.caller.call({ method: "GET", path, query }, ctx);
    if (!isRecord(data)) throw malformed(path, "no data object");
    return data;
  }

  async categories(ctx?: CallContext): Promise<MarketplaceCategory[]> {
    const data = await this.get(TIKTOK_TAXONOMY_PATHS.categories, this.version(), ctx);
    return records(data.categories).map((c) => {
      const parent = idText(c.parent_id);
      return {
        id: idText(c.id),
        name: text(c.local_name),
        parentId: parent === "" || parent === "0" ? null : parent,
        isLeaf: c.is_leaf === true,
      };
    });
  }

  async attributes(categoryId: string, ctx?: CallContext): Promise<MarketplaceAttribute[]> {
    const data = await this.get(TIKTOK_TAXONOMY_PATHS.attributes(categoryId), this.version(), ctx);
    return records(data.attributes).map((a) => ({
      id: idText(a.id),
      name: text(a.name),
      // TikTok's answer spells it `is_requried`; the corrected spelling is read too.
      required: a.is_requried === true || a.is_required === true,
      inputType: inputType(a),
      values: records(a.values).map((v) => ({ id: idText(v.id), name: text(v.name) })),
      units: strings(a.units),
      salesProperty: a.type === "SALES_PROPERTY",
    }));
  }

  async rules(categoryId: string, ctx?: CallContext): Promise<CategoryRules> {
    const data = await this.get(TIKTOK_TAXONOMY_PATHS.rules(categoryId), this.version(), ctx);
    return {
      sizeChartRequired: field(data.size_chart, "is_required") === true,
      certificationsRequired: records(data.product_certifications)
        .filter((c) => c.is_required === true)
        .map((c) => idText(c.id)),
      packageDimensionsRequired: field(data.package_dimension, "is_required") === true,
      codSupported: field(data.cod, "is_supported") === true,
    };
  }

  async brands(categoryId: string, ctx?: CallContext): Promise<BrandList> {
    const brands: BrandList["brands"] = [];
    let token = "";
    for (let page = 0; page < MAX_BRAND_PAGES; page++) {
      const query: Record<string, string> = {
        ...this.version(),
        category_id: categoryId,
        page_size: String(BRAND_PAGE),
      };
      if (token) query.page_token = token;
      const data = await this.get(TIKTOK_TAXONOMY_PATHS.brands, query, ctx);
      for (const b of records(data.brands))
        if (b.authorized_status === undefined || b.authorized_status === "AUTHORIZED")
          brands.push({ id: idText(b.id), name: text(b.name) });
      token = text(data.next_page_token);
      if (token === "") break;
    }
    // TikTok says per brand whether the shop may use it, not whether the category needs one.
    return { brands, mandatory: null };
  }

  async recommendCategories(title: string, ctx?: CallContext): Promise<CategoryRecommendation> {
    const data = await this.caller.call(
      {
        method: "POST",
        path: TIKTOK_TAXONOMY_PATHS.recommend,
        json: { product_title: title, ...this.version() },
      },
      ctx,
    );
    const leaf = idText(field(data, "leaf_category_id"));
    return { categoryIds: leaf === "" ? [] : [leaf] };
  }

  async warehouses(ctx?: CallContext): Promise<Warehouse[]> {
    const data = await this.get(TIKTOK_TAXONOMY_PATHS.warehouses, {}, ctx);
    return records(data.warehouses).map((w) => ({
      id: idText(w.id),
      name: text(w.name),
      isDefault: w.is_default === true,
      enabled: w.effect_status === undefined || w.effect_status === "ENABLED",
    }));
  }

  async prerequisites(ctx?: CallContext): Promise<ListingPrerequisites> {
    const data = await this.get(TIKTOK_TAXONOMY_PATHS.prerequisites, {}, ctx);
    const failed = failedChecks(data);
    return { ready: failed.length === 0, failed };
  }
}
