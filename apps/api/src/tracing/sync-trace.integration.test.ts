import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTracing, type ReadableSpan } from "@syncstore/telemetry/testing";
import type { ApiServer } from "../server";

// The SDK is started before the API, worker and their libraries are loaded (dynamic imports below),
// as the entry points do, so the instrumentations see the modules they patch.
const { tracing, exporter } = startTestTracing();
let testing: typeof import("@syncstore/worker/testing");
let h: Awaited<ReturnType<typeof testing.createSyncHarness>>;
let api: ApiServer;
let worker: Awaited<ReturnType<typeof h.startWorker>>;
let closeRedis: () => void;

beforeAll(async () => {
  testing = await import("@syncstore/worker/testing");
  const { startApi } = await import("../server.js");
  const { createRedis } = await import("@syncstore/queue");
  h = await testing.createSyncHarness({ products: 12 });
  // One attempt and no slow round, so a failing call dead-letters at once instead of backing off.
  await h.ds.query("UPDATE channels SET max_attempts = 1, slow_retry_delays_ms = '{}'");
  worker = await h.startWorker({ concurrency: 2 });
  const redis = createRedis(h.config.REDIS_URL);
  closeRedis = () => redis.disconnect();
  api = await startApi({ config: h.config, dataSource: h.ds, redis }, 0, "127.0.0.1");
});

afterAll(async () => {
  await api?.close();
  await h?.close();
  closeRedis?.();
  await tracing?.shutdown();
});

const START = `mutation Start($input: StartBatchSyncInput!) {
  startBatchSync(input: $input) { batch { id } userErrors { code message } }
}`;

