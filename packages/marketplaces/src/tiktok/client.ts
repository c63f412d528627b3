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
import { TIKTOK_IMAGE_RULES, prepareImage } from "../image-prep";
import { TOKEN_REFRESH_PATH, TikTokCaller, malformed, type CallSpec } from "./caller";
import { DownloadCache, processDownloads } from "../downloads";
import {
  domainField,
  formatDecimal,
  imageUrls,
  remoteListing,
  skuPlan,
  toProductInput,
  writtenListing,
  type SkuPlan,
} from "./listing-body";
import { SentState, type SentProduct } from "./sent-state";
import { TikTokTaxonomy } from "./taxonomy";
import {
  readBatchErrors,
  readProduct,
  readSearchResult,
  readUploadedUri,
  readWriteResult,
  type TtsProductInput,
  type TtsProductOutput,
} from "./wire";

export interface TikTokShopClientOptions {
  /** API host, e.g. https://open-api.tiktokglobalshop.com or the simulator. */
  baseUrl: string;
  /**
   * Token host: TikTok serves token refresh from https://auth.tiktok-shops.com, not the API host
   * (`TIKTOK_AUTH_BASE`; the simulator's auth port). Defaults to baseUrl only for older simulators.
   */
  authBaseUrl?: string;
  appKey: string;
  appSecret: string;
  shopCipher: string;
  tokenStore: TokenStore;
  imageCache: ImageIdCache;
  imageFetcher: ImageFetcher;
  timeoutMs?: number;
  /** Unix milliseconds; the request timestamp and token expiry are read from it. */
  now?: () => number;
  /** `category_version` where the shop's market requires one (TikTok: VN must use v2). */
  categoryVersion?: string | null;
  connections?: number;
  /** Awaited before every request (the worker's per-channel rate limiter); see HttpTransportOptions. */
  beforeRequest?: () => Promise<void>;
  /** Downloaded master images; shared by every client in the process unless given. */
  downloads?: DownloadCache;
}

export const TIKTOK_PATHS = {
  products: "/product/202309/products",
  search: "/product/202309/products/search",
  deactivate: "/product/202309/products/deactivate",
  activate: "/product/202309/products/activate",
  imageUpload: "/product/202309/images/upload",
  tokenRefresh: TOKEN_REFRESH_PATH,
  product: (id: string) => `/product/202309/products/${encodeURIComponent(id)}`,
  prices: (id: string) => `/product/202309/products/${encodeURIComponent(id)}/prices/update`,
  inventory: (id: string) => `/product/202309/products/${encodeURIComponent(id)}/inventory/update`,
} as const;

/** SKUs per prices or inventory update call. */
export const TIKTOK_LEVELS_PER_CALL = 100;

/** TikTok's search takes at most this many seller SKUs per call. */
export const TIKTOK_SEARCH_BATCH = 10;
const SEARCH_PAGE_SIZE = 100;
const SEARCH_PARALLELISM = 4;
const MAX_SEARCH_PAGES = 10;
/** "Product does not exist" and "product not in this shop": both mean there is no listing to read. */
const NOT_FOUND_CODES = new Set(["12052032", "12052048"]);
const STATUS_RANK: Record<string, number> = { ACTIVATE: 0, PENDING: 1, DRAFT: 2 };

/**
 * TikTok Shop Open API 202309. Never retries: each failure becomes a SyncError whose class the queue
 * acts on, with TikTok's code and message. Every exchange is reported through ctx.onCall with the
 * access token (a header, never logged), app secret and sign kept out.
 */
export class TikTokShopClient implements MarketplaceAdapter {
  readonly platform = "TIKTOK_SHOP" as const;
  private readonly http: HttpTransport;
  private readonly caller: TikTokCaller;
  private readonly downloads: DownloadCache;
  private readonly sent = new SentState();
  /** Categories, attributes, rules, brands, warehouses, prerequisites and recommendations of the shop's market. */
  readonly taxonomy: TikTokTaxonomy;

  forget(externalId: string): void {
    this.sent.forget(externalId);
  }
  private readonly uploading = new SingleFlight<string, string>();

