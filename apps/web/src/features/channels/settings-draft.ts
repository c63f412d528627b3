import type {
  ChannelShippingInput,
  Platform,
  ShopeeLogisticInput,
  UpdateChannelInput,
} from "../../gql/graphql";

/** One Shopee logistics channel as the form holds it (text until sent). */
export interface LogisticDraft {
  logisticId: string;
  /** Empty: none (only size-selection channels need one). */
  sizeId: string;
  /** Empty: none (only custom-price channels need one). */
  shippingFee: string;
  /** Not edited here; kept as it was so a save does not drop it. */
  maxWeightKg: number | null;
}

export type ShippingDraft =
  | { platform: "SHOPEE"; logistics: LogisticDraft[] }
  | { platform: "TIKTOK_SHOP"; warehouseId: string; deliveryOptionIds: string };

/** The settings a person edits on the Channels page, as the form holds them. */
export interface SettingsDraft {
  name: string;
  priceMultiplier: string;
  maxAttempts: string;
  /** Empty: the platform's default. */
  rateLimitPerSecond: string;
  enabled: boolean;
  shipping: ShippingDraft;
}

/**
 * Where an error shows: a top-level setting (`priceMultiplier`) or a shipping input by its path
 * below `input` (`shipping.logistics.0.logisticId`, `shipping.warehouseId`).
 */
export type FieldKey = string;

const TOP_LEVEL = ["name", "priceMultiplier", "maxAttempts", "rateLimitPerSecond", "enabled"];

export interface ChannelSettings {
  id: string;
  platform: Platform;
  name: string;
  priceMultiplier: string;
  maxAttempts: number;
  rateLimitPerSecond: number | null;
  enabled: boolean;
  shipping: {
    logistics: {
      logisticId: number;
      sizeId: number | null;
      shippingFee: number | null;
      maxWeightKg: number | null;
    }[];
    warehouseId: string | null;
    deliveryOptionIds: string[];
  } | null;
}

/** `"1.1500"` → `"1.15"`, `"2.0000"` → `"2"`: the stored scale is not what a person typed. */
export function plainDecimal(value: string): string {
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}

/** A decimal comma (as Indonesian writes 1,15) becomes the point the API reads; nothing else is rewritten. */
function decimalText(text: string): string {
  return text.trim().replace(",", ".");
}

const text = (n: number | null) => (n === null ? "" : String(n));

function shippingDraftOf(c: ChannelSettings): ShippingDraft {
  if (c.platform === "TIKTOK_SHOP")
    return {
      platform: "TIKTOK_SHOP",
      warehouseId: c.shipping?.warehouseId ?? "",
      deliveryOptionIds: (c.shipping?.deliveryOptionIds ?? []).join(", "),
    };
  return {
    platform: "SHOPEE",
    logistics: (c.shipping?.logistics ?? []).map((l) => ({
      logisticId: String(l.logisticId),
      sizeId: text(l.sizeId),
      shippingFee: text(l.shippingFee),
      maxWeightKg: l.maxWeightKg,
    })),
  };
}

export function draftOf(c: ChannelSettings): SettingsDraft {
  return {
    name: c.name,
    priceMultiplier: plainDecimal(c.priceMultiplier),
    maxAttempts: String(c.maxAttempts),
    rateLimitPerSecond: text(c.rateLimitPerSecond),
    enabled: c.enabled,
    shipping: shippingDraftOf(c),
  };
}

export const emptyLogistic = (): LogisticDraft => ({
  logisticId: "",
  sizeId: "",
  shippingFee: "",
  maxWeightKg: null,
});

/** What the form cannot even send: a whole-number field holding something else, a fee that is no number. */
export interface DraftProblem {
  field: FieldKey;
  reason: "notWhole" | "notNumber";
}

export type DraftChanges = { input: UpdateChannelInput; changed: string[] } | { problems: DraftProblem[] };

const WHOLE = /^\d+$/;
const whole = (s: string) => WHOLE.test(s) && Number.isSafeInteger(Number(s));

/** `"a, b  c"` → `["a", "b", "c"]`. */
function idList(s: string): string[] {
  return s.split(/[\s,]+/).filter(Boolean);
}

