/**
 * Lengths are counted in Unicode code points. JavaScript's `.length` counts UTF-16 units, so a
 * character outside the Basic Multilingual Plane (𝐀, 𠀀, most emoji) would count twice and a title
 * could be cut between the two halves of one character, leaving invalid text. Code points match
 * what the marketplaces count as characters for ordinary text, and titles are NFC-normalised first
 * so an accented letter typed as letter + combining accent counts once.
 */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** The first `count` code points of `text`. */
export function sliceCodePoints(text: string, count: number): string {
  return Array.from(text).slice(0, count).join("");
}

/** Lower-case words: runs of letters and digits in any script. Punctuation and emoji are not words. */
export function wordTokens(text: string): string[] {
  return (
    text
      .normalize("NFC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * Whether `phrase` appears in `text` as whole consecutive words, ignoring case and punctuation:
 * "Apple" is in "APPLE iPhone 15" but not in "Pineapple slicer".
 */
export function containsPhrase(text: string, phrase: string): boolean {
  const hay = wordTokens(text);
  const needle = wordTokens(phrase);
  if (needle.length === 0) return true;
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (needle.every((w, j) => hay[i + j] === w)) return true;
  }
  return false;
}

/**
 * Jaccard similarity of the two texts' word sets: shared words / all distinct words. 1 means the
 * same vocabulary; adding a brand or attributes, or truncating, lowers it. Chosen over edit distance
 * because word order and punctuation do not matter to a search engine, and over Dice because it
 * penalises added words a little more, which is what an operator wants to notice. Two texts without
 * any words are identical (1); one empty and one not share nothing (0).
 */
export function tokenJaccard(a: string, b: string): number {
  const left = new Set(wordTokens(a));
  const right = new Set(wordTokens(b));
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const w of left) if (right.has(w)) shared += 1;
  return shared / (left.size + right.size - shared);
}
