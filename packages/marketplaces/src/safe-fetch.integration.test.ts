import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SyncError } from "@syncstore/core";
import { ImageFetcher } from "./images";
import { SafeFetchError, SafeFetcher } from "./safe-fetch";

const PNG = Buffer.from("89504e470d0a1a0a", "hex");

/** A loopback service an attacker would like the worker to reach (metrics, a simulator's control API). */
let secret: http.Server;
let secretPort: number;
let secretHits = 0;
/** A server the operator allow-listed: it serves images, and redirects where it is told to. */
let allowed: http.Server;
let allowedBase: string;
let sentBeforeCut = 0;

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  secret = http.createServer((_req, res) => {
    secretHits++;
    res.writeHead(200, { "content-type": "image/png" }).end(PNG);
  });
  secretPort = await listen(secret);
  allowed = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/img/redirect") {
      res.writeHead(302, { location: url.searchParams.get("to") ?? "/" }).end();
    } else if (url.pathname === "/img/huge.png") {
      // 30 MB without a content-length, so only counting while streaming can stop it.
      res.writeHead(200, { "content-type": "image/png" });
      const chunk = Buffer.alloc(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 30 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          sentBeforeCut = sent;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    } else if (url.pathname === "/img/trickle.png") {
      res.writeHead(200, { "content-type": "image/png" });
      const timer = setInterval(() => res.write("x"), 20);
      res.on("close", () => clearInterval(timer));
    } else {
      res.writeHead(200, { "content-type": "image/png", "content-length": PNG.length }).end(PNG);
    }
  });
  allowedBase = `http://127.0.0.1:${await listen(allowed)}`;
});

afterAll(async () => {
  await new Promise((r) => secret.close(r));
  allowed.closeAllConnections();
  await new Promise((r) => allowed.close(r));
});

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SafeFetchError) return e.reason;
    throw e;
  }
  return "FETCHED";
}

describe("SafeFetcher", () => {
  let fetcher: SafeFetcher;
  beforeAll(() => {
    fetcher = new SafeFetcher({
      trusted: [`${allowedBase}/img/`],
      timeoutMs: 2_000,
      resolve: async (host) =>
        host === "rebound.example" ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "::1", family: 6 }],
    });
  });
  afterAll(() => fetcher.close());

  it.each([
    () => `http://127.0.0.1:${secretPort}/secret-image.png`,
    () => `http://127.9.9.9:${secretPort}/`,
    () => `http://0.0.0.0:${secretPort}/`,
    () => `http://0x7f000001:${secretPort}/`,
    () => `http://2130706433:${secretPort}/`,
    () => `http://[::1]:${secretPort}/`,
    () => `http://[::ffff:127.0.0.1]:${secretPort}/`,
    () => `http://[::ffff:7f00:1]:${secretPort}/`,
    () => `http://169.254.169.254/latest/meta-data/`,
    () => `http://localhost:${secretPort}/`,
    // A name whose answer is loopback: checked at connect time, the very answer the socket uses.
    () => `http://rebound.example:${secretPort}/`,
  ])("refuses %s without reaching it", async (url) => {
    expect(await reason(fetcher.get(new URL(url())))).toBe("BLOCKED_ADDRESS");
    expect(secretHits).toBe(0);
  });

  it("refuses a redirect from an allowed server to a loopback port", async () => {
    const to = encodeURIComponent(`http://127.0.0.1:${secretPort}/secret-image.png`);
    expect(await reason(fetcher.get(new URL(`${allowedBase}/img/redirect?to=${to}`)))).toBe(
      "BLOCKED_ADDRESS",
    );
    expect(secretHits).toBe(0);
  });

  it("does not let a trusted prefix be climbed out of", async () => {
    for (const path of ["/img/%2e%2e/secret", "/img/..%2fsecret", "/img/..%5Csecret", "/img/../secret"]) {
      const url = new URL(`${allowedBase}${path}`);
      expect(fetcher.isTrusted(url), path).toBe(false);
      expect(await reason(fetcher.get(url)), path).toBe("BLOCKED_ADDRESS");
    }
  });

  it("fetches what the allow-list trusts", async () => {
    const res = await fetcher.get(new URL(`${allowedBase}/img/ok.png`));
    expect(res.status).toBe(200);
    expect(res.body.equals(PNG)).toBe(true);
  });

  it("stops reading a body at the size limit, while it streams", async () => {
    expect(await reason(fetcher.get(new URL(`${allowedBase}/img/huge.png`)))).toBe("TOO_LARGE");
    expect(sentBeforeCut).toBeLessThan(30 * 1024 * 1024);
  });

  it("gives up at the total deadline even when bytes keep trickling in", async () => {
    const quick = new SafeFetcher({ trusted: [`${allowedBase}/img/`], timeoutMs: 300 });
    expect(await reason(quick.get(new URL(`${allowedBase}/img/trickle.png`)))).toBe("TIMEOUT");
    await quick.close();
  });

  it("refuses non-http schemes and credentials in redirects", async () => {
    for (const to of ["file:///etc/passwd", `http://user:pass@127.0.0.1:${secretPort}/`]) {
      const url = new URL(`${allowedBase}/img/redirect?to=${encodeURIComponent(to)}`);
      expect(await reason(fetcher.get(url)), to).toBe("BAD_URL");
    }
    expect(secretHits).toBe(0);
  });
});

describe("ImageFetcher", () => {
  // The media base is the loopback secret server itself: only its /media/ is the product's own.
  const images = () =>
    new ImageFetcher("TIKTOK_SHOP", `http://127.0.0.1:${secretPort}`, { timeoutMs: 2_000 });

  it("escaping /media/ with encoded dots reaches nothing, and says only that the image is not reachable", async () => {
    const f = images();
    const err = await f.fetch("/media/%2e%2e/%2e%2e/metrics").catch((e: unknown) => e);
    await f.close();
    expect(err).toBeInstanceOf(SyncError);
    expect(err).toMatchObject({ errorClass: "VALIDATION", field: "images", code: "IMAGE_UNREACHABLE" });
    expect((err as Error).message).toBe(
      "image /media/%2e%2e/%2e%2e/metrics not reachable (not a public address)",
    );
    expect(secretHits).toBe(0);
  });

  it("fetches the product's own media", async () => {
    const f = images();
    const image = await f.fetch("/media/demo/a.png");
    await f.close();
    expect(image).toMatchObject({ contentType: "image/png", filename: "a.png" });
    secretHits = 0;
  });

  it("tells nothing about a closed port (no port scanning through dead letters)", async () => {
    const f = new ImageFetcher("SHOPEE", allowedBase, { allow: ["http://127.0.0.1:1/"] });
    const err = (await f.fetch("http://127.0.0.1:1/x.png").catch((e: unknown) => e)) as SyncError;
    const blocked = (await f
      .fetch(`http://127.0.0.1:${secretPort}/x.png`)
      .catch((e: unknown) => e)) as SyncError;
    await f.close();
    expect(err.message).toBe("image http://127.0.0.1:1/x.png not reachable (connection failed)");
    expect(err.message).not.toMatch(/ECONNREFUSED/);
    expect(blocked.message).not.toMatch(/ECONNREFUSED|connection/);
    expect(secretHits).toBe(0);
  });
});
