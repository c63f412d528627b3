import { createHmac } from "node:crypto";
import { loadConfig } from "@syncstore/config";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSimulators, type RunningSimulators } from "./simulators";
import { shopeeWire, tiktokWire } from "./testing/wire";

/** Both seller-authorization flows end to end over HTTP, as a browser and the API would drive them. */
const config = loadConfig({});
let sims: RunningSimulators;

beforeAll(async () => {
  sims = await startSimulators(config, { shopee: 0, tiktok: 0 });
});
afterAll(() => sims.close());
afterEach(() => {
  sims.shopee.control.update({ authCodeTtlSec: 600 });
  sims.tiktok.control.update({ authCodeTtlSec: 600 });
});

/** What the consent form posts: the shop choice and the Approve button. */
function approve(url: string, shop: string) {
  return fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ shop, shop_name: "Toko Kedua", decision: "approve" }).toString(),
  });
}

describe("Shopee shop authorization", () => {
  const path = "/api/v2/shop/auth_partner";
  const link = (redirect = "http://127.0.0.1:4000/connect/shopee/callback") => {
    const ts = String(Math.floor(Date.now() / 1000));
    const sign = createHmac("sha256", config.SHOPEE_PARTNER_KEY)
      .update(`${config.SHOPEE_PARTNER_ID}${path}${ts}`)
      .digest("hex");
    return `${sims.shopee.url}${path}?${new URLSearchParams({ partner_id: String(config.SHOPEE_PARTNER_ID), timestamp: ts, sign, redirect })}`;
  };
  const wire = () => shopeeWire(sims.shopee.url, config);
  const tokenGet = (code: string, shopId: number) =>
    wire().post(
      "/api/v2/auth/token/get",
      { code, shop_id: shopId, partner_id: config.SHOPEE_PARTNER_ID },
      wire().publicQuery("/api/v2/auth/token/get"),
    );

  it("consent page → redirect with code and shop_id → tokens that open that shop only", async () => {
    const pageRes = await fetch(link());
    expect(pageRes.headers.get("content-type")).toMatch(/text\/html/);
    const html = await pageRes.text();
    expect(html).toContain(`value="${config.SHOPEE_SHOP_ID}"`);
    expect(html).toMatch(/<button type="submit"[^>]*>Approve<\/button>/);

    const approved = await approve(link(), "new");
    expect(approved.status).toBe(302);
    const back = new URL(approved.headers.get("location")!);
    expect(back.origin + back.pathname).toBe("http://127.0.0.1:4000/connect/shopee/callback");
    const code = back.searchParams.get("code")!;
    const shopId = Number(back.searchParams.get("shop_id"));
    expect(shopId).not.toBe(config.SHOPEE_SHOP_ID);

    const tokens = await tokenGet(code, shopId);
    expect(tokens.body).toMatchObject({
      error: "",
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expire_in: 14400,
    });
    const shop = shopeeWire(sims.shopee.url, config, {
      shopId,
      accessToken: tokens.body.access_token as string,
    });
    const list = await shop.get("/api/v2/product/get_item_list", {
      offset: "0",
      page_size: "10",
      item_status: "NORMAL",
    });
    expect(list.body).toMatchObject({ error: "", response: { total_count: 0 } });
    const other = shopeeWire(sims.shopee.url, config, {
      shopId: config.SHOPEE_SHOP_ID,
      accessToken: tokens.body.access_token as string,
    });
    expect(
      (
        await other.get("/api/v2/product/get_item_list", {
          offset: "0",
          page_size: "10",
          item_status: "NORMAL",
        })
      ).body.error,
    ).toBe("invalid_acceess_token");

    const replay = await tokenGet(code, shopId);
    expect(replay).toMatchObject({
      status: 403,
      body: { error: "error_auth", message: expect.stringContaining("already been used") },
    });
  });

  it("refuses an expired code, a code for another shop, and a link with a wrong sign", async () => {
    sims.shopee.control.update({ authCodeTtlSec: 0 });
    const expired = new URL((await approve(link(), String(config.SHOPEE_SHOP_ID))).headers.get("location")!);
    expect((await tokenGet(expired.searchParams.get("code")!, config.SHOPEE_SHOP_ID)).body.message).toContain(
      "expired",
    );
    sims.shopee.control.update({ authCodeTtlSec: 600 });
    const fresh = new URL((await approve(link(), String(config.SHOPEE_SHOP_ID))).headers.get("location")!);
    expect((await tokenGet(fresh.searchParams.get("code")!, 999)).body.message).toContain(
      "not issued for this shop_id",
    );

    const forged = link().replace(/sign=[0-9a-f]+/, `sign=${"0".repeat(64)}`);
    expect(await (await fetch(forged)).json()).toMatchObject({ error: "error_sign" });
    expect((await fetch(link("javascript:alert(1)"))).status).toBe(400);
  });
});