function trimmedShipping(s: ShippingDraft): unknown {
  return s.platform === "TIKTOK_SHOP"
    ? { warehouseId: s.warehouseId.trim(), deliveryOptionIds: idList(s.deliveryOptionIds) }
    : s.logistics.map((l) => [
        l.logisticId.trim(),
        l.sizeId.trim(),
        decimalText(l.shippingFee),
        l.maxWeightKg,
      ]);
}

/** The whole shipping profile (the API replaces it as one), or the problems that keep it from being sent. */
function shippingInput(s: ShippingDraft, problems: DraftProblem[]): ChannelShippingInput {
  if (s.platform === "TIKTOK_SHOP")
    return { warehouseId: s.warehouseId.trim(), deliveryOptionIds: idList(s.deliveryOptionIds) };
  const logistics = s.logistics.map((l, i): ShopeeLogisticInput => {
    const at = `shipping.logistics.${i}`;
    const [id, size, fee] = [l.logisticId.trim(), l.sizeId.trim(), decimalText(l.shippingFee)];
    if (!whole(id)) problems.push({ field: `${at}.logisticId`, reason: "notWhole" });
    if (size !== "" && !whole(size)) problems.push({ field: `${at}.sizeId`, reason: "notWhole" });
    if (fee !== "" && !Number.isFinite(Number(fee)))
      problems.push({ field: `${at}.shippingFee`, reason: "notNumber" });
    return {
      logisticId: Number(id),
      sizeId: size === "" ? null : Number(size),
      shippingFee: fee === "" ? null : Number(fee),
      maxWeightKg: l.maxWeightKg,
    };
  });
  return { logistics };
}

/**
 * Only the settings that differ from the channel go into the input, so a concurrent change of
 * another setting is not overwritten. Ranges and ids are the server's to judge (its userErrors name
 * the field); here only what cannot be expressed in the input's types is caught.
 */
export function changesOf(channel: ChannelSettings, draft: SettingsDraft): DraftChanges {
  const before = draftOf(channel);
  const input: UpdateChannelInput = { id: channel.id };
  const changed: string[] = [];
  const problems: DraftProblem[] = [];
  if (draft.name.trim() !== before.name) {
    input.name = draft.name;
    changed.push("name");
  }
  const multiplier = decimalText(draft.priceMultiplier);
  if (multiplier !== before.priceMultiplier) {
    input.priceMultiplier = multiplier;
    changed.push("priceMultiplier");
  }
  const attempts = draft.maxAttempts.trim();
  if (attempts !== before.maxAttempts) {
    if (!whole(attempts)) problems.push({ field: "maxAttempts", reason: "notWhole" });
    else input.maxAttempts = Number(attempts);
    changed.push("maxAttempts");
  }
  const rate = draft.rateLimitPerSecond.trim();
  if (rate !== before.rateLimitPerSecond) {
    if (rate === "") input.useDefaultRateLimit = true;
    else if (!whole(rate)) problems.push({ field: "rateLimitPerSecond", reason: "notWhole" });
    else input.rateLimitPerSecond = Number(rate);
    changed.push("rateLimitPerSecond");
  }
  if (draft.enabled !== before.enabled) {
    input.enabled = draft.enabled;
    changed.push("enabled");
  }
  if (JSON.stringify(trimmedShipping(draft.shipping)) !== JSON.stringify(trimmedShipping(before.shipping))) {
    input.shipping = shippingInput(draft.shipping, problems);
    changed.push("shipping");
  }
  return problems.length ? { problems } : { input, changed };
}

/** Where a userError shows (`["input", "shipping", "logistics", "0", "logisticId"]`), or null for the whole form. */
export function fieldOf(path: readonly string[] | null | undefined): FieldKey | null {
  if (!path || path[0] !== "input" || path.length < 2) return null;
  const [top, ...rest] = path.slice(1);
  // useDefaultRateLimit is the rate field's other half: the person sees one input for both.
  if (top === "useDefaultRateLimit") return "rateLimitPerSecond";
  if (TOP_LEVEL.includes(top!)) return top!;
  if (top !== "shipping") return null;
  // Delivery options are one text input, whichever of them was refused.
  if (rest[0] === "deliveryOptionIds") return "shipping.deliveryOptionIds";
  return ["shipping", ...rest].join(".");
}
