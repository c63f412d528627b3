import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "@syncstore/config";
import { startSimulators, type RunningSimulators } from "@syncstore/marketplace-sim";
import { channelChangesTopic, createRedis } from "@syncstore/queue";
import type { Redis } from "ioredis";
import { createApiHarness, type ApiHarness } from "../testing/harness";

/**
 * The whole authorization over HTTP, as a browser would walk it: connectChannel's link → the
 * simulator's consent page → its Approve form → the API's callback → the Channels page. Nothing is
 * stubbed: the simulators verify the partner signing and the single-use codes like the real hosts.
 */
let h: ApiHarness;
let sims: RunningSimulators;
let subscriber: Redis;
const announced: string[] = [];

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

beforeAll(async () => {
  const apiPort = await freePort();
  const publicUrl = `http://127.0.0.1:${apiPort}`;
  sims = await startSimulators(loadConfig({ TIKTOK_REDIRECT_URL: `${publicUrl}/connect/tiktok/callback` }), {
    shopee: 0,
    tiktok: 0,
  });
  h = await createApiHarness({
    port: apiPort,
    env: {
      PUBLIC_URL: publicUrl,
      SHOPEE_API_BASE: sims.shopee.url,
      TIKTOK_API_BASE: sims.tiktok.url,
      TIKTOK_AUTH_BASE: sims.tiktokAuth.url,
    },
  });
  subscriber = createRedis(h.config.REDIS_URL);
  subscriber.on("message", (_topic: string, id: string) => announced.push(id));
  await subscriber.subscribe(channelChangesTopic(h.namespace));
}, 60_000);

afterAll(async () => {
  subscriber?.disconnect();
  await h?.close();
  await sims?.close();
});

interface ChannelAnswer {
  id: string;
  platform: string;
  name: string;
  shopId: string;
  market: string;
  currency: string;
  enabled: boolean;
  connection: { status: string; expiresAt: string | null };
}
const FIELDS = "id platform name shopId market currency enabled connection { status expiresAt }";

async function channels(): Promise<ChannelAnswer[]> {
  const r = await h.gql<{ channels: ChannelAnswer[] }>(`{ channels { ${FIELDS} } }`);
  expect(r.errors).toBeUndefined();
  return r.data!.channels;
}

async function connect(input: Record<string, unknown>): Promise<string> {
  const r = await h.gql<{ connectChannel: { authorizationUrl: string | null; userErrors: unknown[] } }>(
    `mutation($input: ConnectChannelInput!) { connectChannel(input: $input) { authorizationUrl userErrors { field code message } } }`,
    { input },
  );
  expect(r.errors).toBeUndefined();
  expect(r.data!.connectChannel.userErrors).toEqual([]);
  return r.data!.connectChannel.authorizationUrl!;
}

const unescape = (s: string) => s.replace(/&#(\d+);/g, (_m, c: string) => String.fromCharCode(Number(c)));

/** Opens the consent page and submits its form like a browser; returns where the marketplace redirects. */
async function approve(authorizationUrl: string, shop: string, shopName = "Toko Kedua"): Promise<string> {
  const page = await fetch(authorizationUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  const action = unescape(/<form method="post" action="([^"]+)"/.exec(html)![1]!);
  const res = await fetch(new URL(action, authorizationUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ shop, shop_name: shopName, decision: "approve" }).toString(),
    redirect: "manual",
  });
  expect(res.status).toBe(302);
  return res.headers.get("location")!;
}

/** Follows the marketplace's redirect to the API's callback; returns the Channels page it sends to. */
async function callback(url: string): Promise<URL> {
  const res = await fetch(url, { redirect: "manual" });
  expect(res.status).toBe(303);
  return new URL(res.headers.get("location")!, url);
}

const tokenRow = async (id: string) =>
  (
    (await h.ds.query(
      "SELECT access_token, refresh_token, access_token_expires_at, refresh_token_expires_at FROM channels WHERE id = $1",
      [id],
    )) as {
      access_token: string | null;
      refresh_token: string | null;
      access_token_expires_at: Date | null;
      refresh_token_expires_at: Date | null;
    }[]
  )[0]!;

