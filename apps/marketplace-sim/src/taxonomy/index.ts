import { CATEGORIES } from "./categories";
import { SHOPEE_CHANNELS, TIKTOK_DELIVERY_OPTIONS, TIKTOK_WAREHOUSES } from "./shipping";
import type { LeafRules, TaxonomyAttribute, TaxonomyCategory } from "./types";

export * from "./types";
export { ATTRIBUTES } from "./attributes";
export { BRANDS } from "./brands";
export { CATEGORIES } from "./categories";
export { SHOPEE_CHANNELS, TIKTOK_DELIVERY_OPTIONS, TIKTOK_WAREHOUSES } from "./shipping";

export type Leaf = TaxonomyCategory & { leaf: LeafRules };

/**
 * Lookups over the seeded tree, by either platform's ids. One instance per simulator; the data is
 * fixed, so it survives `/__sim/reset` like the shop itself.
 */
export class Taxonomy {
  readonly categories: readonly TaxonomyCategory[] = CATEGORIES;
  readonly shopeeChannels = SHOPEE_CHANNELS;
  readonly warehouses = TIKTOK_WAREHOUSES;
  readonly deliveryOptions = TIKTOK_DELIVERY_OPTIONS;
  private readonly byKey = new Map(CATEGORIES.map((c) => [c.key, c]));
  private readonly byShopee = new Map(CATEGORIES.map((c) => [c.shopeeId, c]));
  private readonly byTikTok = new Map(CATEGORIES.map((c) => [c.tiktokId, c]));

  byKeyOrThrow(key: string): TaxonomyCategory {
    const c = this.byKey.get(key);
    if (!c) throw new Error(`no category ${key} in the simulator taxonomy`);
    return c;
  }

  shopee(id: number): TaxonomyCategory | undefined {
    return this.byShopee.get(id);
  }

  tiktok(id: string): TaxonomyCategory | undefined {
    return this.byTikTok.get(id);
  }

  parentOf(c: TaxonomyCategory): TaxonomyCategory | undefined {
    return c.parentKey === null ? undefined : this.byKey.get(c.parentKey);
  }

  hasChildren(c: TaxonomyCategory): boolean {
    return c.leaf === null;
  }

  /** Root first, the category itself last. */
  chain(c: TaxonomyCategory): TaxonomyCategory[] {
    const out: TaxonomyCategory[] = [];
    for (let at: TaxonomyCategory | undefined = c; at; at = this.parentOf(at)) out.unshift(at);
    return out;
  }

  leaves(): Leaf[] {
    return this.categories.filter((c): c is Leaf => c.leaf !== null);
  }

  /** The leaf the demo mapping is meant to use for a master category of the demo catalog. */
  leafForDemoCategory(masterCategory: string): Leaf | undefined {
    return this.leaves().find((l) => l.leaf.demoCategories.includes(masterCategory));
  }

  /**
   * Leaves whose name or ancestors' names share a word with the text, best first: the simulators'
   * stand-in for the platforms' category recommendation, which is a suggestion and often wrong.
   */
  recommend(text: string): Leaf[] {
    const words = new Set(
      text
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 2),
    );
    const score = (l: Leaf) => {
      let n = 0;
      for (const c of this.chain(l))
        for (const w of c.name.toLowerCase().split(/[^a-z0-9]+/)) if (words.has(w)) n += c === l ? 2 : 1;
      return n;
    };
    return this.leaves()
      .map((l) => ({ l, s: score(l) }))
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s)
      .map((x) => x.l);
  }
}

export function attributeOf(leaf: Leaf, predicate: (a: TaxonomyAttribute) => boolean) {
  return leaf.leaf.attributes.find(predicate);
}
