import { InvalidInputError, describeValue } from "./invalid-input";

/**
 * Currencies priced in whole units. IDR, THB, PHP and TWD have a minor unit in ISO 4217, but
 * Shopee and TikTok Shop list prices in those markets as whole numbers, so SyncStore rounds them to
 * whole units too. The rest are the ISO 4217 currencies that have no minor unit at all.
 */
const WHOLE_UNIT_CURRENCIES: ReadonlySet<string> = new Set([
  // Marketplace practice in Southeast Asia and Taiwan.
  "IDR",
  "VND",
  "THB",
  "PHP",
  "TWD",
  // ISO 4217 zero-decimal currencies.
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "ISK",
  "JPY",
  "KMF",
  "KRW",
  "PYG",
  "RWF",
  "UGX",
  "UYI",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
]);

const CURRENCY_CODE = /^[A-Za-z]{3}$/;

/** The ISO 4217 code in upper case, or a clear error naming the field. */
export function normalizeCurrency(currency: unknown, field = "currency"): string {
  if (typeof currency !== "string" || !CURRENCY_CODE.test(currency.trim())) {
    throw new InvalidInputError(
      field,
      "INVALID_FORMAT",
      `${field} must be a three-letter ISO 4217 code such as "IDR" or "SGD", got ${describeValue(currency)}`,
    );
  }
  return currency.trim().toUpperCase();
}

/** Fraction digits a price in this currency is rounded to: 0 for whole-unit currencies, else 2. */
export function currencyDecimals(currency: string): number {
  return WHOLE_UNIT_CURRENCIES.has(normalizeCurrency(currency)) ? 0 : 2;
}
