import { randomBytes } from "node:crypto";
import type { SimResponse } from "../http";
import { TTS_CODES, success, violation } from "./errors";
import { imageFormat, parseMultipart } from "../multipart";
import { header, isRecord, type Exchange, type Refusals } from "./refusals";
import type { ReviewDesk } from "../review";
import type { Taxonomy } from "../taxonomy";
import { imageSize } from "../image-size";
import type { StoredProduct } from "./catalog";
import { checkInventory, checkProduct, type ProductContext } from "./rules";
import type { TikTokShop } from "./shops";
import { imageUrl, productDetail, productSummary, writeResult } from "./views";

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const USE_CASES = new Set([
  "MAIN_IMAGE",
  "ATTRIBUTE_IMAGE",
  "DESCRIPTION_IMAGE",
  "CERTIFICATION_IMAGE",
  "SIZE_CHART_IMAGE",
]);

const seconds = (ms: number) => Math.floor(ms / 1000);

export interface ProductApiDeps {
  images: Set<string>;
  taxonomy: Taxonomy;
  review: ReviewDesk;
  /** Products the shop may still create today; null when there is no quota. */
  quotaLeft(shop: TikTokShop, now: number): number | null;
  countCreate(shop: TikTokShop, now: number): void;
}

/** TikTok's image rules: JPG or PNG; main images 300 to 4000 pixels a side. */
const MAIN_MIN_PX = 300;
const MAIN_MAX_PX = 4000;

