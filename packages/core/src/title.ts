import { DEFAULT_TITLE_LENGTH } from "./defaults";
import { InvalidInputError, describeValue } from "./invalid-input";
import type { MasterProduct, Platform } from "./model";
import { cleanTitleText } from "./title-clean";
import { codePointLength, containsPhrase, sliceCodePoints, tokenJaccard } from "./text";

export interface SeoTitleOptions {
  platform: Platform;
  /** Defaults to the platform's; from the channel's settings when publishing. */
  minLength?: number;
  maxLength?: number;
}

export interface SeoTitle {
  title: string;
  /** Word-set Jaccard similarity to the master title, 0–1 (see `tokenJaccard`). */
  similarity: number;
}

/** Attribute names worth a place in a title, in the order they are appended. */
const KEY_ATTRIBUTES: readonly (readonly string[])[] = [
  ["colour", "color"],
  ["size"],
  ["material"],
  ["model"],
];

function resolveLimits(opts: SeoTitleOptions): { min: number; max: number } {
  const defaults = DEFAULT_TITLE_LENGTH[opts.platform];
  if (!defaults) {
    throw new InvalidInputError(
      "platform",
      "INVALID_SETTING",
      `unknown platform ${describeValue(opts.platform)}`,
    );
  }
  const min = opts.minLength ?? defaults.min;
  const max = opts.maxLength ?? defaults.max;
  if (!Number.isInteger(max) || max < 1) {
    throw new InvalidInputError(
      "titleMaxLength",
      "INVALID_SETTING",
      `titleMaxLength must be a whole number ≥ 1, got ${describeValue(max)}`,
    );
  }
  if (!Number.isInteger(min) || min < 0 || min > max) {
    throw new InvalidInputError(
      "titleMinLength",
      "INVALID_SETTING",
      `titleMinLength must be a whole number between 0 and titleMaxLength (${max}), got ${describeValue(min)}`,
    );
  }
  return { min, max };
}

/** Separators that look broken at the end of a shortened title ("Shoes -", "Red,"). */
const TRAILING_SEPARATORS = /[\s\-–—|/\\,;:&+]+$/u;

/**
 * The longest run of whole words that fits. A single word longer than `max` has nowhere to break,
 * so only then is it cut mid-word, because the limit is absolute.
 */
function truncateAtWord(text: string, max: number): string {
  if (codePointLength(text) <= max) return text;
  let kept = "";
  for (const word of text.split(" ")) {
    const next = kept === "" ? word : `${kept} ${word}`;
    if (codePointLength(next) > max) break;
    kept = next;
  }
  const result = kept === "" ? sliceCodePoints(text, max) : kept;
  return result.replace(TRAILING_SEPARATORS, "");
}

function join(left: string, right: string): string {
  return left === "" ? right : right === "" ? left : `${left} ${right}`;
}

function keyAttributeValues(attributes: Record<string, string>): string[] {
  const names = Object.keys(attributes).sort();
  const values: string[] = [];
  for (const group of KEY_ATTRIBUTES) {
    for (const name of names) {
      if (!group.includes(name.trim().toLowerCase())) continue;
      const raw = attributes[name];
      const value = typeof raw === "string" ? cleanTitleText(raw) : "";
      if (value !== "" && !values.includes(value)) values.push(value);
    }
  }
  return values;
}

/**
 * A marketplace title built from the master's own wording: the cleaned master title, the brand in
 * front when the title does not already name it (and the whole title still fits), then key
 * attribute values (colour, size, material, model) not already mentioned, each only if it fits.
 * Never longer than `maxLength`; a title shorter than `minLength` is returned as it is, for
 * validation to report, rather than padded with filler.
 */
export function seoTitle(
  product: Pick<MasterProduct, "title" | "brand" | "attributes">,
  options: SeoTitleOptions,
): SeoTitle {
  const { max } = resolveLimits(options);
  const master = cleanTitleText(product.title);
  const brand = product.brand ? cleanTitleText(product.brand) : "";

  let title = master;
  if (brand !== "" && !containsPhrase(master, brand)) {
    const branded = join(brand, master);
    if (codePointLength(branded) <= max) title = branded;
  }
  title = truncateAtWord(title, max);

  for (const value of keyAttributeValues(product.attributes)) {
    if (containsPhrase(title, value)) continue;
    const longer = join(title, value);
    if (codePointLength(longer) <= max) title = longer;
  }
  return { title, similarity: tokenJaccard(product.title, title) };
}
