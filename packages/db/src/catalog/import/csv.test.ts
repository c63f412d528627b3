import { describe, expect, it } from "vitest";
import { CsvSyntaxError, parseCsv } from "./csv";

describe("parseCsv", () => {
  it.each<[string, string, { line: number; fields: string[] }[]]>([
    [
      "simple rows",
      "a,b,c\n1,2,3\n",
      [
        { line: 1, fields: ["a", "b", "c"] },
        { line: 2, fields: ["1", "2", "3"] },
      ],
    ],
    [
      "no trailing newline",
      "a,b\n1,2",
      [
        { line: 1, fields: ["a", "b"] },
        { line: 2, fields: ["1", "2"] },
      ],
    ],
    [
      "CRLF",
      "a,b\r\n1,2\r\n",
      [
        { line: 1, fields: ["a", "b"] },
        { line: 2, fields: ["1", "2"] },
      ],
    ],
    [
      "lone CR",
      "a,b\r1,2",
      [
        { line: 1, fields: ["a", "b"] },
        { line: 2, fields: ["1", "2"] },
      ],
    ],
    ["empty fields", ",a,,\n", [{ line: 1, fields: ["", "a", "", ""] }]],
    ["trailing comma at EOF", "a,", [{ line: 1, fields: ["a", ""] }]],
    ["quoted comma", '"a,b",c', [{ line: 1, fields: ["a,b", "c"] }]],
    ["escaped quotes", '"say ""hi""",x', [{ line: 1, fields: ['say "hi"', "x"] }]],
    ["empty quoted field", '"",x', [{ line: 1, fields: ["", "x"] }]],
    ["only a quote pair", '""""', [{ line: 1, fields: ['"'] }]],
    [
      "newlines inside quotes keep later line numbers right",
      'a,"line1\nline2\r\nline3"\nb,c\n',
      [
        { line: 1, fields: ["a", "line1\nline2\r\nline3"] },
        { line: 4, fields: ["b", "c"] },
      ],
    ],
    ["BOM", "\uFEFFsku,title\n", [{ line: 1, fields: ["sku", "title"] }]],
    [
      "blank lines skipped",
      "a\n\n\nb\n",
      [
        { line: 1, fields: ["a"] },
        { line: 4, fields: ["b"] },
      ],
    ],
    ["spaces kept", " a , b ", [{ line: 1, fields: [" a ", " b "] }]],
    ["unicode", "Kaos ✓,Rp 15.000", [{ line: 1, fields: ["Kaos ✓", "Rp 15.000"] }]],
    ["empty input", "", []],
  ])("%s", (_name, input, expected) => {
    expect(parseCsv(input)).toEqual(expected);
  });

  it.each([
    ["unterminated quote", 'a\n"b,c\nd', 2, /never closed/],
    ["text after closing quote", '"a"b,c', 1, /after a closing quote/],
    ["quote inside unquoted field", 'a\nab"c,d', 2, /quote inside an unquoted field/],
  ])("rejects %s with its line", (_name, input, line, message) => {
    try {
      parseCsv(input);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CsvSyntaxError);
      expect((e as CsvSyntaxError).line).toBe(line);
      expect((e as Error).message).toMatch(message);
      expect((e as Error).message).toMatch(new RegExp(`^CSV line ${line}:`));
    }
  });
});
