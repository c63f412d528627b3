import { ruleRef, type RuleRef, type UserErrorCode } from "@syncstore/core";
/** A rejected field, shaped like the GraphQL `userErrors` entries: the rule says it in any language. */
export type FieldError = {
  field: string;
  code: FieldErrorCode;
  message: string;
} & RuleRef;

export type FieldErrorCode = Extract<
  UserErrorCode,
  | "NOT_FOUND"
  | "REQUIRED"
  | "INVALID"
  | "BLANK"
  | "TOO_LONG"
  | "TOO_MANY"
  | "OUT_OF_RANGE"
  | "DUPLICATE"
  | "TAKEN"
>;

export const LIMITS = {
  skuMaxLength: 100,
  titleMaxLength: 255,
  descriptionMaxLength: 10_000,
  maxImages: 9,
  /** numeric(14,2) */
  maxPrice: "999999999999.99",
  maxInt: 2_147_483_647,
} as const;

type Check<T> = { ok: true; value: T } | { ok: false; error: FieldError };

const ok = <T>(value: T): Check<T> => ({ ok: true, value });
export function fieldError(field: string, code: FieldErrorCode, message: string, ref: RuleRef): FieldError {
  return { field, code, message, ...ref };
}

const fail = <T>(field: string, code: FieldErrorCode, message: string, ref: RuleRef): Check<T> => ({
  ok: false,
  error: fieldError(field, code, message, ref),
});

/** Characters as people count them (code points), not UTF-16 units. */
export const charLength = (s: string): number => [...s].length;

/**
 * A non-negative decimal with at most two fraction digits, normalized to `123.40`. Numbers are
 * accepted too, via their shortest decimal form, so 0.1 + 0.2 is rejected rather than rounded.
 */
export function checkPrice(value: unknown, field = "price"): Check<string> {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== "string" || text.trim() === "") {
    return fail(
      field,
      "INVALID",
      "must be a decimal number such as 15000 or 15000.50",
      ruleRef("DECIMAL", {}),
    );
  }
  const t = text.trim();
  if (/^-\d+(\.\d+)?$/.test(t))
    return fail(field, "OUT_OF_RANGE", "must be 0 or more", ruleRef("MIN", { min: 0 }));
  const m = /^(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m)
    return fail(
      field,
      "INVALID",
      `"${t}" is not a decimal number such as 15000 or 15000.50`,
      ruleRef("DECIMAL", {}),
    );
  const [, whole = "", frac = ""] = m;
  if (frac.length > 2)
    return fail(
      field,
      "INVALID",
      "must have at most 2 decimal places",
      ruleRef("DECIMAL_PLACES", { max: 2 }),
    );
  const digits = whole.replace(/^0+(?=\d)/, "");
  if (digits.length > 12)
    return fail(
      field,
      "OUT_OF_RANGE",
      `must be at most ${LIMITS.maxPrice}`,
      ruleRef("MAX", { max: LIMITS.maxPrice }),
    );
  return ok(`${digits}.${frac.padEnd(2, "0")}`);
}

/** A whole number from 0 up; numeric strings are accepted (CSV cells). */
export function checkNonNegativeInt(value: unknown, field: string): Check<number> {
  const n = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof n !== "number" || !Number.isInteger(n))
    return fail(field, "INVALID", "must be a whole number", ruleRef("WHOLE_NUMBER", {}));
  if (n < 0) return fail(field, "OUT_OF_RANGE", "must be 0 or more", ruleRef("MIN", { min: 0 }));
  if (n > LIMITS.maxInt)
    return fail(
      field,
      "OUT_OF_RANGE",
      `must be at most ${LIMITS.maxInt}`,
      ruleRef("MAX", { max: LIMITS.maxInt }),
    );
  return ok(n);
}

/**
 * Characters that have no business in a one-line name sent to marketplaces: C0/C1 controls (NUL
 * included, which PostgreSQL cannot store) and the bidirectional overrides and isolates that make a
 * title read differently from what it contains.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** A description may break lines and tab; everything else above is refused there too. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

function unsafeCharacter(text: string, pattern: RegExp): string | null {
  const m = pattern.exec(text);
  return m ? `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` : null;
}

export function checkTitle(value: unknown, field = "title"): Check<string> {
  if (typeof value !== "string") return fail(field, "INVALID", "must be text", ruleRef("NOT_TEXT", {}));
  const t = value.trim();
  if (t === "") return fail(field, "BLANK", "must not be blank", ruleRef("BLANK", {}));
  const bad = unsafeCharacter(t, UNSAFE_IN_LINE);
  if (bad)
    return fail(
      field,
      "INVALID",
      `must not contain control or bidirectional-override characters (${bad})`,
      ruleRef("UNSAFE_CHARACTER", { character: bad }),
    );
  const n = charLength(t);
  if (n > LIMITS.titleMaxLength) {
    return fail(
      field,
      "TOO_LONG",
      `must be at most ${LIMITS.titleMaxLength} characters (got ${n})`,
      ruleRef("MAX_LENGTH", { max: LIMITS.titleMaxLength, actual: n }),
    );
  }
  return ok(t);
}

export function checkDescription(value: unknown, field = "description"): Check<string> {
  if (typeof value !== "string") return fail(field, "INVALID", "must be text", ruleRef("NOT_TEXT", {}));
  const bad = unsafeCharacter(value, UNSAFE_IN_TEXT);
  if (bad)
    return fail(
      field,
      "INVALID",
      `must not contain control or bidirectional-override characters (${bad})`,
      ruleRef("UNSAFE_CHARACTER", { character: bad }),
    );
  const n = charLength(value);
  if (n > LIMITS.descriptionMaxLength) {
    return fail(
      field,
      "TOO_LONG",
      `must be at most ${LIMITS.descriptionMaxLength} characters (got ${n})`,
      ruleRef("MAX_LENGTH", { max: LIMITS.descriptionMaxLength, actual: n }),
    );
  }
  return ok(value);
}

/**
 * An absolute http(s) URL without credentials, or a path under /media/ served by the API itself.
 * A /media/ path may not climb out of /media/, however it is spelled: the URL parser folds `%2e%2e`
 * into `..`, and an encoded slash or backslash is left for a server to reinterpret.
 */
