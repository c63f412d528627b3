import { setTimeout as sleep } from "node:timers/promises";
import { SingleFlight } from "../single-flight";
import { listingFields } from "../listing-fields";
import { SyncError, type ListingPayload } from "@syncstore/core";
import type {
  CallContext,
  ImageIdCache,
  LevelUpdate,
  MarketplaceAdapter,
  RemoteListing,
  TokenSet,
  TokenStore,
} from "../adapter";
import { FormData, HttpTransport } from "../http";
import type { ImageFetcher } from "../images";
import { SHOPEE_IMAGE_RULES, prepareImage } from "../image-prep";
import { DownloadCache, processDownloads } from "../downloads";
import { ShopeeCaller } from "./caller";
import { shopeeError } from "./envelope";
import { cannotDropVariations, itemIdOf, malformed } from "./errors";
import { KnownItems, type KnownItem } from "./known-items";
import {
  addItemBody,
  changedContent,
  contentFields,
  domainField,
  imageUrls,
  itemContent,
  tierPlan,
  type BodyContext,
} from "./listing-body";
import { GONE, ShopeeLookups } from "./lookups";
import { SHOPEE_PATHS } from "./paths";
import { remoteListing } from "./remote";
import { ShopeeTaxonomy } from "./taxonomy";
import { ShopeeVariations } from "./variations";
import { readFailures, readImageId, readItemId, readItemStatus } from "./wire";

export interface ShopeeClientOptions {
  /** API host, e.g. https://partner.shopeemobile.com or the simulator. */
  baseUrl: string;
  partnerId: number;
  partnerKey: string;
  shopId: number;
  tokenStore: TokenStore;
  imageCache: ImageIdCache;
  imageFetcher: ImageFetcher;
  timeoutMs?: number;
  /** Unix milliseconds; the request timestamp and token expiry are read from it. */
  now?: () => number;
  /**
   * How long after `add_item` variations may be created. Shopee: "wait at least 5 seconds after
   * creating an item before creating variants"; the default is that. The simulator's wait is a setting
   * (small by default), and the worker passes SHOPEE_TIER_VARIATION_WAIT_MS.
   */
  tierVariationWaitMs?: number;
  connections?: number;
  /** Awaited before every request (the worker's per-channel rate limiter); see HttpTransportOptions. */
  beforeRequest?: () => Promise<void>;
  /** Downloaded master images; shared by every client in the process unless given. */
  downloads?: DownloadCache;
}

export const SHOPEE_TIER_VARIATION_WAIT_MS = 5000;

/**
 * Shopee Open Platform v2. Never retries: each failure becomes a SyncError whose class the queue acts
 * on, with Shopee's `error` and message. Every exchange is reported through ctx.onCall; the access
 * token, refresh token and sign are redacted there and the partner key is never sent at all.
 * The jobs live beside it: signing and calling (`caller.ts`), finding and reading (`lookups.ts`),
 * variations (`variations.ts`), the request bodies (`listing-body.ts`).
 */
export class ShopeeClient implements MarketplaceAdapter {
  readonly platform = "SHOPEE" as const;
  private readonly http: HttpTransport;
  private readonly caller: ShopeeCaller;
  private readonly lookups: ShopeeLookups;
  private readonly variations: ShopeeVariations;
  /** Categories, attributes, brands, item limits, logistics channels and recommendations of the shop's market. */
  readonly taxonomy: ShopeeTaxonomy;
  private readonly downloads: DownloadCache;
  private readonly tierWaitMs: number;
  /** When this process created each item, so variations wait Shopee's documented time after it. */
  private readonly addedAt = new Map<string, number>();
  private readonly now: () => number;
  private readonly known = new KnownItems();
  private readonly uploading = new SingleFlight<string, string>();

  constructor(private readonly opts: ShopeeClientOptions) {
    this.http = new HttpTransport("SHOPEE", {
      timeoutMs: opts.timeoutMs,
      connections: opts.connections,
      beforeRequest: opts.beforeRequest,
    });
    this.caller = new ShopeeCaller({
      http: this.http,
      baseUrl: opts.baseUrl.replace(/\/+$/, ""),
      partnerId: opts.partnerId,
      partnerKey: opts.partnerKey,
      shopId: opts.shopId,
      tokenStore: opts.tokenStore,
      now: opts.now ?? Date.now,
    });
    this.lookups = new ShopeeLookups(this.caller, this.known);
    this.variations = new ShopeeVariations(this.caller);
    this.taxonomy = new ShopeeTaxonomy(this.caller);
    this.downloads = opts.downloads ?? processDownloads;
    this.tierWaitMs = opts.tierVariationWaitMs ?? SHOPEE_TIER_VARIATION_WAIT_MS;
    this.now = opts.now ?? Date.now;
  }

  forget(externalId: string): void {
    this.known.forget(externalId);
  }

