import { createHmac } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import type { Config } from "@syncstore/config";

/**
 * Signed requests built from the platforms' documentation alone (not the clients' signers), for
 * the simulators' protocol tests: a mistake in either side shows as a failed test.
 */
export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

const seconds = () => Math.floor(Date.now() / 1000);
const hmac = (key: string, text: string) => createHmac("sha256", key).update(text, "utf8").digest("hex");

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

export function shopeeWire(
  base: string,
  config: Config,
  shop = { shopId: config.SHOPEE_SHOP_ID, accessToken: config.SHOPEE_ACCESS_TOKEN },
) {
  const partner = String(config.SHOPEE_PARTNER_ID);
  const shopQuery = (path: string, extra: Record<string, string> = {}) => {
    const ts = String(seconds());
    const sign = hmac(config.SHOPEE_PARTNER_KEY, `${partner}${path}${ts}${shop.accessToken}${shop.shopId}`);
    return new URLSearchParams({
      partner_id: partner,
      timestamp: ts,
      access_token: shop.accessToken,
      shop_id: String(shop.shopId),
      sign,
      ...extra,
    });
  };
  const publicQuery = (path: string, extra: Record<string, string> = {}) => {
    const ts = String(seconds());
    return new URLSearchParams({
      partner_id: partner,
      timestamp: ts,
      sign: hmac(config.SHOPEE_PARTNER_KEY, `${partner}${path}${ts}`),
      ...extra,
    });
  };
  return {
    shopQuery,
    publicQuery,
    async get(path: string, extra: Record<string, string> = {}): Promise<Answer> {
      return answer(await fetch(`${base}${path}?${shopQuery(path, extra)}`));
    },
    async post(path: string, body: unknown, query = shopQuery(path)): Promise<Answer> {
      return answer(
        await fetch(`${base}${path}?${query}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
      );
    },
  };
}

export function tiktokWire(
  base: string,
  config: Config,
  shop = { cipher: config.TIKTOK_SHOP_CIPHER, accessToken: config.TIKTOK_ACCESS_TOKEN },
) {
  const secret = config.TIKTOK_APP_SECRET;
  const signed = (path: string, query: Record<string, string>, body: string | null) => {
    const q = new URLSearchParams({ app_key: config.TIKTOK_APP_KEY, timestamp: String(seconds()), ...query });
    const keys = [...q.keys()].sort();
    const text = secret + path + keys.map((k) => k + q.get(k)).join("") + (body ?? "") + secret;
    q.set("sign", hmac(secret, text));
    return q;
  };
  const send = async (
    method: string,
    path: string,
    query: Record<string, string>,
    body?: unknown,
    appLevel = false,
  ) => {
    const raw = body === undefined ? null : JSON.stringify(body);
    const q = signed(path, appLevel ? query : { shop_cipher: shop.cipher, ...query }, raw);
    return answer(
      await fetch(`${base}${path}?${q}`, {
        method,
        headers: {
          "x-tts-access-token": shop.accessToken,
          ...(raw === null ? {} : { "content-type": "application/json" }),
        },
        ...(raw === null ? {} : { body: raw }),
      }),
    );
  };
  return {
    get: (path: string, query: Record<string, string> = {}) => send("GET", path, query),
    getApp: (path: string, query: Record<string, string> = {}) => send("GET", path, query, undefined, true),
    post: (path: string, body: unknown, query: Record<string, string> = {}) =>
      send("POST", path, query, body),
    put: (path: string, body: unknown, query: Record<string, string> = {}) => send("PUT", path, query, body),
  };
}

/** A real PNG of the given size (one grey colour), for the platforms' pixel-size rules. */
export function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0; // filter: none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
