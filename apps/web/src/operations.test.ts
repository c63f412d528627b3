import { expect, it } from "vitest";

/**
 * graphql() only knows documents exactly as codegen last saw them; an edited (or reformatted)
 * operation silently becomes an empty object at run time. This catches it before a browser does.
 */
const modules = import.meta.glob<Record<string, unknown>>("./**/operations.ts", { eager: true });

it("every operation is known to the generated client (run `pnpm codegen` if not)", () => {
  const documents = Object.entries(modules).flatMap(([file, exports]) =>
    Object.entries(exports).map(([name, value]) => ({ where: `${file} ${name}`, value })),
  );
  expect(documents.length).toBeGreaterThan(20);
  for (const { where, value } of documents) {
    expect((value as { kind?: string } | null)?.kind, where).toBe("Document");
  }
});
