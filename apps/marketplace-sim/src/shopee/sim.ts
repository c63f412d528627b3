import type { SimControl } from "../control";
import type { PlatformSim, SimRequest, SimResponse } from "../http";
import { imageFormat, parseMultipart } from "../multipart";
import { ShopeeCatalog, type SimItem } from "./catalog";
import { SHOPEE_ERRORS, Violation, bad, failure, flatSuccess, success } from "./errors";
import {
  DEFAULT_SHOPEE_LIMITS,
  checkItemChanges,
  checkModels,
  checkNewItem,
  checkPrice,
  checkSellerStock,
  checkTierIndex,
  checkTiers,
  entryProblem,
  isRecord,
  positiveInt,
  type ShopeeLimits,
} from "./rules";
import { TokenBook } from "../tokens";
import { checkTimestamp, expectedSign, signMatches } from "./verify";
import { baseInfo, imageUrl, itemWritten, modelView, modelWritten } from "./views";

export interface ShopeeSimOptions {
  partnerId: number;
  partnerKey: string;
  shopId: number;
  accessToken: string;
  refreshToken: string;
  /** Unix milliseconds; defaults to the wall clock. */
  now?: () => number;
  /** The shop's listing limits; see DEFAULT_SHOPEE_LIMITS. */
  limits?: Partial<ShopeeLimits>;
  /** The shop's currency, as price_info reports it. */
  currency?: string;
}

type Level = "shop" | "public";

interface Exchange {
  req: SimRequest;
  body: Record<string, unknown>;
  nowSec: number;
}

interface Route {
  method: "GET" | "POST";
  level: Level;
  /** JSON bodies are parsed before the handler runs; multipart ones are the handler's. */
  json: boolean;
  run: (x: Exchange) => SimResponse;
}

const V2 = "/api/v2";
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const BASE_INFO_MAX_IDS = 50;
const UNLIST_MAX_ITEMS = 48;
const SEARCH_STATUSES = new Set([
  "NORMAL",
  "UNLIST",
  "BANNED",
  "REVIEWING",
  "SELLER_DELETE",
  "SHOPEE_DELETE",
]);

/**
 * Shopee Open Platform v2 as a client sees it: partner signature and timestamp, shop and access-token
 * checks, single-use refresh tokens, listing limits, and Shopee's envelope and error names. Items,
 * models and images live in memory with O(1) lookups.
 */
