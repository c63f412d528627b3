import { createHmac, timingSafeEqual } from "node:crypto";
import { Router, type RequestHandler } from "express";
import { SafeFetchError, SafeFetcher, parseHttpUrl, type Resolver } from "@syncstore/marketplaces";

export const IMAGE_PROXY_PATH = "/media/proxy";

/** Large enough for any image a marketplace accepts (the worker's own limit), small enough to hold. */
const MAX_BYTES = 10 * 1024 * 1024;
const TIMEOUT_MS = 10_000;

/**
 * The image formats the dashboard shows, recognised by their first bytes rather than by the remote's
 * Content-Type: SVG (which can carry script) and HTML posing as an image are never served from the
 * API's origin.
 */
const SIGNATURES: { type: string; matches: (b: Buffer) => boolean }[] = [
  { type: "image/png", matches: (b) => b.subarray(0, 8).equals(Buffer.from("89504e470d0a1a0a", "hex")) },
  { type: "image/jpeg", matches: (b) => b.subarray(0, 3).equals(Buffer.from("ffd8ff", "hex")) },
  { type: "image/gif", matches: (b) => /^GIF8[79]a$/.test(b.subarray(0, 6).toString("latin1")) },
  {
    type: "image/webp",
    matches: (b) =>
      b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
  },
  {
    type: "image/avif",
    matches: (b) =>
      b.subarray(4, 8).toString("latin1") === "ftyp" &&
      /^avi[fs]$/.test(b.subarray(8, 12).toString("latin1")),
  },
];

export function sniffImageType(body: Buffer): string | null {
  return SIGNATURES.find((s) => s.matches(body))?.type ?? null;
}

export interface ImageProxyOptions {
  /** The key URLs are signed with (derived from SESSION_SECRET, so every instance agrees). */
  secret: string;
  /** URL prefixes fetched whatever they resolve to: the product's own `/media/` and IMAGE_FETCH_ALLOW. */
  trusted: string[];
  /** The resolver behind the address check (tests plug in names that resolve to loopback). */
  resolve?: Resolver;
}

/**
 * Product images in the dashboard, from the API's own origin, so the CSP can say `img-src 'self'`.
 *
 * The API hands out `/media/proxy/<signature>?url=…` for every absolute image URL of a product it
 * shows (Product.imageDisplayUrls); the signature makes the link a capability for that one URL, so the
 * route needs no credential (an `<img>` cannot send the bearer token) and still fetches only URLs that
 * someone allowed to read the catalog was shown — it is not an open proxy. Fetching goes through the
 * worker's SafeFetcher: public addresses only (checked at connect time and on every redirect) unless
 * trusted, streamed with a size limit and one deadline. Only recognised raster formats are served.
 */
export class ImageProxy {
  private readonly key: Buffer;
  private readonly fetcher: SafeFetcher;

  constructor(opts: ImageProxyOptions) {
    this.key = createHmac("sha256", opts.secret).update("syncstore image proxy v1").digest();
    this.fetcher = new SafeFetcher({
      trusted: opts.trusted,
      maxBytes: MAX_BYTES,
      timeoutMs: TIMEOUT_MS,
      ...(opts.resolve ? { resolve: opts.resolve } : {}),
    });
  }

  /** A same-origin URL for `image`: `/media/…` paths are already the API's, others go through the proxy. */
  displayUrl(image: string): string {
    if (image.startsWith("/")) return image;
    return `${IMAGE_PROXY_PATH}/${this.sign(image)}?url=${encodeURIComponent(image)}`;
  }

  router(limit: RequestHandler): Router {
    const router = Router();
    router.get("/:signature", limit, async (req, res) => {
      const text = typeof req.query.url === "string" ? req.query.url : "";
      const signature = typeof req.params.signature === "string" ? req.params.signature : "";
      if (!text || !this.verify(text, signature)) {
        res.status(404).type("text/plain").send("not an image link this API handed out");
        return;
      }
      const refuse = (status: number, reason: string) =>
        void res
          .status(status)
          .set("cache-control", "no-store")
          .type("text/plain")
          .send(`image not reachable (${reason})`);
      let fetched;
      try {
        fetched = await this.fetcher.get(parseHttpUrl(text));
      } catch (e) {
        if (!(e instanceof SafeFetchError)) throw e;
        const status =
          e.reason === "BLOCKED_ADDRESS" || e.reason === "BAD_URL" ? 403 : e.reason === "TIMEOUT" ? 504 : 502;
        refuse(status, REASONS[e.reason]);
        return;
      }
      if (fetched.status !== 200) return refuse(502, `HTTP ${fetched.status}`);
      const type = sniffImageType(fetched.body);
      if (!type) return refuse(502, "not a PNG, JPEG, GIF, WebP or AVIF image");
      res
        .status(200)
        .set({
          "content-type": type,
          // Signed per URL, so the answer for this link does not change while the catalog keeps it;
          // private, because the catalog is not for shared caches.
          "cache-control": "private, max-age=86400",
          // Opened on its own, the answer is an image and nothing else.
          "content-security-policy": "default-src 'none'; sandbox",
        })
        .send(fetched.body);
    });
    return router;
  }

  async close(): Promise<void> {
    await this.fetcher.close();
  }

  private sign(url: string): string {
    return createHmac("sha256", this.key).update(url).digest("base64url").slice(0, 32);
  }

  private verify(url: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(url));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/** What the answer says for each way a fetch fails: never the remote's own words. */
const REASONS: Record<SafeFetchError["reason"], string> = {
  BLOCKED_ADDRESS: "not a public address",
  BAD_URL: "not an http(s) URL without credentials",
  TOO_MANY_REDIRECTS: "too many redirects",
  TOO_LARGE: `larger than ${MAX_BYTES / 1024 / 1024} MB`,
  TIMEOUT: "timed out",
  CONNECTION_FAILED: "connection failed",
};
