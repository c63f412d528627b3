import type { MarketplaceAttributeValue, Platform } from "../model";

/**
 * How the marketplace takes an attribute's value: one of its value ids (LIST), free text (TEXT),
 * or a number, with a unit where the attribute has units (NUMBER).
 */
export const ATTRIBUTE_VALUE_KINDS = ["LIST", "TEXT", "NUMBER"] as const;
export type AttributeValueKind = (typeof ATTRIBUTE_VALUE_KINDS)[number];

/** Where a marketplace attribute's value comes from. */
export type AttributeSource =
  | {
      type: "MASTER";
      /** The product attribute read (`Material`). */
      masterAttribute: string;
      /** Master value → the marketplace's value. LIST values must be found here (or take the default). */
      valueMap: Readonly<Record<string, MarketplaceAttributeValue>>;
    }
  | { type: "CONSTANT"; values: readonly MarketplaceAttributeValue[] };

/** One marketplace attribute of a mapped category. */
export interface AttributeRule {
  attributeId: string;
  /** The marketplace's own name (`Bahan`): VALIDATION problems name the field with it. */
  attributeName: string;
  required: boolean;
  kind: AttributeValueKind;
  source: AttributeSource;
  /** Sent when the master attribute is absent or its value is not in the map. */
  defaultValue: MarketplaceAttributeValue | null;
  /** The unit of a NUMBER attribute when the master value carries none. */
  unit: string | null;
}

export interface SizeChart {
  imageUrl?: string;
  templateId?: string;
}

/** A master category mapped onto one leaf category of the marketplace, with its attributes. */
export interface CategoryRule {
  masterCategory: string;
  categoryId: string;
  categoryVersion: string | null;
  /** The marketplace refuses a listing of this category without a brand from its list. */
  brandRequired: boolean;
  /** The category's rules require a size chart. */
  sizeChartRequired: boolean;
  sizeChart: SizeChart | null;
  attributes: readonly AttributeRule[];
}

export interface ShopeeLogistic {
  logisticId: number;
  /** For fee type SIZE_SELECTION. */
  sizeId?: number;
  /** For fee type CUSTOM_PRICE. */
  shippingFee?: number;
  /** The channel's weight limit: heavier products are not offered on it. */
  maxWeightKg?: number;
}

/** What a channel ships with: Shopee logistics channels, or the TikTok Shop warehouse. */
export type ShippingProfile =
  | { platform: "SHOPEE"; logistics: ShopeeLogistic[] }
  | { platform: "TIKTOK_SHOP"; warehouseId: string; deliveryOptionIds?: string[] };

export interface MarketplaceBrand {
  id: string;
  name: string;
}

/** Everything one channel maps: categories by master category, brands by master brand, shipping. */
export interface ChannelMapping {
  platform: Platform;
  categories: ReadonlyMap<string, CategoryRule>;
  brands: ReadonlyMap<string, MarketplaceBrand>;
  shipping: ShippingProfile | null;
}
