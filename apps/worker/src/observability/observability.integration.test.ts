import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBatch } from "@syncstore/db";
import { createRedis, queuePrefix, SyncQueues } from "@syncstore/queue";
import { createLogger } from "@syncstore/config";
import { startSyncWorker, type SyncWorker } from "../sync-worker";
import { createSyncHarness, waitUntil, type SyncHarness } from "../testing/harness";

let h: SyncHarness;
let worker: SyncWorker;
let queues: SyncQueues;
const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");

beforeAll(async () => {
  h = await createSyncHarness({ products: 40 });
  // No slow round: a transient failure dead-letters after its fast attempts instead of a minute later.
  await h.ds.query("UPDATE channels SET slow_retry_delays_ms = '{}'");
  queues = new SyncQueues(redis, queuePrefix(h.namespace));
  worker = await h.startWorker({ httpPort: 0 });
});

afterAll(async () => {
  await queues?.close();
  await h?.close();
  redis.disconnect();
});

/** `name{labels} value` lines of a Prometheus text, as label maps. */
function samples(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  return text
    .split("\n")
    .filter((l) => l.startsWith(`${name}{`))
    .map((l) => {
      const [, labelText = "", value = "NaN"] = /^[^{]+\{(.*)\} (\S+)$/.exec(l) ?? [];
      const labels = Object.fromEntries(
        [...labelText.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as const),
      );
      return { labels, value: Number(value) };
    });
}
const sum = (rows: { value: number }[]) => rows.reduce((n, r) => n + r.value, 0);

describe("worker /healthz and /metrics", () => {
  it("answers healthy, naming PostgreSQL, Redis and each channel's BullMQ worker", async () => {
    const res = await fetch(`${worker.httpUrl}/healthz`);
    const body = (await res.json()) as {
      status: string;
      postgres: string;
      redis: string;
      workers: unknown[];
    };
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ status: "ok", postgres: "ok", redis: "ok" });
    expect(body.workers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ platform: "SHOPEE", running: true, status: "ok" }),
        expect.objectContaining({ platform: "TIKTOK_SHOP", running: true, status: "ok" }),
      ]),
    );
  });

  // The batch alone may take most of its minute (80 items under the channels' rate limits on a busy
  // machine): the test's own budget covers that wait, not the 30 s default.
  it("shows a batch's item outcomes, calls and dead letters with bounded labels", async () => {
    const channels: { id: string; platform: string }[] = await h.ds.query(
      "SELECT id::text, platform FROM channels ORDER BY id",
    );
    const result = await h.ds.transaction((em) =>
      createBatch(em, { selection: { kind: "all" }, channelIds: channels.map((c) => c.id), force: false }),
    );
    if (!result.ok) throw new Error(result.message);
    await queues.enqueue(result.items.map((i) => ({ ...i, batchId: result.batch.id })));
    await waitUntil(
      async () => {
        const [b] = (await h.ds.query("SELECT status FROM sync_batches WHERE id = $1", [
          result.batch.id,
        ])) as {
          status: string;
        }[];
        return b!.status.startsWith("COMPLETED");
      },
      60_000,
      () => `batch ${result.batch.id} did not finish`,
    );
    const finals: { platform: string; status: string; error_class: string | null; n: number }[] =
      await h.ds.query(
        `SELECT c.platform, i.status, i.error_class, count(*)::int AS n FROM sync_items i JOIN channels c ON c.id = i.channel_id
       WHERE i.batch_id = $1 GROUP BY 1, 2, 3`,
        [result.batch.id],
      );
    const deadLetters = finals.filter((f) => f.status === "DEAD_LETTERED");
    expect(deadLetters.length).toBeGreaterThan(0); // the demo catalog has invalid products

    const res = await fetch(`${worker.httpUrl}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();

    const items = samples(text, "syncstore_sync_items_total");
    for (const f of finals) {
      const outcome = f.status.toLowerCase();
      const counted = items.filter(
        (s) =>
          s.labels.platform === f.platform &&
          s.labels.outcome === outcome &&
          s.labels.error_class === (f.error_class ?? "none"),
      );
      expect({ ...f, counted: sum(counted) }).toEqual({ ...f, counted: f.n });
    }

    const open = samples(text, "syncstore_dead_letters");
    for (const d of deadLetters)
      expect(
        sum(open.filter((s) => s.labels.platform === d.platform && s.labels.error_class === d.error_class)),
      ).toBe(d.n);

    const calls = samples(text, "syncstore_marketplace_request_duration_seconds_count");
    expect(sum(calls)).toBeGreaterThan(0);
    expect(new Set(calls.map((c) => c.labels.platform))).toEqual(new Set(["SHOPEE", "TIKTOK_SHOP"]));
    for (const c of calls) {
      expect(c.labels.endpoint).toMatch(/^\/[a-z0-9_/{}]+$/);
      expect(c.labels.endpoint).not.toMatch(/\d{7,}/); // ids never become labels
      expect(c.labels.status_class).toMatch(/^([1-5]xx|none)$/);
    }
    expect(text).toContain("# TYPE syncstore_marketplace_rate_limited_total counter");
    expect(text).toContain("# TYPE syncstore_token_refresh_total counter");

    const jobs = samples(text, "syncstore_queue_jobs");
    expect(new Set(jobs.map((j) => j.labels.channel))).toEqual(new Set(channels.map((c) => c.id)));
    expect(sum(jobs.filter((j) => j.labels.state === "completed"))).toBeGreaterThan(0);
    expect(samples(text, "bullmq_job_count").length).toBeGreaterThan(0);
  }, 90_000);

  it("answers 404 for anything else", async () => {
    expect((await fetch(`${worker.httpUrl}/graphql`)).status).toBe(404);
  });

  it("asks for METRICS_TOKEN on /metrics when one is set, and keeps /healthz open", async () => {
    const token = "worker-metrics-token-0123456789";
    const guarded = await startSyncWorker({
      config: { ...h.config, METRICS_TOKEN: token },
      ds: h.ds,
      logger: createLogger("worker", "error"),
      namespace: h.namespace,
      concurrency: 1,
      httpPort: 0,
    });
    try {
      expect((await fetch(`${guarded.httpUrl}/metrics`)).status).toBe(404);
      const wrong = await fetch(`${guarded.httpUrl}/metrics`, {
        headers: { authorization: `Bearer ${token}-` },
      });
      expect(wrong.status).toBe(404);
      const right = await fetch(`${guarded.httpUrl}/metrics`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain("syncstore_sync_items_total");
      expect((await fetch(`${guarded.httpUrl}/healthz`)).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
