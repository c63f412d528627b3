/**
 * Decides whether a string a page shows is accounted for in one language: it is a catalog message
 * (after interpolation and plurals), something Intl formatted in that language, a proper name, or
 * data the server sent. What is left is a string the dashboard wrote in code — untranslated.
 * Pure, so the rule itself is unit-tested; the browser walk (apps/web/e2e/i18n.test.ts) applies it.
 */

type Tree = { readonly [key: string]: string | Tree };

/** One piece of a catalog message that can stand as a text node or an attribute on its own. */
export interface Matcher {
  key: string;
  pattern: RegExp;
}

export interface Vocabulary {
  matchers: Matcher[];
  /** Every word Intl writes in this language (month and unit names, "lalu", "Rp"). */
  intlWords: Set<string>;
  /** Names that are the same in every language: the product, the marketplaces, each language's own name. */
  names: Set<string>;
  /** Strings the server sent as data: titles, SKUs, ids, emails, marketplace messages, bodies. */
  data: Set<string>;
}

const PLACEHOLDER = /\{\{[^}]*\}\}/g;
// A Trans message's tags (`<goto>…</goto>`, `<code>…</code>`) split it into separate text nodes.
const TAG = /<\/?[a-zA-Z][\w-]*\s*\/?>/;
const LETTER = /\p{L}/u;

export function normalize(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, " ").trim();
}

function escape(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function leaves(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  );
}

/**
 * Each message, split at its Trans tags, becomes whole-string patterns with a capture group per
 * placeholder. A piece that is nothing but placeholders and punctuation is dropped: it would match
 * anything, and its value is checked on its own as the text node it renders as.
 */
export function catalogMatchers(catalog: Tree): Matcher[] {
  const matchers: Matcher[] = [];
  for (const [key, message] of leaves(catalog)) {
    for (const piece of message.split(TAG)) {
      const text = normalize(piece);
      if (!LETTER.test(text.replace(PLACEHOLDER, ""))) continue;
      const source = text
        .split(PLACEHOLDER)
        .map((literal) => escape(literal))
        .join("(.+?)");
      matchers.push({ key, pattern: new RegExp(`^${source}$`, "u") });
    }
  }
  return matchers;
}

/**
 * Sample strings of every Intl format the dashboard uses (see ui/format.ts), in one language.
 * Self-contained on purpose: the walk runs it inside the browser, so the words are the ones the
 * page's own ICU writes, not Node's.
 */
export function intlSamples({
  numbersLocale,
  datesLocale,
  currencies,
  regions,
}: {
  numbersLocale: string;
  datesLocale: string;
  currencies: string[];
  /** Markets, named by Intl.DisplayNames. */
  regions: string[];
}): string[] {
  const out: string[] = [];
  const dates = new Intl.DateTimeFormat(datesLocale, { dateStyle: "medium", timeStyle: "medium" });
  for (let month = 0; month < 12; month++)
    for (const hour of [3, 15]) out.push(dates.format(new Date(2026, month, 1 + month, hour, 5, 9)));
  const relative = new Intl.RelativeTimeFormat(numbersLocale, { numeric: "always", style: "short" });
  for (const unit of ["second", "minute", "hour"] as const)
    for (const n of [1, 2, 15]) {
      out.push(relative.format(-n, unit));
      out.push(new Intl.NumberFormat(numbersLocale, { style: "unit", unit, unitDisplay: "short" }).format(n));
    }
  for (const currency of currencies) {
    out.push(new Intl.NumberFormat(numbersLocale, { style: "currency", currency }).format(1234.5));
    out.push(new Intl.DisplayNames([numbersLocale], { type: "currency" }).of(currency) ?? "");
  }
  for (const region of regions)
    out.push(new Intl.DisplayNames([numbersLocale], { type: "region" }).of(region) ?? "");
  return out;
}

export function intlWordsOf(samples: string[]): Set<string> {
  return new Set(samples.flatMap((s) => s.match(/\p{L}+/gu) ?? []));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The strings of a server answer that are data: every string value except error prose (`message`,
 * which the dashboard must say in its own words) and the schema's enum constants (which it must
 * translate). A JSON body is also kept as the dashboard pretty-prints it, and a UUID also as the
 * eight characters the dashboard shortens it to.
 */