  async findBySellerSku(sellerSku: string, ctx?: CallContext): Promise<RemoteListing | null> {
    return (await this.findBySellerSkus([sellerSku], ctx)).get(sellerSku) ?? null;
  }

  findBySellerSkus(sellerSkus: string[], ctx?: CallContext): Promise<Map<string, RemoteListing>> {
    return this.lookups.findBySellerSkus(sellerSkus, ctx);
  }

  async getListing(externalId: string, ctx?: CallContext): Promise<RemoteListing | null> {
    return this.lookups.getListing(itemIdOf(externalId), ctx);
  }

  async createListing(payload: ListingPayload, ctx?: CallContext): Promise<RemoteListing> {
    const body = await this.bodyContext(payload, ctx);
    const fieldOf = (p: string) => domainField(p, payload);
    const content = itemContent(payload, body);
    const { response } = await this.caller.call(
      {
        method: "POST",
        path: SHOPEE_PATHS.addItem,
        json: addItemBody(payload, body),
        fieldOf,
      },
      ctx,
    );
    const addedAt = this.now();
    const itemId = readItemId(response);
    if (!itemId) throw malformed(SHOPEE_PATHS.addItem, "no item_id");
    const known: KnownItem = {
      content: contentFields(content),
      // An item Shopee holds for review must be followed up, not taken as live.
      status: readItemStatus(response) ?? "NORMAL",
      price: payload.price,
      stock: payload.stock,
      tiersKey: null,
      tierImagesKey: null,
      models: new Map(),
    };
    this.known.set(itemId, known);
    const plan = tierPlan(payload, body);
    // Only items younger than the wait matter; the map stays as small as a few seconds of creates.
    for (const [id, at] of this.addedAt) {
      if (at + this.tierWaitMs > addedAt) break;
      this.addedAt.delete(id);
    }
    this.addedAt.set(itemId, addedAt);
    if (plan) {
      await ctx?.onCreated?.(itemId);
      try {
        await this.initTiers(itemId, plan, known, payload, ctx);
      } catch (e) {
        // The item exists without its variations; the next attempt reads what Shopee holds and adds them.
        this.known.forget(itemId);
        throw e;
      }
    }
    return remoteListing(itemId, payload.sellerSku, payload.title, known);
  }

  /**
   * Brings the item to the payload with as few calls as Shopee allows: `update_item` with only the
   * content fields that moved, then prices and stock of what moved, each in one call. What Shopee holds
   * comes from this process's memory of its last write, or is read first (base info, models).
   */
  async updateListing(
    externalId: string,
    payload: ListingPayload,
    ctx?: CallContext,
  ): Promise<RemoteListing> {
    const itemId = itemIdOf(externalId);
    const body = await this.bodyContext(payload, ctx);
    const fieldOf = (p: string) => domainField(p, payload);
    try {
      const held = this.known.get(itemId) ?? (await this.readKnown(itemId, ctx));
      if (GONE.has(held.status) || held.status === "BANNED") {
        throw new SyncError("VALIDATION", `Shopee item ${itemId} is ${held.status} and cannot be updated`, {
          platform: this.platform,
          code: "error_item_not_found",
        });
      }
      const desired = itemContent(payload, body);
      const changed = changedContent(desired, held.content);
      if (Object.keys(changed).length > 0) {
        await this.caller.call(
          {
            method: "POST",
            path: SHOPEE_PATHS.updateItem,
            json: { item_id: Number(itemId), ...changed },
            fieldOf,
          },
          ctx,
        );
        held.content = contentFields(desired);
      }
      const plan = tierPlan(payload, body);
      if (plan === null) {
        if (held.tiersKey !== null) throw cannotDropVariations(itemId);
        await this.variations.updateSingle(itemId, payload, held, ctx);
      } else if (held.tiersKey === null) {
        await this.initTiers(itemId, plan, held, payload, ctx);
      } else {
        await this.variations.updateModels(itemId, plan, held, payload, ctx);
      }
      if (held.status === "UNLIST") {
        await this.setUnlisted(itemId, false, ctx);
        held.status = "NORMAL";
      }
      this.known.set(itemId, held);
      return remoteListing(itemId, payload.sellerSku, payload.title, held);
    } catch (e) {
      // Another writer may have changed the item; the next attempt starts from a fresh read.
      this.known.forget(itemId);
      throw e;
    }
  }

  async updateLevels(
    externalId: string,
    payload: ListingPayload,
    changes: readonly LevelUpdate[],
    ctx?: CallContext,
  ): Promise<void> {
    const itemId = itemIdOf(externalId);
    try {
      await this.variations.updateLevels(itemId, payload, changes, ctx);
    } catch (e) {
      this.known.forget(itemId);
      throw e;
    }
    // What this process remembers of the item follows, so a later full update diffs against the truth.
    const held = this.known.get(itemId);
    if (!held) return;
    for (const c of changes) {
      const target = c.variantId === null ? held : held.models.get(c.sellerSku);
      if (!target) continue;
      if (c.price !== undefined) target.price = c.price;
      if (c.stock !== undefined) target.stock = c.stock;
    }
  }

