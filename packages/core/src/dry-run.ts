import type { ListingPayload } from "./model";

/** One field a sync would change: what the marketplace (or the ledger's last write) holds, and what would be sent. */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

export type PlannedAction = "CREATE" | "UPDATE" | "SKIP";

/** What a DRY_RUN item found: the action a real sync would take, field by field, and the payload it would send. */
export interface ItemPlan {
  action: PlannedAction;
  changes: FieldChange[];
  payload: ListingPayload | null;
}

/**
 * What the marketplace holds of a listing, as far as a read can tell: the read answers title, price,
 * stock and the variants; the rest (description, images, brand…) only the ledger's last write knows.
 */
export interface HeldListing {
  title: string;
  price: number;
  stock: number;
  variants: { sellerSku: string; price: number; stock: number }[];
  /** The payload SyncStore last wrote, for the fields a read does not return; null when never recorded. */
  lastPayload: ListingPayload | null;
}

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return canonicalJson(v);
};

/** Keys sorted at every level: PostgreSQL's jsonb keeps its own key order, and order is no change. */
function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

/** The fields a plan compares besides the variants, in the order a person reads a listing. */
const CONTENT_FIELDS = [
  "description",
  "brand",
  "category",
  "weightKg",
  "dimensions",
  "images",
  "attributes",
] as const;

/**
 * Field-by-field difference between what is held and the payload a sync would send. `held` null
 * means nothing is listed: every field is a change from nothing. Fields only the ledger knows are
 * compared only when it recorded them, so a listing written before full payloads were kept does not
 * show every field as changed.
 */
export function fieldChanges(held: HeldListing | null, payload: ListingPayload): FieldChange[] {
  const changes: FieldChange[] = [];
  const push = (field: string, before: unknown, after: unknown) => {
    const b = text(before);
    const a = text(after);
    if (b !== a) changes.push({ field, before: b, after: a });
  };
  push("title", held?.title, payload.title);
  push("price", held?.price, payload.price);
  push("stock", held?.stock, payload.stock);
  const last = held?.lastPayload ?? null;
  if (!held || last)
    for (const f of CONTENT_FIELDS) push(f, normalised(last?.[f] ?? null), normalised(payload[f]));
  const heldVariants = new Map((held?.variants ?? []).map((v) => [v.sellerSku, v]));
  for (const v of payload.variants) {
    const h = heldVariants.get(v.sellerSku);
    heldVariants.delete(v.sellerSku);
    push(`variants[${v.sellerSku}].price`, h?.price, v.price);
    push(`variants[${v.sellerSku}].stock`, h?.stock, v.stock);
  }
  // A platform answers a product without variants as one variant under the product's own SKU.
  heldVariants.delete(payload.sellerSku);
  for (const [sku, h] of heldVariants) {
    push(`variants[${sku}].price`, h.price, null);
    push(`variants[${sku}].stock`, h.stock, null);
  }
  return changes;
}

/** Empty lists and maps read as nothing, as a listing that never had them. */
function normalised(v: unknown): unknown {
  if (Array.isArray(v) && v.length === 0) return null;
  if (v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0) return null;
  return v;
}
