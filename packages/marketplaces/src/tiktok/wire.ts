/**
 * The parts of TikTok Shop 202309 product bodies SyncStore writes and reads. Money, weights and
 * sizes travel as decimal strings; ids are strings.
 */
export interface TtsImage {
  uri: string;
}

export interface TtsSalesAttribute {
  id?: string;
  name?: string;
  value_id?: string;
  value_name?: string;
  sku_img?: TtsImage;
}

export interface TtsInventory {
  warehouse_id?: string;
  quantity: number;
}

export interface TtsSkuInput {
  id?: string;
  seller_sku: string;
  price: { amount: string; currency: string };
  inventory: TtsInventory[];
  sales_attributes?: TtsSalesAttribute[];
}

/** Body of `POST /product/202309/products` and `PUT /product/202309/products/{id}`. */
export interface TtsProductInput {
  title: string;
  description: string;
  category_id: string;
  category_version?: string;
  brand_id?: string;
  product_attributes: { id: string; values: { id?: string; name?: string }[] }[];
  size_chart?: { image?: TtsImage; template?: { id: string } };
  delivery_option_ids?: string[];
  main_images: TtsImage[];
  skus: TtsSkuInput[];
  package_weight?: { value: string; unit: "KILOGRAM" };
  package_dimensions?: { length: string; width: string; height: string; unit: "CENTIMETER" };
}

/** A SKU as `GET products/{id}` and `products/search` return it (the price shape differs by version). */
export interface TtsSkuOutput {
  id: string;
  seller_sku: string;
  price: number;
  stock: number;
}

export interface TtsProductOutput {
  id: string;
  title: string;
  /** DRAFT, PENDING, FAILED, ACTIVATE, SELLER_DEACTIVATED, PLATFORM_DEACTIVATED, FREEZE, DELETED. */
  status: string;
  /** Why a review FAILED, as TikTok words it; empty otherwise. */
  reasons?: string[];
  skus: TtsSkuOutput[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function idOf(v: unknown): string | null {
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

function decimal(v: unknown): number | null {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

function priceOf(v: unknown): number {
  if (!isRecord(v)) return 0;
  return decimal(v.sale_price) ?? decimal(v.tax_exclusive_price) ?? decimal(v.amount) ?? 0;
}

function stockOf(v: unknown): number {
  if (!Array.isArray(v)) return 0;
  let total = 0;
  for (const w of v) if (isRecord(w)) total += decimal(w.quantity) ?? 0;
  return total;
}

/** Reads the SKUs of a product detail or search result; SKUs without an id are dropped as unusable. */
export function readSkus(v: unknown): TtsSkuOutput[] {
  if (!Array.isArray(v)) return [];
  const out: TtsSkuOutput[] = [];
  for (const s of v) {
    if (!isRecord(s)) continue;
    const id = idOf(s.id);
    if (id === null) continue;
    out.push({
      id,
      seller_sku: typeof s.seller_sku === "string" ? s.seller_sku : "",
      price: priceOf(s.price),
      stock: stockOf(s.inventory),
    });
  }
  return out;
}

/** Reads a product from `GET products/{id}` data or one entry of `products/search` data.products. */
export function readProduct(v: unknown): TtsProductOutput | null {
  if (!isRecord(v)) return null;
  const id = idOf(v.id);
  if (id === null) return null;
  // FAILED review: `audit_failed_reasons[{position, reasons[], suggestions[]}]`.
  const reasons = (Array.isArray(v.audit_failed_reasons) ? v.audit_failed_reasons : []).flatMap(
    (r: unknown) =>
      isRecord(r) && Array.isArray(r.reasons)
        ? r.reasons.filter((x): x is string => typeof x === "string")
        : [],
  );
  return {
    id,
    title: typeof v.title === "string" ? v.title : "",
    status: typeof v.status === "string" ? v.status : "UNKNOWN",
    skus: readSkus(v.skus),
    ...(reasons.length > 0 ? { reasons } : {}),
  };
}

/** `POST products` / `PUT products/{id}` data: the product id and each SKU's id by seller SKU. */
export function readWriteResult(v: unknown): { productId: string; skuIds: Map<string, string> } | null {
  if (!isRecord(v)) return null;
  const productId = idOf(v.product_id);
  if (productId === null) return null;
  const skuIds = new Map<string, string>();
  if (Array.isArray(v.skus)) {
    for (const s of v.skus) {
      if (!isRecord(s)) continue;
      const id = idOf(s.id);
      if (id !== null && typeof s.seller_sku === "string") skuIds.set(s.seller_sku, id);
    }
  }
  return { productId, skuIds };
}

export function readSearchResult(v: unknown): TtsProductOutput[] {
  if (!isRecord(v) || !Array.isArray(v.products)) return [];
  const out: TtsProductOutput[] = [];
  for (const p of v.products) {
    const product = readProduct(p);
    if (product) out.push(product);
  }
  return out;
}

export function readUploadedUri(v: unknown): string | null {
  return isRecord(v) && typeof v.uri === "string" && v.uri !== "" ? v.uri : null;
}

export interface TtsTokenGrant {
  accessToken: string;
  refreshToken: string;
  /** Absolute Unix seconds, as TikTok sends them (not durations). */
  accessTokenExpireIn: number;
  refreshTokenExpireIn: number;
}

export function readTokenGrant(v: unknown): TtsTokenGrant | null {
  if (!isRecord(v)) return null;
  const { access_token, refresh_token } = v;
  const accessExp = decimal(v.access_token_expire_in);
  const refreshExp = decimal(v.refresh_token_expire_in);
  if (typeof access_token !== "string" || access_token === "") return null;
  if (typeof refresh_token !== "string" || refresh_token === "") return null;
  if (accessExp === null || refreshExp === null) return null;
  return {
    accessToken: access_token,
    refreshToken: refresh_token,
    accessTokenExpireIn: accessExp,
    refreshTokenExpireIn: refreshExp,
  };
}

/** `products/deactivate` reports per-product failures inside a successful envelope. */
export function readBatchErrors(
  v: unknown,
): { code: string | null; message: string; productId: string | null }[] {
  if (!isRecord(v) || !Array.isArray(v.errors)) return [];
  return v.errors.filter(isRecord).map((e) => ({
    code: idOf(e.code),
    message: typeof e.message === "string" ? e.message : "",
    productId: isRecord(e.detail) ? idOf(e.detail.product_id) : null,
  }));
}
