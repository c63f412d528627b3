import { describe, expect, it } from "vitest";
import { changesOf, draftOf, fieldOf, plainDecimal } from "./settings-draft";

const channel = {
  id: "7",
  name: "Shopee Indonesia",
  priceMultiplier: "1.1500",
  maxAttempts: 5,
  rateLimitPerSecond: null,
  enabled: true,
};

describe("channel settings draft", () => {
  it.each([
    ["1.1500", "1.15"],
    ["2.0000", "2"],
    ["0.0500", "0.05"],
    ["10", "10"],
  ])("shows %s as %s", (stored, shown) => expect(plainDecimal(stored)).toBe(shown));

  it("sends nothing but the id when nothing changed", () => {
    expect(changesOf(channel, draftOf(channel))).toEqual({ input: { id: "7" }, changed: [] });
  });

  it("sends only what changed, reading a decimal comma as the point", () => {
    const draft = {
      ...draftOf(channel),
      priceMultiplier: " 1,25 ",
      maxAttempts: "8",
      rateLimitPerSecond: "4",
    };
    expect(changesOf(channel, draft)).toEqual({
      input: { id: "7", priceMultiplier: "1.25", maxAttempts: 8, rateLimitPerSecond: 4 },
      changed: ["priceMultiplier", "maxAttempts", "rateLimitPerSecond"],
    });
  });

  it("leaves ranges and malformed decimals to the server, which names the field", () => {
    const draft = { ...draftOf(channel), priceMultiplier: "abc", maxAttempts: "99" };
    expect(changesOf(channel, draft)).toMatchObject({ input: { priceMultiplier: "abc", maxAttempts: 99 } });
  });

  it("refuses whole-number fields that hold something else, before sending", () => {
    const draft = { ...draftOf(channel), maxAttempts: "2.5", rateLimitPerSecond: "fast" };
    expect(changesOf(channel, draft)).toEqual({
      problems: [
        { field: "maxAttempts", reason: "notWhole" },
        { field: "rateLimitPerSecond", reason: "notWhole" },
      ],
    });
  });

  it("clearing the rate limit asks for the platform's default; disabling is sent as false", () => {
    const limited = { ...channel, rateLimitPerSecond: 10 };
    const draft = { ...draftOf(limited), rateLimitPerSecond: " ", enabled: false };
    expect(changesOf(limited, draft)).toEqual({
      input: { id: "7", useDefaultRateLimit: true, enabled: false },
      changed: ["rateLimitPerSecond", "enabled"],
    });
  });

  it("finds the field a userError names", () => {
    expect(fieldOf(["input", "priceMultiplier"])).toBe("priceMultiplier");
    expect(fieldOf(["input", "useDefaultRateLimit"])).toBe("rateLimitPerSecond");
    expect(fieldOf(["input", "shipping", "warehouseId"])).toBeNull();
    expect(fieldOf(["input", "id"])).toBeNull();
    expect(fieldOf(null)).toBeNull();
  });
});
