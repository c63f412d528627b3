import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../i18n/en";
import { id } from "../i18n/id";
import {
  formatCodeName,
  formatCount,
  formatDateTime,
  formatDecimal,
  formatDuration,
  formatMoney,
  formatPercent,
  formatRelative,
  humanize,
} from "./format";

beforeAll(async () => {
  await i18next.init({ resources: { en: { translation: en }, id: { translation: id } }, lng: "en" });
});

describe("formatMoney", () => {
  it.each([
    ["129000.00", "IDR", "id", "Rp 129.000"],
    ["1499999", "IDR", "id", "Rp 1.499.999"],
    [0, "IDR", "id", "Rp 0"],
    ["129000.00", "IDR", "en", "IDR 129,000"],
    ["19.99", "USD", "en", "$19.99"],
    ["19.99", "USD", "id", "US$19,99"],
    ["19.5", "SGD", "en", "SGD 19.50"],
    [null, "IDR", "en", "—"],
    ["", "IDR", "id", "—"],
    ["not a number", "IDR", "en", "not a number"],
  ] as const)("%j %s in %s → %s", (amount, currency, lng, expected) => {
    expect(formatMoney(amount, currency, lng)).toBe(expected);
  });
});

describe("formatDuration", () => {
  it.each([
    [null, "en", "—"],
    [0, "en", "0 sec"],
    [59.4, "en", "59 sec"],
    [60, "en", "1 min"],
    [75, "en", "1 min 15 sec"],
    [75, "id", "1 mnt 15 dtk"],
    [3600, "en", "1 hr"],
    [3720, "id", "1 j 2 mnt"],
    [-5, "en", "0 sec"],
  ] as const)("%j in %s → %s", (seconds, lng, expected) => {
    expect(formatDuration(seconds, lng)).toBe(expected);
  });
});

describe("formatPercent", () => {
  it.each([
    [0, "en", "0%"],
    [42.5, "en", "42.5%"],
    [42.5, "id", "42,5%"],
    [100, "en", "100%"],
    [120, "en", "100%"],
    [-1, "en", "0%"],
  ] as const)("%j in %s → %s", (percent, lng, expected) => {
    expect(formatPercent(percent, lng)).toBe(expected);
  });
});

describe("formatRelative", () => {
  const now = Date.parse("2025-01-01T12:00:00Z");
  it.each([
    [null, "en", "never"],
    [null, "id", "belum pernah"],
    ["2025-01-01T11:59:55Z", "en", "just now"],
    ["2025-01-01T11:59:55Z", "id", "baru saja"],
    ["2025-01-01T11:59:30Z", "en", "30 sec. ago"],
    ["2025-01-01T11:55:00Z", "en", "5 min. ago"],
    ["2025-01-01T11:55:00Z", "id", "5 mnt lalu"],
    ["2025-01-01T09:00:00Z", "id", "3 jam lalu"],
  ] as const)("%j in %s → %s", (iso, lng, expected) => {
    expect(formatRelative(iso, now, lng)).toBe(expected);
  });
});

it("formats counts and dates with the language's conventions", () => {
  expect(formatCount(1234567, "en")).toBe("1,234,567");
  expect(formatCount(1234567, "id")).toBe("1.234.567");
  expect(formatDateTime("2025-12-03T00:00:00Z", "id")).toMatch(/Des 2025/);
  expect(formatDateTime("2025-12-03T00:00:00Z", "en")).toMatch(/Dec 2025/);
});

it("formats a rate with a fixed number of decimals in the reader's notation", () => {
  expect(formatDecimal(12.345, 1, "en")).toBe("12.3");
  expect(formatDecimal(12.345, 1, "id")).toBe("12,3");
  expect(formatDecimal(1500, 1, "id")).toBe("1.500,0");
});

it("humanize turns enum constants into words", () => {
  expect(humanize("OUT_OF_DATE")).toBe("Out of date");
  expect(humanize("SYNCED")).toBe("Synced");
});

describe("formatCodeName", () => {
  it("names a market and a currency in the reader's language", () => {
    expect(formatCodeName("ID", "region", "en")).toBe("Indonesia");
    expect(formatCodeName("MY", "region", "id")).toBe("Malaysia");
    expect(formatCodeName("IDR", "currency", "en")).toBe("Indonesian Rupiah");
    expect(formatCodeName("IDR", "currency", "id")).toBe("Rupiah Indonesia");
  });

  it("shows a code Intl cannot read as it came", () => {
    expect(formatCodeName("not a code", "region", "en")).toBe("not a code");
  });
});
