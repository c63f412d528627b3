/** Escapes LIKE wildcards so a search for "50%" means the characters 5, 0, %. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => "\\" + c);
}

/**
 * The words of a search, each to be found somewhere in the SKU, title or brand, in any order
 * ("keyboard baseus" finds "Baseus … Keyboard"). Empty for a blank search.
 */
export function searchWords(search: string | null | undefined): string[] {
  return (search ?? "").toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * SQL requiring every word of the search in `products.search_text` (alias `p`), one LIKE per word:
 * the trigram index answers each, and PostgreSQL ANDs them within one bitmap scan. `param` adds a
 * positional parameter and returns its placeholder. Null for a blank search.
 */
export function searchMatchSql(
  search: string | null | undefined,
  param: (v: unknown) => string,
): string | null {
  const words = searchWords(search);
  if (!words.length) return null;
  return words.map((w) => `p.search_text LIKE ${param(`%${escapeLike(w)}%`)}`).join(" AND ");
}
