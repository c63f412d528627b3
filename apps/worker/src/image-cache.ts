import type { DataSource } from "typeorm";
import { ListingImageRepository } from "@syncstore/db";
import type { ImageIdCache } from "@syncstore/marketplaces";

/**
 * The platform's image id for each master image URL, per channel, in PostgreSQL with a memory
 * cache in front: an image is uploaded once per channel, whichever worker process meets it first.
 */
export class DbImageIdCache implements ImageIdCache {
  private readonly memory = new Map<string, string>();
  private readonly images: ListingImageRepository;

  constructor(
    ds: DataSource,
    private readonly channelId: string,
  ) {
    this.images = new ListingImageRepository(ds);
  }

  async get(url: string): Promise<string | null> {
    const hit = this.memory.get(url);
    if (hit) return hit;
    const id = await this.images.platformImageId(this.channelId, url);
    if (id) this.memory.set(url, id);
    return id;
  }

  async set(url: string, platformImageId: string): Promise<void> {
    this.memory.set(url, platformImageId);
    await this.images.record(this.channelId, url, platformImageId);
  }
}
