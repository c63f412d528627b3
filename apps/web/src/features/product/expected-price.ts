// The expected price itself comes from the API (Listing.expectedPrice, Product.channelPrices); the
// dashboard only compares amounts.
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function toScaled(text: string): { units: bigint; scale: number } | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const fraction = m[3] ?? "";
  const units = BigInt(`${m[2]}${fraction}`);
  return { units: m[1] ? -units : units, scale: fraction.length };
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
