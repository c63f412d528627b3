import { InvalidInputError, describeValue } from "./invalid-input";

/**
 * An exact decimal: `units / 10^scale`. Money is multiplied and rounded here with BigInt so a price
 * like 99999 × 1.15 is 114998.85 exactly, never 114998.84999999999 as binary floating point has it.
 */
export interface ExactDecimal {
  readonly units: bigint;
  readonly scale: number;
}

/** The text PostgreSQL `numeric` produces: optional minus, digits, optional fraction. No exponent. */
const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;
/** How JavaScript prints very small or very large numbers: `1e-7`, `1.5e+21`. */
const EXPONENT_TEXT = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/;

function build(negative: boolean, intDigits: string, fracDigits: string): ExactDecimal {
  const magnitude = BigInt(intDigits + fracDigits);
  return { units: negative ? -magnitude : magnitude, scale: fracDigits.length };
}

/** Parses a decimal string such as `"19.99"`, naming `field` in the error when it is not one. */
export function parseDecimal(value: unknown, field: string): ExactDecimal {
  if (typeof value !== "string") {
    throw new InvalidInputError(
      field,
      "NOT_A_NUMBER",
      `${field} must be a decimal string such as "19.99", got ${describeValue(value)}`,
    );
  }
  const m = DECIMAL_TEXT.exec(value.trim());
  if (!m) {
    throw new InvalidInputError(
      field,
      "NOT_A_NUMBER",
      `${field} must be a decimal number such as "19.99", got ${describeValue(value)}`,
    );
  }
  return build(m[1] === "-", m[2] ?? "0", m[3] ?? "");
}

/**
 * The exact decimal a JavaScript number prints as. Prices in a payload are numbers already rounded
 * to the currency's digits, so their shortest printed form is the intended value.
 */
export function decimalFromNumber(value: number, field: string): ExactDecimal {
  if (!Number.isFinite(value)) {
    throw new InvalidInputError(field, "NOT_A_NUMBER", `${field} must be a finite number, got ${value}`);
  }
  const text = String(value);
  const plain = DECIMAL_TEXT.exec(text);
  if (plain) return build(plain[1] === "-", plain[2] ?? "0", plain[3] ?? "");
  const exp = EXPONENT_TEXT.exec(text);
  if (!exp)
    throw new InvalidInputError(field, "NOT_A_NUMBER", `${field} cannot be read as a decimal: ${text}`);
  const mantissa = build(exp[1] === "-", exp[2] ?? "0", exp[3] ?? "");
  const shift = Number(exp[4]);
  return shift >= 0
    ? {
        units: mantissa.units * 10n ** BigInt(Math.max(0, shift - mantissa.scale)),
        scale: Math.max(0, mantissa.scale - shift),
      }
    : { units: mantissa.units, scale: mantissa.scale - shift };
}

export function multiplyDecimal(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

function rescale(x: ExactDecimal, scale: number): bigint {
  return x.units * 10n ** BigInt(scale - x.scale);
}

/** -1, 0 or 1, comparing values (not representations: 1.50 equals 1.5). */
export function compareDecimal(a: ExactDecimal, b: ExactDecimal): number {
  const scale = Math.max(a.scale, b.scale);
  const d = rescale(a, scale) - rescale(b, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** Rounds to `places` fraction digits, halves away from zero (the shop-till rule: 0.5 → 1). */
export function roundHalfUp(x: ExactDecimal, places: number): ExactDecimal {
  if (x.scale <= places) return { units: rescale(x, places), scale: places };
  const divisor = 10n ** BigInt(x.scale - places);
  const magnitude = x.units < 0n ? -x.units : x.units;
  let q = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) q += 1n;
  return { units: x.units < 0n ? -q : q, scale: places };
}

/** Plain decimal text with exactly `scale` fraction digits: `{ units: 2399n, scale: 2 }` → `"23.99"`. */
export function formatDecimal(x: ExactDecimal): string {
  const negative = x.units < 0n;
  const digits = (negative ? -x.units : x.units).toString().padStart(x.scale + 1, "0");
  const intPart = digits.slice(0, digits.length - x.scale);
  const fracPart = digits.slice(digits.length - x.scale);
  return `${negative ? "-" : ""}${intPart}${x.scale > 0 ? `.${fracPart}` : ""}`;
}

/**
 * The nearest JavaScript number. Only used at the very end, on a value already rounded to cents or
 * whole units, where the double nearest to the decimal prints back as the same decimal.
 */
export function decimalToNumber(x: ExactDecimal): number {
  return Number(formatDecimal(x));
}