describe("TikTok Shop authorization on the auth host", () => {
  const redirectUrl = config.TIKTOK_REDIRECT_URL;
  const tokenGet = (code: string, secret = config.TIKTOK_APP_SECRET) =>
    fetch(
      `${sims.tiktokAuth.url}/api/v2/token/get?${new URLSearchParams({ app_key: config.TIKTOK_APP_KEY, app_secret: secret, auth_code: code, grant_type: "authorized_code" })}`,
    ).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
  const codeFrom = async (url: string, shop: string) => {
    const res = await approve(url, shop);
    expect(res.status).toBe(302);
    return new URL(res.headers.get("location")!);
  };

  it("both links → registered redirect with code and state → tokens → shops with cipher → API calls", async () => {
    const older = `${sims.tiktokAuth.url}/oauth/authorize?app_key=${config.TIKTOK_APP_KEY}&state=s-1%2Fx`;
    expect(await (await fetch(older)).text()).toContain("Approve");
    const back = await codeFrom(older, "new");
    expect(back.origin + back.pathname).toBe(redirectUrl);
    expect(back.searchParams.get("state")).toBe("s-1/x");

    const tokens = await tokenGet(back.searchParams.get("code")!);
    expect(tokens.body).toMatchObject({
      code: 0,
      data: { access_token: expect.stringMatching(/^TTP_/), refresh_token: expect.stringMatching(/^TTR_/) },
    });
    const data = tokens.body.data as {
      access_token: string;
      refresh_token: string;
      access_token_expire_in: number;
    };
    expect(data.access_token_expire_in).toBeGreaterThan(Date.now() / 1000);

    const app = tiktokWire(sims.tiktok.url, config, { cipher: "", accessToken: data.access_token });
    const shops = await app.getApp("/authorization/202309/shops");
    const list = (shops.body.data as { shops: { cipher: string; name: string; region: string }[] }).shops;
    expect(list).toEqual([
      expect.objectContaining({ name: "Toko Kedua", region: "ID", cipher: expect.stringMatching(/^ROW_/) }),
    ]);
    const shop = tiktokWire(sims.tiktok.url, config, {
      cipher: list[0]!.cipher,
      accessToken: data.access_token,
    });
    expect((await shop.get("/logistics/202309/warehouses")).body.code).toBe(0);
    const otherShop = tiktokWire(sims.tiktok.url, config, {
      cipher: config.TIKTOK_SHOP_CIPHER,
      accessToken: data.access_token,
    });
    expect((await otherShop.get("/logistics/202309/warehouses")).body.code).toBe(105001);

    const replay = await tokenGet(back.searchParams.get("code")!);
    expect(replay.body).toMatchObject({
      code: 36004004,
      message: expect.stringContaining("already been used"),
    });

    const refreshed = await fetch(
      `${sims.tiktokAuth.url}/api/v2/token/refresh?${new URLSearchParams({ app_key: config.TIKTOK_APP_KEY, app_secret: config.TIKTOK_APP_SECRET, refresh_token: data.refresh_token, grant_type: "refresh_token" })}`,
    );
    expect(await refreshed.json()).toMatchObject({
      code: 0,
      data: { access_token: expect.stringMatching(/^TTP_/) },
    });

    const newer = `${sims.tiktokAuth.url}/open/authorize?service_id=${config.TIKTOK_SERVICE_ID}&state=abc&redirect_uri=${encodeURIComponent(redirectUrl)}`;
    expect((await codeFrom(newer, config.TIKTOK_SHOP_CIPHER)).searchParams.get("state")).toBe("abc");
  });

  it("refuses a wrong app, a foreign redirect_uri, a wrong secret and an expired code", async () => {
    expect((await fetch(`${sims.tiktokAuth.url}/oauth/authorize?app_key=other&state=x`)).status).toBe(400);
    expect((await fetch(`${sims.tiktokAuth.url}/open/authorize?service_id=other&state=x`)).status).toBe(400);
    const foreign = await approve(
      `${sims.tiktokAuth.url}/oauth/authorize?app_key=${config.TIKTOK_APP_KEY}&state=x&redirect_uri=https%3A%2F%2Fevil.example%2Fcb`,
      "new",
    );
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain("redirect_uri does not match");

    const link = `${sims.tiktokAuth.url}/oauth/authorize?app_key=${config.TIKTOK_APP_KEY}&state=x`;
    const code = (await codeFrom(link, config.TIKTOK_SHOP_CIPHER)).searchParams.get("code")!;
    expect((await tokenGet(code, "wrong-secret")).body.code).toBe(36004004);
    sims.tiktok.control.update({ authCodeTtlSec: 0 });
    const stale = (await codeFrom(link, config.TIKTOK_SHOP_CIPHER)).searchParams.get("code")!;
    expect((await tokenGet(stale)).body).toMatchObject({
      code: 36004004,
      message: expect.stringContaining("expired"),
    });
  });
});