  constructor(private readonly opts: TikTokShopClientOptions) {
    this.http = new HttpTransport("TIKTOK_SHOP", {
      timeoutMs: opts.timeoutMs,
      connections: opts.connections,
      beforeRequest: opts.beforeRequest,
    });
    const baseUrl = opts.baseUrl.replace(/\/+$/, "");
    this.caller = new TikTokCaller({
      http: this.http,
      baseUrl,
      authBaseUrl: (opts.authBaseUrl ?? baseUrl).replace(/\/+$/, ""),
      appKey: opts.appKey,
      appSecret: opts.appSecret,
      shopCipher: opts.shopCipher,
      tokenStore: opts.tokenStore,
      now: opts.now ?? Date.now,
    });
    this.downloads = opts.downloads ?? processDownloads;
    this.taxonomy = new TikTokTaxonomy(this.caller, opts.categoryVersion ?? null);
  }

  /** TikTok finds products by their SKUs' seller_sku only; the default SKU carries the product's own. */
  lookupSku(payload: ListingPayload): string {
    return skuPlan(payload)[0]?.sellerSku ?? payload.sellerSku;
  }

  async findBySellerSku(sellerSku: string, ctx?: CallContext): Promise<RemoteListing | null> {
    return (await this.findBySellerSkus([sellerSku], ctx)).get(sellerSku) ?? null;
  }

