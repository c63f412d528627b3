import { describe, expect, it } from "vitest";
import { formatDuration, formatMoney, formatPercent, formatRelative, humanize } from "./format";

describe("formatMoney", () => {
  it.each([
    ["129000.00", "IDR", "Rp 129.000"],
    ["1499999", "IDR", "Rp 1.499.999"],
    [0, "IDR", "Rp 0"],
    ["19.99", "USD", "$19.99"],
    ["19.5", "SGD", "SGD 19.50"],
    [null, "IDR", "—"],
    ["", "IDR", "—"],
    ["not a number", "IDR", "not a number"],
  ])("%j %s → %s", (amount, currency, expected) => {
    expect(formatMoney(amount, currency)).toBe(expected);
  });
});

describe("formatDuration", () => {
  it.each([
    [null, "—"],
    [0, "0 s"],
    [59.4, "59 s"],
    [60, "1 min"],
    [75, "1 min 15 s"],
    [3600, "1 h"],
    [3720, "1 h 2 min"],
    [-5, "0 s"],
  ])("%j → %s", (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe("formatPercent", () => {
  it.each([
    [0, "0%"],
    [42.5, "42.5%"],
    [100, "100%"],
    [120, "100%"],
    [-1, "0%"],
  ])("%j → %s", (percent, expected) => {
    expect(formatPercent(percent)).toBe(expected);
  });
});

describe("formatRelative", () => {
  const now = Date.parse("2025-01-01T12:00:00Z");
  it.each([
    [null, "never"],
    ["2025-01-01T11:59:55Z", "just now"],
    ["2025-01-01T11:59:30Z", "30 s ago"],
    ["2025-01-01T11:55:00Z", "5 min ago"],
    ["2025-01-01T09:00:00Z", "3 h ago"],
  ])("%j → %s", (iso, expected) => {
    expect(formatRelative(iso, now)).toBe(expected);
  });
});

it("humanize turns enum constants into words", () => {
  expect(humanize("OUT_OF_DATE")).toBe("Out of date");
  expect(humanize("SYNCED")).toBe("Synced");
});
