import net from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { ProgressEvent } from "@syncstore/core";
import { startApi, type ApiServer } from "../server";
import { createApiHarness, type ApiHarness } from "../testing/harness";

// Issue #13: "150 sockets on one key accepted; a 20 MB unauthenticated connection_init parsed before
// the 4401; a 5 MB query ran over WS while HTTP refuses bodies over 1 MB."
let h: ApiHarness;
const sockets: WebSocket[] = [];
const servers: ApiServer[] = [];

/** An API instance on the harness' database with some settings changed. */
async function instance(env: Partial<ApiHarness["config"]>): Promise<ApiServer> {
  const api = await startApi(
    { config: { ...h.config, ...env }, dataSource: h.ds, redis: h.redis },
    0,
    "127.0.0.1",
  );
  servers.push(api);
  return api;
}

interface Raw {
  ws: WebSocket;
  tcp: () => net.Socket;
  /** The HTTP status when the upgrade was refused, else the close code. */
  outcome: Promise<{ status?: number; retryAfter?: string; code?: number; reason?: string }>;
  messages: { type: string; id?: string; payload?: unknown }[];
  opened: Promise<boolean>;
  /** Waits until a message of this type arrived (rejects when the socket closes first). */
  next(type: string): Promise<{ type: string; payload?: unknown }>;
  /** Waits until `count` messages of this type arrived. */
  count(type: string, count: number): Promise<void>;
  send(message: unknown): void;
}

