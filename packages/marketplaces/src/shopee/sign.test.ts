import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signShopeeRequest, type ShopeeSignInput } from "./sign";

/** The documented base string written out by hand: partner_id + api_path + timestamp [+ access_token + shop_id]. */
function referenceSign(key: string, parts: (string | number)[]): string {
  return createHmac("sha256", Buffer.from(key, "utf8"))
    .update(Buffer.from(parts.map(String).join(""), "utf8"))
    .digest("hex");
}

interface Vector {
  name: string;
  input: ShopeeSignInput;
  base: (string | number)[];
  /** Pinned with `printf '%s' BASE | openssl dgst -sha256 -hmac KEY`, outside Node. */
  expected: string;
}

const vectors: Vector[] = [
  {
    name: "shop call: partner_id + path + timestamp + access_token + shop_id",
    input: {
      partnerKey: "partner-key",
      partnerId: 1000001,
      path: "/api/v2/product/add_item",
      timestamp: 1700000000,
      accessToken: "tok-abc",
      shopId: 2000001,
    },
    base: [1000001, "/api/v2/product/add_item", 1700000000, "tok-abc", 2000001],
    expected: "06c03a826db4a688a31104e067f959a0ded1b4f1eb8270776ed84dfb56d89ab2",
  },
  {
    name: "public call (token refresh): partner_id + path + timestamp",
    input: {
      partnerKey: "6c5a4b7d8e",
      partnerId: 2001887,
      path: "/api/v2/auth/access_token/get",
      timestamp: 1655714431,
    },
    base: [2001887, "/api/v2/auth/access_token/get", 1655714431],
    expected: "fab3cbcddd757950aa1032e41ef6a5cad5628d86041a759e697b13591d96c89f",
  },
  {
    name: "public call (media upload)",
    input: {
      partnerKey: "6c5a4b7d8e",
      partnerId: "2001887",
      path: "/api/v2/media_space/upload_image",
      timestamp: "1655714431",
    },
    base: [2001887, "/api/v2/media_space/upload_image", 1655714431],
    expected: "496a161defb88b7177cb21b2793a757682b159ae37490333e182558a3fc86106",
  },
  {
    name: "non-ASCII key and token are UTF-8 bytes",
    input: {
      partnerKey: "clé-secrète",
      partnerId: 1,
      path: "/api/v2/product/get_item_base_info",
      timestamp: 1699999999,
      accessToken: "ä-token-ü",
      shopId: 42,
    },
    base: [1, "/api/v2/product/get_item_base_info", 1699999999, "ä-token-ü", 42],
    expected: "320e14e5077a7e5db365664e9b2c5ff0f0db024eac2a54144f56d1b87c71a06c",
  },
];

describe("signShopeeRequest", () => {
  it.each(vectors)("$name", ({ input, base, expected }) => {
    expect(referenceSign(input.partnerKey, base)).toBe(expected);
    expect(signShopeeRequest(input)).toBe(expected);
  });

  it.each<[string, Partial<ShopeeSignInput>]>([
    ["partner id", { partnerId: 1000002 }],
    ["path", { path: "/api/v2/product/update_item" }],
    ["timestamp", { timestamp: 1700000001 }],
    ["access token", { accessToken: "tok-abd" }],
    ["shop id", { shopId: 2000002 }],
    ["partner key", { partnerKey: "partner-kez" }],
  ])("changes when the %s changes", (_, change) => {
    const base = vectors[0]!.input;
    expect(signShopeeRequest({ ...base, ...change })).not.toBe(vectors[0]!.expected);
  });

  it("is 64 lowercase hex characters", () => {
    expect(signShopeeRequest(vectors[1]!.input)).toMatch(/^[0-9a-f]{64}$/);
  });
});
