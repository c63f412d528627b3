/**
 * The ways a demo product deliberately falls through the demo mapping, so a sync shows what the
 * pre-flight catches: a small master category no marketplace mapping covers, and a product missing
 * the attribute its marketplace category requires. Apart from that the products are valid.
 */
export const MAPPING_GAPS = ["UNMAPPED_CATEGORY", "MISSING_ATTRIBUTE"] as const;
export type MappingGap = (typeof MAPPING_GAPS)[number];

/** The master category the demo mapping template leaves out. */
export const UNMAPPED_DEMO_CATEGORY = "Aksesoris Fashion";

// Both positions are Fashion products (index % 8 = 0) and never one of demoInvalidKind's (index % 50 = 17).
const EVERY = 200;
const UNMAPPED_AT = 104;
const MISSING_AT = 56;

/** One product in 200 of each kind (about 1%), fixed by position. */
export function demoMappingGap(index: number): MappingGap | null {
  const at = index % EVERY;
  if (at === UNMAPPED_AT) return "UNMAPPED_CATEGORY";
  if (at === MISSING_AT) return "MISSING_ATTRIBUTE";
  return null;
}
