import type { RemoteListing } from "../adapter";
import type { KnownItem, KnownModel } from "./known-items";
import { UNREAD, tierImagesKey, tiersKey, type ContentFields, type ShopeeTier } from "./listing-body";
import type { ShopeeItem, ShopeeModelList } from "./wire";

/** What Shopee holds, in the same per-field form `contentFields` gives for what is wanted. */
export function heldContent(item: ShopeeItem): ContentFields {
  return {
    item_name: JSON.stringify(item.name),
    description: JSON.stringify(item.description),
    item_sku: JSON.stringify(item.sku),
    category_id: JSON.stringify(item.categoryId),
    attribute_list: item.attributeList === null ? UNREAD : JSON.stringify(item.attributeList),
    size_chart_info: UNREAD,
    weight: JSON.stringify(item.weight),
    dimension: JSON.stringify(item.dimension),
    image: JSON.stringify(item.imageIds),
    brand: JSON.stringify([item.brandId ?? 0, item.brandName ?? ""]),
    condition: JSON.stringify("NEW"),
  };
}

function tiersOf(list: ShopeeModelList): ShopeeTier[] {
  return list.tiers.map((t) => ({
    name: t.name,
    option_list: t.options.map((option, i) => {
      const image = t.imageIds[i];
      return image ? { option, image: { image_id: image } } : { option };
    }),
  }));
}

export function knownFromRemote(item: ShopeeItem, models: ShopeeModelList | null): KnownItem {
  const bySku = new Map<string, KnownModel>();
  for (const m of models?.models ?? []) {
    bySku.set(m.sku, {
      modelId: m.modelId,
      tierIndex: m.tierIndex,
      price: m.price ?? NaN,
      stock: m.stock ?? NaN,
    });
  }
  const hasTiers = item.hasModel && models !== null;
  const tiers = hasTiers ? tiersOf(models) : [];
  return {
    content: heldContent(item),
    status: item.status,
    price: item.price ?? NaN,
    stock: item.stock ?? NaN,
    tiersKey: hasTiers ? tiersKey(tiers) : null,
    tierImagesKey: hasTiers ? tierImagesKey(tiers) : null,
    models: bySku,
  };
}

export function remoteListing(
  itemId: string,
  sellerSku: string,
  title: string,
  known: Pick<KnownItem, "status" | "price" | "stock" | "models">,
): RemoteListing {
  const variants = [...known.models].map(([sku, m]) => ({
    sellerSku: sku,
    externalId: m.modelId,
    price: Number.isNaN(m.price) ? 0 : m.price,
    stock: Number.isNaN(m.stock) ? 0 : m.stock,
  }));
  const price =
    variants.length > 0
      ? Math.min(...variants.map((v) => v.price))
      : Number.isNaN(known.price)
        ? 0
        : known.price;
  const stock =
    variants.length > 0
      ? variants.reduce((n, v) => n + v.stock, 0)
      : Number.isNaN(known.stock)
        ? 0
        : known.stock;
  return { externalId: itemId, sellerSku, title, price, stock, status: known.status, variants };
}
