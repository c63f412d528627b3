import { SyncError, type Platform } from "@syncstore/core";
import {
  SafeFetchError,
  SafeFetcher,
  parseHttpUrl,
  type Resolver,
  type SafeFetchFailure,
} from "./safe-fetch";

export interface DownloadedImage {
  bytes: Buffer;
  contentType: string;
  filename: string;
}

const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export interface ImageFetcherOptions {
  timeoutMs?: number;
  /** URL prefixes fetched even where they resolve to private addresses (IMAGE_FETCH_ALLOW). */
  allow?: string[];
  /** Overrides the resolver behind the address check (tests). */
  resolve?: Resolver;
}

/** What the dead letter says, for each way a download can fail: never the remote's own answer. */
const REASONS: Record<SafeFetchFailure, string> = {
  BLOCKED_ADDRESS: "not a public address",
  BAD_URL: "not an http(s) URL without credentials",
  TOO_MANY_REDIRECTS: "too many redirects",
  TOO_LARGE: `larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`,
  TIMEOUT: "timed out",
  CONNECTION_FAILED: "connection failed",
};

/**
 * Fetches master images through a SafeFetcher. Relative URLs (the demo catalog's `/media/...`) resolve
 * against the API's public URL, whose `/media/` is trusted; anything else must resolve to a public
 * address. An image that does not load is a VALIDATION failure on `images` (retrying will not fix
 * it), except timeouts, dropped connections and 5xx answers, which may pass.
 */
export class ImageFetcher {
  private readonly http: SafeFetcher;
  constructor(
    private readonly platform: Platform,
    private readonly mediaBaseUrl: string,
    opts: ImageFetcherOptions | number = {},
  ) {
    const o = typeof opts === "number" ? { timeoutMs: opts } : opts;
    this.http = new SafeFetcher({
      trusted: [new URL("/media/", mediaBaseUrl).href, ...(o.allow ?? [])],
      maxBytes: MAX_IMAGE_BYTES,
      timeoutMs: o.timeoutMs ?? 15_000,
      ...(o.resolve ? { resolve: o.resolve } : {}),
    });
  }

  resolve(url: string): URL {
    return new URL(url, this.mediaBaseUrl);
  }

  async fetch(url: string, signal?: AbortSignal): Promise<DownloadedImage> {
    let res;
    try {
      res = await this.http.get(parseHttpUrl(url, new URL(this.mediaBaseUrl)), signal);
    } catch (e) {
      if (!(e instanceof SafeFetchError)) throw e;
      const transient = e.reason === "TIMEOUT" || e.reason === "CONNECTION_FAILED";
      throw this.unreachable(url, REASONS[e.reason], transient ? "NETWORK" : "VALIDATION", null);
    }
    const type = String(res.headers["content-type"] ?? "");
    if (res.status >= 500) throw this.unreachable(url, `HTTP ${res.status}`, "NETWORK", res.status);
    if (res.status !== 200) throw this.unreachable(url, `HTTP ${res.status}`, "VALIDATION", res.status);
    if (!type.startsWith("image/") || res.body.length === 0) {
      throw this.unreachable(url, "not an image", "VALIDATION", res.status);
    }
    const filename = res.url.pathname.split("/").pop() || "image";
    return { bytes: res.body, contentType: type, filename };
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private unreachable(
    url: string,
    reason: string,
    errorClass: "NETWORK" | "VALIDATION",
    httpStatus: number | null,
  ): SyncError {
    return new SyncError(errorClass, `image ${url} not reachable (${reason})`, {
      platform: this.platform,
      code: "IMAGE_UNREACHABLE",
      ...(httpStatus !== null ? { httpStatus } : {}),
      ...(errorClass === "VALIDATION" ? { field: "images" } : {}),
    });
  }
}
