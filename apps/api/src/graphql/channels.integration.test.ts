import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelChangesTopic, createRedis } from "@syncstore/queue";
import { createApiHarness, type ApiHarness } from "../testing/harness";

let h: ApiHarness;
beforeAll(async () => {
  h = await createApiHarness({ products: 3 });
});
afterAll(async () => h?.close());

const CHANNEL_FIELDS = `id platform name shopId market currency priceMultiplier maxAttempts rateLimitPerSecond enabled
  connection { status expiresAt }
  shipping { logistics { logisticId sizeId shippingFee maxWeightKg } warehouseId deliveryOptionIds }`;

interface ChannelAnswer {
  id: string;
  platform: "SHOPEE" | "TIKTOK_SHOP";
  name: string;
  shopId: string;
  market: string;
  currency: string;
  priceMultiplier: string;
  maxAttempts: number;
  rateLimitPerSecond: number | null;
  enabled: boolean;
  connection: { status: string; expiresAt: string | null };
  shipping: {
    logistics: { logisticId: number; sizeId: number | null }[];
    warehouseId: string | null;
    deliveryOptionIds: string[];
  } | null;
}

interface UpdateAnswer {
  updateChannel: {
    channel: ChannelAnswer | null;
    userErrors: { field: string[]; code: string; message: string }[];
  };
}

const UPDATE = `mutation($input: UpdateChannelInput!) { updateChannel(input: $input) {
  channel { ${CHANNEL_FIELDS} } userErrors { field code message } } }`;

async function channels(): Promise<ChannelAnswer[]> {
  const r = await h.gql<{ channels: ChannelAnswer[] }>(`{ channels { ${CHANNEL_FIELDS} } }`);
  expect(r.errors).toBeUndefined();
  return r.data!.channels;
}

const row = async (id: string) =>
  (
    (await h.ds.query(
      "SELECT name, price_multiplier::text AS m, max_attempts, rate_limit_per_second, enabled, shipping_profile FROM channels WHERE id = $1",
      [id],
    )) as Record<string, unknown>[]
  )[0];

