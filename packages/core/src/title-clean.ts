/**
 * TikTok Shop rejects titles (code 12052931) containing HTML escapes such as `&nbsp;`, emoji, ASCII
 * control characters, or more than 9 consecutive repeated characters; Shopee's search treats such
 * decoration as noise. These helpers remove it while keeping the seller's words.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: " ",
  amp: "&",
  quot: '"',
  apos: "'",
  lt: "<",
  gt: ">",
};

const HTML_ENTITY = /&(#\d{1,7}|#x[\da-f]{1,6}|[a-z]{2,8});/gi;

function decodeEntity(body: string): string {
  if (body.startsWith("#")) {
    const hex = body[1] === "x" || body[1] === "X";
    const cp = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
    const valid = cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
    return valid ? String.fromCodePoint(cp) : " ";
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? " ";
}

/**
 * Emoji and pictographs, plus the invisible parts of emoji sequences: regional-indicator flags, skin
 * tones, tag characters, the keycap mark and the emoji/text variation selectors. Digits, `#` and `*`
 * are "emoji" in Unicode too, but not pictographs, so they stay.
 */
const PICTOGRAPHS =
  /[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u20E3\uFE0E\uFE0F\u{E0020}-\u{E007F}]/gu;
/** Control characters become spaces (a tab or newline separates words); invisible format characters go. */
const CONTROLS = /\p{Cc}/gu;
const FORMAT_CHARS = /\p{Cf}/gu;
/** "!!!", "***", "~~~~": decoration, collapsed to one. */
const REPEATED_SYMBOLS = /([\p{P}\p{S}])\1{2,}/gu;
/**
 * Letters and digits are only shortened past TikTok's limit of 9 in a row: "XXXL" and "1000 ml" are
 * real words, "Soooooooooooo" is not.
 */
export const MAX_REPEATED_LETTERS = 9;
const REPEATED_LETTERS = new RegExp(`([\\p{L}\\p{N}])\\1{${MAX_REPEATED_LETTERS},}`, "gu");

export function cleanTitleText(text: string): string {
  return text
    .normalize("NFC")
    .replace(HTML_ENTITY, (_m, body: string) => decodeEntity(body))
    .replace(PICTOGRAPHS, " ")
    .replace(CONTROLS, " ")
    .replace(FORMAT_CHARS, "")
    .replace(REPEATED_SYMBOLS, "$1")
    .replace(REPEATED_LETTERS, (_m, ch: string) => ch.repeat(MAX_REPEATED_LETTERS))
    .replace(/\s+/gu, " ")
    .trim();
}

/** Whether any pictograph survives (for tests and validation messages). */
export function hasPictograph(text: string): boolean {
  return /\p{Extended_Pictographic}/u.test(text);
}
