import { describe, expect, it } from "vitest";
import { codePointLength, containsPhrase, sliceCodePoints, tokenJaccard, wordTokens } from "./text";

describe("codePointLength", () => {
  it.each([
    ["", 0],
    ["Mug", 3],
    ["𝐁𝐎𝐋𝐃", 4], // .length is 8: each letter is a surrogate pair
    ["Áo thun", 7],
    ["เสื้อ", 5],
  ])("%j has %i code points", (text, n) => {
    expect(codePointLength(text)).toBe(n);
  });

  it("slices without splitting a surrogate pair", () => {
    expect(sliceCodePoints("𝐁𝐎𝐋𝐃", 2)).toBe("𝐁𝐎");
  });
});

describe("words and phrases", () => {
  it("tokenises letters and digits in any script, lower-cased", () => {
    expect(wordTokens("NIKE Air-Zoom 2, size: 42!")).toEqual(["nike", "air", "zoom", "2", "size", "42"]);
    expect(wordTokens("🔥 --- 🔥")).toEqual([]);
  });

  it.each([
    ["APPLE iPhone 15", "Apple", true],
    ["Pineapple slicer", "Apple", false],
    ["Hydro Flask Bottle", "hydro flask", true],
    ["Flask by Hydro", "Hydro Flask", false],
    ["Anything", "", true],
    ["Levi's 501 Jeans", "Levi's", true],
  ])("%j contains %j: %s", (text, phrase, expected) => {
    expect(containsPhrase(text, phrase)).toBe(expected);
  });
});

describe("tokenJaccard", () => {
  it.each([
    ["Running Shoes", "Running Shoes", 1],
    ["Running Shoes", "running shoes!", 1],
    ["Running Shoes", "Nike Running Shoes", 2 / 3],
    ["Running Shoes", "Nike Running Shoes Black 42", 2 / 5],
    ["Running Shoes", "Running", 1 / 2],
    ["Running Shoes", "Mug", 0],
    ["", "", 1],
    ["🔥", "Mug", 0],
  ])("%j vs %j = %d", (a, b, expected) => {
    expect(tokenJaccard(a, b)).toBeCloseTo(expected, 10);
  });
});
