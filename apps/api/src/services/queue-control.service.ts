import type { DataSource } from "typeorm";
import type { Platform } from "../graphql/types/enums";
import type { SyncQueues } from "@syncstore/queue";
import type { UserError } from "../graphql/types/common";
import type { QueueStats } from "../graphql/types/sync";

export interface QueueControlResult {
  queue: QueueStats | null;
  userErrors: UserError[];
}

/**
 * Pausing a channel pauses its BullMQ queue for every worker process at once (the flag lives in
 * Redis): running jobs finish, waiting ones stay queued — nothing is lost, and the items stay QUEUED
 * in PostgreSQL, so the dashboard and `batchProgress` tell the truth while it is paused.
 */
export class QueueControlService {
  constructor(
    private readonly ds: DataSource,
    private readonly queues: SyncQueues,
  ) {}

  pause(channelId: string): Promise<QueueControlResult> {
    return this.apply(channelId, (id) => this.queues.queue(id).pause());
  }

  resume(channelId: string): Promise<QueueControlResult> {
    return this.apply(channelId, (id) => this.queues.queue(id).resume());
  }

  private async apply(channelId: string, change: (id: string) => Promise<void>): Promise<QueueControlResult> {
    const rows: { id: string; platform: Platform; shop_id: string }[] = /^\d{1,18}$/.test(channelId)
      ? await this.ds.query("SELECT id::text, platform, shop_id FROM channels WHERE id = $1", [channelId])
      : [];
    const channel = rows[0];
    if (!channel)
      return {
        queue: null,
        userErrors: [{ field: ["id"], code: "NOT_FOUND", message: `no channel ${channelId}` }],
      };
    await change(channel.id);
    const counts = await this.queues.counts(channel.id);
    return { queue: { ...counts, platform: channel.platform, shopId: channel.shop_id }, userErrors: [] };
  }
}