describe("channels", () => {
  it("lists every shop with its settings, authorization and shipping, and never its tokens", async () => {
    const list = await channels();
    expect(list.map((c) => c.platform).sort()).toEqual(["SHOPEE", "TIKTOK_SHOP"]);
    const shopee = list.find((c) => c.platform === "SHOPEE")!;
    expect(shopee).toMatchObject({ market: "ID", currency: "IDR", maxAttempts: 5, enabled: true });
    expect(Number(shopee.priceMultiplier)).toBe(1.15);
    expect(shopee.connection.status).toBe("CONNECTED");
    expect(shopee.shipping!.logistics.length).toBeGreaterThan(0);
    const tiktok = list.find((c) => c.platform === "TIKTOK_SHOP")!;
    expect(Number(tiktok.priceMultiplier)).toBe(1.2);
    expect(tiktok.shipping!.warehouseId).toMatch(/^\d+$/);

    const one = await h.gql<{ channel: ChannelAnswer | null }>(
      `query($id: ID!) { channel(id: $id) { id name } }`,
      {
        id: shopee.id,
      },
    );
    expect(one.data!.channel).toEqual({ id: shopee.id, name: shopee.name });
    expect((await h.gql<{ channel: null }>(`{ channel(id: "999999") { id } }`)).data!.channel).toBeNull();
    const bad = await h.gql(`{ channel(id: "abc") { id } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    // The schema has no field that could carry a token.
    const schema = await h.gql<{ __type: { fields: { name: string }[] } }>(
      `{ __type(name: "Channel") { fields { name } } }`,
    );
    expect(schema.data!.__type.fields.map((f) => f.name).join(" ")).not.toMatch(/token/i);
  });

  it("tells EXPIRING a day before the refresh token ends, EXPIRED after, DISCONNECTED without tokens", async () => {
    const [shopee] = (await channels()).filter((c) => c.platform === "SHOPEE");
    const saved = (await h.ds.query(
      "SELECT access_token, refresh_token, refresh_token_expires_at FROM channels WHERE id = $1",
      [shopee!.id],
    )) as { access_token: string; refresh_token: string; refresh_token_expires_at: Date | null }[];
    const statusAt = async (sql: string) => {
      await h.ds.query(`UPDATE channels SET ${sql} WHERE id = $1`, [shopee!.id]);
      return (await channels()).find((c) => c.id === shopee!.id)!.connection;
    };
    try {
      expect((await statusAt("refresh_token_expires_at = now() + interval '2 days'")).status).toBe(
        "CONNECTED",
      );
      const expiring = await statusAt("refresh_token_expires_at = now() + interval '3 hours'");
      expect(expiring.status).toBe("EXPIRING");
      expect(new Date(expiring.expiresAt!).getTime()).toBeGreaterThan(Date.now());
      expect((await statusAt("refresh_token_expires_at = now() - interval '1 minute'")).status).toBe(
        "EXPIRED",
      );
      expect((await statusAt("access_token = NULL, refresh_token = NULL")).status).toBe("DISCONNECTED");
    } finally {
      await h.ds.query(
        "UPDATE channels SET access_token = $2, refresh_token = $3, refresh_token_expires_at = $4 WHERE id = $1",
        [shopee!.id, saved[0]!.access_token, saved[0]!.refresh_token, saved[0]!.refresh_token_expires_at],
      );
    }
  });

  it("gives every listing its channel", async () => {
    const [shopee] = (await channels()).filter((c) => c.platform === "SHOPEE");
    const [p] = (await h.ds.query("SELECT id::text FROM products ORDER BY id LIMIT 1")) as { id: string }[];
    await h.ds.query(
      "INSERT INTO listings (product_id, channel_id, status) VALUES ($1, $2, 'PENDING') ON CONFLICT DO NOTHING",
      [p!.id, shopee!.id],
    );
    const r = await h.gql<{ product: { listings: { channel: { id: string; shopId: string } }[] } }>(
      `query($id: ID!) { product(id: $id) { listings { channel { id shopId } } } }`,
      { id: p!.id },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.product.listings).toContainEqual({ channel: { id: shopee!.id, shopId: shopee!.shopId } });
  });

  it("counts the products whose category is mapped for each shop: shared mappings, then a shop's own", async () => {
    type Coverage = {
      id: string;
      platform: string;
      mappingCoverage: { productCount: number; mappedProductCount: number };
    };
    const coverage = async () => {
      const r = await h.gql<{ channels: Coverage[] }>(
        "{ channels { id platform mappingCoverage { productCount mappedProductCount } } }",
      );
      expect(r.errors).toBeUndefined();
      return new Map(r.data!.channels.map((c) => [c.platform, c]));
    };
    const [{ n: products }] = (await h.ds.query("SELECT count(*)::int AS n FROM products")) as [
      { n: number },
    ];
    const before = await coverage();
    for (const c of before.values()) {
      expect(c.mappingCoverage.productCount).toBe(products);
      // The demo catalog's first products are all in categories the demo mapping covers.
      expect(c.mappingCoverage.mappedProductCount).toBe(products);
    }

    const category = "Kategori Tanpa Peta";
    await h.ds.query(
      `INSERT INTO products (sku, title, price, currency, stock, category)
       VALUES ('COVERAGE-1', 'Produk tanpa peta kategori', 10000, 'IDR', 1, $1),
              ('COVERAGE-2', 'Produk tanpa kategori sama sekali', 10000, 'IDR', 1, NULL)`,
      [category],
    );
    const added = await coverage();
    for (const c of added.values())
      expect(c.mappingCoverage).toEqual({ productCount: products + 2, mappedProductCount: products });

    // A mapping of the Shopee shop's own covers that shop only.
    const shopee = added.get("SHOPEE")!;
    await h.ds.query(
      `INSERT INTO category_mappings (platform, market, channel_id, master_category, category_id)
       VALUES ('SHOPEE', 'ID', $1, $2, '100001')`,
      [shopee.id, category],
    );
    const mapped = await coverage();
    expect(mapped.get("SHOPEE")!.mappingCoverage.mappedProductCount).toBe(products + 1);
    expect(mapped.get("TIKTOK_SHOP")!.mappingCoverage.mappedProductCount).toBe(products);
  });
});

describe("updateChannel", () => {
  it("changes the settings, announces the change to the workers, and answers the new state", async () => {
    const [tiktok] = (await channels()).filter((c) => c.platform === "TIKTOK_SHOP");
    const sub = createRedis(h.config.REDIS_URL);
    const heard: string[] = [];
    await sub.subscribe(channelChangesTopic(h.namespace));
    sub.on("message", (_topic, id: string) => heard.push(id));
    try {
      const r = await h.gql<UpdateAnswer>(UPDATE, {
        input: {
          id: tiktok!.id,
          name: "  TikTok Shop Jakarta  ",
          priceMultiplier: "1.25",
          maxAttempts: 4,
          rateLimitPerSecond: 40,
          shipping: { warehouseId: "7000714532876273420" },
        },
      });
      expect(r.errors).toBeUndefined();
      expect(r.data!.updateChannel.userErrors).toEqual([]);
      expect(r.data!.updateChannel.channel).toMatchObject({
        name: "TikTok Shop Jakarta",
        maxAttempts: 4,
        rateLimitPerSecond: 40,
        shipping: { warehouseId: "7000714532876273420", logistics: [] },
      });
      expect(Number(r.data!.updateChannel.channel!.priceMultiplier)).toBe(1.25);
      expect(await row(tiktok!.id)).toMatchObject({
        m: "1.2500",
        max_attempts: 4,
        rate_limit_per_second: 40,
      });
      for (let i = 0; i < 50 && !heard.includes(tiktok!.id); i++) await new Promise((r) => setTimeout(r, 20));
      expect(heard).toContain(tiktok!.id);

      const back = await h.gql<UpdateAnswer>(UPDATE, {
        input: { id: tiktok!.id, useDefaultRateLimit: true },
      });
      expect(back.data!.updateChannel.channel!.rateLimitPerSecond).toBeNull();
    } finally {
      await sub.quit();
    }
  });

  it.each([
    [{ priceMultiplier: "0" }, ["input", "priceMultiplier"], "OUT_OF_RANGE"],
    [{ priceMultiplier: "-1.15" }, ["input", "priceMultiplier"], "OUT_OF_RANGE"],
    [{ priceMultiplier: "11" }, ["input", "priceMultiplier"], "OUT_OF_RANGE"],
    [{ maxAttempts: 0 }, ["input", "maxAttempts"], "OUT_OF_RANGE"],
    [{ maxAttempts: 21 }, ["input", "maxAttempts"], "OUT_OF_RANGE"],
    [{ rateLimitPerSecond: 0 }, ["input", "rateLimitPerSecond"], "OUT_OF_RANGE"],
    [{ rateLimitPerSecond: 5000 }, ["input", "rateLimitPerSecond"], "OUT_OF_RANGE"],
    [{ name: "   " }, ["input", "name"], "REQUIRED"],
    [{ rateLimitPerSecond: 10, useDefaultRateLimit: true }, ["input", "rateLimitPerSecond"], "INVALID"],
    [
      { shipping: { logistics: [{ logisticId: 8005 }, { logisticId: 8005 }] } },
      ["input", "shipping", "logistics", "1", "logisticId"],
      "DUPLICATE",
    ],
    [{ shipping: { logistics: [] } }, ["input", "shipping", "logistics"], "REQUIRED"],
  ])("refuses %j naming %j, and writes nothing", async (patch, field, code) => {
    const [shopee] = (await channels()).filter((c) => c.platform === "SHOPEE");
    const before = await row(shopee!.id);
    const r = await h.gql<UpdateAnswer>(UPDATE, { input: { id: shopee!.id, maxAttempts: 7, ...patch } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateChannel.channel).toBeNull();
    expect(r.data!.updateChannel.userErrors).toContainEqual(expect.objectContaining({ field, code }));
    // The valid maxAttempts beside the bad field was not written either.
    expect(await row(shopee!.id)).toEqual(before);
  });

  it("names the rule each refusal broke, with its params, so a client can say it in its language", async () => {
    const [shopee] = (await channels()).filter((c) => c.platform === "SHOPEE");
    const r = await h.gql<{
      updateChannel: { userErrors: { field: string[]; rule: string | null; params: unknown }[] };
    }>(
      `mutation ($input: UpdateChannelInput!) { updateChannel(input: $input) { userErrors { field rule params { name value } } } }`,
      { input: { id: shopee!.id, maxAttempts: 0, priceMultiplier: "11", name: "   " } },
    );
    expect(r.data!.updateChannel.userErrors).toEqual(
      expect.arrayContaining([
        { field: ["input", "name"], rule: "BLANK", params: [] },
        { field: ["input", "priceMultiplier"], rule: "MAX", params: [{ name: "max", value: "10" }] },
        {
          field: ["input", "maxAttempts"],
          rule: "WHOLE_NUMBER_BETWEEN",
          params: [
            { name: "min", value: "1" },
            { name: "max", value: "20" },
          ],
        },
      ]),
    );
  });

  it("turns automatic sync per kind of change on and off: stock and price on, content off by default", async () => {
    const [shopee] = (await channels()).filter((c) => c.platform === "SHOPEE");
    const q = `mutation($input: UpdateChannelInput!) { updateChannel(input: $input) {
      channel { autoSyncStock autoSyncPrice autoSyncContent } userErrors { code } } }`;
    const settings = async () =>
      (
        await h.gql<{
          channel: { autoSyncStock: boolean; autoSyncPrice: boolean; autoSyncContent: boolean };
        }>(`query($id: ID!) { channel(id: $id) { autoSyncStock autoSyncPrice autoSyncContent } }`, {
          id: shopee!.id,
        })
      ).data!.channel;
    expect(await settings()).toEqual({ autoSyncStock: true, autoSyncPrice: true, autoSyncContent: false });
    const r = await h.gql<{ updateChannel: { channel: unknown; userErrors: unknown[] } }>(q, {
      input: { id: shopee!.id, autoSyncPrice: false, autoSyncContent: true },
    });
    expect(r.data!.updateChannel).toEqual({
      channel: { autoSyncStock: true, autoSyncPrice: false, autoSyncContent: true },
      userErrors: [],
    });
    expect(await settings()).toEqual({ autoSyncStock: true, autoSyncPrice: false, autoSyncContent: true });
    await h.gql(q, { input: { id: shopee!.id, autoSyncPrice: true, autoSyncContent: false } });
  });

  it("refuses a multiplier that is not a decimal at the edge, a warehouse that is not an id, and an unknown channel", async () => {
    const list = await channels();
    const shopee = list.find((c) => c.platform === "SHOPEE")!;
    const tiktok = list.find((c) => c.platform === "TIKTOK_SHOP")!;
    const text = await h.gql(UPDATE, { input: { id: shopee.id, priceMultiplier: "1,15" } });
    expect(text.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    // The Decimal scalar allows 4 decimals, as the column does.
    const digits = await h.gql(UPDATE, { input: { id: shopee.id, priceMultiplier: "1.12345" } });
    expect(digits.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const warehouse = await h.gql<UpdateAnswer>(UPDATE, {
      input: { id: tiktok.id, shipping: { warehouseId: "../x" } },
    });
    expect(warehouse.data!.updateChannel.userErrors).toContainEqual(
      expect.objectContaining({ field: ["input", "shipping", "warehouseId"], code: "INVALID" }),
    );
    const unknown = await h.gql<UpdateAnswer>(UPDATE, { input: { id: "999999", maxAttempts: 3 } });
    expect(unknown.data!.updateChannel.userErrors).toEqual([
      expect.objectContaining({ field: ["input", "id"], code: "NOT_FOUND" }),
    ]);
  });

  it("is for admins only", async () => {
    const [shopee] = await channels();
    const anonymous = await h.gql(
      UPDATE,
      { input: { id: shopee!.id, maxAttempts: 3 } },
      { authorization: "" },
    );
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
