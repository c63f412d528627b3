import { SingleFlight } from "../single-flight";
import { performance } from "node:perf_hooks";
import { SyncError, type ListingPayload } from "@syncstore/core";
import type {
  CallContext,
  ImageIdCache,
  MarketplaceAdapter,
  RemoteListing,
  TokenSet,
  TokenStore,
} from "../adapter";
import {
  FormData,
  HttpTransport,
  callRecord,
  parseJson,
  report,
  retryAfterMs,
  type HttpRequest,
} from "../http";
import type { ImageFetcher } from "../images";
import { scrubSecrets } from "../redact";
import { DownloadCache, processDownloads } from "../downloads";
import { readEnvelope, shopeeError, type ShopeeFailure } from "./envelope";
import { KnownItems, type KnownItem, type KnownModel } from "./known-items";
import {
  addItemBody,
  changedContent,
  contentFields,
  domainField,
  imageUrls,
  itemContent,
  modelBody,
  shopeeCategoryId,
  tierImagesKey,
  tierPlan,
  tiersKey,
  type BodyContext,
  type ModelPlan,
  type TierPlan,
} from "./listing-body";
import { knownFromRemote, remoteListing } from "./remote";
import { signShopeeRequest } from "./sign";
import {
  readFailures,
  readImageId,
  readItemId,
  readItemList,
  readModelList,
  readSearchPage,
  readTokenGrant,
  type ShopeeItem,
  type ShopeeModelList,
} from "./wire";

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
  /** Master category name → Shopee category_id. Live shops need it; see `shopeeCategoryId`. */
  categoryIds?: Readonly<Record<string, number>>;
  /**
   * Logistics channels enabled on new items. Shopee refuses an item without one; a live shop lists
   * its own with `logistics/get_channel_list`. The default suits the simulator, which accepts any id.
   */
  logisticIds?: readonly number[];
  connections?: number;
  /** Awaited before every request (the worker's per-channel rate limiter); see HttpTransportOptions. */
  beforeRequest?: () => Promise<void>;
  /** Downloaded master images; shared by every client in the process unless given. */
  downloads?: DownloadCache;
}

const P = "/api/v2/product";
export const SHOPEE_PATHS = {
  addItem: `${P}/add_item`,
  updateItem: `${P}/update_item`,
  updatePrice: `${P}/update_price`,
  updateStock: `${P}/update_stock`,
  initTierVariation: `${P}/init_tier_variation`,
  updateTierVariation: `${P}/update_tier_variation`,
  addModel: `${P}/add_model`,
  getModelList: `${P}/get_model_list`,
  getItemBaseInfo: `${P}/get_item_base_info`,
  searchItem: `${P}/search_item`,
  unlistItem: `${P}/unlist_item`,
  uploadImage: "/api/v2/media_space/upload_image",
  refreshToken: "/api/v2/auth/access_token/get",
} as const;

/** `get_item_base_info` takes at most this many ids a call. */
export const SHOPEE_BASE_INFO_BATCH = 50;
export const SHOPEE_DEFAULT_LOGISTIC_IDS: readonly number[] = [1];
const SEARCH_PAGE_SIZE = 100;
const MAX_SEARCH_PAGES = 10;
const READ_PARALLELISM = 8;
/** Shopee documents 30 days for a refresh token but does not return its expiry. */
const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;
const STATUS_RANK: Record<string, number> = { NORMAL: 0, UNLIST: 1, REVIEWING: 2 };
const GONE = new Set(["DELETED", "SHOPEE_DELETE"]);

type Level = "shop" | "public";

interface CallSpec {
  method: "GET" | "POST";
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  form?: { data: FormData; log: unknown };
  /** Shop calls carry access_token and shop_id and sign them; public calls (tokens, media) do not. */
  level?: Level;
  fieldOf?: (shopeePath: string) => string;
  /** A failure reported inside a successful envelope (batch writes list per-entry failures). */
  inspect?: (response: unknown) => ShopeeFailure | null;
}

interface Answer {
  response: unknown;
  body: Record<string, unknown>;
}

/**
 * Shopee Open Platform v2. Never retries: each failure becomes a SyncError whose class the queue acts
 * on, with Shopee's `error` and message. Every exchange is reported through ctx.onCall; the access
 * token, refresh token and sign are redacted there and the partner key is never sent at all.
 */
