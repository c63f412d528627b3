import { describe, expect, it } from "vitest";
import { InvalidInputError } from "./invalid-input";
import {
  compareDecimal,
  decimalFromNumber,
  decimalToNumber,
  formatDecimal,
  multiplyDecimal,
  parseDecimal,
  roundHalfUp,
} from "./money";

const d = (s: string) => parseDecimal(s, "value");

describe("parseDecimal", () => {
  it.each([
    ["0", 0n, 0],
    ["19.99", 1999n, 2],
    ["100000.00", 10000000n, 2],
    ["-3.5", -35n, 1],
    [" 7 ", 7n, 0],
    ["0.001", 1n, 3],
  ])("%j → %s × 10^-%i", (text, units, scale) => {
    expect(d(text)).toEqual({ units, scale });
  });

  it.each([["abc"], [""], ["1e5"], ["NaN"], ["Infinity"], ["1.2.3"], [".5"], ["5."], ["1,000"], ["+1"]])(
    "rejects %j naming the field",
    (text) => {
      const call = () => parseDecimal(text, "price");
      expect(call).toThrow(InvalidInputError);
      expect(call).toThrow(/^price must be a decimal number/);
    },
  );

  it.each([[19.99], [null], [undefined], [{}]])("rejects non-string %j", (value) => {
    expect(() => parseDecimal(value, "price")).toThrow(/price must be a decimal string/);
  });
});

describe("roundHalfUp", () => {
  it.each([
    ["114998.85", 0, "114999"],
    ["114998.5", 0, "114999"],
    ["114998.49", 0, "114998"],
    ["23.988", 2, "23.99"],
    ["1.005", 2, "1.01"],
    ["1.004", 2, "1.00"],
    ["2.5", 0, "3"],
    ["-2.5", 0, "-3"],
    ["7", 2, "7.00"],
    ["0.0049", 2, "0.00"],
  ])("%s to %i places is %s", (text, places, expected) => {
    expect(formatDecimal(roundHalfUp(d(text), places))).toBe(expected);
  });
});

describe("arithmetic", () => {
  it("multiplies exactly where floats do not", () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(formatDecimal(multiplyDecimal(d("0.1"), d("3")))).toBe("0.3");
    expect(formatDecimal(multiplyDecimal(d("99999"), d("1.15")))).toBe("114998.85");
  });

  it.each([
    ["1.5", "1.50", 0],
    ["1.49", "1.5", -1],
    ["10", "9.999", 1],
    ["-1", "0", -1],
  ])("compare(%s, %s) = %i", (a, b, expected) => {
    expect(compareDecimal(d(a), d(b))).toBe(expected);
  });

  it.each([
    [123.45, 12345n, 2],
    [7, 7n, 0],
    [1e-7, 1n, 7],
    [1.5e-7, 15n, 8],
    [1.5e21, 1500000000000000000000n, 0],
    [-0.5, -5n, 1],
  ])("decimalFromNumber(%d)", (n, units, scale) => {
    expect(decimalFromNumber(n, "x")).toEqual({ units, scale });
  });

  it("rejects non-finite numbers", () => {
    expect(() => decimalFromNumber(Number.NaN, "price")).toThrow(/price must be a finite number/);
  });

  it("converts rounded decimals to the numbers they print as", () => {
    expect(decimalToNumber(d("23.99"))).toBe(23.99);
    expect(decimalToNumber(d("114999"))).toBe(114999);
    expect(formatDecimal({ units: 5n, scale: 3 })).toBe("0.005");
  });
});
