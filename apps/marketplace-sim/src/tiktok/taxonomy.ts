import type { SimResponse } from "../http";
import type { Leaf, Taxonomy, TaxonomyAttribute } from "../taxonomy";
import { TTS_CODES, success, violation } from "./errors";
import { isRecord, type Exchange, type Refusals } from "./refusals";

/**
 * The tree the simulated Indonesian shop lists on. Since the Tokopedia merge the ID market uses the
 * v2 tree; reads answer it when no version is asked for, and refuse v1 as a market without it would.
 */
export const MARKET_CATEGORY_VERSION = "v2";

/** Sales properties every leaf offers: the seller's own values are allowed, as on TikTok Shop. */
const SALES_PROPERTIES = [
  { id: "100000", name: "Warna", values: ["Hitam", "Putih", "Merah", "Biru"] },
  { id: "100007", name: "Ukuran", values: ["S", "M", "L", "XL"] },
];

/**
 * `GET /categories/{id}/attributes` entries. The required flag is spelled `is_requried`, as TikTok's
 * own answer spells it. Number attributes take a custom value "<number> <unit>".
 */
export function attributeView(a: TaxonomyAttribute) {
  const input = a.input;
  return {
    id: a.tiktokId,
    name: a.name,
    type: "PRODUCT_PROPERTY",
    is_requried: a.required,
    values: input.kind === "list" ? input.values.map((v) => ({ id: v.tiktokId, name: v.name })) : [],
    value_data_format: input.kind === "number" ? "POSITIVE_INT_OR_DECIMAL" : "",
    is_customizable: input.kind !== "list" || input.custom,
    is_multiple_selection: false,
    requirement_conditions: [],
    ...(input.kind === "number" ? { units: [...input.units] } : {}),
  };
}

function salesPropertyView(p: (typeof SALES_PROPERTIES)[number]) {
  return {
    id: p.id,
    name: p.name,
    type: "SALES_PROPERTY",
    is_requried: false,
    values: p.values.map((v, i) => ({ id: String(Number(p.id) * 100 + i + 1), name: v })),
    value_data_format: "",
    is_customizable: true,
    is_multiple_selection: false,
    requirement_conditions: [],
  };
}

