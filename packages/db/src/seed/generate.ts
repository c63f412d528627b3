import type { NewProduct, NewVariant } from "../catalog/write-products";
import { demoImageUrl } from "./images";
import { demoInvalidKind, type InvalidKind } from "./invalid";
import { demoMappingGap, UNMAPPED_DEMO_CATEGORY, type MappingGap } from "./mapping-gaps";
import { hash32, Rng } from "./prng";
import { CATEGORIES, IMAGES_PER_CATEGORY, type CategoryVocabulary } from "./vocabulary";

export const DEMO_PRODUCT_COUNT = 4147;
const SEED = 0x5e11e5;

const code = (s: string) =>
  s
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .slice(0, 3)
    .padEnd(3, "X");
const roundTo = (n: number, step: number) => Math.max(step, Math.round(n / step) * step);

/** IDR prices as sellers write them: log-uniform in the range, whole hundreds, many ending in 900. */
function priceIdr(rng: Rng, [min, max]: readonly [number, number]): number {
  // Skewed towards the cheap end, as real catalogs are.
  const raw = Math.exp(Math.log(min) + rng.next() ** 1.6 * (Math.log(max) - Math.log(min)));
  const thousands = roundTo(raw, 1000);
  const price = rng.chance(0.5) ? thousands - 100 : roundTo(raw, 100);
  return Math.min(5_000_000, Math.max(15_000, price));
}

function variantsFor(
  rng: Rng,
  cat: CategoryVocabulary,
  sku: string,
  basePrice: number,
  images: string[],
): NewVariant[] {
  const count = rng.weighted([
    [0, 30],
    [1, 5],
    [2, 25],
    [3, 22],
    [4, 18],
  ] as const);
  if (count === 0) return [];
  const names = Object.keys(cat.options);
  const axes = rng.sample(names, count > 2 && names.length > 1 ? 2 : 1);
  const combos: Record<string, string>[] = [];
  const values = axes.map((a) => rng.sample(cat.options[a]!, count));
  for (let i = 0; combos.length < count && i < count * count; i++) {
    const combo: Record<string, string> = {};
    axes.forEach(
      (a, k) => (combo[a] = values[k]![Math.floor(i / (k === 0 ? 1 : count)) % values[k]!.length]!),
    );
    if (!combos.some((c) => JSON.stringify(c) === JSON.stringify(combo))) combos.push(combo);
  }
  return combos.map((options, position) => {
    const suffix = Object.values(options)
      .map((v) =>
        v
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, "")
          .slice(0, 4),
      )
      .join("-");
    const bump = axes.includes("Size") ? position * roundTo(basePrice * 0.05, 100) : 0;
    return {
      sku: `${sku}-${suffix}-${position + 1}`,
      options,
      price: `${basePrice + bump}.00`,
      stock: rng.chance(0.08) ? 0 : rng.int(1, 120),
      image: images.length > 1 && rng.chance(0.5) ? rng.pick(images) : null,
      position,
    };
  });
}

function description(
  rng: Rng,
  cat: CategoryVocabulary,
  brand: string,
  noun: string,
  material: string,
  weight: number,
): string {
  return [
    `${noun} ${brand} (${rng.pick(cat.descriptors)}), pilihan tepat untuk kebutuhan sehari-hari.`,
    "",
    "Spesifikasi:",
    `- Merek: ${brand}`,
    `- Bahan/Kandungan: ${material}`,
    `- Berat: ${weight} gram`,
    `- Kategori: ${cat.name}`,
    "",
    rng.pick([
      "Barang 100% original, dikirim di hari yang sama untuk pesanan sebelum jam 15.00 WIB.",
      "Ready stock, langsung order saja. Packing aman dengan bubble wrap.",
      "Garansi uang kembali jika barang tidak sesuai. Jangan lupa follow toko kami!",
    ]),
  ].join("\n");
}

