import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing/harness";

let h: ApiHarness;
let channelIds: string[];
let readKey: string;

beforeAll(async () => {
  h = await createApiHarness({ products: 1 });
  channelIds = ((await h.ds.query("SELECT id::text FROM channels ORDER BY id")) as { id: string }[]).map(
    (r) => r.id,
  );
  const key = await h.api.services.auth.apiKeys.create({ name: "reader", scopes: ["read"] }, null);
  readKey = key.secret!;
});
afterAll(async () => h?.close());

const QUEUES = "{ queueStats { channelId paused } }";
const PAUSE =
  "mutation($id: ID!) { pauseChannel(id: $id) { queue { channelId paused } userErrors { field code } } }";
const RESUME =
  "mutation($id: ID!) { resumeChannel(id: $id) { queue { channelId paused } userErrors { field code } } }";

describe("pauseChannel / resumeChannel", () => {
  it("pause a channel's queue for every worker and resume it, as queueStats shows", async () => {
    const id = channelIds[0]!;
    const paused = await h.gql(PAUSE, { id });
    expect(paused.data).toEqual({ pauseChannel: { queue: { channelId: id, paused: true }, userErrors: [] } });
    const stats = await h.gql<{ queueStats: { channelId: string; paused: boolean }[] }>(QUEUES);
    expect(stats.data?.queueStats).toEqual(channelIds.map((c) => ({ channelId: c, paused: c === id })));
    const resumed = await h.gql(RESUME, { id });
    expect(resumed.data).toEqual({
      resumeChannel: { queue: { channelId: id, paused: false }, userErrors: [] },
    });
  });

  it("answers an unknown or malformed channel id with a userError", async () => {
    for (const id of ["999999", "not-an-id"]) {
      const res = await h.gql(PAUSE, { id });
      expect(res.data).toEqual({
        pauseChannel: { queue: null, userErrors: [{ field: ["id"], code: "NOT_FOUND" }] },
      });
    }
  });

  it("is refused to a read key", async () => {
    const res = await h.gql(PAUSE, { id: channelIds[0] }, { authorization: `Bearer ${readKey}` });
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("Bull Board at /admin/queues", () => {
  const board = (path: string, init: RequestInit = {}) => fetch(`${h.api.url}/admin/queues${path}`, init);

  it("refuses anonymous callers (401) and non-admins (403)", async () => {
    expect((await board("", { headers: { accept: "text/html" } })).status).toBe(401);
    expect((await board("/api/queues")).status).toBe(401);
    expect((await board("/api/queues", { headers: { authorization: `Bearer ${readKey}` } })).status).toBe(
      403,
    );
    expect(
      (await board("/session", { method: "POST", headers: { authorization: `Bearer ${readKey}` } })).status,
    ).toBe(403);
  });

  it("serves the board to an admin key, and to the browser through the session cookie", async () => {
    const page = await board("", { headers: { authorization: `Bearer ${h.adminKey}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("__UI_CONFIG__");

    const session = await board("/session", {
      method: "POST",
      headers: { authorization: `Bearer ${h.adminKey}` },
    });
    expect(session.status).toBe(204);
    const setCookie = session.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\/admin\/queues/);
    const cookie = setCookie.split(";")[0]!;

    const api = await board("/api/queues", { headers: { cookie } });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(
      channelIds.map((id) => expect.stringContaining(id)),
    );
    expect((await board("/api/queues", { headers: { cookie: "syncstore_board=forged" } })).status).toBe(401);
  });
});
