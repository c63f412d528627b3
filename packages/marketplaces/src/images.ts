import { SyncError, type Platform } from "@syncstore/core";
import { HttpTransport } from "./http";

export interface DownloadedImage {
  bytes: Buffer;
  contentType: string;
  filename: string;
}

const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * Fetches master images. Relative URLs (the demo catalog's `/media/...`) resolve against the API's
 * public URL. An image that does not load is a VALIDATION failure on `images`: retrying will not fix it.
 */
export class ImageFetcher {
  private readonly http: HttpTransport;
  constructor(
    private readonly platform: Platform,
    private readonly mediaBaseUrl: string,
    timeoutMs = 15_000,
  ) {
    this.http = new HttpTransport(platform, { timeoutMs, connections: 32 });
  }

  resolve(url: string): URL {
    return new URL(url, this.mediaBaseUrl);
  }

  async fetch(url: string, signal?: AbortSignal): Promise<DownloadedImage> {
    const resolved = this.resolve(url);
    const res = await this.http.send(
      { method: "GET", base: resolved.origin, path: resolved.pathname + resolved.search },
      signal,
    );
    const type = String(res.headers["content-type"] ?? "");
    if (res.status >= 500) {
      throw new SyncError("NETWORK", `image ${url} answered HTTP ${res.status}`, {
        platform: this.platform,
        code: `HTTP_${res.status}`,
        httpStatus: res.status,
      });
    }
    if (
      res.status !== 200 ||
      !type.startsWith("image/") ||
      res.body.length === 0 ||
      res.body.length > MAX_IMAGE_BYTES
    ) {
      throw new SyncError(
        "VALIDATION",
        `image ${url} is not a usable image (HTTP ${res.status}, ${type || "no type"}, ${res.body.length} bytes)`,
        {
          platform: this.platform,
          code: "IMAGE_UNREACHABLE",
          httpStatus: res.status,
          field: "images",
        },
      );
    }
    const filename = resolved.pathname.split("/").pop() || "image";
    return { bytes: res.body, contentType: type, filename };
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}
