import { describe, expect, it } from "vitest";
import { sameAmount } from "./expected-price";

describe("sameAmount", () => {
  it.each([
    ["129000.00", "129000", true],
    ["129000.5", "129000.50", true],
    ["129000", "129001", false],
    [null, null, true],
    [null, "1", false],
  ])("%j vs %j → %j", (a, b, expected) => {
    expect(sameAmount(a, b)).toBe(expected);
  });
});
