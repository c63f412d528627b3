/**
 * The simulators' seeded Indonesian taxonomy, one tree for both platforms: every node carries the
 * id each platform knows it by (Shopee numeric, TikTok Shop string, as the real APIs type them).
 * Ids are part of the contract: the seed's demo mapping refers to them, so they never change and
 * new entries are only appended.
 */

/** One value of a list attribute. */
export interface TaxonomyValue {
  /** Shopee `value_id`. */
  shopeeId: number;
  /** TikTok Shop attribute value `id`. */
  tiktokId: string;
  name: string;
}

export type AttributeInput =
  /** A single value from `values`; `custom` also allows a value of the seller's own (Shopee combo box). */
  | { kind: "list"; values: readonly TaxonomyValue[]; custom: boolean }
  /** Free text. */
  | { kind: "text" }
  /** A number with one of `units` (Shopee FORMAT_QUANTITATIVE_WITH_UNIT). */
  | { kind: "number"; units: readonly string[] };

export interface TaxonomyAttribute {
  /** Shopee `attribute_id`. */
  shopeeId: number;
  /** TikTok Shop product attribute `id`. */
  tiktokId: string;
  name: string;
  required: boolean;
  input: AttributeInput;
}

export interface TaxonomyBrand {
  /** Shopee `brand_id`. */
  shopeeId: number;
  /** TikTok Shop `brand_id`. */
  tiktokId: string;
  name: string;
}

/** What `product/get_item_limit` reports for a category, and what the simulator then enforces. */
export interface ItemLimits {
  price: { min: number; max: number };
  stock: { min: number; max: number };
  itemName: { min: number; max: number };
  description: { min: number; max: number };
  images: { min: number; max: number };
  tierNameMax: number;
  optionNameMax: number;
  /** Items a shop may hold in the category. */
  itemCountMax: number;
}

export interface LeafRules {
  attributes: readonly TaxonomyAttribute[];
  /** The brands offered for the category (`get_brand_list`, TikTok `brands?category_id`). */
  brands: readonly TaxonomyBrand[];
  /** Shopee `is_mandatory`; on TikTok Shop the category demands an authorized brand. */
  brandMandatory: boolean;
  /** Shopee `size_chart_limit.size_chart_mandatory`; TikTok `rules.size_chart.is_required`. */
  sizeChartRequired: boolean;
  limits: ItemLimits;
  /** The demo catalog's master categories this leaf is meant for (packages/db seed vocabulary). */
  demoCategories: readonly string[];
}

export interface TaxonomyCategory {
  /** A stable slug, for code and tests to name a category by. */
  key: string;
  /** Shopee `category_id`. */
  shopeeId: number;
  /** TikTok Shop category `id`. */
  tiktokId: string;
  /** The Indonesian name both platforms show. */
  name: string;
  parentKey: string | null;
  /** Null for inner nodes: only leaves take listings. */
  leaf: LeafRules | null;
}

/** A Shopee logistics channel as `logistics/get_channel_list` describes it. */
export interface ShopeeChannel {
  logisticsChannelId: number;
  name: string;
  /** Enabled at shop level; an item may only enable channels the shop has. */
  enabled: boolean;
  feeType: "SIZE_SELECTION" | "FIXED_DEFAULT_PRICE" | "SIZE_INPUT" | "CUSTOM_PRICE";
  /**
   * Only for SIZE_SELECTION: an item enabling the channel must name one (`size_id`). As in Shopee,
   * get_channel_list gives the id as a string of digits and add_item takes it as a number.
   */
  sizes: readonly { sizeId: string; name: string; defaultPrice: number }[];
  /** Kilograms; an item heavier than `maxKg` cannot use the channel. */
  weight: { minKg: number; maxKg: number };
  /** Centimetres. */
  maxDimension: { length: number; width: number; height: number };
  codEnabled: boolean;
}

export interface TikTokDeliveryOption {
  id: string;
  name: string;
  type: "STANDARD" | "EXPRESS" | "ECONOMY";
  /** Grams, as TikTok reports it. */
  weight: { minGram: number; maxGram: number };
  /** Centimetres. */
  maxDimension: { length: number; width: number; height: number };
}

export interface TikTokWarehouse {
  id: string;
  name: string;
  isDefault: boolean;
  city: string;
  /** The delivery options this warehouse ships with (`warehouses/{id}/delivery_options`). */
  deliveryOptionIds: readonly string[];
}