function applyInvalid(kind: InvalidKind, p: NewProduct): NewProduct {
  switch (kind) {
    case "SHORT_TITLE":
      return { ...p, title: p.title.slice(0, 4).trim() };
    case "NO_IMAGE":
      return { ...p, images: [] };
    case "NEGATIVE_STOCK":
      return { ...p, stock: -1 - (p.stock % 5) };
    case "LONG_SKU":
      return { ...p, sku: `${p.sku}-${"EDISI-TERBATAS-KOLEKSI-SPESIAL-".repeat(2)}`.slice(0, 64) };
    case "MISSING_WEIGHT":
      return { ...p, weightGrams: null };
    case "LONG_TITLE":
      return {
        ...p,
        title: `${p.title} ${"Promo Spesial Harga Grosir Termurah Gratis Ongkir ".repeat(6)}`.trim(),
      };
  }
}

function applyGap(gap: MappingGap, p: NewProduct): NewProduct {
  switch (gap) {
    case "UNMAPPED_CATEGORY":
      return { ...p, category: UNMAPPED_DEMO_CATEGORY };
    case "MISSING_ATTRIBUTE": {
      const rest = { ...p.attributes };
      delete rest.Material;
      // Still an attribute or two, as a seller's sparse entry would have.
      return { ...p, attributes: Object.keys(rest).length ? rest : { Origin: "Indonesia" } };
    }
  }
}

/**
 * The demo product at `index` (0-based). Each product has its own seed, so product 17 is the same
 * whether 100 or 100,000 are generated. About 2% are deliberately invalid (see demoInvalidKind) and
 * about 1% fall through the demo mapping (see demoMappingGap).
 */
export function generateDemoProduct(index: number): NewProduct {
  const rng = new Rng(hash32(`${SEED}:${index}`));
  const cat = CATEGORIES[index % CATEGORIES.length]!;
  const brand = rng.pick(cat.brands);
  const noun = rng.pick(cat.nouns);
  const material = rng.pick(cat.materials);
  const descriptor = rng.pick(cat.descriptors);
  const title = rng.chance(0.5)
    ? `${brand} ${noun} ${descriptor} ${material}`
    : `${noun} ${brand} ${material} ${descriptor}`;
  const sku = `${cat.code}-${code(brand)}-${String(index + 1).padStart(6, "0")}`;
  const price = priceIdr(rng, cat.priceIdr);
  const [wMin, wMax] = cat.weightGrams;
  const weight = roundTo(wMin * (wMax / wMin) ** (rng.next() ** 2), 10);
  const longest = rng.int(cat.sizeCm[0], cat.sizeCm[1]);
  const images = Array.from(
    new Set(Array.from({ length: rng.int(1, 6) }, () => rng.int(1, IMAGES_PER_CATEGORY))),
  ).map((n) => demoImageUrl(cat.slug, n));
  const attributes: Record<string, string> = { Material: material };
  for (const [k, vs] of Object.entries(cat.extraAttributes))
    if (rng.chance(0.7)) attributes[k] = rng.pick(vs);
  // A second generator, so attributes added later never shift the values drawn above.
  const extra = new Rng(hash32(`${SEED}:always:${index}`));
  for (const [k, vs] of Object.entries(cat.alwaysAttributes ?? {})) attributes[k] = extra.pick(vs);
  const variants = variantsFor(rng, cat, sku, price, images);
  if (variants.length === 0 && cat.options.Color && rng.chance(0.6))
    attributes.Color = rng.pick(cat.options.Color);
  const stock = variants.length
    ? variants.reduce((s, v) => s + v.stock, 0)
    : rng.chance(0.05)
      ? 0
      : rng.int(1, 500);

  const product: NewProduct = {
    sku,
    title,
    description: description(rng, cat, brand, noun, material, weight),
    brand,
    category: cat.name,
    price: `${price}.00`,
    currency: "IDR",
    stock,
    weightGrams: weight,
    lengthCm: longest,
    widthCm: Math.max(1, Math.round(longest * (0.4 + rng.next() * 0.5))),
    heightCm: Math.max(1, Math.round(longest * (0.05 + rng.next() * 0.35))),
    images,
    attributes,
    variants,
  };
  const kind = demoInvalidKind(index);
  if (kind) return { ...applyInvalid(kind, product), variants: [] };
  const gap = demoMappingGap(index);
  return gap ? applyGap(gap, product) : product;
}

/** Products `from` … `to - 1`. */
export function generateDemoProducts(from: number, to: number): NewProduct[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => generateDemoProduct(from + i));
}
