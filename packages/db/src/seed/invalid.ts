/** The ways a demo product is deliberately broken, so the sync shows validation failures. */
export const INVALID_KINDS = [
  "SHORT_TITLE",
  "NO_IMAGE",
  "NEGATIVE_STOCK",
  "LONG_SKU",
  "MISSING_WEIGHT",
  "LONG_TITLE",
] as const;
export type InvalidKind = (typeof INVALID_KINDS)[number];

const EVERY = 50;
const OFFSET = 17;

/** One product in 50 (2%) is invalid, the kinds taking turns: fixed by position, not by chance. */
export function demoInvalidKind(index: number): InvalidKind | null {
  if (index % EVERY !== OFFSET) return null;
  return INVALID_KINDS[Math.floor(index / EVERY) % INVALID_KINDS.length]!;
}
