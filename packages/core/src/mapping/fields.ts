import type { Platform } from "../model";

/** The marketplace's own names for the fields the mapping fills, as its errors name them. */
export interface MarketplaceFieldNames {
  category: string;
  attribute(name: string): string;
  brand: string;
  shipping: string;
  sizeChart: string;
}

const NAMES: Record<Platform, MarketplaceFieldNames> = {
  SHOPEE: {
    category: "category_id",
    attribute: (name) => `attribute_list[${name}]`,
    brand: "brand.brand_id",
    shipping: "logistic_info",
    sizeChart: "size_chart_info",
  },
  TIKTOK_SHOP: {
    category: "category_id",
    attribute: (name) => `product_attributes[${name}]`,
    brand: "brand_id",
    shipping: "skus[].inventory[].warehouse_id",
    sizeChart: "size_chart",
  },
};

export function marketplaceFieldNames(platform: Platform): MarketplaceFieldNames {
  return NAMES[platform];
}
