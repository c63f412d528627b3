import type { Decimal } from "./model";
import { currencyDecimals } from "./currency";
import { InvalidInputError } from "./invalid-input";
import {
  type ExactDecimal,
  compareDecimal,
  decimalFromNumber,
  decimalToNumber,
  formatDecimal,
  multiplyDecimal,
  parseDecimal,
  roundHalfUp,
} from "./money";

const ZERO: ExactDecimal = { units: 0n, scale: 0 };

/**
 * master × multiplier, rounded half-up to the currency's digits, as exact decimal text
 * (`"114999"`, `"23.99"`): what PostgreSQL stores as the listing's price.
 */
export function channelPriceDecimal(masterPrice: Decimal, multiplier: Decimal, currency: string): Decimal {
  const master = parseDecimal(masterPrice, "price");
  if (compareDecimal(master, ZERO) < 0) {
    throw new InvalidInputError("price", "NEGATIVE", `price must not be negative, got "${masterPrice}"`);
  }
  const factor = parseDecimal(multiplier, "priceMultiplier");
  if (compareDecimal(factor, ZERO) <= 0) {
    throw new InvalidInputError(
      "priceMultiplier",
      "NOT_POSITIVE",
      `priceMultiplier must be greater than 0, got "${multiplier}"`,
    );
  }
  return formatDecimal(roundHalfUp(multiplyDecimal(master, factor), currencyDecimals(currency)));
}

/** The channel price as the number a marketplace API takes: IDR 99999 × 1.15 → 114999. */
export function channelPrice(masterPrice: Decimal, multiplier: Decimal, currency: string): number {
  return decimalToNumber(parseDecimal(channelPriceDecimal(masterPrice, multiplier, currency), "price"));
}

/**
 * Whether the dearest variant costs more than `maxRatio` times the cheapest. Shopee refuses such
 * items (`error_price_agp_too_large`), so this is reported, never "fixed" by changing prices.
 * Exact arithmetic: 7 × 1.10 is exactly 7.70, so a 7.70 / 1.10 spread is allowed at ratio 7.
 */
export function exceedsPriceRatio(prices: readonly number[], maxRatio: number): boolean {
  if (prices.length < 2) return false;
  const exact = prices.map((p, i) => decimalFromNumber(p, `variants[${i}].price`));
  const sorted = [...exact].sort(compareDecimal);
  const lowest = sorted[0] ?? ZERO;
  const highest = sorted[sorted.length - 1] ?? ZERO;
  const limit = multiplyDecimal(lowest, decimalFromNumber(maxRatio, "maxVariantPriceRatio"));
  return compareDecimal(highest, limit) > 0;
}
