import type {
  MarketplaceAttribute,
  MarketplaceListingFields,
  ShopeeClient,
  TikTokShopClient,
} from "@syncstore/marketplaces";

/**
 * Marketplace fields that satisfy a leaf of the simulator's taxonomy, read through the client as the
 * mapping would be built: every required attribute filled (a list value, a number with its unit, or
 * text), the category's first brand, and the shop's first usable logistics channel or default warehouse.
 */
function valueFor(a: MarketplaceAttribute) {
  if (a.values.length > 0) return { id: a.values[0]!.id, name: a.values[0]!.name };
  if (a.inputType === "NUMBER") return { name: "250", unit: a.units[0] ?? "g" };
  return { name: "Katun" };
}

async function pick(
  reader: ShopeeClient["taxonomy"] | TikTokShopClient["taxonomy"],
  leafName?: RegExp,
): Promise<Omit<MarketplaceListingFields, "shipping">> {
  const leaves = (await reader.categories()).filter((c) => c.isLeaf);
  const leaf = leaves.find((l) => (leafName ?? /Serum/).test(l.name)) ?? leaves[0]!;
  const attributes = (await reader.attributes(leaf.id))
    .filter((a) => a.required && !a.salesProperty)
    .map((a) => ({ id: a.id, name: a.name, values: [valueFor(a)] }));
  const brand = (await reader.brands(leaf.id)).brands[0] ?? null;
  return { categoryId: leaf.id, attributes, brand };
}

export async function shopeeFields(
  client: ShopeeClient,
  leafName?: RegExp,
): Promise<MarketplaceListingFields> {
  const base = await pick(client.taxonomy, leafName);
  const channel = (await client.taxonomy.logisticsChannels()).find(
    (c) => c.enabled && c.feeType !== "SIZE_SELECTION",
  )!;
  return { ...base, shipping: { platform: "SHOPEE", logistics: [{ logisticId: channel.id }] } };
}

export async function tiktokFields(
  client: TikTokShopClient,
  leafName?: RegExp,
): Promise<MarketplaceListingFields> {
  const base = await pick(client.taxonomy, leafName);
  const warehouse = (await client.taxonomy.warehouses()).find((w) => w.isDefault)!;
  // The Indonesian market lists on category tree v2.
  return { ...base, categoryVersion: "v2", shipping: { platform: "TIKTOK_SHOP", warehouseId: warehouse.id } };
}
