import { randomBytes } from "node:crypto";
import type { SimControl } from "../control";
import type { PlatformSim, SimRequest, SimResponse } from "../http";
import { Catalog } from "./catalog";
import { TTS_CODES, failure, success, violation, type Violation } from "./errors";
import { imageFormat, parseMultipart } from "./multipart";
import { checkInventory, checkProduct } from "./rules";
import { TokenBook } from "./tokens";
import { imageUrl, productDetail, productSummary, writeResult } from "./views";
import { checkTimestamp, expectedSign, signMatches } from "./verify";

export interface TikTokSimOptions {
  appKey: string;
  appSecret: string;
  shopCipher: string;
  accessToken: string;
  refreshToken: string;
  /** Unix milliseconds; defaults to the wall clock. */
  now?: () => number;
}

type Scope = "shop" | "app" | "token";
type Handler = (x: Exchange) => SimResponse;

interface Route {
  /** The endpoint as stats count it, with path ids as placeholders. */
  endpoint: string;
  scope: Scope;
  json: boolean;
  run: Handler;
}

interface Exchange {
  req: SimRequest;
  body: unknown;
  productId: string;
  now: number;
}

const V = "/product/202309";
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const USE_CASES = new Set(["MAIN_IMAGE", "ATTRIBUTE_IMAGE", "DESCRIPTION_IMAGE", "CERTIFICATION_IMAGE", "SIZE_CHART_IMAGE"]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function header(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * TikTok Shop Open API 202309 as the client sees it: signature, timestamp and token checks, listing
 * rules, and the real envelopes and status codes. State lives in memory with O(1) lookups.
 */
export function createTikTokSim(opts: TikTokSimOptions, control: SimControl): PlatformSim {
  const clock = opts.now ?? Date.now;
  const tokens = new TokenBook(clock);
  const catalog = new Catalog();
  const images = new Set<string>();

  const seed = () =>
    tokens.seed(
      opts.accessToken,
      opts.refreshToken,
      control.settings.accessTokenTtlSec,
      control.settings.refreshTokenTtlSec,
    );
  seed();

  /** A refusal on the request's merits: counted, and answered in TikTok's envelope. */
  const refuse = (status: number, code: number, message: string): SimResponse => {
    control.reject(String(code));
    return failure(status, code, message, clock());
  };
  /** Business rules answer HTTP 200 with the code in the envelope, as TikTok does. */
  const broken = (v: Violation): SimResponse => refuse(200, v.code, v.message);
  const notFound = (id: string): SimResponse =>
    broken(violation(TTS_CODES.PRODUCT_NOT_FOUND, "product_id", `product ${id} does not exist in this shop`));

  const routes = {
    create: {
      endpoint: `${V}/products`,
      scope: "shop",
      json: true,
      run: ({ body, now }) => {
        const checked = checkProduct(body, (uri) => images.has(uri));
        if (!checked.ok) return broken(checked.violation);
        return success(writeResult(catalog.create(checked.value, Math.floor(now / 1000))), now);
      },
    },
    search: {
      endpoint: `${V}/products/search`,
      scope: "shop",
      json: true,
      run: ({ req, body, now }) => search(req, body, now),
    },
    deactivate: {
      endpoint: `${V}/products/deactivate`,
      scope: "shop",
      json: true,
      run: ({ body, now }) => {
        const ids = isRecord(body) ? body.product_ids : undefined;
        if (!Array.isArray(ids) || ids.length === 0 || ids.length > 20 || !ids.every((i) => typeof i === "string"))
          return refuse(400, TTS_CODES.PARAM_INVALID, "Invalid `product_ids`: give 1 to 20 product ids.");
        const errors = (ids as string[])
          .filter((id) => !catalog.deactivate(id, Math.floor(now / 1000)))
          .map((id) => ({
            code: TTS_CODES.PRODUCT_NOT_FOUND,
            message: `Product ${id} does not exist in this shop.`,
            detail: { product_id: id },
          }));
        return success({ errors }, now);
      },
    },
    get: {
      endpoint: `${V}/products/{product_id}`,
      scope: "shop",
      json: false,
      run: ({ productId, now }) => {
        const product = catalog.get(productId);
        return product ? success(productDetail(product), now) : notFound(productId);
      },
    },
    edit: {
      endpoint: `${V}/products/{product_id}`,
      scope: "shop",
      json: true,
      run: ({ productId, body, now }) => {
        if (!catalog.get(productId)) return notFound(productId);
        const checked = checkProduct(body, (uri) => images.has(uri));
        if (!checked.ok) return broken(checked.violation);
        const out = catalog.replace(productId, checked.value, Math.floor(now / 1000));
        if (!out) return notFound(productId);
        if (!out.ok)
          return broken(
            violation(TTS_CODES.PRODUCT_FIELD_INVALID, `skus[${out.badSkuIndex}].id`, "this SKU id does not belong to the product"),
          );
        return success(writeResult(out.product), now);
      },
    },
    prices: {
      endpoint: `${V}/products/{product_id}/prices/update`,
      scope: "shop",
      json: true,
      run: (x) => updateSkus(x, "price"),
    },
    inventory: {
      endpoint: `${V}/products/{product_id}/inventory/update`,
      scope: "shop",
      json: true,
      run: (x) => updateSkus(x, "inventory"),
    },
    upload: {
      endpoint: `${V}/images/upload`,
      scope: "app",
      json: false,
      run: ({ req, now }) => upload(req, now),
    },
    refresh: {
      endpoint: "/api/v2/token/refresh",
      scope: "token",
      json: false,
      run: ({ req, now }) => refresh(req, now),
    },
  } satisfies Record<string, Route>;

  function resolve(method: string, path: string): { route: Route; productId: string } | null {
    if (path === "/api/v2/token/refresh") return method === "GET" ? { route: routes.refresh, productId: "" } : null;
    if (path === `${V}/images/upload`) return method === "POST" ? { route: routes.upload, productId: "" } : null;
    if (!path.startsWith(`${V}/products`)) return null;
    const parts = path.slice(`${V}/products`.length).split("/").slice(1);
    const [id, a, b] = parts;
    if (parts.length === 0) return method === "POST" ? { route: routes.create, productId: "" } : null;
    if (parts.length === 1 && id) {
      if (method === "POST" && id === "search") return { route: routes.search, productId: "" };
      if (method === "POST" && id === "deactivate") return { route: routes.deactivate, productId: "" };
      if (method === "GET") return { route: routes.get, productId: decodeURIComponent(id) };
      if (method === "PUT") return { route: routes.edit, productId: decodeURIComponent(id) };
      return null;
    }
    if (parts.length === 3 && id && b === "update" && method === "POST") {
      if (a === "prices") return { route: routes.prices, productId: decodeURIComponent(id) };
      if (a === "inventory") return { route: routes.inventory, productId: decodeURIComponent(id) };
    }
    return null;
  }

  /** Gateway checks, in TikTok's order: app key, signature and timestamp, shop, access token. */
  function authenticate(req: SimRequest, route: Route, now: number): SimResponse | null {
    const q = req.query;
    if (q.get("app_key") !== opts.appKey)
      return refuse(400, TTS_CODES.PARAM_INVALID, "Invalid credentials. Invalid `app_key` query parameter.");
    const sign = q.get("sign");
    if (!sign)
      return refuse(400, TTS_CODES.PARAM_INVALID, "Missing credentials. The request does not include a required signature in the query.");
    const ts = checkTimestamp(q.get("timestamp"), now);
    if (ts === "missing")
      return refuse(400, TTS_CODES.PARAM_INVALID, "Invalid timestamp. The `timestamp` query parameter must be Unix seconds.");
    if (ts === "stale")
      return refuse(400, TTS_CODES.PARAM_INVALID, "Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.");
    if (ts === "future")
      return refuse(400, TTS_CODES.PARAM_INVALID, "Invalid timestamp. The value of the `timestamp` query parameter must not be later than 30 seconds after the current time.");
    const multipart = /^multipart\//i.test(header(req, "content-type") ?? "");
    const signedBody = req.method === "GET" || multipart ? null : req.rawBody;
    if (!signMatches(expectedSign(opts.appSecret, req.path, q, signedBody), sign))
      return refuse(401, TTS_CODES.SIGN_INVALID, "Invalid credentials. The `sign` does not match the request.");
    const cipher = q.get("shop_cipher");
    if (route.scope === "shop" && cipher !== opts.shopCipher)
      return refuse(400, TTS_CODES.PARAM_INVALID, "Invalid identifier. The `shop_cipher` query parameter is invalid.");
    if (route.scope === "app" && cipher !== null)
      return refuse(400, TTS_CODES.PARAM_INVALID, "Unexpected identifier. The `shop_cipher` query parameter is not required for this request.");
    const token = tokens.check(header(req, "x-tts-access-token"));
    if (token === "invalid")
      return refuse(401, TTS_CODES.TOKEN_INVALID, "Invalid credentials. The `x-tts-access-token` header is invalid.");
    if (token === "expired")
      return refuse(401, TTS_CODES.TOKEN_EXPIRED, "Expired credentials. The access token has expired; refresh it.");
    return null;
  }

  function search(req: SimRequest, body: unknown, now: number): SimResponse {
    const pageSize = Number(req.query.get("page_size"));
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
      return refuse(400, TTS_CODES.PARAM_INVALID, "Invalid `page_size`: must be a whole number from 1 to 100.");
    const filter = isRecord(body) ? body : {};
    const skus = filter.seller_skus;
    if (skus !== undefined && (!Array.isArray(skus) || skus.length > 10 || !skus.every((s) => typeof s === "string")))
      return refuse(400, TTS_CODES.PARAM_INVALID, "Invalid `seller_skus`: at most 10 seller SKUs per search.");
    const status = typeof filter.status === "string" && filter.status !== "ALL" ? filter.status : null;
    const token = req.query.get("page_token");
    const offset = token ? Number(Buffer.from(token, "base64url").toString()) : 0;
    if (!Number.isInteger(offset) || offset < 0)
      return refuse(400, TTS_CODES.PARAM_INVALID, "Invalid `page_token`.");
    let matched = skus ? catalog.search(skus as string[]) : catalog.page(0, Number.MAX_SAFE_INTEGER).products;
    if (status) matched = matched.filter((p) => p.status === status);
    const page = matched.slice(offset, offset + pageSize);
    const more = offset + pageSize < matched.length;
    return success(
      {
        products: page.map(productSummary),
        total_count: matched.length,
        next_page_token: more ? Buffer.from(String(offset + pageSize)).toString("base64url") : "",
      },
      now,
    );
  }

  function updateSkus({ productId, body, now }: Exchange, what: "price" | "inventory"): SimResponse {
    const product = catalog.get(productId);
    if (!product) return notFound(productId);
    const list = isRecord(body) ? body.skus : undefined;
    if (!Array.isArray(list) || list.length === 0 || list.length > 100)
      return broken(violation(TTS_CODES.PRODUCT_FIELD_INVALID, "skus", "give 1 to 100 SKUs"));
    const byId = new Map(product.skus.map((s) => [s.id, s]));
    const changes: (() => void)[] = [];
    for (const [i, raw] of list.entries()) {
      const sku = isRecord(raw) && typeof raw.id === "string" ? byId.get(raw.id) : undefined;
      if (!isRecord(raw) || !sku)
        return broken(violation(TTS_CODES.PRODUCT_FIELD_INVALID, `skus[${i}].id`, "this SKU id does not belong to the product"));
      if (what === "price") {
        const price = raw.price;
        const amount = isRecord(price) ? price.amount : undefined;
        if (typeof amount !== "string" || !/^\d+(\.\d+)?$/.test(amount) || !(Number(amount) > 0))
          return broken(violation(TTS_CODES.PRODUCT_FIELD_INVALID, `skus[${i}].price.amount`, "the price must be a decimal string greater than 0"));
        const currency = isRecord(price) ? price.currency : undefined;
        if (currency !== sku.price.currency)
          return broken(violation(TTS_CODES.PRODUCT_FIELD_INVALID, `skus[${i}].price.currency`, `the currency must be ${sku.price.currency}`));
        changes.push(() => (sku.price = { amount, currency: sku.price.currency }));
      } else {
        const inventory = checkInventory(raw.inventory, `skus[${i}].inventory`);
        if (!inventory.ok) return broken(inventory.violation);
        changes.push(() => {
          sku.inventory = inventory.value.map((w) => ({
            warehouse_id: w.warehouse_id ?? sku.inventory[0]?.warehouse_id ?? "",
            quantity: w.quantity,
          }));
        });
      }
    }
    for (const apply of changes) apply();
    catalog.touch(product, Math.floor(now / 1000));
    return success({}, now);
  }

  function upload(req: SimRequest, now: number): SimResponse {
    const form = parseMultipart(req.rawBody, header(req, "content-type"));
    const file = form?.get("data");
    if (!form || !file || file.data.length === 0)
      return refuse(400, TTS_CODES.PARAM_INVALID, "Invalid request body. Expected multipart/form-data with a `data` image file.");
    if (file.data.length > MAX_IMAGE_BYTES)
      return broken(violation(TTS_CODES.PRODUCT_FIELD_INVALID, "data", "the image must be at most 5 MB"));
    if (!imageFormat(file.data))
      return broken(violation(TTS_CODES.PRODUCT_FIELD_INVALID, "data", "the file is not a JPG, PNG, WEBP, GIF or BMP image"));
    const useCase = form.get("use_case")?.data.toString("utf8") || "MAIN_IMAGE";
    if (!USE_CASES.has(useCase))
      return broken(violation(TTS_CODES.PRODUCT_FIELD_INVALID, "use_case", `unknown use case ${useCase}`));
    const uri = `tos-maliva-i-o3syd03w52-us/${randomBytes(16).toString("hex")}`;
    images.add(uri);
    return success({ uri, url: imageUrl(uri), use_case: useCase }, now);
  }

  function refresh(req: SimRequest, now: number): SimResponse {
    const q = req.query;
    if (q.get("app_key") !== opts.appKey)
      return refuse(400, TTS_CODES.PARAM_INVALID, "Invalid credentials. Invalid `app_key` query parameter.");
    if (q.get("app_secret") !== opts.appSecret)
      return refuse(401, TTS_CODES.REFRESH_INVALID, "Invalid credentials. The `app_secret` does not match the app.");
    if (q.get("grant_type") !== "refresh_token")
      return refuse(400, TTS_CODES.PARAM_INVALID, "Invalid `grant_type`: must be refresh_token.");
    const refreshToken = q.get("refresh_token");
    if (!refreshToken) return refuse(400, TTS_CODES.PARAM_INVALID, "Missing `refresh_token`.");
    const s = control.settings;
    const pair = tokens.exchange(refreshToken, s.accessTokenTtlSec, s.refreshTokenTtlSec);
    if (pair === "invalid")
      return refuse(401, TTS_CODES.REFRESH_INVALID, "Invalid credentials. The `refresh_token` is invalid.");
    if (pair === "spent")
      return refuse(401, TTS_CODES.REFRESH_INVALID, "Invalid credentials. The `refresh_token` has already been used.");
    if (pair === "expired")
      return refuse(401, TTS_CODES.REFRESH_INVALID, "Expired credentials. The `refresh_token` has expired.");
    return success(
      {
        access_token: pair.accessToken,
        // Absolute Unix seconds, not durations: TikTok's naming misleads.
        access_token_expire_in: Math.floor(pair.accessExpiresAt / 1000),
        refresh_token: pair.refreshToken,
        refresh_token_expire_in: Math.floor(pair.refreshExpiresAt / 1000),
        open_id: "sim-open-id",
        seller_name: "SyncStore Simulated Shop",
        seller_base_region: "US",
        user_type: 0,
        granted_scopes: ["seller.product.basic", "seller.product.write"],
      },
      now,
    );
  }

  return {
    async handle(req: SimRequest): Promise<SimResponse | null> {
      const match = resolve(req.method, req.path);
      if (!match) return failure(404, TTS_CODES.PATH_NOT_FOUND, `Invalid path. No API matches ${req.method} ${req.path}.`, clock());
      const { route } = match;
      const shopKey = req.query.get("shop_cipher") || opts.shopCipher;
      const outcome = await control.gate(shopKey, route.endpoint, clock());
      const now = clock();
      if (outcome === "timeout") return { status: 0, body: null };
      if (outcome === "rate_limited") {
        const seconds = Math.max(1, Math.ceil(control.msUntilNextWindow(now) / 1000));
        return failure(429, TTS_CODES.TOO_MANY_REQUESTS, "Too many requests. The shop exceeded its rate limit; retry later.", now, {
          "Retry-After": String(seconds),
        });
      }
      if (outcome === "error")
        return failure(500, TTS_CODES.INTERNAL_ERROR, "Internal error. Please retry the request later.", now);
      if (route.scope !== "token") {
        const denied = authenticate(req, route, now);
        if (denied) return denied;
      }
      let body: unknown = null;
      if (route.json && req.rawBody.length > 0) {
        try {
          body = JSON.parse(req.rawBody.toString("utf8"));
        } catch {
          return refuse(400, TTS_CODES.PARAM_INVALID, "Invalid request body. The body must be JSON.");
        }
      }
      return route.run({ req, body, productId: match.productId, now });
    },

    stats() {
      return { ...catalog.stats(), images: images.size, accessTokens: tokens.activeAccessTokens };
    },

    reset() {
      catalog.clear();
      images.clear();
      tokens.clear();
      seed();
    },

    control(method: string, path: string): SimResponse | null {
      if (method === "POST" && path === "/__sim/tiktok/expire-tokens") {
        return { status: 200, body: { expired: tokens.expireAll() } };
      }
      return null;
    },
  };
}
