import type { SimRequest } from "../http";
import type { Leaf, TaxonomyAttribute, TaxonomyCategory } from "../taxonomy";
import type { Route, ShopeeState } from "./context";
import { bad, success } from "./errors";
import { numberParam, pageSize } from "./params";

/** `get_attribute_tree` codes: SINGLE_DROP_DOWN 1, SINGLE_COMBO_BOX 2, FREE_TEXT_FILED 3. */
const INPUT_TYPE = { list: 1, combo: 2, text: 3 } as const;
/** VALIDATOR_STRING_TYPE 2, VALIDATOR_FLOAT_TYPE 3; FORMAT_NORMAL 1, FORMAT_QUANTITATIVE_WITH_UNIT 2. */
const STRING_TYPE = 2;
const FLOAT_TYPE = 3;

export function attributeTreeEntry(a: TaxonomyAttribute) {
  const input = a.input;
  return {
    attribute_id: a.shopeeId,
    mandatory: a.required,
    name: a.name,
    attribute_value_list:
      input.kind === "list"
        ? input.values.map((v) => ({ value_id: v.shopeeId, name: v.name, multi_lang: [] }))
        : [],
    attribute_info: {
      input_type:
        input.kind === "list" ? (input.custom ? INPUT_TYPE.combo : INPUT_TYPE.list) : INPUT_TYPE.text,
      input_validation_type: input.kind === "number" ? FLOAT_TYPE : STRING_TYPE,
      format_type: input.kind === "number" ? 2 : 1,
      date_format_type: 0,
      attribute_unit_list: input.kind === "number" ? [...input.units] : [],
      max_value_count: 1,
      introduction: "",
      is_oem: false,
      support_search_value: false,
    },
    multi_lang: [],
  };
}

/**
 * The taxonomy read endpoints, in Shopee's shapes (congminh1254/shopee-sdk schemas): the category
 * tree, a leaf's attributes, brands and item limits, the category recommendation, and the shop's
 * logistics channels.
 */
export function taxonomyRoutes(state: ShopeeState): Record<string, Route> {
  const { taxonomy } = state;
  const get = (run: Route["run"]): Route => ({ method: "GET", level: "shop", json: false, run });

  function leafParam(req: SimRequest, name = "category_id"): Leaf {
    return leafOf(numberParam(req, name), name);
  }

  function leafOf(id: number, field: string): Leaf {
    const c: TaxonomyCategory | undefined = taxonomy.shopee(id);
    if (!c) bad(field, `${id} is not a category of this market`);
    if (c.leaf === null) bad(field, `${id} is not a leaf category (it has children)`);
    return c as Leaf;
  }

  return {
    "product/get_category": get(() =>
      success({
        category_list: taxonomy.categories.map((c) => ({
          category_id: c.shopeeId,
          parent_category_id: c.parentKey === null ? 0 : taxonomy.parentOf(c)!.shopeeId,
          original_category_name: c.name,
          display_category_name: c.name,
          has_children: taxonomy.hasChildren(c),
        })),
      }),
    ),
    "product/get_attribute_tree": get(({ req }) => {
      const raw = req.query.getAll("category_id_list").join(",");
      const ids = raw === "" ? [] : raw.split(",").map((s) => s.trim());
      if (ids.length === 0 || ids.length > 20) bad("category_id_list", "must hold 1 to 20 category ids");
      const list = ids.map((s) => {
        if (!/^\d{1,19}$/.test(s)) bad("category_id_list", `${JSON.stringify(s)} is not a category id`);
        const leaf = leafOf(Number(s), "category_id_list");
        return {
          category_id: leaf.shopeeId,
          attribute_tree: leaf.leaf.attributes.map(attributeTreeEntry),
          warning: "",
        };
      });
      return success({ list });
    }),
    "product/get_brand_list": get(({ req }) => {
      const leaf = leafParam(req);
      const size = pageSize(req);
      const offset = numberParam(req, "offset");
      const status = numberParam(req, "status");
      if (status !== 1 && status !== 2) bad("status", "must be 1 (normal) or 2 (pending)");
      // The simulated market has no pending brands.
      const brands = status === 1 ? leaf.leaf.brands : [];
      const page = brands.slice(offset, offset + size);
      const more = offset + size < brands.length;
      return success({
        brand_list: page.map((b) => ({
          brand_id: b.shopeeId,
          original_brand_name: b.name,
          display_brand_name: b.name,
        })),
        has_next_page: more,
        next_offset: more ? offset + size : 0,
        is_mandatory: leaf.leaf.brandMandatory,
        input_type: "DROP_DOWN",
      });
    }),
    "product/get_item_limit": get(({ req }) => {
      const l = leafParam(req).leaf;
      const range = (r: { min: number; max: number }) => ({ min_limit: r.min, max_limit: r.max });
      return success({
        price_limit: range(l.limits.price),
        wholesale_price_threshold_percentage: { min_limit: 80, max_limit: 100 },
        stock_limit: range(l.limits.stock),
        item_name_length_limit: range(l.limits.itemName),
        item_image_count_limit: range(l.limits.images),
        item_description_length_limit: range(l.limits.description),
        tier_variation_name_length_limit: { min_limit: 1, max_limit: l.limits.tierNameMax },
        tier_variation_option_length_limit: { min_limit: 1, max_limit: l.limits.optionNameMax },
        item_count_limit: { max_limit: l.limits.itemCountMax },
        dts_limit: { days_to_ship_limit: { min_limit: 7, max_limit: 15 }, non_pre_order_days_to_ship: 2 },
        weight_limit: { weight_mandatory: true },
        dimension_limit: { dimension_mandatory: false },
        size_chart_limit: {
          size_chart_mandatory: l.sizeChartRequired,
          support_image_size_chart: true,
          support_template_size_chart: false,
        },
      });
    }),
    "product/category_recommend": get(({ req }) => {
      const name = req.query.get("item_name");
      if (!name || name.trim() === "") bad("item_name", "is required");
      return success({
        category_id: taxonomy
          .recommend(name)
          .slice(0, 3)
          .map((l) => l.shopeeId),
      });
    }),
    "logistics/get_channel_list": get(() =>
      success({
        logistics_channel_list: taxonomy.shopeeChannels.map((c) => ({
          logistics_channel_id: c.logisticsChannelId,
          logistics_channel_name: c.name,
          cod_enabled: c.codEnabled,
          enabled: c.enabled,
          fee_type: c.feeType,
          size_list: c.sizes.map((s) => ({ size_id: s.sizeId, name: s.name, default_price: s.defaultPrice })),
          weight_limit: { item_max_weight: c.weight.maxKg, item_min_weight: c.weight.minKg },
          item_max_dimension: { ...c.maxDimension, unit: "cm", dimension_sum: 0 },
          volume_limit: { item_max_volume: 0, item_min_volume: 0 },
          logistics_description: "",
          force_enable: false,
          mask_channel_id: 0,
          block_seller_cover_shipping_fee: false,
          support_cross_border: false,
        })),
      }),
    ),
  };
}
