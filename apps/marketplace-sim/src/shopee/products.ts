import type { SimRequest, SimResponse } from "../http";
import type { Exchange, Route, ShopeeShop, ShopeeState } from "./context";
import { bad, success } from "./errors";
import { checkTaxonomy, readAttributeList, readSizeChart } from "./listing";
import { itemOf, numberParam, pageSize } from "./params";
import {
  checkItemChanges,
  checkNewItem,
  checkPrice,
  checkSellerStock,
  entryProblem,
  isRecord,
  positiveInt,
} from "./rules";
import { baseInfo, itemWritten } from "./views";

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

type Entries = "price_list" | "stock_list";

/** The item endpoints: create, update, read, search, list, unlist, price and stock. */
export function productRoutes(state: ShopeeState): Record<string, Route> {
  const { limits, isImage, currency } = state;
  const shopRoute = (method: Route["method"], run: Route["run"], json = method === "POST"): Route => ({
    method,
    level: "shop",
    json,
    run,
  });

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

  function search({ req, shop }: Exchange): SimResponse {
    const size = pageSize(req);
    const offset = Number(req.query.get("offset") ?? "0");
    if (!Number.isInteger(offset) || offset < 0) bad("offset", "must be a whole number");
    const sku = req.query.get("item_sku");
    const name = req.query.get("item_name");
    if (!sku && !name) bad("item_name", "or item_sku is required");
    const wanted = statuses(req, false);
    let matched = sku ? shop.catalog.searchBySku(sku) : shop.catalog.searchByName(name!);
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

  function list({ req, shop }: Exchange): SimResponse {
    const size = pageSize(req);
    const offset = numberParam(req, "offset");
    const wanted = statuses(req, true)!;
    const matched = [...shop.catalog.all()].filter((i) => wanted.has(i.item_status));
    const page = matched.slice(offset, offset + size);
    const more = offset + size < matched.length;
    return success({
      item: page.map((i) => ({ item_id: i.item_id, item_status: i.item_status, update_time: i.update_time })),
      total_count: matched.length,
      has_next_page: more,
      next_offset: offset + page.length,
    });
  }

  function baseInfoOf({ req, shop }: Exchange): SimResponse {
    const raw = req.query.getAll("item_id_list").join(",");
    const parts = raw === "" ? [] : raw.split(",");
    if (parts.length === 0 || parts.length > BASE_INFO_MAX_IDS)
      bad("item_id_list", `must hold 1 to ${BASE_INFO_MAX_IDS} item ids`);
    const found = [];
    const missing = [];
    for (const part of parts) {
      if (!/^\d{1,19}$/.test(part.trim())) bad("item_id_list", `${JSON.stringify(part)} is not an item id`);
      const item = shop.catalog.get(Number(part));
      if (item) found.push(baseInfo(item, currency));
      else missing.push(part.trim());
    }
    return success({ item_list: found }, missing.length ? `item_id ${missing.join(",")} not found` : "");
  }

  function unlist({ body, nowSec, shop }: Exchange): SimResponse {
    const entries = body.item_list;
    if (!Array.isArray(entries) || entries.length === 0 || entries.length > UNLIST_MAX_ITEMS)
      bad("item_list", `must hold 1 to ${UNLIST_MAX_ITEMS} items`);
    const success_list = [];
    const failure_list = [];
    for (const [i, raw] of entries.entries()) {
      if (!isRecord(raw) || typeof raw.unlist !== "boolean")
        bad(`item_list[${i}]`, "must be { item_id, unlist }");
      const id = positiveInt(raw.item_id, `item_list[${i}].item_id`);
      const item = shop.catalog.get(id);
      if (!item) {
        failure_list.push({ item_id: id, failed_reason: "item not found" });
        continue;
      }
      item.item_status = raw.unlist ? "UNLIST" : "NORMAL";
      item.update_time = nowSec;
      success_list.push({ item_id: id, unlist: raw.unlist });
    }
    return success({ failure_list, success_list });
  }

  /**
   * Shopee applies the entries of a price or stock update one by one and lists those it refused in
   * `failure_list`; a request that cannot be read at all is refused whole.
   */
  function updateEntries(
    shop: ShopeeShop,
    body: Record<string, unknown>,
    field: Entries,
    nowSec: number,
    each: (
      entry: Record<string, unknown>,
      at: string,
      apply: (change: (target: { original_price: number; stock: number }) => void) => void,
    ) => string | null,
  ): SimResponse {
    const item = itemOf(shop, body.item_id);
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

  return {
    add_item: shopRoute("POST", ({ body, nowSec, shop }) => {
      const input = checkNewItem(body, limits, isImage);
      const fields = {
        ...input.fields,
        size_chart_info: readSizeChart(body.size_chart_info),
      };
      const checked = checkTaxonomy(state.taxonomy, fields, isImage, readAttributeList(body.attribute_list));
      const max = state.taxonomy.shopee(fields.category_id)!.leaf!.limits.itemCountMax;
      if (shop.catalog.countIn(fields.category_id) >= max)
        bad(
          "category_id",
          `already holds the shop's limit of ${max} items (get_item_limit.item_count_limit)`,
        );
      const item = shop.catalog.create(
        { ...fields, ...checked },
        input.price,
        input.stock,
        input.status,
        nowSec,
      );
      item.created_at_ms = state.clock();
      const underReview = { id: String(item.item_id), title: item.item_name, skus: [item.item_sku] };
      // Shopee lists at once; only what a review rule singles out is held for review.
      if (state.review.ruleFor(underReview)) {
        item.item_status = "REVIEWING";
        state.review.submit(underReview);
      }
      return success(itemWritten(item, currency));
    }),
    update_item: shopRoute("POST", ({ body, nowSec, shop }) => {
      const item = itemOf(shop, body.item_id);
      const changes = checkItemChanges(body, limits, isImage);
      const merged = {
        ...item,
        ...changes,
        size_chart_info:
          body.size_chart_info !== undefined ? readSizeChart(body.size_chart_info) : item.size_chart_info,
      };
      const sent = body.attribute_list !== undefined ? readAttributeList(body.attribute_list) : null;
      const checked = checkTaxonomy(state.taxonomy, merged, isImage, sent);
      shop.catalog.update(item, { ...changes, ...checked }, nowSec);
      return success(itemWritten(item, currency));
    }),
    update_price: shopRoute("POST", ({ body, nowSec, shop }) =>
      updateEntries(shop, body, "price_list", nowSec, (entry, at, apply) => {
        const problem = entryProblem(() => checkPrice(entry.original_price, `${at}.original_price`, limits));
        if (problem) return problem;
        apply((target) => (target.original_price = entry.original_price as number));
        return null;
      }),
    ),
    update_stock: shopRoute("POST", ({ body, nowSec, shop }) =>
      updateEntries(shop, body, "stock_list", nowSec, (entry, at, apply) => {
        let stock = 0;
        const problem = entryProblem(
          () => (stock = checkSellerStock(entry.seller_stock, `${at}.seller_stock`, limits)),
        );
        if (problem) return problem;
        apply((target) => (target.stock = stock));
        return null;
      }),
    ),
    get_item_base_info: shopRoute("GET", baseInfoOf),
    search_item: shopRoute("GET", search),
    get_item_list: shopRoute("GET", list),
    unlist_item: shopRoute("POST", unlist),
  };
}
