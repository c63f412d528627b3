import type { DataSource } from "typeorm";
import type { ImageIdCache } from "@syncstore/marketplaces";

/**
 * The platform's image id for each master image URL, per channel, in PostgreSQL with a memory
 * cache in front: an image is uploaded once per channel, whichever worker process meets it first.
 */
export class DbImageIdCache implements ImageIdCache {
  private readonly memory = new Map<string, string>();

  constructor(
    private readonly ds: DataSource,
    private readonly channelId: string,
  ) {}

  async get(url: string): Promise<string | null> {
    const hit = this.memory.get(url);
    if (hit) return hit;
    const rows: { platform_image_id: string }[] = await this.ds.query(
      "SELECT platform_image_id FROM listing_images WHERE channel_id = $1 AND source_url = $2",
      [this.channelId, url],
    );
    const id = rows[0]?.platform_image_id ?? null;
    if (id) this.memory.set(url, id);
    return id;
  }

  async set(url: string, platformImageId: string): Promise<void> {
    this.memory.set(url, platformImageId);
    await this.ds.query(
      `INSERT INTO listing_images (channel_id, source_url, platform_image_id) VALUES ($1, $2, $3)
       ON CONFLICT (channel_id, source_url) DO UPDATE SET platform_image_id = EXCLUDED.platform_image_id`,
      [this.channelId, url, platformImageId],
    );
  }
}