  /**
   * `init_tier_variation`, retried once after the documented wait when Shopee says the item is too new
   * for variants (an item another process created, or a wait set shorter than the shop's).
   */
  private async initTiers(...args: Parameters<ShopeeVariations["initTiers"]>): Promise<void> {
    const added = this.addedAt.get(args[0]);
    if (added !== undefined) {
      this.addedAt.delete(args[0]);
      const wait = added + this.tierWaitMs - this.now();
      if (wait > 0) await sleep(wait, undefined, { signal: args[4]?.signal });
    }
    try {
      await this.variations.initTiers(...args);
    } catch (e) {
      if (!(e instanceof SyncError) || !/wait|too soon|created less than/i.test(e.message)) throw e;
      await sleep(Math.max(this.tierWaitMs, 1), undefined, { signal: args[4]?.signal });
      await this.variations.initTiers(...args);
    }
  }

  private async readKnown(itemId: string, ctx?: CallContext): Promise<KnownItem> {
    const held = await this.lookups.readKnown(itemId, ctx);
    if (held) return held;
    throw shopeeError({
      httpStatus: 200,
      code: "error_item_not_found",
      message: `item_id ${itemId} does not exist in shop ${this.opts.shopId}`,
    });
  }

  async delist(externalId: string, ctx?: CallContext): Promise<void> {
    const itemId = itemIdOf(externalId);
    await this.setUnlisted(itemId, true, ctx);
    const held = this.known.get(itemId);
    if (held) held.status = "UNLIST";
  }

  /** Puts an unlisted item back on sale (`unlist_item` with unlist false). */
  async relist(externalId: string, ctx?: CallContext): Promise<void> {
    const itemId = itemIdOf(externalId);
    await this.setUnlisted(itemId, false, ctx);
    const held = this.known.get(itemId);
    if (held) held.status = "NORMAL";
  }

  private async setUnlisted(itemId: string, unlist: boolean, ctx?: CallContext): Promise<void> {
    await this.caller.call(
      {
        method: "POST",
        path: SHOPEE_PATHS.unlistItem,
        json: { item_list: [{ item_id: Number(itemId), unlist }] },
        inspect: (response) => {
          const failure = readFailures(response)[0];
          // Taking down an item that is already gone is what delisting wants.
          if (!failure || (unlist && /not (found|exist)|deleted/i.test(failure.reason))) return null;
          return {
            httpStatus: 200,
            code: "error_item_not_found",
            message: `item_id ${itemId}: ${failure.reason}`,
          };
        },
      },
      ctx,
    );
  }

  async uploadImage(url: string, ctx?: CallContext): Promise<string> {
    const known = await this.opts.imageCache.get(url);
    if (known) return known;
    return this.uploading.run(url, () => this.upload(url, ctx));
  }

  private async upload(url: string, ctx?: CallContext): Promise<string> {
    const fetcher = this.opts.imageFetcher;
    const master = await this.downloads.get(fetcher.resolve(url).href, () => fetcher.fetch(url, ctx?.signal));
    // Converted or refused here, so nothing the platform will refuse is uploaded.
    const image = await prepareImage(master, SHOPEE_IMAGE_RULES);
    const form = new FormData();
    form.append("image", new Blob([image.bytes], { type: image.contentType }), image.filename);
    form.append("scene", "normal");
    const { response } = await this.caller.call(
      {
        method: "POST",
        path: SHOPEE_PATHS.uploadImage,
        level: "public",
        form: {
          data: form,
          log: {
            image: `${image.filename} (${image.contentType}, ${image.bytes.length} bytes)`,
            scene: "normal",
            source: url,
          },
        },
        fieldOf: () => "images",
      },
      ctx,
    );
    const id = readImageId(response);
    if (!id) throw malformed(SHOPEE_PATHS.uploadImage, "no image_id");
    await this.opts.imageCache.set(url, id);
    return id;
  }

  /** The mapping's fields are checked before anything is uploaded or sent. */
  private async bodyContext(payload: ListingPayload, ctx?: CallContext): Promise<BodyContext> {
    const fields = listingFields(payload, "SHOPEE", { category: "category_id", shipping: "logistic_info" });
    const urls = imageUrls(payload);
    const ids = await Promise.all(urls.map((u) => this.uploadImage(u, ctx)));
    return { imageIds: new Map(urls.map((u, i) => [u, ids[i]!])), fields };
  }

  refreshTokens(current: TokenSet, ctx?: CallContext): Promise<TokenSet> {
    return this.caller.refreshTokens(current, ctx);
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}