export function createShopeeSim(opts: ShopeeSimOptions, control: SimControl): PlatformSim {
  const clock = opts.now ?? Date.now;
  const limits: ShopeeLimits = { ...DEFAULT_SHOPEE_LIMITS, ...opts.limits };
  const currency = opts.currency ?? "SGD";
  const tokens = new TokenBook(clock);
  const catalog = new ShopeeCatalog();
  const images = new Set<string>();
  const isImage = (id: string) => images.has(id);
  let imageSeq = 0;

  const seed = () =>
    tokens.seed(
      opts.accessToken,
      opts.refreshToken,
      control.settings.accessTokenTtlSec,
      control.settings.refreshTokenTtlSec,
    );
  seed();

  /** A refusal on the request's merits: counted, and answered in Shopee's envelope. */
  const refuse = (status: number, error: string, message: string): SimResponse => {
    control.reject(error);
    return failure(status, error, message);
  };
  const refuseParam = (message: string) => refuse(400, SHOPEE_ERRORS.PARAM, message);

  function itemOf(v: unknown, field = "item_id"): SimItem {
    const id = positiveInt(v, field);
    const item = catalog.get(id);
    if (!item)
      throw new Violation(field, `${id} does not exist in shop ${opts.shopId}`, SHOPEE_ERRORS.ITEM_NOT_FOUND);
    return item;
  }

  const routes = new Map<string, Route>([
    [
      `${V2}/auth/access_token/get`,
      { method: "POST", level: "public", json: true, run: ({ body }) => refresh(body) },
    ],
    [
      `${V2}/media_space/upload_image`,
      { method: "POST", level: "public", json: false, run: ({ req }) => upload(req) },
    ],
    [
      `${V2}/product/add_item`,
      {
        method: "POST",
        level: "shop",
        json: true,
        run: ({ body, nowSec }) => {
          const input = checkNewItem(body, limits, isImage);
          const item = catalog.create(input.fields, input.price, input.stock, input.status, nowSec);
          return success(itemWritten(item, currency));
        },
      },
    ],
    [
      `${V2}/product/update_item`,
      {
        method: "POST",
        level: "shop",
        json: true,
        run: ({ body, nowSec }) => {
          const item = itemOf(body.item_id);
          catalog.update(item, checkItemChanges(body, limits, isImage), nowSec);
          return success(itemWritten(item, currency));
        },
      },
    ],
    [`${V2}/product/update_price`, { method: "POST", level: "shop", json: true, run: (x) => updatePrice(x) }],
    [`${V2}/product/update_stock`, { method: "POST", level: "shop", json: true, run: (x) => updateStock(x) }],
    [
      `${V2}/product/init_tier_variation`,
      {
        method: "POST",
        level: "shop",
        json: true,
        run: ({ body, nowSec }) => {
          const item = itemOf(body.item_id);
          if (item.tier_variation !== null)
            bad("tier_variation", "already exists for this item; use update_tier_variation");
          const tiers = checkTiers(body.tier_variation, limits, isImage);
          const models = checkModels(body.model, "model", tiers, limits);
          uniqueCombinations(
            models.map((m) => m.tier_index),
            "model",
          );
          catalog.setTiers(item, tiers, nowSec);
          const added = catalog.addModels(item, models, nowSec);
          return success({ item_id: item.item_id, tier_variation: tiers, model: added.map(modelWritten) });
        },
      },
    ],
    [
      `${V2}/product/update_tier_variation`,
      {
        method: "POST",
        level: "shop",
        json: true,
        run: ({ body, nowSec }) => {
          const item = itemOf(body.item_id);
          if (item.tier_variation === null)
            bad("tier_variation", "does not exist yet; use init_tier_variation");
          const tiers = checkTiers(body.tier_variation, limits, isImage);
          const list = body.model_list ?? [];
          if (!Array.isArray(list)) bad("model_list", "must be a list of { tier_index, model_id }");
          const owned = new Set(item.models.map((m) => m.model_id));
          const positions = new Map<number, number[]>();
          list.forEach((raw, i) => {
            if (!isRecord(raw)) bad(`model_list[${i}]`, "must be an object");
            const modelId = positiveInt(raw.model_id, `model_list[${i}].model_id`);
            if (!owned.has(modelId))
              bad(`model_list[${i}].model_id`, `${modelId} is not a model of this item`);
            positions.set(modelId, checkTierIndex(raw.tier_index, `model_list[${i}].tier_index`, tiers));
          });
          uniqueCombinations([...positions.values()], "model_list");
          // Models left out of model_list are dropped: the new tiers have no place for them.
          catalog.remapModels(item, positions, nowSec);
          catalog.setTiers(item, tiers, nowSec);
          return success({
            item_id: item.item_id,
            tier_variation: tiers,
            model: item.models.map(modelWritten),
          });
        },
      },
    ],
    [
      `${V2}/product/add_model`,
      {
        method: "POST",
        level: "shop",
        json: true,
        run: ({ body, nowSec }) => {
          const item = itemOf(body.item_id);
          if (item.tier_variation === null)
            bad("tier_variation", "does not exist yet; use init_tier_variation");
          const models = checkModels(body.model_list, "model_list", item.tier_variation, limits);
          if (item.models.length + models.length > limits.modelsMax)
            bad("model_list", `would give the item more than ${limits.modelsMax} models`);
          uniqueCombinations(
            [...item.models.map((m) => m.tier_index), ...models.map((m) => m.tier_index)],
            "model_list",
          );
          const added = catalog.addModels(item, models, nowSec);
          return success({ model: added.map(modelWritten) });
        },
      },
    ],
    [
      `${V2}/product/get_model_list`,
      {
        method: "GET",
        level: "shop",
        json: false,
        run: ({ req }) => {
          const item = itemOf(numberParam(req, "item_id"));
          return success({
            tier_variation: item.tier_variation ?? [],
            model: item.models.map((m) => modelView(m, currency)),
          });
        },
      },
    ],
    [
      `${V2}/product/get_item_base_info`,
      {
        method: "GET",
        level: "shop",
        json: false,
        run: ({ req }) => {
          const raw = req.query.getAll("item_id_list").join(",");
          const parts = raw === "" ? [] : raw.split(",");
          if (parts.length === 0 || parts.length > BASE_INFO_MAX_IDS)
            bad("item_id_list", `must hold 1 to ${BASE_INFO_MAX_IDS} item ids`);
          const found = [];
          const missing = [];
          for (const part of parts) {
            if (!/^\d{1,19}$/.test(part.trim()))
              bad("item_id_list", `${JSON.stringify(part)} is not an item id`);
            const item = catalog.get(Number(part));
            if (item) found.push(baseInfo(item, currency));
            else missing.push(part.trim());
          }
          return success(
            { item_list: found },
            missing.length ? `item_id ${missing.join(",")} not found` : "",
          );
        },
      },
    ],
    [
      `${V2}/product/search_item`,
      { method: "GET", level: "shop", json: false, run: ({ req }) => search(req) },
    ],
    [
      `${V2}/product/get_item_list`,
      { method: "GET", level: "shop", json: false, run: ({ req }) => list(req) },
    ],
    [
      `${V2}/product/unlist_item`,
      {
        method: "POST",
        level: "shop",
        json: true,
        run: ({ body, nowSec }) => {
          const entries = body.item_list;
          if (!Array.isArray(entries) || entries.length === 0 || entries.length > UNLIST_MAX_ITEMS)
            bad("item_list", `must hold 1 to ${UNLIST_MAX_ITEMS} items`);
          const success_list = [];
          const failure_list = [];
          for (const [i, raw] of entries.entries()) {
            if (!isRecord(raw) || typeof raw.unlist !== "boolean")
              bad(`item_list[${i}]`, "must be { item_id, unlist }");
            const id = positiveInt(raw.item_id, `item_list[${i}].item_id`);
            const item = catalog.get(id);
            if (!item) {
              failure_list.push({ item_id: id, failed_reason: "item not found" });
              continue;
            }
            item.item_status = raw.unlist ? "UNLIST" : "NORMAL";
            item.update_time = nowSec;
            success_list.push({ item_id: id, unlist: raw.unlist });
          }
          return success({ failure_list, success_list });
        },
      },
    ],
  ]);

  function uniqueCombinations(indexes: number[][], field: string): void {
    const seen = new Set<string>();
    indexes.forEach((ix, i) => {
      const key = ix.join(",");
      if (seen.has(key)) bad(`${field}[${i}].tier_index`, `repeats the option combination [${key}]`);
      seen.add(key);
    });
  }

  function numberParam(req: SimRequest, name: string): number {
    const raw = req.query.get(name);
    if (raw === null || !/^\d{1,19}$/.test(raw)) bad(name, "is required and must be a number");
    return Number(raw);
  }

  function pageSize(req: SimRequest): number {
    const size = numberParam(req, "page_size");
    if (size < 1 || size > 100) bad("page_size", "must be from 1 to 100");
    return size;
  }

  function statuses(req: SimRequest, required: boolean): Set<string> | null {
    const raw = req.query
      .getAll("item_status")
      .flatMap((s) => s.split(","))
      .filter(Boolean);
    if (raw.length === 0) {
      if (required) bad("item_status", "is required");
      return null;
    }
    for (const s of raw)
      if (!SEARCH_STATUSES.has(s)) bad("item_status", `${JSON.stringify(s)} is not a status`);
    return new Set(raw);
  }

  function search(req: SimRequest): SimResponse {
    const size = pageSize(req);
    const offset = Number(req.query.get("offset") ?? "0");
    if (!Number.isInteger(offset) || offset < 0) bad("offset", "must be a whole number");
    const sku = req.query.get("item_sku");
    const name = req.query.get("item_name");
    if (!sku && !name) bad("item_name", "or item_sku is required");
    const wanted = statuses(req, false);
    let matched = sku ? catalog.searchBySku(sku) : catalog.searchByName(name!);
    if (sku && name) matched = matched.filter((i) => i.item_name.toLowerCase().includes(name.toLowerCase()));
    if (wanted) matched = matched.filter((i) => wanted.has(i.item_status));
    const page = matched.slice(offset, offset + size);
    const more = offset + size < matched.length;
    return success({
      item_id_list: page.map((i) => i.item_id),
      total_count: matched.length,
      has_next_page: more,
      next_offset: more ? String(offset + size) : "",
    });
  }

  function list(req: SimRequest): SimResponse {
    const size = pageSize(req);
    const offset = numberParam(req, "offset");
    const wanted = statuses(req, true)!;
    const matched = [...catalog.all()].filter((i) => wanted.has(i.item_status));
    const page = matched.slice(offset, offset + size);
    const more = offset + size < matched.length;
    return success({
      item: page.map((i) => ({ item_id: i.item_id, item_status: i.item_status, update_time: i.update_time })),
      total_count: matched.length,
      has_next_page: more,
      next_offset: offset + page.length,
    });
  }

  /**
   * Shopee applies the entries of a price or stock update one by one and lists those it refused in
   * `failure_list`; a request that cannot be read at all is refused whole.
   */
  function updatePrice({ body, nowSec }: Exchange): SimResponse {
    return updateEntries(body, "price_list", nowSec, (entry, at, apply) => {
      const problem = entryProblem(() => checkPrice(entry.original_price, `${at}.original_price`, limits));
      if (problem) return problem;
      apply((target) => (target.original_price = entry.original_price as number));
      return null;
    });
  }

  function updateStock({ body, nowSec }: Exchange): SimResponse {
    return updateEntries(body, "stock_list", nowSec, (entry, at, apply) => {
      let stock = 0;
      const problem = entryProblem(
        () => (stock = checkSellerStock(entry.seller_stock, `${at}.seller_stock`, limits)),
      );
      if (problem) return problem;
      apply((target) => (target.stock = stock));
      return null;
    });
  }

  function updateEntries(
    body: Record<string, unknown>,
    field: "price_list" | "stock_list",
    nowSec: number,
    each: (
      entry: Record<string, unknown>,
      at: string,
      apply: (change: (target: { original_price: number; stock: number }) => void) => void,
    ) => string | null,
  ): SimResponse {
    const item = itemOf(body.item_id);
    const entries = body[field];
    if (!Array.isArray(entries) || entries.length === 0 || entries.length > limits.modelsMax)
      bad(field, `must hold 1 to ${limits.modelsMax} entries`);
    const models = new Map(item.models.map((m) => [m.model_id, m]));
    const hasModels = item.tier_variation !== null;
    const success_list: Record<string, unknown>[] = [];
    const failure_list: { model_id: number; failed_reason: string }[] = [];
    entries.forEach((raw, i) => {
      const at = `${field}[${i}]`;
      if (!isRecord(raw)) bad(at, "must be an object");
      const modelId = raw.model_id === undefined || raw.model_id === null ? 0 : raw.model_id;
      if (typeof modelId !== "number" || !Number.isSafeInteger(modelId) || modelId < 0)
        bad(`${at}.model_id`, "must be a model id");
      const target = hasModels ? models.get(modelId) : modelId === 0 ? item : undefined;
      if (!target) {
        failure_list.push({
          model_id: modelId,
          failed_reason: hasModels
            ? `model_id ${modelId} is not a model of item ${item.item_id}`
            : `item ${item.item_id} has no models; leave model_id out`,
        });
        return;
      }
      const problem = each(raw, at, (change) => change(target));
      if (problem) failure_list.push({ model_id: modelId, failed_reason: problem });
      else
        success_list.push(
          field === "price_list"
            ? { model_id: modelId, original_price: target.original_price }
            : { model_id: modelId, location_id: "", stock: target.stock },
        );
    });
    item.update_time = nowSec;
    return success({ failure_list, success_list });
  }

  function upload(req: SimRequest): SimResponse {
    const contentType = req.headers["content-type"];
    const form = parseMultipart(req.rawBody, Array.isArray(contentType) ? contentType[0] : contentType);
    const file = form?.get("image");
    if (!form || !file || file.data.length === 0)
      bad("image", "is required: a multipart/form-data image file");
    if (file.data.length > MAX_IMAGE_BYTES) bad("image", "must be at most 10 MB");
    const format = imageFormat(file.data);
    if (format !== "jpeg" && format !== "png") bad("image", "must be a JPG or PNG file");
    const scene = form.get("scene")?.data.toString("utf8") || "normal";
    if (scene !== "normal" && scene !== "desc") bad("scene", "must be normal or desc");
    imageSeq++;
    const imageId = `sim-11134201-${clock().toString(36)}${imageSeq.toString(36).padStart(6, "0")}`;
    images.add(imageId);
    return success({
      image_info: {
        image_id: imageId,
        image_url_list: [{ image_url_region: "SG", image_url: imageUrl(imageId) }],
      },
    });
  }

  function refresh(body: Record<string, unknown>): SimResponse {
    if (body.partner_id !== opts.partnerId)
      bad("partner_id", "in the body must be the partner_id of the request");
    if (body.shop_id !== opts.shopId)
      return refuse(403, SHOPEE_ERRORS.AUTH, "Invalid shop_id: the shop has not authorised this partner.");
    if (typeof body.refresh_token !== "string" || body.refresh_token === "")
      bad("refresh_token", "is required");
    const s = control.settings;
    const pair = tokens.exchange(body.refresh_token, s.accessTokenTtlSec, s.refreshTokenTtlSec);
    if (pair === "invalid") return refuse(403, SHOPEE_ERRORS.AUTH, "Invalid refresh_token.");
    if (pair === "spent")
      return refuse(403, SHOPEE_ERRORS.AUTH, "Invalid refresh_token: it has already been used.");
    if (pair === "expired") return refuse(403, SHOPEE_ERRORS.AUTH, "Invalid refresh_token: it has expired.");
    return flatSuccess({
      partner_id: opts.partnerId,
      shop_id: opts.shopId,
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expire_in: Math.round((pair.accessExpiresAt - clock()) / 1000),
    });
  }

  /** Gateway checks, in order: partner, timestamp, sign, shop, access token. */
  function authenticate(req: SimRequest, route: Route, nowMs: number): SimResponse | null {
    const q = req.query;
    const partnerId = q.get("partner_id");
    if (!partnerId) return refuseParam("no partner_id");
    if (partnerId !== String(opts.partnerId)) return refuse(403, SHOPEE_ERRORS.AUTH, "Invalid partner_id.");
    const ts = checkTimestamp(q.get("timestamp"), nowMs);
    if (ts === "missing") return refuseParam("Invalid timestamp: timestamp must be Unix seconds.");
    if (ts === "stale") return refuseParam("Invalid timestamp: it is more than 5 minutes old.");
    if (ts === "future") return refuseParam("Invalid timestamp: it is ahead of the server clock.");
    const sign = q.get("sign");
    if (!sign) return refuseParam("no sign");
    const signed = [partnerId, req.path, q.get("timestamp")!];
    const accessToken = q.get("access_token");
    const shopId = q.get("shop_id");
    if (route.level === "shop") {
      if (!accessToken) return refuseParam("no access_token");
      if (!shopId) return refuseParam("no shop_id");
      signed.push(accessToken, shopId);
    }
    if (!signMatches(expectedSign(opts.partnerKey, signed), sign))
      return refuse(403, SHOPEE_ERRORS.SIGN, "Wrong sign.");
    if (route.level === "public") return null;
    if (shopId !== String(opts.shopId))
      return refuse(403, SHOPEE_ERRORS.AUTH, "Invalid shop_id: the shop has not authorised this partner.");
    if (tokens.check(accessToken) !== "ok")
      return refuse(403, SHOPEE_ERRORS.ACCESS_TOKEN, "Invalid access_token.");
    return null;
  }

  return {
    async handle(req: SimRequest): Promise<SimResponse | null> {
      const route = routes.get(req.path);
      if (!route || route.method !== req.method)
        return failure(404, SHOPEE_ERRORS.NOT_FOUND, `No API matches ${req.method} ${req.path}.`);
      const outcome = await control.gate(req.query.get("shop_id") || String(opts.shopId), req.path, clock());
      const now = clock();
      if (outcome === "timeout") return { status: 0, body: null };
      if (outcome === "rate_limited") {
        const seconds = Math.max(1, Math.ceil(control.msUntilNextWindow(now) / 1000));
        return failure(429, SHOPEE_ERRORS.RATE_LIMIT, "Too many requests. Please try again later.", {
          "Retry-After": String(seconds),
        });
      }
      if (outcome === "error")
        return failure(500, SHOPEE_ERRORS.SERVER, "Something went wrong. Please try again later.");
      const denied = authenticate(req, route, now);
      if (denied) return denied;
      let body: Record<string, unknown> = {};
      if (route.json) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(req.rawBody.toString("utf8"));
        } catch {
          return refuseParam("Wrong parameters, detail: body must be JSON.");
        }
        if (!isRecord(parsed)) return refuseParam("Wrong parameters, detail: body must be a JSON object.");
        body = parsed;
      }
      try {
        return route.run({ req, body, nowSec: Math.floor(now / 1000) });
      } catch (e) {
        if (e instanceof Violation) return refuse(400, e.error, e.message);
        throw e;
      }
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
      if (method === "POST" && path === "/__sim/shopee/expire-tokens") {
        return { status: 200, body: { expired: tokens.expireAll() } };
      }
      return null;
    },
  };
}