export function isImageUrl(s: string): boolean {
  if (/^\/media\/[^\s?#]+$/.test(s)) {
    return !/%2f|%5c|\\/i.test(s) && !s.split("/").some((seg) => /^(\.|%2e){1,2}$/i.test(seg));
  }
  if (!/^https?:\/\//i.test(s) || /\s/.test(s)) return false;
  try {
    const url = new URL(s);
    return url.hostname !== "" && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

export function checkImages(value: unknown, field = "images"): Check<string[]> {
  if (!Array.isArray(value))
    return fail(field, "INVALID", "must be a list of image URLs", ruleRef("NOT_A_LIST", {}));
  if (value.length > LIMITS.maxImages) {
    return fail(
      field,
      "TOO_MANY",
      `at most ${LIMITS.maxImages} images (got ${value.length})`,
      ruleRef("MAX_ITEMS", { max: LIMITS.maxImages, actual: value.length }),
    );
  }
  const out: string[] = [];
  for (const [i, v] of value.entries()) {
    const url = typeof v === "string" ? v.trim() : v;
    if (typeof url !== "string" || !isImageUrl(url)) {
      return fail(
        `${field}[${i}]`,
        "INVALID",
        `${JSON.stringify(v)} is not an http(s) URL or a /media/ path`,
        ruleRef("IMAGE_URL", {}),
      );
    }
    out.push(url);
  }
  return ok(out);
}

export function checkSku(value: unknown, field = "sku"): Check<string> {
  if (typeof value !== "string" || value.trim() === "")
    return fail(field, "REQUIRED", "is required", ruleRef("REQUIRED", {}));
  const t = value.trim();
  if (/\s/.test(t)) return fail(field, "INVALID", "must not contain spaces", ruleRef("NO_SPACES", {}));
  const bad = unsafeCharacter(t, UNSAFE_IN_LINE);
  if (bad)
    return fail(
      field,
      "INVALID",
      `must not contain control or bidirectional-override characters (${bad})`,
      ruleRef("UNSAFE_CHARACTER", { character: bad }),
    );
  if (charLength(t) > LIMITS.skuMaxLength) {
    return fail(
      field,
      "TOO_LONG",
      `must be at most ${LIMITS.skuMaxLength} characters`,
      ruleRef("MAX_LENGTH", { max: LIMITS.skuMaxLength, actual: charLength(t) }),
    );
  }
  return ok(t);
}

/** ISO 4217 code, three letters; normalized to upper case. */
export function checkCurrency(value: unknown, field = "currency"): Check<string> {
  if (typeof value !== "string" || !/^[A-Za-z]{3}$/.test(value.trim())) {
    return fail(
      field,
      "INVALID",
      "must be a three-letter currency code such as IDR",
      ruleRef("CURRENCY_CODE", {}),
    );
  }
  return ok(value.trim().toUpperCase());
}

/** A weight in grams: the marketplaces need one above zero to quote shipping. */
export function checkWeightGrams(value: unknown, field = "weightGrams"): Check<number> {
  const r = checkNonNegativeInt(value, field);
  if (r.ok && r.value === 0)
    return fail(field, "OUT_OF_RANGE", "must be more than 0 grams", ruleRef("ABOVE", { min: 0 }));
  return r;
}

/** Brand or category: free text, trimmed; empty clears it. */
export function checkLabel(value: unknown, field: string): Check<string | null> {
  if (value === null) return ok(null);
  if (typeof value !== "string") return fail(field, "INVALID", "must be text", ruleRef("NOT_TEXT", {}));
  const t = value.trim().replace(/\s+/g, " ");
  const bad = unsafeCharacter(t, UNSAFE_IN_LINE);
  if (bad)
    return fail(
      field,
      "INVALID",
      `must not contain control or bidirectional-override characters (${bad})`,
      ruleRef("UNSAFE_CHARACTER", { character: bad }),
    );
  if (charLength(t) > 100)
    return fail(
      field,
      "TOO_LONG",
      "must be at most 100 characters",
      ruleRef("MAX_LENGTH", { max: 100, actual: charLength(t) }),
    );
  return ok(t === "" ? null : t);
}