export function dataStrings(
  answer: unknown,
  enumValues: ReadonlySet<string>,
  into: Set<string> = new Set(),
): Set<string> {
  const visit = (value: unknown, key: string | null) => {
    if (typeof value === "string") {
      if (key === "message" || key === "__typename" || enumValues.has(value)) return;
      into.add(normalize(value));
      if (UUID.test(value)) into.add(value.slice(0, 8));
      try {
        const parsed: unknown = JSON.parse(value);
        if (parsed !== null && typeof parsed === "object") {
          into.add(normalize(JSON.stringify(parsed, null, 2)));
          visit(parsed, key);
        }
      } catch {
        // Not JSON: the string alone is the data.
      }
    } else if (Array.isArray(value)) {
      value.forEach((v) => visit(v, key));
    } else if (value !== null && typeof value === "object") {
      if (key === "request" || key === "response") into.add(normalize(JSON.stringify(value, null, 2)));
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  visit(answer, null);
  return into;
}

/** The values of every `enum` in a GraphQL SDL document. */
export function schemaEnumValues(sdl: string): Set<string> {
  const values = new Set<string>();
  for (const [, body = ""] of sdl.matchAll(/\benum\s+\w+\s*\{([^}]*)\}/g))
    for (const line of body.replace(/"""[\s\S]*?"""|"[^"\n]*"|#.*$/gm, "").split(/\s+/))
      if (/^[A-Z][A-Z0-9_]*$/.test(line)) values.add(line);
  return values;
}

const MAX_DEPTH = 3;
/** Beyond this many places to cut, a string is judged whole only (a JSON body, a long message). */
const MAX_CUTS = 40;
// Where code joins translated pieces: a space, or punctuation that reads the same in every language.
const CUT = /\s*[·,;:]\s+|\s+[·+—–/]\s+|\s+|(?=\()|(?<=\))/gu;
const EDGE_PUNCTUATION = /^[\s·,;:+—–/]+|[\s·,;:+—–/]+$/gu;

function explainedWhole(s: string, vocabulary: Vocabulary, depth: number): boolean {
  // Numbers, symbols and marks ("—", "▸", "50/50", "S" of the logo) are in no language.
  if ((s.match(/\p{L}/gu) ?? []).length < 2) return true;
  if (vocabulary.names.has(s) || vocabulary.data.has(s)) return true;
  const words = s.match(/\p{L}+/gu) ?? [];
  if (words.every((w) => vocabulary.intlWords.has(w))) return true;
  const matched =
    depth < MAX_DEPTH &&
    vocabulary.matchers.some(({ pattern }) => {
      const m = pattern.exec(s);
      return m !== null && m.slice(1).every((value) => isExplained(value, vocabulary, depth + 1));
    });
  if (matched) return true;
  // " · dipaksa", "Validasi:": the separator belongs to the pieces around it.
  const core = s.replace(EDGE_PUNCTUATION, "");
  if (core !== s) return isExplained(core, vocabulary, depth);
  const inner = /^\((.*)\)$/u.exec(s);
  if (inner) return isExplained(inner[1]!, vocabulary, depth);
  return false;
}

/**
 * Whether `text` (one text node or attribute value) is accounted for by the vocabulary: whole, or as
 * pieces the code joined with spaces or neutral punctuation ("Shopee: Tersinkron · 2 mnt lalu"),
 * each piece accounted for on its own.
 */
export function isExplained(text: string, vocabulary: Vocabulary, depth = 0): boolean {
  const s = normalize(text);
  if (explainedWhole(s, vocabulary, depth)) return true;
  const cuts = [...s.matchAll(CUT)].filter((m) => m.index > 0 && m.index + m[0].length < s.length);
  if (cuts.length === 0 || cuts.length > MAX_CUTS) return false;
  // Piece i..j runs from the end of cut i-1 (or the start) to the start of cut j (or the end).
  const starts = [0, ...cuts.map((m) => m.index + m[0].length)];
  const ends = [...cuts.map((m) => m.index), s.length];
  const memo = new Map<string, boolean>();
  const piece = (i: number, j: number) => {
    const key = `${i}:${j}`;
    let v = memo.get(key);
    if (v === undefined) {
      v = explainedWhole(s.slice(starts[i], ends[j]).trim(), vocabulary, depth + 1);
      memo.set(key, v);
    }
    return v;
  };
  // reach[j]: the text up to the end of piece j splits into accounted-for pieces.
  const reach: boolean[] = [];
  for (let j = 0; j < ends.length; j++)
    reach[j] = piece(0, j) || reach.some((ok, i) => ok && i < j && piece(i + 1, j));
  return reach[ends.length - 1] === true;
}

/** The strings of `texts` nothing accounts for, each once, in the order first seen. */
export function unexplained(texts: Iterable<string>, vocabulary: Vocabulary): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of texts) {
    const s = normalize(t);
    if (!s || seen.has(s)) continue;
    seen.add(s);
    if (!isExplained(s, vocabulary)) out.push(s);
  }
  return out;
}