/** The taxonomy and logistics reads, in TikTok Shop 202309's shapes. */
export function createTaxonomyApi(
  taxonomy: Taxonomy,
  { refuse, broken }: Refusals,
  quota: (x: Exchange) => number | null,
) {
  const invalidParam = (message: string) => refuse(400, TTS_CODES.PARAM_INVALID, message);

  /** null when the version asked for is the market's (or none is asked for). */
  function versionProblem(x: Exchange): SimResponse | null {
    const v = x.req.query.get("category_version");
    if (v === null || v === MARKET_CATEGORY_VERSION) return null;
    return broken(
      violation(
        TTS_CODES.CATEGORY_VERSION_INVALID,
        "category_version",
        `this market lists on category tree ${MARKET_CATEGORY_VERSION}, got ${JSON.stringify(v)}`,
      ),
    );
  }

  function leafOf(id: string): Leaf | SimResponse {
    const c = taxonomy.tiktok(id);
    if (!c)
      return broken(
        violation(TTS_CODES.CATEGORY_NOT_LEAF, "category_id", `category ${id} does not exist in this market`),
      );
    if (c.leaf === null)
      return broken(
        violation(TTS_CODES.CATEGORY_NOT_LEAF, "category_id", `category ${id} is not a leaf category`),
      );
    return c as Leaf;
  }

  const isLeaf = (v: Leaf | SimResponse): v is Leaf => "leaf" in v;

  return {
    categories(x: Exchange): SimResponse {
      const problem = versionProblem(x);
      if (problem) return problem;
      const keyword = x.req.query.get("keyword")?.toLowerCase();
      const categories = taxonomy.categories
        .filter((c) => !keyword || c.name.toLowerCase().includes(keyword))
        .map((c) => ({
          id: c.tiktokId,
          parent_id: c.parentKey === null ? "0" : taxonomy.parentOf(c)!.tiktokId,
          local_name: c.name,
          is_leaf: c.leaf !== null,
          permission_statuses: ["AVAILABLE"],
        }));
      return success({ categories }, x.now);
    },

    attributes(x: Exchange): SimResponse {
      const problem = versionProblem(x);
      if (problem) return problem;
      const leaf = leafOf(x.productId);
      if (!isLeaf(leaf)) return leaf;
      return success(
        {
          attributes: [
            ...leaf.leaf.attributes.map(attributeView),
            ...SALES_PROPERTIES.map(salesPropertyView),
          ],
        },
        x.now,
      );
    },

    rules(x: Exchange): SimResponse {
      const problem = versionProblem(x);
      if (problem) return problem;
      const leaf = leafOf(x.productId);
      if (!isLeaf(leaf)) return leaf;
      return success(
        {
          product_certifications: [],
          size_chart: { is_supported: true, is_required: leaf.leaf.sizeChartRequired },
          cod: { is_supported: true },
          // Optional in Indonesia; when given, whole numbers (see rules.ts).
          package_dimension: { is_required: false },
          epr: { is_required: false },
          responsible_person: { is_required: false },
          manufacturer: { is_required: false },
          allowed_special_product_types: [],
        },
        x.now,
      );
    },

    brands(x: Exchange): SimResponse {
      const q = x.req.query;
      const problem = versionProblem(x);
      if (problem) return problem;
      const size = Number(q.get("page_size"));
      if (!Number.isInteger(size) || size < 1 || size > 100)
        return invalidParam("Invalid `page_size`: must be a whole number from 1 to 100.");
      const categoryId = q.get("category_id");
      let brands = taxonomy.leaves().flatMap((l) => l.leaf.brands);
      if (categoryId) {
        const leaf = leafOf(categoryId);
        if (!isLeaf(leaf)) return leaf;
        brands = [...leaf.leaf.brands];
      }
      brands = [...new Map(brands.map((b) => [b.tiktokId, b])).values()];
      const name = q.get("brand_name")?.toLowerCase();
      if (name) brands = brands.filter((b) => b.name.toLowerCase().includes(name));
      const token = q.get("page_token");
      const offset = token ? Number(Buffer.from(token, "base64url").toString()) : 0;
      if (!Number.isInteger(offset) || offset < 0) return invalidParam("Invalid `page_token`.");
      const more = offset + size < brands.length;
      return success(
        {
          // Every listed brand is authorized for the simulated shop.
          brands: brands.slice(offset, offset + size).map((b) => ({
            id: b.tiktokId,
            name: b.name,
            authorized_status: "AUTHORIZED",
            is_t1_brand: false,
            brand_status: "AVAILABLE",
          })),
          total_count: brands.length,
          next_page_token: more ? Buffer.from(String(offset + size)).toString("base64url") : "",
        },
        x.now,
      );
    },

    recommend(x: Exchange): SimResponse {
      const body = isRecord(x.body) ? x.body : {};
      if (typeof body.product_title !== "string" || body.product_title.trim() === "")
        return invalidParam("Invalid `product_title`: the product title is required.");
      if (body.category_version !== undefined && body.category_version !== MARKET_CATEGORY_VERSION)
        return broken(
          violation(
            TTS_CODES.CATEGORY_VERSION_INVALID,
            "category_version",
            `this market lists on category tree ${MARKET_CATEGORY_VERSION}`,
          ),
        );
      const text = `${body.product_title} ${typeof body.description === "string" ? body.description : ""}`;
      const best = taxonomy.recommend(text)[0];
      return success(
        {
          leaf_category_id: best?.tiktokId ?? "",
          categories: best
            ? taxonomy.chain(best).map((c, i) => ({
                id: c.tiktokId,
                name: c.name,
                level: i + 1,
                is_leaf: c.leaf !== null,
                permission_statuses: ["AVAILABLE"],
              }))
            : [],
        },
        x.now,
      );
    },

    warehouses(x: Exchange): SimResponse {
      return success(
        {
          warehouses: taxonomy.warehouses.map((w) => ({
            id: w.id,
            name: w.name,
            effect_status: "ENABLED",
            type: "SALES_WAREHOUSE",
            sub_type: "DOMESTIC_WAREHOUSE",
            is_default: w.isDefault,
            address: {
              region: "Indonesia",
              region_code: "ID",
              state: "DKI Jakarta",
              city: w.city,
              full_address: `${w.name}, ${w.city}`,
            },
          })),
        },
        x.now,
      );
    },

    deliveryOptions(x: Exchange): SimResponse {
      const warehouse = taxonomy.warehouses.find((w) => w.id === x.productId);
      if (!warehouse)
        return broken(
          violation(
            TTS_CODES.WAREHOUSE_INVALID,
            "warehouse_id",
            `warehouse ${x.productId} does not exist in this shop`,
          ),
        );
      return success(
        {
          delivery_options: taxonomy.deliveryOptions
            .filter((d) => warehouse.deliveryOptionIds.includes(d.id))
            .map((d) => ({
              id: d.id,
              name: d.name,
              type: d.type,
              description: "",
              dimension_limit: {
                max_length: d.maxDimension.length,
                max_width: d.maxDimension.width,
                max_height: d.maxDimension.height,
                unit: "CM",
              },
              weight_limit: { min_weight: d.weight.minGram, max_weight: d.weight.maxGram, unit: "GRAM" },
              platform: ["TIKTOK_SHOP"],
            })),
        },
        x.now,
      );
    },

    /** Everything the shop needs is set up; only the daily quota can run out. */
    prerequisites(x: Exchange): SimResponse {
      const ok = (id: string, name: string, failed = false, reason = "") => ({
        id,
        name,
        check_result: { is_failed: failed, fail_reasons: failed ? [reason] : [] },
      });
      const left = quota(x);
      return success(
        {
          shop: {
            status: ok("shop_status", "Shop status"),
            tax_info: ok("tax_info", "Tax information"),
            gne: {
              product_quantity_limit: ok(
                "product_quantity_limit",
                "Daily listing quota",
                left !== null && left <= 0,
                "The shop has reached today's listing quota.",
              ),
              epr: ok("epr", "EPR"),
            },
            logistics: {
              pickup_warehouse: ok("pickup_warehouse", "Pickup warehouse"),
              return_warehouse: ok("return_warehouse", "Return warehouse"),
              shipping_template: ok("shipping_template", "Shipping template"),
              delivery_option: ok("delivery_option", "Delivery option"),
            },
            contact_info: ok("contact_info", "Contact information"),
            bank_account: ok("bank_account", "Bank account"),
          },
        },
        x.now,
      );
    },
  };
}
