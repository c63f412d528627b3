import type { DataSource } from "typeorm";

/** The platform's image id for each master image URL, per channel: an image is uploaded once per channel. */
export class ListingImageRepository {
  constructor(private readonly ds: DataSource) {}

  async platformImageId(channelId: string, sourceUrl: string): Promise<string | null> {
    const rows: { platform_image_id: string }[] = await this.ds.query(
      "SELECT platform_image_id FROM listing_images WHERE channel_id = $1 AND source_url = $2",
      [channelId, sourceUrl],
    );
    return rows[0]?.platform_image_id ?? null;
  }

  async record(channelId: string, sourceUrl: string, platformImageId: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO listing_images (channel_id, source_url, platform_image_id) VALUES ($1, $2, $3)
       ON CONFLICT (channel_id, source_url) DO UPDATE SET platform_image_id = EXCLUDED.platform_image_id`,
      [channelId, sourceUrl, platformImageId],
    );
  }
}
