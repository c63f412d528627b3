import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ApolloServerErrorCode } from "@apollo/server/errors";
import { buildSchema, type GraphQLEnumType } from "graphql";
import { describe, expect, it } from "vitest";
import { schemaSdl } from "../emit-schema";
import { ERROR_CODE_DESCRIPTIONS, ErrorCode, formatError } from "./errors";

const API_SRC = path.resolve(__dirname, "..");

/** The API's own source files: what runs, not its tests or test harnesses. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "testing" ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** Each `code:` written inside an `extensions: { … }` literal, as the expression it is written with. */
function extensionCodes(): { file: string; expression: string }[] {
  return sourceFiles(API_SRC).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/extensions:\s*\{[^}]*?\bcode:\s*([^,}\s]+)/g)].map((m) => ({
      file: path.relative(API_SRC, file),
      expression: m[1]!,
    })),
  );
}

const CODES: string[] = Object.values(ErrorCode);

describe("ErrorCode", () => {
  it("is in the schema as an enum, every value described as in ERROR_CODE_DESCRIPTIONS", async () => {
    const type = buildSchema(await schemaSdl()).getType("ErrorCode") as GraphQLEnumType | undefined;
    expect(type?.constructor.name).toBe("GraphQLEnumType");
    const values = type!.getValues().map((v) => [v.name, v.description]);
    expect(values.sort()).toEqual(CODES.map((c) => [c, ERROR_CODE_DESCRIPTIONS[c as ErrorCode]]).sort());
  });

  const ours = () => extensionCodes().map((f) => f.expression.replace(/^ErrorCode\./, ""));
  // Apollo answers PERSISTED_QUERY_NOT_SUPPORTED only when persisted queries are turned off; they are on.
  const apollo: string[] = Object.values(ApolloServerErrorCode).filter(
    (c) => c !== ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  );

  it("lists every code the API's source puts in extensions.code, each written as an ErrorCode member", () => {
    const found = extensionCodes();
    expect(found.length).toBeGreaterThan(5);
    for (const { file, expression } of found)
      expect(
        CODES.map((c) => `ErrorCode.${c}`),
        `${file}: code ${expression}`,
      ).toContain(expression);
  });

  it("lists every code Apollo Server produces before our code runs", () => {
    expect(CODES).toEqual(expect.arrayContaining(apollo));
  });

  it("lists no code that nothing emits", () => {
    const emitted = new Set([...ours(), ...apollo]);
    expect(CODES.filter((c) => !emitted.has(c))).toEqual([]);
  });

  it("is all a client can see: formatError passes listed codes and hides any other behind INTERNAL_SERVER_ERROR", () => {
    const logged: unknown[] = [];
    for (const code of CODES.filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR)) {
      const out = formatError({ message: "m", extensions: { code } }, new Error("m"), (e) => logged.push(e));
      expect(out.extensions?.code).toBe(code);
    }
    expect(logged).toEqual([]);
    const out = formatError({ message: "m", extensions: { code: "NOT_A_CODE" } }, new Error("m"), (e) =>
      logged.push(e),
    );
    expect(out.extensions?.code).toBe(ErrorCode.INTERNAL_SERVER_ERROR);
    expect(logged).toHaveLength(1);
  });
});