export class ShopeeClient implements MarketplaceAdapter {
  readonly platform = "SHOPEE" as const;
  private readonly http: HttpTransport;
  private readonly baseUrl: string;
  private readonly now: () => number;
  private readonly downloads: DownloadCache;
  private readonly logisticIds: readonly number[];
  private readonly known = new KnownItems();

  forget(externalId: string): void {
    this.known.forget(externalId);
  }
  private readonly uploading = new SingleFlight<string, string>();
  private tokens: TokenSet | null = null;
  private loadingTokens: Promise<TokenSet> | null = null;
  private readonly refreshing = new SingleFlight<"tokens", TokenSet>();

  constructor(private readonly opts: ShopeeClientOptions) {
    this.http = new HttpTransport("SHOPEE", {
      timeoutMs: opts.timeoutMs,
      connections: opts.connections,
      beforeRequest: opts.beforeRequest,
    });
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
    this.now = opts.now ?? Date.now;
    this.downloads = opts.downloads ?? processDownloads;
    this.logisticIds = opts.logisticIds ?? SHOPEE_DEFAULT_LOGISTIC_IDS;
  }

  async findBySellerSku(sellerSku: string, ctx?: CallContext): Promise<RemoteListing | null> {
    return (await this.findBySellerSkus([sellerSku], ctx)).get(sellerSku) ?? null;
  }

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

