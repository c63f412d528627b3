import type { CallContext } from "../adapter";
import { field, idText, isRecord, numberOr, records, strings, text } from "../read-json";
import type {
  AttributeInputType,
  BrandList,
  CategoryRecommendation,
  ItemLimits,
  LogisticsChannel,
  MarketplaceAttribute,
  MarketplaceCategory,
  TaxonomyReader,
} from "../taxonomy";
import type { ShopeeCaller } from "./caller";
import { malformed } from "./errors";

const P = "/api/v2/product";
export const SHOPEE_TAXONOMY_PATHS = {
  getCategory: `${P}/get_category`,
  getAttributeTree: `${P}/get_attribute_tree`,
  getBrandList: `${P}/get_brand_list`,
  getItemLimit: `${P}/get_item_limit`,
  categoryRecommend: `${P}/category_recommend`,
  getChannelList: "/api/v2/logistics/get_channel_list",
} as const;

const BRAND_PAGE = 100;
const MAX_BRAND_PAGES = 50;

/** `attribute_info.input_type`: SINGLE_DROP_DOWN 1, SINGLE_COMBO_BOX 2, FREE_TEXT_FILED 3, MULTI_* 4/5. */
function inputType(info: unknown): AttributeInputType {
  const input = numberOr(field(info, "input_type"), 3);
  // FORMAT_QUANTITATIVE_WITH_UNIT: a number that needs `value_unit`.
  if (numberOr(field(info, "format_type"), 1) === 2) return "NUMBER";
  if (input === 1 || input === 4) return "SELECT";
  if (input === 2 || input === 5) return "SELECT_OR_CUSTOM";
  return "TEXT";
}

function range(v: unknown): { min: number; max: number } | null {
  const min = numberOr(field(v, "min_limit"), null);
  const max = numberOr(field(v, "max_limit"), null);
  return max === null ? null : { min: min ?? 0, max };
}

/** The shop's market taxonomy and logistics, read with shop-level signed GETs. */
export class ShopeeTaxonomy implements TaxonomyReader {
  constructor(private readonly caller: ShopeeCaller) {}

  private async get(path: string, query: Record<string, string>, ctx?: CallContext) {
    const { response } = await this.caller.call({ method: "GET", path, query }, ctx);
    if (!isRecord(response)) throw malformed(path, "no response object");
    return response;
  }

  async categories(ctx?: CallContext): Promise<MarketplaceCategory[]> {
    const r = await this.get(SHOPEE_TAXONOMY_PATHS.getCategory, { language: "id" }, ctx);
    return records(r.category_list).map((c) => {
      const parent = idText(c.parent_category_id);
      return {
        id: idText(c.category_id),
        name: text(c.display_category_name) || text(c.original_category_name),
        parentId: parent === "" || parent === "0" ? null : parent,
        isLeaf: c.has_children === false,
      };
    });
  }

  async attributes(categoryId: string, ctx?: CallContext): Promise<MarketplaceAttribute[]> {
    const r = await this.get(
      SHOPEE_TAXONOMY_PATHS.getAttributeTree,
      { category_id_list: categoryId, language: "id" },
      ctx,
    );
    const entry = records(r.list).find((l) => idText(l.category_id) === categoryId);
    if (!entry) throw malformed(SHOPEE_TAXONOMY_PATHS.getAttributeTree, `no tree for ${categoryId}`);
    return records(entry.attribute_tree).map((a) => {
      const info = a.attribute_info;
      return {
        id: idText(a.attribute_id),
        name: text(a.name),
        required: a.mandatory === true,
        inputType: inputType(info),
        values: records(a.attribute_value_list).map((v) => ({ id: idText(v.value_id), name: text(v.name) })),
        units: strings(field(info, "attribute_unit_list")),
        salesProperty: false,
      };
    });
  }

  async brands(categoryId: string, ctx?: CallContext): Promise<BrandList> {
    const brands: BrandList["brands"] = [];
    let mandatory: boolean | null = null;
    let offset = 0;
    for (let page = 0; page < MAX_BRAND_PAGES; page++) {
      const r = await this.get(
        SHOPEE_TAXONOMY_PATHS.getBrandList,
        { category_id: categoryId, offset: String(offset), page_size: String(BRAND_PAGE), status: "1" },
        ctx,
      );
      mandatory = typeof r.is_mandatory === "boolean" ? r.is_mandatory : mandatory;
      for (const b of records(r.brand_list))
        brands.push({
          id: idText(b.brand_id),
          name: text(b.display_brand_name) || text(b.original_brand_name),
        });
      if (r.has_next_page !== true) break;
      offset = numberOr(r.next_offset, offset + BRAND_PAGE) ?? offset + BRAND_PAGE;
    }
    return { brands, mandatory };
  }

  async recommendCategories(title: string, ctx?: CallContext): Promise<CategoryRecommendation> {
    const r = await this.get(SHOPEE_TAXONOMY_PATHS.categoryRecommend, { item_name: title }, ctx);
    const ids = Array.isArray(r.category_id) ? r.category_id.map(idText).filter((s) => s !== "") : [];
    return { categoryIds: ids };
  }

  async itemLimits(categoryId: string, ctx?: CallContext): Promise<ItemLimits> {
    const r = await this.get(SHOPEE_TAXONOMY_PATHS.getItemLimit, { category_id: categoryId }, ctx);
    return {
      price: range(r.price_limit),
      stock: range(r.stock_limit),
      itemName: range(r.item_name_length_limit),
      description: range(r.item_description_length_limit),
      images: range(r.item_image_count_limit),
      sizeChartMandatory: field(r.size_chart_limit, "size_chart_mandatory") === true,
      weightMandatory: field(r.weight_limit, "weight_mandatory") === true,
      dimensionMandatory: field(r.dimension_limit, "dimension_mandatory") === true,
    };
  }

  async logisticsChannels(ctx?: CallContext): Promise<LogisticsChannel[]> {
    const r = await this.get(SHOPEE_TAXONOMY_PATHS.getChannelList, {}, ctx);
    return records(r.logistics_channel_list).map((c) => ({
      id: numberOr(c.logistics_channel_id, 0) ?? 0,
      name: text(c.logistics_channel_name),
      enabled: c.enabled === true,
      feeType: text(c.fee_type),
      sizes: records(c.size_list).map((s) => ({ id: numberOr(s.size_id, 0) ?? 0, name: text(s.name) })),
      weightKg: {
        min: numberOr(field(c.weight_limit, "item_min_weight"), null),
        max: numberOr(field(c.weight_limit, "item_max_weight"), null),
      },
    }));
  }
}
