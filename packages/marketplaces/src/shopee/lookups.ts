import type { CallContext, RemoteListing } from "../adapter";
import type { ShopeeCaller } from "./caller";
import { malformed } from "./errors";
import type { KnownItem, KnownItems } from "./known-items";
import { SHOPEE_PATHS } from "./paths";
import { knownFromRemote, remoteListing } from "./remote";
import { readItemList, readModelList, readSearchPage, type ShopeeItem, type ShopeeModelList } from "./wire";

/** `get_item_base_info` takes at most this many ids a call. */
export const SHOPEE_BASE_INFO_BATCH = 50;
const SEARCH_PAGE_SIZE = 100;
const MAX_SEARCH_PAGES = 10;
const READ_PARALLELISM = 8;
const STATUS_RANK: Record<string, number> = { NORMAL: 0, UNLIST: 1, REVIEWING: 2 };
export const GONE = new Set(["DELETED", "SHOPEE_DELETE"]);

/** Finding and reading items: SKU search confirmed by exact match, base info and models. */
export class ShopeeLookups {
  constructor(
    private readonly caller: ShopeeCaller,
    private readonly known: KnownItems,
  ) {}

  /**
   * `search_item` matches item_sku as a keyword, so each hit is read back and kept only when its
   * item_sku equals the wanted SKU exactly (case-sensitive). When several items carry it, a live one
   * wins over an unlisted one, then the oldest; deleted items are ignored.
   */
  async findBySellerSkus(sellerSkus: string[], ctx?: CallContext): Promise<Map<string, RemoteListing>> {
    const wanted = [...new Set(sellerSkus.filter((s) => s !== ""))];
    const candidates = new Set<string>();
    await eachLimited(wanted, READ_PARALLELISM, async (sku) => {
      for (const id of await this.searchBySku(sku, ctx)) candidates.add(id);
    });
    const items = await this.readItems([...candidates], ctx);
    const best = new Map<string, ShopeeItem>();
    for (const item of items) {
      if (GONE.has(item.status)) continue;
      const current = best.get(item.sku);
      if (!current || betterThan(item, current)) best.set(item.sku, item);
    }
    const out = new Map<string, RemoteListing>();
    await eachLimited(wanted, READ_PARALLELISM, async (sku) => {
      const item = best.get(sku);
      if (item) out.set(sku, await this.describe(item, ctx));
    });
    return out;
  }

  async getListing(itemId: string, ctx?: CallContext): Promise<RemoteListing | null> {
    const item = (await this.readItems([itemId], ctx)).find((i) => i.itemId === itemId);
    return item ? this.describe(item, ctx) : null;
  }

  /** What Shopee holds for an item, in the shape the update compares with; null when it is not there. */
  async readKnown(itemId: string, ctx?: CallContext): Promise<KnownItem | null> {
    const item = (await this.readItems([itemId], ctx)).find((i) => i.itemId === itemId);
    if (!item) return null;
    const models = item.hasModel ? await this.readModels(itemId, ctx) : null;
    return knownFromRemote(item, models);
  }

  private async searchBySku(sku: string, ctx?: CallContext): Promise<string[]> {
    const ids: string[] = [];
    let offset = "0";
    for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
      const { response } = await this.caller.call(
        {
          method: "GET",
          path: SHOPEE_PATHS.searchItem,
          query: { item_sku: sku, offset, page_size: String(SEARCH_PAGE_SIZE) },
        },
        ctx,
      );
      const result = readSearchPage(response);
      if (!result) throw malformed(SHOPEE_PATHS.searchItem, "no item_id_list");
      ids.push(...result.itemIds);
      if (result.nextOffset === null) break;
      offset = result.nextOffset;
    }
    return ids;
  }

  async readItems(itemIds: string[], ctx?: CallContext): Promise<ShopeeItem[]> {
    const batches: string[][] = [];
    for (let i = 0; i < itemIds.length; i += SHOPEE_BASE_INFO_BATCH)
      batches.push(itemIds.slice(i, i + SHOPEE_BASE_INFO_BATCH));
    const items: ShopeeItem[] = [];
    await eachLimited(batches, READ_PARALLELISM, async (batch) => {
      const { response } = await this.caller.call(
        { method: "GET", path: SHOPEE_PATHS.getItemBaseInfo, query: { item_id_list: batch.join(",") } },
        ctx,
      );
      const list = readItemList(response);
      if (!list) throw malformed(SHOPEE_PATHS.getItemBaseInfo, "no item_list");
      items.push(...list);
    });
    return items;
  }

  private async readModels(itemId: string, ctx?: CallContext): Promise<ShopeeModelList> {
    const { response } = await this.caller.call(
      { method: "GET", path: SHOPEE_PATHS.getModelList, query: { item_id: itemId } },
      ctx,
    );
    const list = readModelList(response);
    if (!list) throw malformed(SHOPEE_PATHS.getModelList, "no model list");
    return list;
  }

  /** The full picture of one item (its models too), remembered for the next update. */
  private async describe(item: ShopeeItem, ctx?: CallContext): Promise<RemoteListing> {
    const models = item.hasModel ? await this.readModels(item.itemId, ctx) : null;
    const known = knownFromRemote(item, models);
    this.known.set(item.itemId, known);
    const listing = remoteListing(item.itemId, item.sku, item.name, known);
    return item.statusReasons.length > 0
      ? { ...listing, rejectReason: item.statusReasons.join("; ") }
      : listing;
  }
}

function betterThan(a: ShopeeItem, b: ShopeeItem): boolean {
  const ra = STATUS_RANK[a.status] ?? 9;
  const rb = STATUS_RANK[b.status] ?? 9;
  if (ra !== rb) return ra < rb;
  return BigInt(a.itemId) < BigInt(b.itemId);
}

async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
