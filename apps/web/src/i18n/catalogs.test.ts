import { describe, expect, it } from "vitest";
import { en } from "./en";
import { id } from "./id";

type Tree = { [key: string]: string | Tree };

/** `{ a: { b: "x" } }` → `[["a.b", "x"]]`. */
function leaves(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  );
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

const catalogs: [string, Tree][] = [["id", id]];

describe.each(catalogs)("the %s catalog", (_name, catalog) => {
  const english = new Map(leaves(en));
  const other = new Map(leaves(catalog));

  it("has exactly English's keys", () => {
    expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("fills every key and keeps each message's placeholders", () => {
    for (const [key, text] of other) {
      expect(text.trim(), key).not.toBe("");
      expect(placeholders(text), key).toEqual(placeholders(english.get(key) ?? ""));
    }
  });
});
