import type { DownloadedImage } from "./images";
import { SingleFlight } from "./single-flight";

/**
 * Master images downloaded by this process, so a URL is fetched once however many channels upload
 * it and however often an upload is retried. Concurrent requests for one URL share one download;
 * a failed download is not remembered. Bounded by total bytes, oldest first out.
 */
export class DownloadCache {
  private readonly images = new Map<string, DownloadedImage>();
  private readonly pending = new SingleFlight<string, DownloadedImage>();
  private bytes = 0;
  downloads = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  async get(key: string, download: () => Promise<DownloadedImage>): Promise<DownloadedImage> {
    const hit = this.images.get(key);
    if (hit) return hit;
    return this.pending.run(key, async () => {
      this.downloads++;
      const image = await download();
      this.keep(key, image);
      return image;
    });
  }

  private keep(key: string, image: DownloadedImage): void {
    if (image.bytes.length > this.maxBytes) return;
    this.images.set(key, image);
    this.bytes += image.bytes.length;
    for (const [k, v] of this.images) {
      if (this.bytes <= this.maxBytes) break;
      this.images.delete(k);
      this.bytes -= v.bytes.length;
    }
  }
}

/** One cache for every TikTok client in the process. */
export const processDownloads = new DownloadCache();
