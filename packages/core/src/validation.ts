import { PLATFORM_LABEL } from "./defaults";
import type { ListingRules } from "./listing-rules";
import { DEFAULT_LISTING_RULES } from "./listing-rules";
import type { ListingPayload } from "./model";
import { exceedsPriceRatio } from "./pricing";
import { type ValidationProblem, problem } from "./problems";
import { codePointLength } from "./text";

type Problems = ValidationProblem[];

function isBlank(value: unknown): boolean {
  return typeof value !== "string" || value.trim() === "";
}

function checkText(
  out: Problems,
  field: string,
  value: string,
  range: { min: number; max: number },
  who: string,
): void {
  if (isBlank(value)) {
    out.push(problem(field, "REQUIRED", `${field} is required`));
    return;
  }
  const n = codePointLength(value);
  if (n < range.min) {
    out.push(problem(field, "TOO_SHORT", `${field} has ${n} characters; ${who} needs at least ${range.min}`));
  } else if (n > range.max) {
    out.push(problem(field, "TOO_LONG", `${field} has ${n} characters; ${who} allows at most ${range.max}`));
  }
}

function checkSku(out: Problems, field: string, value: string, max: number): void {
  if (isBlank(value)) {
    out.push(problem(field, "REQUIRED", `${field} is required`));
    return;
  }
  const n = codePointLength(value);
  if (n > max)
    out.push(problem(field, "TOO_LONG", `${field} has ${n} characters; at most ${max} are allowed`));
}

/** True when the price is usable, so the variant spread check only looks at real prices. */
function checkPrice(out: Problems, field: string, value: number, max: number): boolean {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    out.push(problem(field, "NOT_A_NUMBER", `${field} must be a number`));
    return false;
  }
  if (value <= 0) {
    out.push(problem(field, "NOT_POSITIVE", `${field} must be greater than 0, got ${value}`));
    return false;
  }
  if (value > max) {
    out.push(problem(field, "OUT_OF_RANGE", `${field} ${value} is above the maximum of ${max}`));
    return false;
  }
  return true;
}

function checkStock(out: Problems, field: string, value: number, range: { min: number; max: number }): void {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    out.push(problem(field, "NOT_INTEGER", `${field} must be a whole number, got ${String(value)}`));
  } else if (value < range.min || value > range.max) {
    out.push(
      problem(field, "OUT_OF_RANGE", `${field} must be between ${range.min} and ${range.max}, got ${value}`),
    );
  }
}

function isPositive(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}

/** Absolute http(s) URLs, or paths under the API's public URL (the demo catalog's own images). */
function isImageReference(value: unknown): boolean {
  if (typeof value !== "string" || /\s/.test(value)) return false;
  if (value.startsWith("/") && !value.startsWith("//")) return true;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function checkImages(
  out: Problems,
  images: string[],
  range: { min: number; max: number },
  who: string,
): void {
  if (images.length === 0) {
    out.push(problem("images", "REQUIRED", `at least ${range.min} image is required`));
  } else if (images.length < range.min) {
    out.push(problem("images", "TOO_FEW", `${images.length} images; ${who} needs at least ${range.min}`));
  } else if (images.length > range.max) {
    out.push(problem("images", "TOO_MANY", `${images.length} images; ${who} allows at most ${range.max}`));
  }
  images.forEach((image, i) => {
    if (!isImageReference(image)) {
      out.push(
        problem(
          `images[${i}]`,
          "INVALID_FORMAT",
          `images[${i}] must be an http(s) URL or a path starting with /`,
        ),
      );
    }
  });
}

function checkShipping(out: Problems, payload: ListingPayload): void {
  if (payload.weightKg === null || payload.weightKg === undefined) {
    out.push(problem("weight", "REQUIRED", "weight is required"));
  } else if (!isPositive(payload.weightKg)) {
    out.push(
      problem("weight", "NOT_POSITIVE", `weight must be greater than 0, got ${String(payload.weightKg)} kg`),
    );
  }
  const d = payload.dimensions;
  if (d === null || d === undefined) {
    out.push(problem("dimensions", "REQUIRED", "dimensions (length, width, height) are required"));
    return;
  }
  for (const side of ["lengthCm", "widthCm", "heightCm"] as const) {
    if (!isPositive(d[side])) {
      out.push(
        problem(
          `dimensions.${side}`,
          "NOT_POSITIVE",
          `dimensions.${side} must be greater than 0, got ${String(d[side])}`,
        ),
      );
    }
  }
}

function checkVariants(out: Problems, payload: ListingPayload, rules: ListingRules, who: string): void {
  const variants = payload.variants;
  if (variants.length > rules.maxVariants) {
    out.push(
      problem(
        "variants",
        "TOO_MANY",
        `${variants.length} variants; ${who} allows at most ${rules.maxVariants}`,
      ),
    );
  }
  const firstIndexOfSku = new Map<string, number>();
  const validPrices: number[] = [];
  variants.forEach((v, i) => {
    const at = `variants[${i}]`;
    checkSku(out, `${at}.sellerSku`, v.sellerSku, rules.sellerSkuMaxLength);
    if (!isBlank(v.sellerSku)) {
      const first = firstIndexOfSku.get(v.sellerSku);
      if (first === undefined) firstIndexOfSku.set(v.sellerSku, i);
      else {
        out.push(
          problem(
            `${at}.sellerSku`,
            "DUPLICATE",
            `${at}.sellerSku "${v.sellerSku}" is already used by variants[${first}]`,
          ),
        );
      }
    }
    if (checkPrice(out, `${at}.price`, v.price, rules.maxPrice)) validPrices.push(v.price);
    checkStock(out, `${at}.stock`, v.stock, rules.stock);
  });
  const ratio = rules.maxVariantPriceRatio;
  if (ratio !== null && exceedsPriceRatio(validPrices, ratio)) {
    const lo = Math.min(...validPrices);
    const hi = Math.max(...validPrices);
    out.push(
      problem(
        "variants",
        "PRICE_SPREAD",
        `variants are priced from ${lo} to ${hi}; ${who} allows the highest price to be at most ${ratio} times the lowest`,
      ),
    );
  }
}

/**
 * Every reason this payload would be refused, all at once, so an operator fixes them in one go.
 * An empty list means the payload may be sent. Image reachability is checked where I/O is allowed.
 */
export function validateListing(
  payload: ListingPayload,
  rules: ListingRules | undefined = DEFAULT_LISTING_RULES[payload.platform],
): ValidationProblem[] {
  if (!rules)
    return [problem("platform", "INVALID_SETTING", `unknown platform "${String(payload.platform)}"`)];
  const who = PLATFORM_LABEL[rules.platform] ?? rules.platform;
  const out: Problems = [];
  checkText(out, "title", payload.title, rules.title, who);
  checkText(out, "description", payload.description, rules.description, who);
  checkImages(out, payload.images, rules.images, who);
  checkSku(out, "sellerSku", payload.sellerSku, rules.sellerSkuMaxLength);
  checkPrice(out, "price", payload.price, rules.maxPrice);
  checkStock(out, "stock", payload.stock, rules.stock);
  checkShipping(out, payload);
  if (isBlank(payload.category)) out.push(problem("category", "REQUIRED", "category is required"));
  checkVariants(out, payload, rules, who);
  return out;
}
