import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { createRedis } from "@syncstore/queue";
import type { SyncWorker } from "@syncstore/worker";
import * as testing from "@syncstore/worker/testing";
import { startApi, type ApiServer } from "../server";

let h: testing.SyncHarness;
let worker: SyncWorker;
let apiA: ApiServer;
let apiB: ApiServer;
const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const clients: Client[] = [];

interface Message {
  seq: number;
  batch: {
    status: string;
    total: number;
    succeeded: number;
    skipped: number;
    deadLettered: number;
    percent: number;
  };
  item: { sku: string; status: string } | null;
}

const SUBSCRIPTION = `subscription P($id: ID!) {
  batchProgress(batchId: $id) {
    seq
    batch { status total succeeded skipped deadLettered percent }
    item { sku status }
  }
}`;

async function gql<T>(api: ApiServer, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${h.config.ADMIN_API_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

function wsClient(api: ApiServer): Client {
  const c = createClient({
    url: `${api.url.replace("http", "ws")}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${h.config.ADMIN_API_KEY}` },
  });
  clients.push(c);
  return c;
}

/** Collects messages until the server completes the subscription (after the final status). */
function collect(
  client: Client,
  batchId: string,
  stopAfter?: number,
): { done: Promise<Message[]>; unsubscribe: () => void } {
  const messages: Message[] = [];
  let unsubscribe = () => undefined as void;
  const done = new Promise<Message[]>((resolve, reject) => {
    unsubscribe = client.subscribe<{ batchProgress: Message }>(
      { query: SUBSCRIPTION, variables: { id: batchId } },
      {
        next: (r) => {
          if (r.errors) return reject(new Error(JSON.stringify(r.errors)));
          messages.push(r.data!.batchProgress);
          if (stopAfter && messages.length >= stopAfter) {
            unsubscribe();
            resolve(messages);
          }
        },
        error: reject,
        complete: () => resolve(messages),
      },
    );
  });
  return { done, unsubscribe: () => unsubscribe() };
}

async function startBatch(api: ApiServer, count: number): Promise<string> {
  const ids: { id: string }[] = await h.ds.query(
    "SELECT id::text FROM products WHERE char_length(title) >= 25 AND stock >= 0 ORDER BY id LIMIT $1",
    [count],
  );
  const data = await gql<{ startBatchSync: { batch: { id: string }; userErrors: unknown[] } }>(
    api,
    `mutation S($input: StartBatchSyncInput!) { startBatchSync(input: $input) { batch { id } userErrors { code message } } }`,
    { input: { productIds: ids.map((i) => i.id), platforms: ["SHOPEE", "TIKTOK_SHOP"], force: true } },
  );
  expect(data.startBatchSync.userErrors).toEqual([]);
  return data.startBatchSync.batch.id;
}

async function dbCounters(batchId: string) {
  const rows: { status: string; n: number }[] = await h.ds.query(
    "SELECT status, count(*)::int AS n FROM sync_items WHERE batch_id = $1 GROUP BY status",
    [batchId],
  );
  const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
  return { succeeded: by.SUCCEEDED ?? 0, skipped: by.SKIPPED ?? 0, deadLettered: by.DEAD_LETTERED ?? 0 };
}

function expectWholeTruth(messages: Message[]): void {
  expect(messages.length).toBeGreaterThan(1);
  expect(messages[0]!.item).toBeNull();
  for (let i = 1; i < messages.length; i++) expect(messages[i]!.seq).toBeGreaterThan(messages[i - 1]!.seq);
  expect(["COMPLETED", "COMPLETED_WITH_ERRORS"]).toContain(messages.at(-1)!.batch.status);
  expect(messages.at(-1)!.batch.percent).toBe(100);
}

beforeAll(async () => {
  h = await testing.createSyncHarness({ products: 120 });
  // Slow marketplaces make a batch last long enough to watch, disconnect and come back.
  for (const s of [h.sims.shopee, h.sims.tiktok]) s.control.update({ latencyMs: 20 });
  worker = await h.startWorker({ concurrency: 4 });
  apiA = await startApi({ config: h.config, dataSource: h.ds, redis }, 0, "127.0.0.1");
  apiB = await startApi({ config: h.config, dataSource: h.ds, redis }, 0, "127.0.0.1");
});

afterAll(async () => {
  for (const c of clients) await c.dispose();
  await apiA?.close();
  await apiB?.close();
  void worker;
  await h?.close();
  redis.disconnect();
});

describe("batchProgress over graphql-ws", () => {
  it("streams snapshot → final with rising seq, and the final counters equal PostgreSQL's rows", async () => {
    const batchId = await startBatch(apiA, 30);
    const messages = await collect(wsClient(apiA), batchId).done;
    expectWholeTruth(messages);
    const last = messages.at(-1)!.batch;
    expect(last.total).toBe(60);
    expect({ succeeded: last.succeeded, skipped: last.skipped, deadLettered: last.deadLettered }).toEqual(
      await dbCounters(batchId),
    );
    // Coalesced: far fewer messages than the 120+ item changes of this batch.
    expect(messages.length).toBeLessThan(60);
  });

  it("delivers the same batch through two API instances fed by one worker", async () => {
    const batchId = await startBatch(apiA, 20);
    const [a, b] = await Promise.all([
      collect(wsClient(apiA), batchId).done,
      collect(wsClient(apiB), batchId).done,
    ]);
    expectWholeTruth(a);
    expectWholeTruth(b);
    expect(a.at(-1)!.seq).toBe(b.at(-1)!.seq);
  });

  it("a subscriber that disconnects mid-batch and reconnects ends with the correct final state", async () => {
    const batchId = await startBatch(apiA, 30);
    const first = wsClient(apiA);
    const partial = await collect(first, batchId, 2).done;
    await first.dispose();
    expect(partial.at(-1)!.batch.percent).toBeLessThan(100);
    const resumed = await collect(wsClient(apiB), batchId).done;
    expectWholeTruth(resumed);
    expect(resumed[0]!.seq).toBeGreaterThanOrEqual(partial.at(-1)!.seq);
    expect(resumed.at(-1)!.batch.succeeded).toBe((await dbCounters(batchId)).succeeded);
  });

  it("releases Redis subscriptions when clients go away", async () => {
    const batchId = await startBatch(apiA, 40);
    const topic = `${h.namespace}:progress:batch:${batchId}`;
    const numsub = async () => Number(((await redis.pubsub("NUMSUB", topic)) as [string, number])[1]);
    const subs = Array.from({ length: 25 }, () => {
      const c = wsClient(apiA);
      return { c, s: collect(c, batchId, 1) };
    });
    await Promise.all(subs.map((x) => x.s.done));
    for (const x of subs) await x.c.dispose();
    await testing.waitUntil(
      async () => (await numsub()) === 0 && apiA.services.realtime.batches.activeFeeds === 0,
      5000,
      async () => `NUMSUB ${await numsub()}`,
    );
  });

  it("refuses connections without a credential, or with a wrong one, with a clear close code", async () => {
    for (const params of [undefined, { authorization: "Bearer nope-not-a-key" }]) {
      const c = createClient({
        url: `${apiA.url.replace("http", "ws")}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: params,
      });
      clients.push(c);
      const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
        c.on("closed", (e) => resolve(e as { code: number; reason: string }));
        c.subscribe(
          { query: SUBSCRIPTION, variables: { id: "00000000-0000-0000-0000-000000000000" } },
          { next: () => undefined, error: () => undefined, complete: () => undefined },
        );
      });
      expect([4401, 4403]).toContain(closed.code);
      expect(closed.reason.length).toBeGreaterThan(0);
    }
  });

  it("refuses a malformed batch id with BAD_USER_INPUT", async () => {
    const c = wsClient(apiA);
    const error = await new Promise<unknown>((resolve) => {
      c.subscribe(
        { query: SUBSCRIPTION, variables: { id: "nope" } },
        { next: (r) => resolve(r.errors), error: resolve, complete: () => resolve(null) },
      );
    });
    expect(JSON.stringify(error)).toMatch(/BAD_USER_INPUT/);
  });
});
