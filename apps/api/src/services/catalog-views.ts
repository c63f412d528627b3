import type { ListingWithChannel, ProductEntity, ProductVariantEntity } from "@syncstore/db";
import type { ListingStatus, Platform } from "../graphql/types/enums";
import type { Listing, Product, Variant } from "../graphql/types/product";

// Catalog records as GraphQL objects, in one place (the sync ledger's are in sync-views.ts).

export function toProduct(p: ProductEntity): Product {
  const dims =
    p.lengthCm !== null && p.widthCm !== null && p.heightCm !== null
      ? { lengthCm: Number(p.lengthCm), widthCm: Number(p.widthCm), heightCm: Number(p.heightCm) }
      : null;
  return {
    id: String(p.id),
    sku: p.sku,
    title: p.title,
    description: p.description,
    brand: p.brand,
    category: p.category,
    price: p.price,
    currency: p.currency.trim(),
    stock: p.stock,
    weightGrams: p.weightGrams,
    dimensions: dims,
    images: p.images,
    attributes: Object.entries(p.attributes ?? {}).map(([name, value]) => ({ name, value })),
    updatedAt: p.updatedAt,
  };
}

export function toVariant(v: ProductVariantEntity): Variant {
  return {
    id: String(v.id),
    sku: v.sku,
    options: Object.entries(v.options ?? {}).map(([name, value]) => ({ name, value })),
    price: v.price,
    stock: v.stock,
    image: v.image,
  };
}

export function toListing(l: ListingWithChannel): Listing {
  return {
    id: String(l.id),
    platform: l.channel.platform as Platform,
    shopId: l.channel.shopId,
    externalId: l.externalId,
    status: l.status as ListingStatus,
    price: l.price,
    title: l.title,
    syncedAt: l.syncedAt,
    lastError: l.lastError,
    lastErrorClass: l.lastErrorClass,
    rejectReason: l.rejectReason,
    incomplete: l.incomplete,
    // Filled by the Product.listings resolver, which knows the product's price.
    expectedPrice: null,
    pricing: { priceMultiplier: l.channel.priceMultiplier, currency: l.channel.currency },
    channelId: String(l.channel.id),
    productId: String(l.productId),
  };
}
