import type { ChannelSettings, Dimensions, MasterProduct } from "@syncstore/core";
import type { ChannelEntity, ProductEntity, ProductVariantEntity } from "../entities";

function dimensions(p: ProductEntity): Dimensions | null {
  if (p.lengthCm === null || p.widthCm === null || p.heightCm === null) return null;
  return { lengthCm: Number(p.lengthCm), widthCm: Number(p.widthCm), heightCm: Number(p.heightCm) };
}

/** The domain's view of a product and its variants (variants in position order). */
export function toMasterProduct(
  product: ProductEntity,
  variants: readonly ProductVariantEntity[],
): MasterProduct {
  return {
    id: product.id,
    sku: product.sku,
    title: product.title,
    description: product.description,
    brand: product.brand,
    category: product.category,
    price: product.price,
    currency: product.currency,
    stock: product.stock,
    weightGrams: product.weightGrams,
    dimensions: dimensions(product),
    images: [...product.images],
    attributes: { ...product.attributes },
    variants: [...variants]
      .filter((v) => v.productId === product.id)
      .sort((a, b) => a.position - b.position || Number(BigInt(a.id) - BigInt(b.id)))
      .map((v) => ({
        id: v.id,
        sku: v.sku,
        options: { ...v.options },
        price: v.price,
        stock: v.stock,
        image: v.image,
      })),
  };
}

export function toChannelSettings(channel: ChannelEntity): ChannelSettings {
  return {
    id: channel.id,
    platform: channel.platform,
    shopId: channel.shopId,
    currency: channel.currency,
    priceMultiplier: channel.priceMultiplier,
    maxAttempts: channel.maxAttempts,
    slowRetryDelaysMs: channel.slowRetryDelaysMs,
    titleMinLength: channel.titleMinLength,
    titleMaxLength: channel.titleMaxLength,
  };
}
