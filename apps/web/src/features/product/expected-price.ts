import { currencyDecimals } from "../../ui/format";

/**
 * The default channel multipliers (DESIGN.md). The API does not expose a channel's configured
 * multiplier, so the preview says "at the default multiplier" rather than pretend to know.
 */
export const DEFAULT_MULTIPLIERS: Readonly<Record<string, string>> = {
  SHOPEE: "1.15",
  TIKTOK_SHOP: "1.20",
};

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function toScaled(text: string): { units: bigint; scale: number } | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const fraction = m[3] ?? "";
  const units = BigInt(`${m[2]}${fraction}`);
  return { units: m[1] ? -units : units, scale: fraction.length };
}

/**
 * master × multiplier rounded half-up to the currency's digits, in exact decimal arithmetic (the
 * worker's rule: IDR 99999 × 1.15 = 114998.85 → "114999"). Null when either input is not a decimal.
 */
export function expectedChannelPrice(master: string, multiplier: string, currency: string): string | null {
  const a = toScaled(master);
  const b = toScaled(multiplier);
  if (!a || !b) return null;
  const product = a.units * b.units;
  const scale = a.scale + b.scale;
  const digits = currencyDecimals(currency);
  const drop = scale - digits;
  let rounded: bigint;
  if (drop <= 0) {
    rounded = product * 10n ** BigInt(-drop);
  } else {
    const divisor = 10n ** BigInt(drop);
    const negative = product < 0n;
    const magnitude = negative ? -product : product;
    const q = magnitude / divisor;
    const r = magnitude % divisor;
    const up = r * 2n >= divisor ? q + 1n : q;
    rounded = negative ? -up : up;
  }
  const negative = rounded < 0n;
  const digitsText = (negative ? -rounded : rounded).toString().padStart(digits + 1, "0");
  const whole = digits ? digitsText.slice(0, -digits) : digitsText;
  const frac = digits ? `.${digitsText.slice(-digits)}` : "";
  return `${negative ? "-" : ""}${whole}${frac}`;
}

/** Whether two decimal texts are the same amount ("129000.00" and "129000" are). */
export function sameAmount(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return a === b;
  const x = toScaled(a);
  const y = toScaled(b);
  if (!x || !y) return a === b;
  const scale = Math.max(x.scale, y.scale);
  return x.units * 10n ** BigInt(scale - x.scale) === y.units * 10n ** BigInt(scale - y.scale);
}
