import { describe, expect, it } from "vitest";
import { buildSchema, GraphQLEnumType } from "graphql";
import i18next from "i18next";
import sdl from "../../../../schema.graphql?raw";
import { en } from "./en";
import { id } from "./id";
import { COARSE_CODES, DERIVED_PARAMS, refusalText } from "./refusals";

/** The schema is emitted from the server's own list (packages/core refusal-rules), so this is that list. */
function enumValues(name: string): { name: string; description: string }[] {
  const type = buildSchema(sdl).getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`${name} is not an enum of the schema`);
  return type.getValues().map((v) => ({ name: v.name, description: v.description ?? "" }));
}

const rules = enumValues("UserErrorRule");
const codes = enumValues("UserErrorCode");
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]!);
/** "… Params: min, max." at the end of a rule's description. */
const declaredParams = (description: string) =>
  /Params: ([\w, ]+)\.$/.exec(description)?.[1]!.split(", ") ?? [];

const catalogs = [
  ["en", en.refusals],
  ["id", id.refusals],
] as const;

it("reads each rule's parameters from the schema", () => {
  expect(declaredParams(rules.find((r) => r.name === "MAX_LENGTH")!.description)).toEqual(["max", "actual"]);
});

describe.each(catalogs)("the %s catalog's refusals", (_language, refusals) => {
  it("say every rule the server can name, with only the parameters it sends", () => {
    expect(rules.length).toBeGreaterThan(20);
    for (const rule of rules) {
      const message = (refusals.rule as Record<string, string>)[rule.name];
      expect(message, rule.name).toBeTruthy();
      const allowed = [
        ...declaredParams(rule.description),
        ...(DERIVED_PARAMS[rule.name as keyof typeof DERIVED_PARAMS] ?? []),
      ];
      for (const p of placeholders(message!)) expect(allowed, `${rule.name} {{${p}}}`).toContain(p);
    }
  });

  it("hold no rule the server does not name", () => {
    expect(Object.keys(refusals.rule).sort()).toEqual(rules.map((r) => r.name).sort());
  });

  it("say every code that is not coarse, so a refusal without a rule still reads in the language", () => {
    for (const code of codes)
      if (!COARSE_CODES.has(code.name))
        expect((refusals.code as Record<string, string>)[code.name], code.name).toBeTruthy();
    for (const coarse of COARSE_CODES) expect(codes.map((c) => c.name)).toContain(coarse);
  });
});

describe("refusalText", () => {
  const i18n = i18next.createInstance();
  const ready = i18n.init({
    lng: "id",
    resources: { en: { translation: en }, id: { translation: id } },
    interpolation: { escapeValue: false },
  });

  it("says a rule with its params, numbers in the reader's way", async () => {
    await ready;
    const t = i18n.t;
    expect(
      refusalText(t, {
        code: "OUT_OF_RANGE",
        rule: "MIN",
        params: [{ name: "min", value: "0" }],
        message: "must be 0 or more",
      }),
    ).toBe("Harus 0 atau lebih.");
    expect(
      refusalText(t, {
        code: "OUT_OF_RANGE",
        rule: "MAX",
        params: { max: 2147483647 },
        message: "must be at most 2147483647",
      }),
    ).toBe("Paling banyak 2.147.483.647.");
    expect(
      refusalText(t, {
        code: "DUPLICATE",
        rule: "SKU_EARLIER_ROW",
        params: { sku: "A-1", unit: "line", position: 2 },
        message: '"A-1" already appears at line 2',
      }),
    ).toBe("A-1 sudah ada di baris 2.");
  });

  it("falls back to a code that says it all, then to the server's words", async () => {
    await ready;
    const t = i18n.t;
    expect(refusalText(t, { code: "ALREADY_FINISHED", message: "batch b is already COMPLETED" })).toBe(
      "Batch ini sudah selesai.",
    );
    expect(refusalText(t, { code: "INVALID", message: "password is too short" })).toBe(
      "password is too short",
    );
    expect(refusalText(t, { code: "INVALID", rule: "A_RULE_FROM_A_NEWER_SERVER", message: "newer" })).toBe(
      "newer",
    );
  });
});