/** A graphql-transport-ws socket spoken by hand, to send what a well-behaved client would not. */
function raw(api: ApiServer): Raw {
  let tcp: net.Socket | null = null;
  const ws = new WebSocket(`${api.url.replace("http", "ws")}/graphql`, "graphql-transport-ws", {
    createConnection: ((opts: net.NetConnectOpts) => (tcp = net.connect(opts))) as typeof net.connect,
  });
  sockets.push(ws);
  const messages: Raw["messages"] = [];
  const waiters: (() => void)[] = [];
  ws.on("message", (data: Buffer) => {
    messages.push(JSON.parse(String(data)) as Raw["messages"][number]);
    for (const w of waiters.splice(0)) w();
  });
  let isClosed = false;
  const until = async (done: () => boolean, what: string): Promise<void> => {
    while (!done()) {
      if (isClosed) throw new Error(`closed before ${what}: ${JSON.stringify(await outcome)}`);
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  const outcome = new Promise<Awaited<Raw["outcome"]>>((resolve) => {
    ws.on("unexpected-response", (_req, res) => {
      isClosed = true;
      resolve({ status: res.statusCode, retryAfter: res.headers["retry-after"] as string | undefined });
      for (const w of waiters.splice(0)) w();
      res.resume();
    });
    ws.on("close", (code, reason) => {
      isClosed = true;
      resolve({ code, reason: String(reason) });
      for (const w of waiters.splice(0)) w();
    });
    ws.on("error", () => undefined);
  });
  return {
    ws,
    tcp: () => tcp!,
    outcome,
    messages,
    opened: new Promise((resolve) => {
      ws.once("open", () => resolve(true));
      void outcome.then(() => resolve(false));
    }),
    async next(type) {
      await until(() => messages.some((m) => m.type === type), type);
      return messages.find((m) => m.type === type)!;
    },
    count: (type, count) => until(() => messages.filter((m) => m.type === type).length >= count, type),
    send: (message) => ws.send(typeof message === "string" ? message : JSON.stringify(message)),
  };
}

async function connect(api: ApiServer, token = h.adminKey): Promise<Raw> {
  const r = raw(api);
  if (!(await r.opened)) throw new Error(`upgrade refused: ${JSON.stringify(await r.outcome)}`);
  r.send({ type: "connection_init", payload: { authorization: `Bearer ${token}` } });
  await r.next("connection_ack");
  return r;
}

async function newKey(): Promise<string> {
  const r = await h.gql<{ createApiKey: { secret: string } }>(
    `mutation { createApiKey(input: { name: "ws limits", scopes: [READ] }) { secret } }`,
  );
  return r.data!.createApiKey.secret;
}

beforeAll(async () => {
  h = await createApiHarness({ products: 2 });
});

afterAll(async () => {
  for (const s of sockets) s.terminate();
  for (const s of servers) await s.close();
  await h?.close();
});

describe("WebSocket message size", () => {
  it("closes with 1009 on a 20 MB connection_init, before it is read or parsed", async () => {
    const r = raw(h.api);
    expect(await r.opened).toBe(true);
    r.send(`{"type":"connection_init","payload":{"authorization":"${"x".repeat(20 * 1024 * 1024)}"}}`);
    // graphql-ws would answer a parsed connection_init with connection_ack or 4403 / 4400.
    expect(await r.outcome).toMatchObject({ code: 1009 });
    expect(r.messages).toEqual([]);
  });

  it("closes with 1009 on a 5 MB query, and refuses an over-complex one with QUERY_TOO_COMPLEX like HTTP", async () => {
    const big = await connect(h.api);
    big.send({
      id: "1",
      type: "subscribe",
      payload: { query: `{ viewer { role } } # ${"y".repeat(5 * 1024 * 1024)}` },
    });
    expect(await big.outcome).toMatchObject({ code: 1009 });
    expect(big.messages.filter((m) => m.type !== "connection_ack")).toEqual([]);

    const query = `{ ${Array.from({ length: 150 }, (_, i) => `a${i}: viewer { role }`).join(" ")} }`;
    const overHttp = await h.gql(query);
    expect(overHttp.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    const r = await connect(h.api);
    r.send({ id: "2", type: "subscribe", payload: { query } });
    const answer = (await r.next("error")) as { payload: { extensions?: { code?: string } }[] };
    expect(answer.payload[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(r.messages.some((m) => m.type === "next")).toBe(false);
  });
});

describe("WebSocket connection limits", () => {
  it("closes a credential's socket beyond WS_MAX_SOCKETS_PER_CREDENTIAL with 4429; other credentials are unaffected", async () => {
    const api = await instance({ WS_MAX_SOCKETS_PER_CREDENTIAL: 3 });
    const key = await newKey();
    const held = [await connect(api, key), await connect(api, key), await connect(api, key)];
    const fourth = raw(api);
    expect(await fourth.opened).toBe(true);
    fourth.send({ type: "connection_init", payload: { authorization: `Bearer ${key}` } });
    expect(await fourth.outcome).toMatchObject({ code: 4429 });
    expect(fourth.messages).toEqual([]);

    await connect(api, await newKey()); // another key has its own allowance
    held[0]!.ws.close();
    await held[0]!.outcome;
    await connect(api, key); // a freed place can be taken again
  });

  it("refuses the upgrade beyond WS_MAX_SOCKETS_PER_IP with HTTP 429", async () => {
    const api = await instance({ WS_MAX_SOCKETS_PER_IP: 3 });
    const open = [raw(api), raw(api), raw(api)];
    for (const s of open) expect(await s.opened).toBe(true);
    const fourth = raw(api);
    expect(await fourth.opened).toBe(false);
    expect(await fourth.outcome).toMatchObject({ status: 429 });
    open[0]!.ws.close();
    await open[0]!.outcome;
    expect(await raw(api).opened).toBe(true);
  });

  it("refuses new sockets beyond the per-address connection rate with HTTP 429 and Retry-After", async () => {
    // A namespace of its own, so the bucket holds only this test's connections.
    const api = await instance({
      REDIS_PREFIX: `${h.namespace}-rate`,
      WS_CONNECT_BURST: 3,
      WS_CONNECT_RATE_PER_MINUTE: 1,
    });
    for (let i = 0; i < 3; i++) {
      const s = raw(api);
      expect(await s.opened).toBe(true);
      s.ws.close();
    }
    const refused = raw(api);
    expect(await refused.opened).toBe(false);
    const outcome = await refused.outcome;
    expect(outcome.status).toBe(429);
    expect(Number(outcome.retryAfter)).toBeGreaterThan(0);
    const keys = await h.redis.keys(`${h.namespace}-rate:*`);
    if (keys.length) await h.redis.del(...keys);
  });
});

describe("slow subscribers", () => {
  function event(productId: string, seq: number, padding: string): ProgressEvent {
    const at = new Date().toISOString();
    return {
      seq,
      at,
      batch: {
        id: randomUUID(),
        status: "RUNNING",
        kind: "SYNC",
        retryOf: null,
        platforms: ["SHOPEE"],
        force: false,
        total: 1,
        queued: 0,
        running: 1,
        succeeded: 0,
        failed: 0,
        skipped: 0,
        deadLettered: 0,
        cancelled: 0,
        createdAt: at,
        startedAt: at,
        finishedAt: null,
        channels: [],
      },
      item: {
        id: randomUUID(),
        batchId: randomUUID(),
        productId,
        sku: "SLOW-1",
        platform: "SHOPEE",
        status: "FAILED",
        attempts: 1,
        errorClass: "VALIDATION",
        errorMessage: padding,
        errorField: "title",
      },
    };
  }

  it("a client that stops reading is dropped with 1013 once its queue is full; one that reads gets everything", async () => {
    const api = await instance({ WS_SUBSCRIPTION_QUEUE: 8 });
    const SUB = `subscription S($p: ID) { syncEvents(productId: $p) { seq item { errorMessage } } }`;
    const slowProduct = String(900_000_000 + Math.floor(Math.random() * 1_000_000));
    const slowTopic = `${h.namespace}:progress:product:${slowProduct}`;
    const fastProduct = String(Number(slowProduct) + 1);
    const fastTopic = `${h.namespace}:progress:product:${fastProduct}`;
    const numsub = async (topic: string) =>
      Number(((await h.redis.pubsub("NUMSUB", topic)) as [string, number])[1]);

    const slow = await connect(api);
    slow.send({ id: "s", type: "subscribe", payload: { query: SUB, variables: { p: slowProduct } } });
    const fast = await connect(api);
    fast.send({ id: "f", type: "subscribe", payload: { query: SUB, variables: { p: fastProduct } } });
    while ((await numsub(slowTopic)) === 0 || (await numsub(fastTopic)) === 0)
      await new Promise((r) => setTimeout(r, 20));

    slow.tcp().pause();
    const padding = "z".repeat(64 * 1024);
    let published = 0;
    // The kernel's socket buffers take a few MB first; then the server-side queue fills and overflows.
    while ((await numsub(slowTopic)) > 0 && published < 2000) {
      for (let i = 0; i < 10; i++, published++)
        await h.redis.publish(slowTopic, JSON.stringify(event(slowProduct, published + 1, padding)));
    }
    expect(await numsub(slowTopic)).toBe(0); // the subscription was ended and its Redis listener released
    slow.tcp().resume();
    expect(await slow.outcome).toMatchObject({ code: 1013 });

    for (let i = 1; i <= 40; i++)
      await h.redis.publish(fastTopic, JSON.stringify(event(fastProduct, i, padding)));
    await fast.count("next", 40);
    expect(fast.messages.filter((m) => m.type === "next")).toHaveLength(40);
    expect(fast.ws.readyState).toBe(WebSocket.OPEN);
  });
});