  /**
   * TikTok has no product-level seller SKU: a product is found by any of its SKUs' seller_sku, and
   * the search is confirmed here by exact, case-sensitive equality. When several products carry the
   * SKU, a live one wins over a deactivated one; deleted products are ignored.
   */
  async findBySellerSkus(sellerSkus: string[], ctx?: CallContext): Promise<Map<string, RemoteListing>> {
    const wanted = [...new Set(sellerSkus.filter((s) => s !== ""))];
    const batches: string[][] = [];
    for (let i = 0; i < wanted.length; i += TIKTOK_SEARCH_BATCH)
      batches.push(wanted.slice(i, i + TIKTOK_SEARCH_BATCH));
    const best = new Map<string, TtsProductOutput>();
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        for (const product of await this.searchAll(batch, ctx)) {
          if (product.status === "DELETED") continue;
          for (const sku of product.skus) {
            if (!batch.includes(sku.seller_sku)) continue;
            const current = best.get(sku.seller_sku);
            if (!current || rank(product) < rank(current)) best.set(sku.seller_sku, product);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(SEARCH_PARALLELISM, batches.length) }, worker));
    const out = new Map<string, RemoteListing>();
    for (const sku of wanted) {
      const product = best.get(sku);
      if (product) out.set(sku, remoteListing(product, sku));
    }
    return out;
  }

  private async searchAll(sellerSkus: string[], ctx?: CallContext): Promise<TtsProductOutput[]> {
    const products: TtsProductOutput[] = [];
    let pageToken = "";
    for (let page = 0; page < MAX_SEARCH_PAGES; page++) {
      const query: Record<string, string> = { page_size: String(SEARCH_PAGE_SIZE) };
      if (pageToken) query.page_token = pageToken;
      const data = await this.call(
        { method: "POST", path: TIKTOK_PATHS.search, query, json: { seller_skus: sellerSkus } },
        ctx,
      );
      products.push(...readSearchResult(data));
      const token =
        typeof data === "object" && data !== null
          ? (data as { next_page_token?: unknown }).next_page_token
          : null;
      if (typeof token !== "string" || token === "") break;
      pageToken = token;
    }
    return products;
  }

  async getListing(externalId: string, ctx?: CallContext): Promise<RemoteListing | null> {
    let data: unknown;
    try {
      data = await this.call({ method: "GET", path: TIKTOK_PATHS.product(externalId) }, ctx);
    } catch (e) {
      if (e instanceof SyncError && e.code !== null && NOT_FOUND_CODES.has(e.code)) return null;
      throw e;
    }
    const product = readProduct(data);
    if (!product) throw malformed(TIKTOK_PATHS.product(externalId), "no product");
    // Without a product-level seller SKU, the first SKU stands for the product.
    return remoteListing(product, product.skus[0]?.seller_sku ?? "");
  }

  async createListing(payload: ListingPayload, ctx?: CallContext): Promise<RemoteListing> {
    const fields = tiktokFields(payload);
    const uris = await this.uploadAll(imageUrls(payload), ctx);
    const body = toProductInput(payload, { uris, fields });
    const data = await this.call(
      { method: "POST", path: TIKTOK_PATHS.products, json: body, fieldOf: (p) => domainField(p, payload) },
      ctx,
    );
    const written = readWriteResult(data);
    if (!written) throw malformed(TIKTOK_PATHS.products, "no product_id");
    // TikTok reviews every new product before it goes on sale.
    this.remember(written.productId, body, payload, written.skuIds, "PENDING");
    return writtenListing(payload, written.productId, written.skuIds, "PENDING");
  }

  /**
   * One full replace (PUT), unless this process wrote the product last and only prices or stock
   * moved: then the price and inventory endpoints, which TikTok applies without a new review.
   */
  async updateListing(
    externalId: string,
    payload: ListingPayload,
    ctx?: CallContext,
  ): Promise<RemoteListing> {
    const fields = tiktokFields(payload);
    const uris = await this.uploadAll(imageUrls(payload), ctx);
    const prev = this.sent.get(externalId);
    const knownIds = prev ? new Map([...prev.skus].map(([sku, s]) => [sku, s.id])) : undefined;
    const body = toProductInput(payload, { uris, fields, skuIds: knownIds });
    const plan = skuPlan(payload);
    try {
      if (prev && knownIds && prev.contentKey === contentKey(body) && sameSkus(prev, plan)) {
        await this.updatePricesAndStock(externalId, payload, prev, plan, ctx);
        // Price and stock changes need no review: the status stays what it was.
        this.remember(externalId, body, payload, knownIds, prev.status);
        return writtenListing(payload, externalId, knownIds, prev.status);
      }
      const data = await this.call(
        {
          method: "PUT",
          path: TIKTOK_PATHS.product(externalId),
          json: body,
          fieldOf: (p) => domainField(p, payload),
        },
        ctx,
      );
      const written = readWriteResult(data);
      if (!written) throw malformed(TIKTOK_PATHS.product(externalId), "no product_id");
      // An edit sends the product back to review.
      this.remember(externalId, body, payload, written.skuIds, "PENDING");
      return writtenListing(payload, externalId, written.skuIds, "PENDING");
    } catch (e) {
      // Another process may have rewritten the SKUs; the next attempt starts from a full replace.
      this.sent.forget(externalId);
      throw e;
    }
  }

  private async updatePricesAndStock(
    productId: string,
    payload: ListingPayload,
    prev: SentProduct,
    plan: SkuPlan[],
    ctx?: CallContext,
  ): Promise<void> {
    const changes: LevelUpdate[] = [];
    for (const s of plan) {
      const sent = prev.skus.get(s.sellerSku);
      const price = sent?.price !== s.price ? { price: s.price } : {};
      const stock = sent?.stock !== s.stock ? { stock: s.stock } : {};
      if ("price" in price || "stock" in stock)
        changes.push({ sellerSku: s.sellerSku, variantId: sent?.id ?? "", ...price, ...stock });
    }
    await this.sendLevels(productId, payload, changes, ctx);
  }

  async updateLevels(
    externalId: string,
    payload: ListingPayload,
    changes: readonly LevelUpdate[],
    ctx?: CallContext,
  ): Promise<void> {
    try {
      await this.sendLevels(externalId, payload, changes, ctx);
    } catch (e) {
      this.sent.forget(externalId);
      throw e;
    }
    // What this process remembers follows, so a later full replace keeps ids and diffs right.
    const prev = this.sent.get(externalId);
    if (!prev) return;
    for (const c of changes) {
      const sku = prev.skus.get(c.sellerSku);
      if (!sku) continue;
      if (c.price !== undefined) sku.price = c.price;
      if (c.stock !== undefined) sku.stock = c.stock;
    }
  }

  /** The prices and the inventory endpoints, in parallel, at most TIKTOK_LEVELS_PER_CALL SKUs a call. */
  private async sendLevels(
    productId: string,
    payload: ListingPayload,
    changes: readonly LevelUpdate[],
    ctx?: CallContext,
  ): Promise<void> {
    const calls: Promise<unknown>[] = [];
    const fieldOf = (p: string) => domainField(p, payload);
    for (const part of chunks(
      changes.filter((c) => c.price !== undefined),
      TIKTOK_LEVELS_PER_CALL,
    )) {
      const json = {
        skus: part.map((c) => ({
          id: c.variantId ?? "",
          price: { amount: formatDecimal(c.price!), currency: payload.currency },
        })),
      };
      calls.push(this.call({ method: "POST", path: TIKTOK_PATHS.prices(productId), json, fieldOf }, ctx));
    }
    const stocked = changes.filter((c) => c.stock !== undefined);
    const warehouse = stocked.length ? tiktokFields(payload).shipping.warehouseId : undefined;
    for (const part of chunks(stocked, TIKTOK_LEVELS_PER_CALL)) {
      const json = {
        skus: part.map((c) => ({
          id: c.variantId ?? "",
          inventory: [{ warehouse_id: warehouse, quantity: c.stock }],
        })),
      };
      calls.push(this.call({ method: "POST", path: TIKTOK_PATHS.inventory(productId), json, fieldOf }, ctx));
    }
    await Promise.all(calls);
  }

  async delist(externalId: string, ctx?: CallContext): Promise<void> {
    await this.call(
      {
        method: "POST",
        path: TIKTOK_PATHS.deactivate,
        json: { product_ids: [externalId] },
        inspect: (data) => {
          const failure = readBatchErrors(data).find(
            (e) => e.productId === null || e.productId === externalId,
          );
          // Already gone is what delisting wants.
          if (!failure || (failure.code !== null && NOT_FOUND_CODES.has(failure.code))) return null;
          return { httpStatus: 200, code: failure.code, message: failure.message };
        },
      },
      ctx,
    );
    this.sent.forget(externalId);
  }

  /** Puts a deactivated product back on sale; TikTok Shop reviews it again. */
  async relist(externalId: string, ctx?: CallContext): Promise<void> {
    await this.call(
      {
        method: "POST",
        path: TIKTOK_PATHS.activate,
        json: { product_ids: [externalId] },
        inspect: (data) => {
          const failure = readBatchErrors(data).find(
            (e) => e.productId === null || e.productId === externalId,
          );
          if (!failure) return null;
          return { httpStatus: 200, code: failure.code, message: failure.message };
        },
      },
      ctx,
    );
    this.sent.forget(externalId);
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
    const image = await prepareImage(master, TIKTOK_IMAGE_RULES);
    const form = new FormData();
    form.append("data", new Blob([image.bytes], { type: image.contentType }), image.filename);
    form.append("use_case", "MAIN_IMAGE");
    const data = await this.call(
      {
        method: "POST",
        path: TIKTOK_PATHS.imageUpload,
        form: {
          data: form,
          log: {
            data: `${image.filename} (${image.contentType}, ${image.bytes.length} bytes)`,
            use_case: "MAIN_IMAGE",
            source: url,
          },
        },
        shopScoped: false,
        fieldOf: () => "images",
      },
      ctx,
    );
    const uri = readUploadedUri(data);
    if (!uri) throw malformed(TIKTOK_PATHS.imageUpload, "no uri");
    await this.opts.imageCache.set(url, uri);
    return uri;
  }

  private async uploadAll(urls: string[], ctx?: CallContext): Promise<Map<string, string>> {
    const uris = await Promise.all(urls.map((u) => this.uploadImage(u, ctx)));
    return new Map(urls.map((u, i) => [u, uris[i]!]));
  }

  async refreshTokens(current: TokenSet, ctx?: CallContext): Promise<TokenSet> {
    return this.caller.refreshTokens(current, ctx);
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private remember(
    productId: string,
    body: TtsProductInput,
    payload: ListingPayload,
    skuIds: ReadonlyMap<string, string>,
    status: string,
  ): void {
    const skus = new Map<string, { id: string; price: number; stock: number }>();
    for (const s of skuPlan(payload)) {
      const id = skuIds.get(s.sellerSku);
      if (id === undefined) return this.sent.forget(productId);
      skus.set(s.sellerSku, { id, price: s.price, stock: s.stock });
    }
    this.sent.set(productId, { contentKey: contentKey(body), status, skus });
  }

  private async call(spec: CallSpec, ctx?: CallContext): Promise<unknown> {
    return this.caller.call(spec, ctx);
  }
}

/** The mapping's fields, checked before anything is uploaded or sent. */
function tiktokFields(payload: ListingPayload) {
  return listingFields(payload, "TIKTOK_SHOP", {
    category: "category_id",
    shipping: "skus[].inventory[].warehouse_id",
  });
}

function rank(p: TtsProductOutput): number {
  return STATUS_RANK[p.status] ?? 9;
}

/** Everything a full replace would change apart from SKU ids, prices and stock. */
function contentKey(body: TtsProductInput): string {
  const { skus, ...rest } = body;
  return JSON.stringify({
    ...rest,
    skus: skus.map((s) => ({
      seller_sku: s.seller_sku,
      currency: s.price.currency,
      sales_attributes: s.sales_attributes,
    })),
  });
}

function sameSkus(prev: SentProduct, plan: SkuPlan[]): boolean {
  return plan.length === prev.skus.size && plan.every((s) => prev.skus.has(s.sellerSku));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
