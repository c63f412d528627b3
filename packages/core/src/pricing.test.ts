import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyDecimals } from "./currency";
import { InvalidInputError } from "./invalid-input";
import { channelPrice, channelPriceDecimal, exceedsPriceRatio } from "./pricing";

describe("channelPrice", () => {
  it.each([
    ["100000", "1.15", "IDR", 115000],
    ["99999", "1.15", "IDR", 114999], // 114998.85
    ["19.99", "1.2", "SGD", 23.99], // 23.988
    ["19.99", "1.20", "SGD", 23.99],
    ["9.99", "1.15", "MYR", 11.49], // 11.4885
    ["10.00", "1.15", "USD", 11.5],
    ["1.005", "1", "USD", 1.01], // a float would give 1.00
    ["0.125", "1", "USD", 0.13],
    ["0.124", "1", "USD", 0.12],
    ["250000", "1.20", "VND", 300000],
    ["199", "1.15", "THB", 229], // 228.85
    ["0.5", "1", "PHP", 1],
    ["0.49", "1", "PHP", 0],
    ["1", "1.15", "TWD", 1],
    ["1000", "1.15", "JPY", 1150],
    ["0", "1.15", "IDR", 0],
    ["123456789012", "1.15", "IDR", 141975307364], // 141975307363.8
    [" 19.99 ", "1.2", "sgd", 23.99],
  ])("%s × %s in %s = %d", (master, multiplier, currency, expected) => {
    expect(channelPrice(master, multiplier, currency)).toBe(expected);
  });

  it.each([
    ["0.1", "3", "USD", "0.30"],
    ["99999", "1.15", "IDR", "114999"],
    ["19.99", "1.2", "SGD", "23.99"],
  ])("as exact text: %s × %s %s = %s", (master, multiplier, currency, expected) => {
    expect(channelPriceDecimal(master, multiplier, currency)).toBe(expected);
  });

  it.each([
    ["abc", "1.15", "IDR", "price", "NOT_A_NUMBER"],
    ["", "1.15", "IDR", "price", "NOT_A_NUMBER"],
    ["1e5", "1.15", "IDR", "price", "NOT_A_NUMBER"],
    ["-1", "1.15", "IDR", "price", "NEGATIVE"],
    ["100", "0", "IDR", "priceMultiplier", "NOT_POSITIVE"],
    ["100", "0.00", "IDR", "priceMultiplier", "NOT_POSITIVE"],
    ["100", "-1.2", "IDR", "priceMultiplier", "NOT_POSITIVE"],
    ["100", "x", "IDR", "priceMultiplier", "NOT_A_NUMBER"],
    ["100", "1.15", "RP", "currency", "INVALID_FORMAT"],
    ["100", "1.15", "", "currency", "INVALID_FORMAT"],
  ])("rejects %j × %j %j on field %s (%s)", (master, multiplier, currency, field, code) => {
    let caught: unknown;
    try {
      channelPrice(master, multiplier, currency);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect(caught).toMatchObject({ field, code });
    expect((caught as Error).message).toContain(field);
  });
});

describe("currencyDecimals", () => {
  it.each([
    ["IDR", 0],
    ["VND", 0],
    ["THB", 0],
    ["PHP", 0],
    ["TWD", 0],
    ["JPY", 0],
    ["KRW", 0],
    ["SGD", 2],
    ["MYR", 2],
    ["USD", 2],
    ["EUR", 2],
    ["idr", 0],
  ])("%s has %i fraction digits", (currency, digits) => {
    expect(currencyDecimals(currency)).toBe(digits);
  });
});

describe("exceedsPriceRatio", () => {
  it.each([
    [[1.1, 7.7], 7, false], // exactly 7× is allowed; 7 * 1.1 in floats is 7.700000000000001
    [[1.1, 7.71], 7, true],
    [[10, 70, 71], 7, true],
    [[10, 50], 5, false],
    [[10, 50.01], 5, true],
    [[100], 7, false],
    [[], 7, false],
    [[115000, 114999], 7, false],
  ])("%j with ratio %d → %s", (prices, ratio, expected) => {
    expect(exceedsPriceRatio(prices, ratio)).toBe(expected);
  });
});

describe("channelPrice properties", () => {
  const scale = fc.integer({ min: 0, max: 4 });
  const amount = (s: number) => fc.bigInt({ min: 0n, max: 10n ** 12n }).map((u) => ({ units: u, scale: s }));
  const text = ({ units, scale: s }: { units: bigint; scale: number }) => {
    const digits = units.toString().padStart(s + 1, "0");
    return s === 0 ? digits : `${digits.slice(0, -s)}.${digits.slice(-s)}`;
  };
  const multiplier = fc
    .tuple(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 0, max: 4 }))
    .map(([u, s]) => text({ units: BigInt(u), scale: s }));
  const currency = fc.constantFrom("IDR", "VND", "SGD", "MYR", "USD", "THB", "PHP", "TWD");

  it("is never negative", () => {
    fc.assert(
      fc.property(scale.chain(amount), multiplier, currency, (m, k, c) => {
        expect(channelPrice(text(m), k, c)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("never decreases when the master price increases", () => {
    fc.assert(
      fc.property(
        scale.chain((s) => fc.tuple(amount(s), amount(s))),
        multiplier,
        currency,
        ([a, b], k, c) => {
          const [lo, hi] = a.units <= b.units ? [a, b] : [b, a];
          expect(channelPrice(text(lo), k, c)).toBeLessThanOrEqual(channelPrice(text(hi), k, c));
        },
      ),
    );
  });

  it("is within half a unit of the exact product, halves rounding up", () => {
    fc.assert(
      fc.property(scale.chain(amount), multiplier, currency, (m, k, c) => {
        const places = currencyDecimals(c);
        const [ki, kf = ""] = k.split(".");
        const exact = m.units * BigInt(ki + kf); // scale m.scale + kf.length
        const exactScale = m.scale + kf.length;
        const [ri, rf = ""] = channelPriceDecimal(text(m), k, c).split(".");
        expect(rf.length).toBe(places);
        // rounded − exact at the common scale exactScale + places, where one unit of the
        // rounded price is 10^exactScale: twice the difference lies in (−unit, +unit].
        const diff = BigInt(ri + rf) * 10n ** BigInt(exactScale) - exact * 10n ** BigInt(places);
        const unit = 10n ** BigInt(exactScale);
        expect(2n * diff > -unit && 2n * diff <= unit).toBe(true);
      }),
    );
  });
});
