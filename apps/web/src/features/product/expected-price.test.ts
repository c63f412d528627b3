import { describe, expect, it } from "vitest";
import { expectedChannelPrice, sameAmount } from "./expected-price";

describe("expectedChannelPrice", () => {
  it.each([
    ["99999", "1.15", "IDR", "114999"],
    ["100000", "1.15", "IDR", "115000"],
    ["129000.00", "1.20", "IDR", "154800"],
    ["10", "1.15", "IDR", "12"], // 11.5 rounds half up
    ["13", "1.15", "IDR", "15"], // 14.95
    ["0", "1.20", "IDR", "0"],
    ["19.99", "1.15", "SGD", "22.99"], // 22.9885
    ["10", "1.5", "USD", "15.00"],
    ["0.05", "1.1", "USD", "0.06"], // 0.055 half up
    ["-10", "1.15", "IDR", "-12"],
    ["abc", "1.15", "IDR", null],
    ["10", "", "IDR", null],
  ])("%s × %s %s → %s", (master, multiplier, currency, expected) => {
    expect(expectedChannelPrice(master, multiplier, currency)).toBe(expected);
  });
});

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
