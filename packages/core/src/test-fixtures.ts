import type { ChannelSettings, ListingPayload, MasterProduct } from "./model";

/** Test data shared by the core unit tests. Each call returns a fresh object, safe to mutate. */
export function sampleProduct(overrides: Partial<MasterProduct> = {}): MasterProduct {
  return {
    id: "p-1",
    sku: "SHOE-001",
    title: "Running Shoes",
    description: "Lightweight running shoes with a breathable mesh upper.",
    brand: "Stride",
    category: "100017",
    price: "99999",
    currency: "IDR",
    stock: 12,
    weightGrams: 1250,
    dimensions: { lengthCm: 30, widthCm: 20, heightCm: 12 },
    images: ["https://cdn.example.com/shoe-1.jpg", "/images/shoe-2.jpg"],
    attributes: { Color: "Black", Size: "42", Origin: "Vietnam" },
    variants: [
      { id: "v-1", sku: "SHOE-001-42", options: { Size: "42" }, price: "99999", stock: 5, image: null },
      { id: "v-2", sku: "SHOE-001-43", options: { Size: "43" }, price: "100000", stock: 7, image: null },
    ],
    ...overrides,
  };
}

export function sampleChannel(overrides: Partial<ChannelSettings> = {}): ChannelSettings {
  return {
    id: "c-shopee",
    platform: "SHOPEE",
    shopId: "shop-1",
    currency: "IDR",
    priceMultiplier: "1.15",
    maxAttempts: 5,
    titleMinLength: 5,
    titleMaxLength: 100,
    ...overrides,
  };
}

export function tiktokChannel(overrides: Partial<ChannelSettings> = {}): ChannelSettings {
  return sampleChannel({
    id: "c-tiktok",
    platform: "TIKTOK_SHOP",
    priceMultiplier: "1.20",
    maxAttempts: 3,
    titleMinLength: 25,
    titleMaxLength: 255,
    ...overrides,
  });
}

/** A payload that passes Shopee's default rules. */
export function validPayload(overrides: Partial<ListingPayload> = {}): ListingPayload {
  return {
    platform: "SHOPEE",
    sellerSku: "SHOE-001",
    title: "Stride Running Shoes Black 42",
    description: "Lightweight running shoes with a breathable mesh upper.",
    brand: "Stride",
    category: "100017",
    price: 114999,
    currency: "IDR",
    stock: 12,
    weightKg: 1.25,
    dimensions: { lengthCm: 30, widthCm: 20, heightCm: 12 },
    images: ["https://cdn.example.com/shoe-1.jpg"],
    attributes: { Color: "Black" },
    variants: [
      { sellerSku: "SHOE-001-42", options: { Size: "42" }, price: 114999, stock: 5, image: null },
      { sellerSku: "SHOE-001-43", options: { Size: "43" }, price: 115000, stock: 7, image: null },
    ],
    ...overrides,
  };
}