async function startBatch(productId: string): Promise<string> {
  const res = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${h.config.ADMIN_API_KEY}` },
    body: JSON.stringify({
      query: START,
      variables: { input: { productIds: [productId], platforms: ["SHOPEE"] } },
    }),
  });
  const body = (await res.json()) as {
    data: { startBatchSync: { batch: { id: string } | null; userErrors: unknown[] } };
  };
  expect(body.data.startBatchSync.userErrors).toEqual([]);
  return body.data.startBatchSync.batch!.id;
}

async function itemDone(batchId: string, status: string): Promise<void> {
  await testing.waitUntil(
    async () => {
      const rows: { status: string }[] = await h.ds.query(
        "SELECT status FROM sync_items WHERE batch_id = $1",
        [batchId],
      );
      return rows.length === 1 && rows[0]!.status === status;
    },
    20_000,
    async () =>
      JSON.stringify(
        await h.ds.query("SELECT status, error_message FROM sync_items WHERE batch_id = $1", [batchId]),
      ),
  );
}

/** Every span of the trace the batch's startBatchSync span belongs to, once the worker's are exported too. */
async function traceOf(batchId: string, until: (spans: ReadableSpan[]) => boolean): Promise<ReadableSpan[]> {
  let spans: ReadableSpan[] = [];
  await testing.waitUntil(
    async () => {
      const start = exporter
        .getFinishedSpans()
        .find((s) => s.name === "sync.startBatch" && s.attributes["syncstore.batch_id"] === batchId);
      spans = start
        ? exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === start.spanContext().traceId)
        : [];
      return until(spans);
    },
    10_000,
    () => spans.map((s) => s.name).join(", ") || "no startBatchSync span",
  );
  return spans;
}

async function productIds(n: number): Promise<string[]> {
  const rows: { id: string }[] = await h.ds.query("SELECT id::text FROM products ORDER BY id LIMIT $1", [n]);
  return rows.map((r) => r.id);
}

/** The names from a span up to the trace's root. */
function ancestry(span: ReadableSpan, spans: ReadableSpan[]): string[] {
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  const names: string[] = [];
  for (let s: ReadableSpan | undefined = span; s; s = byId.get(s.parentSpanContext?.spanId ?? ""))
    names.push(s.name);
  return names;
}

/** `names` appear in `list` in this order (other spans may sit between them). */
function inOrder(list: string[], names: string[]): boolean {
  let at = 0;
  for (const n of list) if (n === names[at]) at++;
  return at === names.length;
}

async function traceIdsOf(table: "sync_logs" | "dead_letters", batchId: string): Promise<(string | null)[]> {
  const rows: { trace_id: string | null }[] = await h.ds.query(
    `SELECT trace_id FROM ${table} WHERE batch_id = $1`,
    [batchId],
  );
  return rows.map((r) => r.trace_id);
}

async function gql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${h.config.ADMIN_API_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  return ((await res.json()) as { data: T }).data;
}

const UP_TO_THE_MUTATION = [
  "sync.item",
  "process sync-channel-1",
  "sync.enqueue",
  "sync.startBatch",
  "mutation Start",
];

describe("one trace per sync item, from startBatchSync to the marketplace", () => {
  it("links the GraphQL mutation, the enqueue, the job and each marketplace call, and puts its id on the sync logs", async () => {
    const [id] = await productIds(1);
    const batchId = await startBatch(id!);
    await itemDone(batchId, "SUCCEEDED");
    const logs = await traceIdsOf("sync_logs", batchId);
    const spans = await traceOf(
      batchId,
      (s) => s.filter((x) => x.name.startsWith("SHOPEE ")).length >= logs.length,
    );
    const traceId = spans[0]!.spanContext().traceId;

    const mutation = spans.find((s) => s.name === "mutation Start");
    expect(mutation?.attributes["graphql.operation.type"]).toBe("mutation");
    const calls = spans.filter((s) => s.name.startsWith("SHOPEE "));
    expect(calls.map((c) => c.attributes["url.path"])).toEqual(
      expect.arrayContaining(["/api/v2/product/search_item", "/api/v2/product/add_item"]),
    );
    for (const call of calls) expect(inOrder(ancestry(call, spans), UP_TO_THE_MUTATION)).toBe(true);
    // Under each marketplace call, the HTTP request itself (undici), sent to the simulator.
    const addItem = calls.find((c) => c.attributes["url.path"] === "/api/v2/product/add_item")!;
    const request = spans.find((s) => s.parentSpanContext?.spanId === addItem.spanContext().spanId);
    expect(String(request?.attributes["url.full"])).toContain(`${h.sims.shopee.url}/api/v2/product/add_item`);

    // The context crossed from the API to the worker in the job's data, as a W3C traceparent.
    const [row] = (await h.ds.query(
      "SELECT COALESCE(job_id, 'i' || id || '-b' || batch_id) AS job_id, channel_id::text FROM sync_items WHERE batch_id = $1",
      [batchId],
    )) as { job_id: string; channel_id: string }[];
    const job = await worker.queues.queue(row!.channel_id).getJob(row!.job_id);
    expect(job?.data.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    // One sync-log row per marketplace call, each carrying the trace id, also through GraphQL.
    expect(logs.length).toBe(calls.length);
    expect(new Set(logs)).toEqual(new Set([traceId]));
    const page = await gql<{ syncLogs: { edges: { node: { traceId: string | null } }[] } }>(
      "query L($b: ID) { syncLogs(batchId: $b, first: 50) { edges { node { traceId } } } }",
      { b: batchId },
    );
    expect(page.syncLogs.edges.map((e) => e.node.traceId)).toEqual(logs.map(() => traceId));
  });

  it("puts the trace id of a failing item on its dead letter and its sync logs", async () => {
    const [, id] = await productIds(2);
    h.sims.shopee.control.update({ errorRate: 1 });
    try {
      const batchId = await startBatch(id!);
      await itemDone(batchId, "DEAD_LETTERED");
      const spans = await traceOf(batchId, (s) => s.some((x) => x.name === "sync.item"));
      const traceId = spans[0]!.spanContext().traceId;
      const item = spans.find((s) => s.name === "sync.item")!;
      expect(inOrder(ancestry(item, spans), UP_TO_THE_MUTATION)).toBe(true);

      expect(await traceIdsOf("dead_letters", batchId)).toEqual([traceId]);
      const logs = await traceIdsOf("sync_logs", batchId);
      expect(logs.length).toBeGreaterThan(0);
      expect(new Set(logs)).toEqual(new Set([traceId]));
      const dead = await gql<{
        deadLetters: { edges: { node: { batchId: string; traceId: string | null } }[] };
      }>("{ deadLetters(first: 50) { edges { node { batchId traceId } } } }", {});
      expect(dead.deadLetters.edges.find((e) => e.node.batchId === batchId)?.node.traceId).toBe(traceId);
    } finally {
      h.sims.shopee.control.update({ errorRate: 0 });
    }
  });
});
