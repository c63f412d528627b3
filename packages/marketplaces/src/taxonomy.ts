import type { CallContext, TokenSet } from "./adapter";

/** A node of a marketplace's category tree; only a leaf can hold listings. */
export interface MarketplaceCategory {
  id: string;
  name: string;
  /** null for a top-level category. */
  parentId: string | null;
  isLeaf: boolean;
}

/**
 * How an attribute takes its value: one value from the list, a list value or a custom one, free
 * text, or a number with a unit from `units`.
 */
export type AttributeInputType = "SELECT" | "SELECT_OR_CUSTOM" | "TEXT" | "NUMBER";

export interface MarketplaceAttribute {
  id: string;
  name: string;
  required: boolean;
  inputType: AttributeInputType;
  values: { id: string; name: string }[];
  units: string[];
  /** TikTok SALES_PROPERTY: goes on SKUs (variant options), never in product_attributes. */
  salesProperty: boolean;
}

export interface MarketplaceBrand {
  id: string;
  name: string;
}

export interface BrandList {
  brands: MarketplaceBrand[];
  /** Shopee `is_mandatory`: the category refuses "No Brand". Null where the platform does not say. */
  mandatory: boolean | null;
}

/** A suggestion only, never applied without the seller (recommendations are often wrong). */
export interface CategoryRecommendation {
  categoryIds: string[];
}

/** One read per concept, answered in the same shapes by every platform's client. */
export interface TaxonomyReader {
  categories(ctx?: CallContext): Promise<MarketplaceCategory[]>;
  attributes(categoryId: string, ctx?: CallContext): Promise<MarketplaceAttribute[]>;
  brands(categoryId: string, ctx?: CallContext): Promise<BrandList>;
  recommendCategories(title: string, ctx?: CallContext): Promise<CategoryRecommendation>;
}

/** Shopee `logistics/get_channel_list`. */
export interface LogisticsChannel {
  id: number;
  name: string;
  enabled: boolean;
  /** SIZE_SELECTION needs `size_id`, CUSTOM_PRICE needs `shipping_fee`. */
  feeType: string;
  sizes: { id: number; name: string }[];
  weightKg: { min: number | null; max: number | null };
}

/** Shopee `get_item_limit`, the parts a pre-flight check reads. */
export interface ItemLimits {
  price: { min: number; max: number } | null;
  stock: { min: number; max: number } | null;
  itemName: { min: number; max: number } | null;
  description: { min: number; max: number } | null;
  images: { min: number; max: number } | null;
  sizeChartMandatory: boolean;
  weightMandatory: boolean;
  dimensionMandatory: boolean;
}

/** TikTok Shop `GET /logistics/202309/warehouses`. */
export interface Warehouse {
  id: string;
  name: string;
  isDefault: boolean;
  enabled: boolean;
}

/** TikTok Shop `GET /categories/{id}/rules`. */
export interface CategoryRules {
  sizeChartRequired: boolean;
  certificationsRequired: string[];
  packageDimensionsRequired: boolean;
  codSupported: boolean;
}

/** TikTok Shop `GET /product/202312/prerequisites`: each failed check with its reasons. */
export interface ListingPrerequisites {
  ready: boolean;
  failed: { id: string; name: string; reasons: string[] }[];
}

/** A shop the seller authorized, as the authorization exchange and shop lookup answer. */
export interface AuthorizedShop {
  /** Shopee shop_id / TikTok shop id. */
  id: string;
  name: string;
  region: string | null;
  /** TikTok Shop `cipher`, which every shop-level call passes as `shop_cipher`; null on Shopee. */
  cipher: string | null;
}

/** The first token pair of a shop, from a single-use authorization code. */
export interface AuthorizationGrant {
  tokens: TokenSet;
  /** Shopee: the shop ids the grant covers; TikTok: none (look them up with `shops`). */
  shopIds: string[];
  sellerName: string | null;
}
