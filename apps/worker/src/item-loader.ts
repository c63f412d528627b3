import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { ItemContextRepository, type ItemContext } from "@syncstore/db";

export type { ItemContext } from "@syncstore/db";

/**
 * Loads what jobs need in batches: the jobs running at one moment share a few queries instead of
 * several each. A fresh loader per tick, so nothing is cached between a job and its retry.
 */
export class ItemLoader {
  private readonly contexts: ItemContextRepository;
  private loader = this.create();

  constructor(ds: DataSource) {
    this.contexts = new ItemContextRepository(ds);
  }

  load(itemId: string): Promise<ItemContext | null> {
    return this.loader.load(itemId);
  }

  private create(): DataLoader<string, ItemContext | null> {
    return new DataLoader((ids) => this.batch(ids), {
      cache: false,
      batchScheduleFn: (cb) => setTimeout(cb, 2),
      maxBatchSize: 200,
    });
  }

  private async batch(ids: readonly string[]): Promise<(ItemContext | null)[]> {
    const byId = new Map((await this.contexts.load(ids)).map((c) => [c.itemId, c]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
