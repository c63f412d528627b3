import type { ShopeeChannel, TikTokDeliveryOption, TikTokWarehouse } from "./types";

/**
 * The demo shop's Shopee logistics channels: one fixed-price courier, one size-selection instant
 * courier (an item must pick a size), and one channel the shop has switched off, so a listing that
 * enables it is refused as Shopee refuses it.
 */
export const SHOPEE_CHANNELS: readonly ShopeeChannel[] = [
  {
    logisticsChannelId: 8005,
    name: "SiCepat REG",
    enabled: true,
    feeType: "FIXED_DEFAULT_PRICE",
    sizes: [],
    weight: { minKg: 0.01, maxKg: 50 },
    maxDimension: { length: 150, width: 150, height: 150 },
    codEnabled: true,
  },
  {
    logisticsChannelId: 8010,
    name: "GrabExpress Instant",
    enabled: true,
    feeType: "SIZE_SELECTION",
    sizes: [
      { sizeId: "1", name: "Kecil (maks. 20×20×20 cm)", defaultPrice: 15_000 },
      { sizeId: "2", name: "Sedang (maks. 40×40×40 cm)", defaultPrice: 25_000 },
      { sizeId: "3", name: "Besar (maks. 50×50×50 cm)", defaultPrice: 40_000 },
    ],
    weight: { minKg: 0.01, maxKg: 5 },
    maxDimension: { length: 50, width: 50, height: 50 },
    codEnabled: false,
  },
  {
    logisticsChannelId: 8011,
    name: "Kargo Ekonomi",
    enabled: false,
    feeType: "FIXED_DEFAULT_PRICE",
    sizes: [],
    weight: { minKg: 1, maxKg: 200 },
    maxDimension: { length: 300, width: 300, height: 300 },
    codEnabled: false,
  },
];

export const TIKTOK_DELIVERY_OPTIONS: readonly TikTokDeliveryOption[] = [
  {
    id: "7129736309473036034",
    name: "Standard",
    type: "STANDARD",
    weight: { minGram: 1, maxGram: 50_000 },
    maxDimension: { length: 150, width: 150, height: 150 },
  },
  {
    id: "7129736309473036035",
    name: "Instan",
    type: "EXPRESS",
    weight: { minGram: 1, maxGram: 5_000 },
    maxDimension: { length: 50, width: 50, height: 50 },
  },
];

/** The default warehouse keeps the id the simulator has always filled in, so old data still reads. */
export const TIKTOK_WAREHOUSES: readonly TikTokWarehouse[] = [
  {
    id: "7068517275539719942",
    name: "Gudang Utama Jakarta",
    isDefault: true,
    city: "Jakarta Barat",
    deliveryOptionIds: ["7129736309473036034", "7129736309473036035"],
  },
  {
    id: "7068517275539719943",
    name: "Gudang Surabaya",
    isDefault: false,
    city: "Surabaya",
    deliveryOptionIds: ["7129736309473036034"],
  },
];
