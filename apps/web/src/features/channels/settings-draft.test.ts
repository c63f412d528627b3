import { describe, expect, it } from "vitest";
import {
  changesOf,
  draftOf,
  emptyLogistic,
  fieldOf,
  plainDecimal,
  type ChannelSettings,
} from "./settings-draft";

const channel: ChannelSettings = {
  id: "7",
  platform: "SHOPEE",
  name: "Shopee Indonesia",
  priceMultiplier: "1.1500",
  maxAttempts: 5,
  rateLimitPerSecond: null,
  enabled: true,
  shipping: {
    logistics: [{ logisticId: 8005, sizeId: null, shippingFee: null, maxWeightKg: 50 }],
    warehouseId: null,
    deliveryOptionIds: [],
  },
};

const tiktok: ChannelSettings = {
  ...channel,
  id: "8",
  platform: "TIKTOK_SHOP",
  shipping: { logistics: [], warehouseId: "7068517275539719942", deliveryOptionIds: [] },
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

  it("sends the whole Shopee profile when a logistics channel is added, keeping what it does not edit", () => {
    const draft = draftOf(channel);
    if (draft.shipping.platform !== "SHOPEE") throw new Error("a Shopee draft");
    draft.shipping.logistics.push({
      ...emptyLogistic(),
      logisticId: " 8010 ",
      sizeId: "2",
      shippingFee: "15000,5",
    });
    expect(changesOf(channel, draft)).toEqual({
      input: {
        id: "7",
        shipping: {
          logistics: [
            { logisticId: 8005, sizeId: null, shippingFee: null, maxWeightKg: 50 },
            { logisticId: 8010, sizeId: 2, shippingFee: 15000.5, maxWeightKg: null },
          ],
        },
      },
      changed: ["shipping"],
    });
  });

  it("names the row of a logistics channel it cannot send", () => {
    const draft = draftOf(channel);
    if (draft.shipping.platform !== "SHOPEE") throw new Error("a Shopee draft");
    draft.shipping.logistics.push({ ...emptyLogistic(), sizeId: "S", shippingFee: "gratis" });
    expect(changesOf(channel, draft)).toEqual({
      problems: [
        { field: "shipping.logistics.1.logisticId", reason: "notWhole" },
        { field: "shipping.logistics.1.sizeId", reason: "notWhole" },
        { field: "shipping.logistics.1.shippingFee", reason: "notNumber" },
      ],
    });
  });

  it("sends a TikTok Shop warehouse and delivery options as lists of ids, and nothing when untouched", () => {
    expect(changesOf(tiktok, draftOf(tiktok))).toEqual({ input: { id: "8" }, changed: [] });
    const draft = {
      ...draftOf(tiktok),
      shipping: { platform: "TIKTOK_SHOP" as const, warehouseId: " 42 ", deliveryOptionIds: "1, 2 3" },
    };
    expect(changesOf(tiktok, draft)).toEqual({
      input: { id: "8", shipping: { warehouseId: "42", deliveryOptionIds: ["1", "2", "3"] } },
      changed: ["shipping"],
    });
  });

  it("finds the field a userError names", () => {
    expect(fieldOf(["input", "priceMultiplier"])).toBe("priceMultiplier");
    expect(fieldOf(["input", "useDefaultRateLimit"])).toBe("rateLimitPerSecond");
    expect(fieldOf(["input", "shipping", "warehouseId"])).toBe("shipping.warehouseId");
    expect(fieldOf(["input", "shipping", "logistics", "1", "logisticId"])).toBe(
      "shipping.logistics.1.logisticId",
    );
    expect(fieldOf(["input", "shipping", "deliveryOptionIds", "2"])).toBe("shipping.deliveryOptionIds");
    expect(fieldOf(["input", "id"])).toBeNull();
    expect(fieldOf(["priceMultiplier"])).toBeNull();
    expect(fieldOf(null)).toBeNull();
  });
});