/** The product and image endpoints, past the gateway. */
export function createProductApi(
  { images, taxonomy, review, quotaLeft, countCreate }: ProductApiDeps,
  { refuse, broken, notFound }: Refusals,
) {
  const invalidParam = (message: string) => refuse(400, TTS_CODES.PARAM_INVALID, message);
  const field = (path: string, reason: string) =>
    broken(violation(TTS_CODES.PRODUCT_FIELD_INVALID, path, reason));
  const ctx: ProductContext = { issuedImage: (uri) => images.has(uri), taxonomy, currency: "IDR" };
  const submit = (p: StoredProduct) =>
    review.submit({ id: p.id, title: p.title, skus: p.skus.map((s) => s.seller_sku) });

  function create({ body, now, shop }: Exchange): SimResponse {
    const left = quotaLeft(shop, now);
    if (left !== null && left <= 0)
      return broken(
        violation(
          TTS_CODES.LISTING_QUOTA,
          "product",
          "you are in the New Shop Probation Period and have reached today's product listing limit",
        ),
      );
    const checked = checkProduct(body, ctx);
    if (!checked.ok) return broken(checked.violation);
    const product = shop.catalog.create(checked.value, seconds(now));
    countCreate(shop, now);
    submit(product);
    return success(writeResult(product), now);
  }

  /** A content update goes back to review, as on TikTok Shop. */
  function edit({ productId, body, now, shop }: Exchange): SimResponse {
    if (!shop.catalog.get(productId)) return notFound(productId);
    const checked = checkProduct(body, ctx);
    if (!checked.ok) return broken(checked.violation);
    const out = shop.catalog.replace(productId, checked.value, seconds(now));
    if (!out) return notFound(productId);
    if (!out.ok) return field(`skus[${out.badSkuIndex}].id`, "this SKU id does not belong to the product");
    submit(out.product);
    return success(writeResult(out.product), now);
  }

  function get({ productId, now, shop }: Exchange): SimResponse {
    const product = shop.catalog.get(productId);
    return product ? success(productDetail(product, taxonomy), now) : notFound(productId);
  }

  /** Exact seller SKU match, at most 10 per call; page_token is an opaque offset. */
  function search({ req, body, now, shop }: Exchange): SimResponse {
    const pageSize = Number(req.query.get("page_size"));
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
      return invalidParam("Invalid `page_size`: must be a whole number from 1 to 100.");
    const filter = isRecord(body) ? body : {};
    const skus = filter.seller_skus;
    if (
      skus !== undefined &&
      (!Array.isArray(skus) || skus.length > 10 || !skus.every((s) => typeof s === "string"))
    )
      return invalidParam("Invalid `seller_skus`: at most 10 seller SKUs per search.");
    const status = typeof filter.status === "string" && filter.status !== "ALL" ? filter.status : null;
    const token = req.query.get("page_token");
    const offset = token ? Number(Buffer.from(token, "base64url").toString()) : 0;
    if (!Number.isInteger(offset) || offset < 0) return invalidParam("Invalid `page_token`.");
    let matched = skus ? shop.catalog.search(skus as string[]) : shop.catalog.all();
    if (status) matched = matched.filter((p) => p.status === status);
    const more = offset + pageSize < matched.length;
    return success(
      {
        products: matched.slice(offset, offset + pageSize).map(productSummary),
        total_count: matched.length,
        next_page_token: more ? Buffer.from(String(offset + pageSize)).toString("base64url") : "",
      },
      now,
    );
  }

  /** Per-product failures are listed in a successful envelope, as TikTok's batch endpoints do. */
  function deactivate({ body, now, shop }: Exchange): SimResponse {
    const ids = isRecord(body) ? body.product_ids : undefined;
    if (
      !Array.isArray(ids) ||
      ids.length === 0 ||
      ids.length > 20 ||
      !ids.every((i) => typeof i === "string")
    )
      return invalidParam("Invalid `product_ids`: give 1 to 20 product ids.");
    const errors = (ids as string[])
      .filter((id) => {
        const done = shop.catalog.deactivate(id, seconds(now));
        if (done) review.cancel(id);
        return !done;
      })
      .map((id) => ({
        code: TTS_CODES.PRODUCT_NOT_FOUND,
        message: `Product ${id} does not exist in this shop.`,
        detail: { product_id: id },
      }));
    return success({ errors }, now);
  }

  /** The reverse of deactivate, with the same per-product errors in a successful envelope. */
  function activate({ body, now, shop }: Exchange): SimResponse {
    const ids = isRecord(body) ? body.product_ids : undefined;
    if (
      !Array.isArray(ids) ||
      ids.length === 0 ||
      ids.length > 20 ||
      !ids.every((i) => typeof i === "string")
    )
      return invalidParam("Invalid `product_ids`: give 1 to 20 product ids.");
    const errors = [];
    for (const id of ids as string[]) {
      const outcome = shop.catalog.activate(id, seconds(now));
      if (outcome === "activated") submit(shop.catalog.get(id)!);
      else if (outcome === "not-found")
        errors.push({
          code: TTS_CODES.PRODUCT_NOT_FOUND,
          message: `Product ${id} does not exist in this shop.`,
          detail: { product_id: id },
        });
      else if (outcome === "platform-deactivated")
        errors.push({
          code: TTS_CODES.PRODUCT_FIELD_INVALID,
          message: `Product ${id} was deactivated by the platform and cannot be activated by the seller.`,
          detail: { product_id: id },
        });
    }
    return success({ errors }, now);
  }

  /** Prices or stock of some SKUs; all are checked before any is changed. */
  function updateSkus({ productId, body, now, shop }: Exchange, what: "price" | "inventory"): SimResponse {
    const product = shop.catalog.get(productId);
    if (!product) return notFound(productId);
    const list = isRecord(body) ? body.skus : undefined;
    if (!Array.isArray(list) || list.length === 0 || list.length > 100)
      return field("skus", "give 1 to 100 SKUs");
    const byId = new Map(product.skus.map((s) => [s.id, s]));
    const changes: (() => void)[] = [];
    for (const [i, raw] of list.entries()) {
      const sku = isRecord(raw) && typeof raw.id === "string" ? byId.get(raw.id) : undefined;
      if (!isRecord(raw) || !sku) return field(`skus[${i}].id`, "this SKU id does not belong to the product");
      if (what === "price") {
        const price = isRecord(raw.price) ? raw.price : {};
        const amount = price.amount;
        if (typeof amount !== "string" || !/^\d+(\.\d+)?$/.test(amount) || !(Number(amount) > 0))
          return field(`skus[${i}].price.amount`, "the price must be a decimal string greater than 0");
        if (price.currency !== sku.price.currency)
          return field(`skus[${i}].price.currency`, `the currency must be ${sku.price.currency}`);
        changes.push(() => (sku.price = { amount, currency: sku.price.currency }));
      } else {
        const inventory = checkInventory(raw.inventory, `skus[${i}].inventory`, (id) =>
          taxonomy.warehouses.some((w) => w.id === id),
        );
        if (!inventory.ok) return broken(inventory.violation);
        changes.push(() => {
          sku.inventory = inventory.value;
        });
      }
    }
    for (const apply of changes) apply();
    shop.catalog.touch(product, seconds(now));
    return success({}, now);
  }

  /** Multipart field `data`; the uri it returns is the only image a product may reference. */
  function upload({ req, now }: Exchange): SimResponse {
    const form = parseMultipart(req.rawBody, header(req, "content-type"));
    const file = form?.get("data");
    if (!form || !file || file.data.length === 0)
      return invalidParam("Invalid request body. Expected multipart/form-data with a `data` image file.");
    if (file.data.length > MAX_IMAGE_BYTES) return field("data", "the image must be at most 5 MB");
    const format = imageFormat(file.data);
    if (format !== "jpeg" && format !== "png")
      return broken(violation(TTS_CODES.IMAGE_INVALID, "data", "the image must be a JPG or PNG file"));
    const useCase = form.get("use_case")?.data.toString("utf8") || "MAIN_IMAGE";
    if (!USE_CASES.has(useCase)) return field("use_case", `unknown use case ${useCase}`);
    const size = imageSize(file.data);
    if (!size) return broken(violation(TTS_CODES.IMAGE_INVALID, "data", "the image header cannot be read"));
    if (
      useCase === "MAIN_IMAGE" &&
      (Math.min(size.width, size.height) < MAIN_MIN_PX || Math.max(size.width, size.height) > MAIN_MAX_PX)
    )
      return broken(
        violation(
          TTS_CODES.IMAGE_INVALID,
          "data",
          `a main image must be ${MAIN_MIN_PX} to ${MAIN_MAX_PX} pixels a side, got ${size.width}×${size.height}`,
        ),
      );
    const uri = `tos-maliva-i-o3syd03w52-us/${randomBytes(16).toString("hex")}`;
    images.add(uri);
    return success({ uri, url: imageUrl(uri), use_case: useCase }, now);
  }

  return {
    create,
    edit,
    get,
    search,
    deactivate,
    activate,
    prices: (x: Exchange) => updateSkus(x, "price"),
    inventory: (x: Exchange) => updateSkus(x, "inventory"),
    upload,
  };
}
