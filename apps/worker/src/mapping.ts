import {
  resolveMarketplaceFields,
  type ChannelMapping,
  type ChannelSettings,
  type TransformResult,
} from "@syncstore/core";
import type { MappingRepository } from "@syncstore/db";

const EMPTY = (platform: ChannelSettings["platform"]): ChannelMapping => ({
  platform,
  categories: new Map(),
  brands: new Map(),
  shipping: null,
});

/**
 * The channels' marketplace mappings, loaded once per channel and kept for a few seconds: a batch of
 * thousands of items costs a handful of queries, and a mapping fixed by the seller is used by the
 * next retry without a restart.
 */
export class ChannelMappings {
  private readonly cache = new Map<string, { loadedAt: number; mapping: Promise<ChannelMapping> }>();

  constructor(
    private readonly repo: MappingRepository,
    private readonly ttlMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The transformed listing with the marketplace's category, attributes, brand and shipping added,
   * and every mapping gap as a problem naming the marketplace field. Nothing with a problem is sent.
   */
  async resolve(channel: ChannelSettings, transformed: TransformResult): Promise<TransformResult> {
    const mapping = await this.forChannel(channel);
    const { fields, problems } = resolveMarketplaceFields(transformed.payload, mapping);
    return {
      ...transformed,
      payload: fields ? { ...transformed.payload, marketplace: fields } : transformed.payload,
      problems: [...transformed.problems, ...problems],
    };
  }

  /** The channel's mapping or shipping changed: the next item reads it again. */
  forget(channelId: string): void {
    this.cache.delete(channelId);
  }

  private forChannel(channel: ChannelSettings): Promise<ChannelMapping> {
    const hit = this.cache.get(channel.id);
    if (hit && this.now() - hit.loadedAt < this.ttlMs) return hit.mapping;
    const mapping = this.repo.forChannel(channel.id).then((m) => m ?? EMPTY(channel.platform));
    // A failed load is not remembered: the next item asks again.
    mapping.catch(() => this.cache.delete(channel.id));
    this.cache.set(channel.id, { loadedAt: this.now(), mapping });
    return mapping;
  }
}