describe("connecting shops", () => {
  let secondShopee: ChannelAnswer;

  it("a second Shopee shop becomes a second channel, with sealed tokens and their expiry, announced to workers", async () => {
    const before = await channels();
    const link = await connect({ platform: "SHOPEE", name: "Shopee Kedua" });
    expect(new URL(link).origin).toBe(sims.shopee.url);
    const back = await callback(await approve(link, "new"));
    expect(back.pathname).toBe("/channels");
    expect(back.searchParams.get("connectError")).toBeNull();
    const [id] = back.searchParams.get("connected")!.split(",");

    const after = await channels();
    expect(after).toHaveLength(before.length + 1);
    secondShopee = after.find((c) => c.id === id)!;
    expect(secondShopee).toMatchObject({
      platform: "SHOPEE",
      name: "Shopee Kedua",
      market: "ID",
      currency: "IDR",
      enabled: true,
    });
    expect(secondShopee.connection.status).toBe("CONNECTED");
    expect(new Date(secondShopee.connection.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 86_400_000);
    expect(before.some((c) => c.shopId === secondShopee.shopId)).toBe(false);

    const row = await tokenRow(id!);
    expect(row.access_token).toMatch(/^v1:/);
    expect(row.refresh_token).toMatch(/^v1:/);
    expect(row.access_token_expires_at!.getTime()).toBeGreaterThan(Date.now());
    await expect.poll(() => announced.includes(id!)).toBe(true);
  });

  it("the same callback replayed is refused and changes nothing", async () => {
    const link = await connect({ platform: "SHOPEE" });
    const redirect = await approve(link, secondShopee.shopId);
    const first = await callback(redirect);
    expect(first.searchParams.get("connected")).toBe(secondShopee.id);
    const tokens = await tokenRow(secondShopee.id);
    const count = (await channels()).length;

    const replay = await callback(redirect);
    expect(replay.pathname).toBe("/channels");
    expect(replay.searchParams.get("connectError")).toBe("STATE_USED_OR_EXPIRED");
    expect(await channels()).toHaveLength(count);
    expect(await tokenRow(secondShopee.id)).toEqual(tokens);
  });

  it("reconnecting an existing shop renews its tokens and keeps its channel", async () => {
    const seeded = (await channels()).find((c) => c.platform === "SHOPEE" && c.id !== secondShopee.id)!;
    const before = await tokenRow(seeded.id);
    const count = (await channels()).length;
    const back = await callback(await approve(await connect({ platform: "SHOPEE" }), seeded.shopId));
    expect(back.searchParams.get("connected")).toBe(seeded.id);
    expect(await channels()).toHaveLength(count);
    const after = await tokenRow(seeded.id);
    expect(after.access_token).not.toBe(before.access_token);
    expect((await channels()).find((c) => c.id === seeded.id)!.name).toBe(seeded.name);
  });

  it("refuses a forged, expired, other-platform or missing state, and a code the marketplace refuses", async () => {
    const count = (await channels()).length;
    const api = h.api.url;
    const err = async (url: string) => (await callback(url)).searchParams.get("connectError");

    expect(await err(`${api}/connect/shopee/callback?state=abc.def&code=x&shop_id=1`)).toBe("STATE_FOREIGN");
    expect(await err(`${api}/connect/shopee/callback?code=x&shop_id=1`)).toBe("STATE_MISSING");
    expect(await err(`${api}/connect/lazada/callback?state=a&code=b`)).toBe("UNKNOWN_PLATFORM");

    // A TikTok state brought to the Shopee callback is someone else's link.
    const tiktokState = new URL(await connect({ platform: "TIKTOK_SHOP" })).searchParams.get("state")!;
    expect(await err(`${api}/connect/shopee/callback?state=${tiktokState}&code=x&shop_id=1`)).toBe(
      "STATE_FOREIGN",
    );

    // Expired: the state's lifetime is Redis's; end it now.
    const redirect = new URL(await approve(await connect({ platform: "SHOPEE" }), secondShopee.shopId));
    const stateId = redirect.searchParams.get("state")!.split(".")[0]!;
    await h.redis.pexpire(`${h.namespace}:connect-state:${stateId}`, 1);
    await expect.poll(() => h.redis.exists(`${h.namespace}:connect-state:${stateId}`)).toBe(0);
    expect(await err(redirect.toString())).toBe("STATE_USED_OR_EXPIRED");

    // A valid state with a code the marketplace never issued.
    const fresh = new URL(await approve(await connect({ platform: "SHOPEE" }), secondShopee.shopId));
    fresh.searchParams.set("code", "0".repeat(32));
    expect(await err(fresh.toString())).toBe("CODE_REFUSED");

    expect(await channels()).toHaveLength(count);
  });

  it("connects a TikTok shop through the auth host, by its cipher", async () => {
    const link = await connect({ platform: "TIKTOK_SHOP" });
    expect(new URL(link).origin).toBe(sims.tiktokAuth.url);
    const redirect = await approve(link, "new", "Toko TikTok Baru");
    expect(redirect.startsWith(`${h.api.url}/connect/tiktok/callback?`)).toBe(true);
    const back = await callback(redirect);
    const [id] = back.searchParams.get("connected")!.split(",");
    const channel = (await channels()).find((c) => c.id === id)!;
    expect(channel).toMatchObject({ platform: "TIKTOK_SHOP", name: "Toko TikTok Baru", enabled: true });
    expect(channel.shopId).not.toBe(h.config.TIKTOK_SHOP_CIPHER);
    expect(channel.connection.status).toBe("CONNECTED");
  });

  it("refuses bad connectChannel input with userErrors", async () => {
    const r = await h.gql<{
      connectChannel: { authorizationUrl: string | null; userErrors: { code: string }[] };
    }>(
      `mutation { connectChannel(input: { platform: SHOPEE, market: "XX" }) { authorizationUrl userErrors { field code } } }`,
    );
    expect(r.data!.connectChannel).toEqual({
      authorizationUrl: null,
      userErrors: [{ field: ["input", "market"], code: "INVALID" }],
    });
  });

  it("disconnecting clears the tokens and disables the channel; unknown ids are userErrors", async () => {
    const DISCONNECT = `mutation($id: ID!) { disconnectChannel(id: $id) { channel { ${FIELDS} } userErrors { field code } } }`;
    const r = await h.gql<{ disconnectChannel: { channel: ChannelAnswer; userErrors: unknown[] } }>(
      DISCONNECT,
      {
        id: secondShopee.id,
      },
    );
    expect(r.data!.disconnectChannel.userErrors).toEqual([]);
    expect(r.data!.disconnectChannel.channel).toMatchObject({
      id: secondShopee.id,
      enabled: false,
      connection: { status: "DISCONNECTED", expiresAt: null },
    });
    expect(await tokenRow(secondShopee.id)).toEqual({
      access_token: null,
      refresh_token: null,
      access_token_expires_at: null,
      refresh_token_expires_at: null,
    });
    for (const id of ["999999", "abc"]) {
      const unknown = await h.gql<{ disconnectChannel: { channel: null; userErrors: unknown[] } }>(
        DISCONNECT,
        {
          id,
        },
      );
      expect(unknown.data!.disconnectChannel).toEqual({
        channel: null,
        userErrors: [{ field: ["id"], code: "NOT_FOUND" }],
      });
    }
    // Connecting it again brings the same channel back.
    const back = await callback(await approve(await connect({ platform: "SHOPEE" }), secondShopee.shopId));
    expect(back.searchParams.get("connected")).toBe(secondShopee.id);
    expect((await channels()).find((c) => c.id === secondShopee.id)).toMatchObject({
      enabled: true,
      connection: { status: "CONNECTED" },
    });
  });
});