  private async searchBySku(sku: string, ctx?: CallContext): Promise<string[]> {
    const ids: string[] = [];
    let offset = "0";
    for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
      const { response } = await this.call(
        {
          method: "GET",
          path: SHOPEE_PATHS.searchItem,
          query: { item_sku: sku, offset, page_size: String(SEARCH_PAGE_SIZE) },
        },
        ctx,
      );
      const result = readSearchPage(response);
      if (!result) throw this.malformed(SHOPEE_PATHS.searchItem, "no item_id_list");
      ids.push(...result.itemIds);
      if (result.nextOffset === null) break;
      offset = result.nextOffset;
    }
    return ids;
  }

  private async readItems(itemIds: string[], ctx?: CallContext): Promise<ShopeeItem[]> {
    const batches: string[][] = [];
    for (let i = 0; i < itemIds.length; i += SHOPEE_BASE_INFO_BATCH)
      batches.push(itemIds.slice(i, i + SHOPEE_BASE_INFO_BATCH));
    const items: ShopeeItem[] = [];
    await eachLimited(batches, READ_PARALLELISM, async (batch) => {
      const { response } = await this.call(
        { method: "GET", path: SHOPEE_PATHS.getItemBaseInfo, query: { item_id_list: batch.join(",") } },
        ctx,
      );
      const list = readItemList(response);
      if (!list) throw this.malformed(SHOPEE_PATHS.getItemBaseInfo, "no item_list");
      items.push(...list);
    });
    return items;
  }

  private async readModels(itemId: string, ctx?: CallContext): Promise<ShopeeModelList> {
    const { response } = await this.call(
      { method: "GET", path: SHOPEE_PATHS.getModelList, query: { item_id: itemId } },
      ctx,
    );
    const list = readModelList(response);
    if (!list) throw this.malformed(SHOPEE_PATHS.getModelList, "no model list");
    return list;
  }

  /** The full picture of one item (its models too), remembered for the next update. */
  private async describe(item: ShopeeItem, ctx?: CallContext): Promise<RemoteListing> {
    const models = item.hasModel ? await this.readModels(item.itemId, ctx) : null;
    const known = knownFromRemote(item, models);
    this.known.set(item.itemId, known);
    return remoteListing(item.itemId, item.sku, item.name, known);
  }

  async getListing(externalId: string, ctx?: CallContext): Promise<RemoteListing | null> {
    const item = (await this.readItems([itemIdOf(externalId)], ctx)).find((i) => i.itemId === externalId);
    return item ? this.describe(item, ctx) : null;
  }

  async createListing(payload: ListingPayload, ctx?: CallContext): Promise<RemoteListing> {
    const body = await this.bodyContext(payload, ctx);
    const fieldOf = (p: string) => domainField(p, payload);
    const content = itemContent(payload, body);
    const { response } = await this.call(
      {
        method: "POST",
        path: SHOPEE_PATHS.addItem,
        json: addItemBody(payload, body, this.logisticIds),
        fieldOf,
      },
      ctx,
    );
    const itemId = readItemId(response);
    if (!itemId) throw this.malformed(SHOPEE_PATHS.addItem, "no item_id");
    const known: KnownItem = {
      content: contentFields(content),
      status: "NORMAL",
      price: payload.price,
      stock: payload.stock,
      tiersKey: null,
      tierImagesKey: null,
      models: new Map(),
    };
    this.known.set(itemId, known);
    const plan = tierPlan(payload, body);
    if (plan) await this.initTiers(itemId, plan, known, payload, ctx);
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
        await this.call(
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
        if (held.tiersKey !== null) throw this.cannotDropVariations(itemId);
        await this.updateSingle(itemId, payload, held, ctx);
      } else if (held.tiersKey === null) {
        await this.initTiers(itemId, plan, held, payload, ctx);
      } else {
        await this.updateModels(itemId, plan, held, payload, ctx);
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

  private async readKnown(itemId: string, ctx?: CallContext): Promise<KnownItem> {
    const item = (await this.readItems([itemId], ctx)).find((i) => i.itemId === itemId);
    if (!item) {
      throw shopeeError({
        httpStatus: 200,
        code: "error_item_not_found",
        message: `item_id ${itemId} does not exist in shop ${this.opts.shopId}`,
      });
    }
    const models = item.hasModel ? await this.readModels(itemId, ctx) : null;
    return knownFromRemote(item, models);
  }

  private async updateSingle(itemId: string, payload: ListingPayload, held: KnownItem, ctx?: CallContext) {
    const fieldOf = (p: string) => domainField(p, payload);
    const id = Number(itemId);
    if (held.price !== payload.price) {
      await this.call(
        {
          method: "POST",
          path: SHOPEE_PATHS.updatePrice,
          json: { item_id: id, price_list: [{ original_price: payload.price }] },
          fieldOf,
          inspect: firstFailure("price_list"),
        },
        ctx,
      );
      held.price = payload.price;
    }
    if (held.stock !== payload.stock) {
      await this.call(
        {
          method: "POST",
          path: SHOPEE_PATHS.updateStock,
          json: { item_id: id, stock_list: [{ seller_stock: [{ stock: payload.stock }] }] },
          fieldOf,
          inspect: firstFailure("stock_list"),
        },
        ctx,
      );
      held.stock = payload.stock;
    }
  }

  private async initTiers(
    itemId: string,
    plan: TierPlan,
    held: KnownItem,
    payload: ListingPayload,
    ctx?: CallContext,
  ): Promise<void> {
    const { response } = await this.call(
      {
        method: "POST",
        path: SHOPEE_PATHS.initTierVariation,
        json: { item_id: Number(itemId), tier_variation: plan.tiers, model: plan.models.map(modelBody) },
        fieldOf: (p) => domainField(p, payload),
      },
      ctx,
    );
    const list = readModelList(response);
    if (!list) throw this.malformed(SHOPEE_PATHS.initTierVariation, "no model list");
    held.models = this.modelsFrom(plan.models, list, SHOPEE_PATHS.initTierVariation);
    held.tiersKey = tiersKey(plan.tiers);
    held.tierImagesKey = tierImagesKey(plan.tiers);
  }

  /**
   * Same tiers and SKUs: only prices and stock move. Otherwise `update_tier_variation` sets the new
   * tiers and re-indexes the models kept (Shopee drops the ones left out), then `add_model` adds the
   * new SKUs.
   */
  private async updateModels(
    itemId: string,
    plan: TierPlan,
    held: KnownItem,
    payload: ListingPayload,
    ctx?: CallContext,
  ): Promise<void> {
    const id = Number(itemId);
    const kept = plan.models.filter((m) => held.models.has(m.sellerSku));
    const added = plan.models.filter((m) => !held.models.has(m.sellerSku));
    const sameShape =
      held.tiersKey === tiersKey(plan.tiers) &&
      added.length === 0 &&
      kept.length === held.models.size &&
      kept.every((m) => sameIndex(held.models.get(m.sellerSku)!.tierIndex, m.tierIndex));
    if (!sameShape || held.tierImagesKey !== tierImagesKey(plan.tiers)) {
      const keptSkus = kept.map((m) => m.sellerSku);
      await this.call(
        {
          method: "POST",
          path: SHOPEE_PATHS.updateTierVariation,
          json: {
            item_id: id,
            tier_variation: plan.tiers,
            model_list: kept.map((m) => ({
              tier_index: m.tierIndex,
              model_id: Number(held.models.get(m.sellerSku)!.modelId),
            })),
          },
          fieldOf: (p) => domainField(p, payload, keptSkus),
        },
        ctx,
      );
      const next = new Map<string, KnownModel>();
      for (const m of kept)
        next.set(m.sellerSku, { ...held.models.get(m.sellerSku)!, tierIndex: m.tierIndex });
      held.models = next;
      held.tiersKey = tiersKey(plan.tiers);
      held.tierImagesKey = tierImagesKey(plan.tiers);
    }
    if (added.length > 0) {
      const addedSkus = added.map((m) => m.sellerSku);
      const { response } = await this.call(
        {
          method: "POST",
          path: SHOPEE_PATHS.addModel,
          json: { item_id: id, model_list: added.map(modelBody) },
          fieldOf: (p) => domainField(p.replace(/^model_list/, "model"), payload, addedSkus),
        },
        ctx,
      );
      const list = readModelList(response);
      if (!list) throw this.malformed(SHOPEE_PATHS.addModel, "no model list");
      for (const [sku, m] of this.modelsFrom(added, list, SHOPEE_PATHS.addModel)) held.models.set(sku, m);
    }
    const prices = kept.filter((m) => held.models.get(m.sellerSku)!.price !== m.price);
    const stocks = kept.filter((m) => held.models.get(m.sellerSku)!.stock !== m.stock);
    const modelIdOf = (m: ModelPlan) => Number(held.models.get(m.sellerSku)!.modelId);
    if (prices.length > 0) {
      const skus = prices.map((m) => m.sellerSku);
      await this.call(
        {
          method: "POST",
          path: SHOPEE_PATHS.updatePrice,
          json: {
            item_id: id,
            price_list: prices.map((m) => ({ model_id: modelIdOf(m), original_price: m.price })),
          },
          fieldOf: (p) => domainField(p, payload, skus),
          inspect: firstFailure("price_list", prices.map(modelIdOf)),
        },
        ctx,
      );
      for (const m of prices) held.models.get(m.sellerSku)!.price = m.price;
    }
    if (stocks.length > 0) {
      const skus = stocks.map((m) => m.sellerSku);
      await this.call(
        {
          method: "POST",
          path: SHOPEE_PATHS.updateStock,
          json: {
            item_id: id,
            stock_list: stocks.map((m) => ({ model_id: modelIdOf(m), seller_stock: [{ stock: m.stock }] })),
          },
          fieldOf: (p) => domainField(p, payload, skus),
          inspect: firstFailure("stock_list", stocks.map(modelIdOf)),
        },
        ctx,
      );
      for (const m of stocks) held.models.get(m.sellerSku)!.stock = m.stock;
    }
  }

  /** Pairs the models Shopee answered with the plan's, by model_sku (answers need not keep order). */
  private modelsFrom(plan: ModelPlan[], list: ShopeeModelList, path: string): Map<string, KnownModel> {
    const bySku = new Map(list.models.map((m) => [m.sku, m]));
    const out = new Map<string, KnownModel>();
    for (const m of plan) {
      const model = bySku.get(m.sellerSku);
      if (!model) throw this.malformed(path, `no model for ${m.sellerSku}`);
      out.set(m.sellerSku, {
        modelId: model.modelId,
        tierIndex: m.tierIndex,
        price: m.price,
        stock: m.stock,
      });
    }
    return out;
  }

  async delist(externalId: string, ctx?: CallContext): Promise<void> {
    const itemId = itemIdOf(externalId);
    await this.setUnlisted(itemId, true, ctx);
    const held = this.known.get(itemId);
    if (held) held.status = "UNLIST";
  }

  private async setUnlisted(itemId: string, unlist: boolean, ctx?: CallContext): Promise<void> {
    await this.call(
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
    const image = await this.downloads.get(fetcher.resolve(url).href, () => fetcher.fetch(url, ctx?.signal));
    const form = new FormData();
    form.append("image", new Blob([image.bytes], { type: image.contentType }), image.filename);
    form.append("scene", "normal");
    const { response } = await this.call(
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
    if (!id) throw this.malformed(SHOPEE_PATHS.uploadImage, "no image_id");
    await this.opts.imageCache.set(url, id);
    return id;
  }

  private async bodyContext(payload: ListingPayload, ctx?: CallContext): Promise<BodyContext> {
    const urls = imageUrls(payload);
    const ids = await Promise.all(urls.map((u) => this.uploadImage(u, ctx)));
    return {
      imageIds: new Map(urls.map((u, i) => [u, ids[i]!])),
      categoryId: shopeeCategoryId(payload.category, this.opts.categoryIds),
    };
  }

  /**
   * Refresh tokens are single-use: concurrent callers share one refresh, and a pair another process
   * already refreshed (the store no longer holds the token this client used) is adopted, not
   * refreshed again.
   */
  async refreshTokens(ctx?: CallContext): Promise<TokenSet> {
    return this.refreshing.run("tokens", () => this.refresh(ctx));
  }

  private async refresh(ctx?: CallContext): Promise<TokenSet> {
    const stored = await this.opts.tokenStore.load();
    const used = this.tokens;
    if (used && stored.accessToken !== used.accessToken && !this.expired(stored)) {
      this.tokens = stored;
      return stored;
    }
    const { body } = await this.call(
      {
        method: "POST",
        path: SHOPEE_PATHS.refreshToken,
        level: "public",
        json: {
          refresh_token: stored.refreshToken,
          partner_id: this.opts.partnerId,
          shop_id: this.opts.shopId,
        },
      },
      ctx,
      [stored.refreshToken, stored.accessToken],
    );
    const grant = readTokenGrant(body);
    if (!grant) throw this.malformed(SHOPEE_PATHS.refreshToken, "no token pair");
    const now = this.now();
    const tokens: TokenSet = {
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      accessTokenExpiresAt: now + grant.expireInSec * 1000,
      refreshTokenExpiresAt: now + REFRESH_TOKEN_TTL_MS,
    };
    // The old refresh token is spent now: save before anything else can fail.
    await this.opts.tokenStore.save(tokens);
    this.tokens = tokens;
    return tokens;
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private expired(t: TokenSet): boolean {
    return t.accessTokenExpiresAt !== null && t.accessTokenExpiresAt <= this.now();
  }

  private async currentTokens(): Promise<TokenSet> {
    if (this.tokens && !this.expired(this.tokens)) return this.tokens;
    if (!this.loadingTokens) {
      this.loadingTokens = this.opts.tokenStore.load().finally(() => {
        this.loadingTokens = null;
      });
    }
    this.tokens = await this.loadingTokens;
    return this.tokens;
  }

  private async call(spec: CallSpec, ctx?: CallContext, extraSecrets: string[] = []): Promise<Answer> {
    const level = spec.level ?? "shop";
    const tokens = level === "shop" ? await this.currentTokens() : null;
    const timestamp = Math.floor(this.now() / 1000);
    const { partnerId, partnerKey, shopId } = this.opts;
    const sign = tokens
      ? signShopeeRequest({
          partnerKey,
          partnerId,
          path: spec.path,
          timestamp,
          accessToken: tokens.accessToken,
          shopId,
        })
      : signShopeeRequest({ partnerKey, partnerId, path: spec.path, timestamp });
    const query: Record<string, string> = { partner_id: String(partnerId), timestamp: String(timestamp) };
    if (tokens) {
      query.access_token = tokens.accessToken;
      query.shop_id = String(shopId);
    }
    query.sign = sign;
    Object.assign(query, spec.query);
    const req: HttpRequest = {
      method: spec.method,
      base: this.baseUrl,
      path: spec.path,
      query,
      headers: spec.json === undefined ? undefined : { "content-type": "application/json" },
      body: spec.json === undefined ? spec.form?.data : Buffer.from(JSON.stringify(spec.json), "utf8"),
      logBody: spec.json ?? spec.form?.log ?? null,
    };
    const secrets = [...extraSecrets, ...(tokens ? [tokens.accessToken, tokens.refreshToken] : [])];
    return this.exchange(req, spec, secrets, level, ctx);
  }

  private async exchange(
    req: HttpRequest,
    spec: CallSpec,
    secrets: string[],
    level: Level,
    ctx?: CallContext,
  ): Promise<Answer> {
    const scrub = (e: SyncError) => this.scrubbed(e, secrets);
    const started = performance.now();
    let res;
    try {
      res = await this.http.send(req, ctx?.signal);
    } catch (e) {
      const err =
        e instanceof SyncError
          ? scrub(e)
          : new SyncError("NETWORK", "Shopee request failed", { platform: this.platform, cause: e });
      report(
        ctx,
        callRecord(
          this.platform,
          req,
          { status: null, body: null, durationMs: performance.now() - started },
          err,
        ),
      );
      throw err;
    }
    const parsed = parseJson(res.body);
    const envelope = readEnvelope(res.status, parsed);
    const failure: ShopeeFailure | null = envelope.ok
      ? (spec.inspect?.(envelope.response) ?? null)
      : {
          httpStatus: res.status,
          code: envelope.code,
          message: envelope.message,
          retryAfterMs: retryAfterMs(res.headers),
        };
    const err = failure ? scrub(shopeeError({ ...failure, fieldOf: spec.fieldOf })) : null;
    // The store may hold a pair another process refreshed; the next call loads it again.
    if (err?.errorClass === "AUTHENTICATION" && level === "shop") this.tokens = null;
    report(
      ctx,
      callRecord(this.platform, req, { status: res.status, body: parsed, durationMs: res.durationMs }, err),
    );
    if (err) throw err;
    if (!envelope.ok) throw this.malformed(req.path, "an error without a code");
    return { response: envelope.response, body: envelope.body };
  }

  private scrubbed(e: SyncError, secrets: string[]): SyncError {
    const message = scrubSecrets(e.message, [this.opts.partnerKey, ...secrets]);
    if (message === e.message) return e;
    return new SyncError(e.errorClass, message, {
      platform: e.platform,
      code: e.code,
      httpStatus: e.httpStatus,
      retryAfterMs: e.retryAfterMs,
      field: e.field,
    });
  }

  private malformed(path: string, what: string): SyncError {
    return new SyncError("UNKNOWN", `Shopee ${path} answered success with ${what}`, {
      platform: this.platform,
      code: "MALFORMED_RESPONSE",
    });
  }

  private cannotDropVariations(itemId: string): SyncError {
    return new SyncError(
      "VALIDATION",
      `Shopee item ${itemId} has variations and the payload has none; Shopee cannot turn a variation item back into a single one`,
      { platform: this.platform, code: "SHOPEE_VARIATIONS_NOT_REMOVABLE", field: "variants" },
    );
  }
}

/**
 * Reads the first per-model failure of `update_price` / `update_stock` and names it by its position in
 * the request (`price_list[1].original_price`), which `domainField` turns into the variant to fix.
 */
function firstFailure(list: "price_list" | "stock_list", modelIds: readonly number[] = []) {
  const leaf = list === "price_list" ? "original_price" : "seller_stock";
  return (response: unknown): ShopeeFailure | null => {
    const failure = readFailures(response)[0];
    if (!failure) return null;
    const i = Math.max(0, failure.id === null ? 0 : modelIds.indexOf(Number(failure.id)));
    const which = failure.id === null ? "" : ` (model_id ${failure.id})`;
    return {
      httpStatus: 200,
      code: "error_param",
      message: `${list}[${i}].${leaf}${which}: ${failure.reason}`,
    };
  };
}

function betterThan(a: ShopeeItem, b: ShopeeItem): boolean {
  const ra = STATUS_RANK[a.status] ?? 9;
  const rb = STATUS_RANK[b.status] ?? 9;
  if (ra !== rb) return ra < rb;
  return BigInt(a.itemId) < BigInt(b.itemId);
}

function sameIndex(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Shopee item ids are positive integers; anything else is refused here, naming the id. */
function itemIdOf(externalId: string): string {
  if (!/^[1-9]\d{0,18}$/.test(externalId)) {
    throw new SyncError("VALIDATION", `"${externalId}" is not a Shopee item_id`, {
      platform: "SHOPEE",
      code: "INVALID_ITEM_ID",
      field: "externalId",
    });
  }
  return externalId;
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
