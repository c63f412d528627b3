import type { DataSource } from "typeorm";
import { ChannelDirectory } from "@syncstore/db";
import type { SyncQueues } from "@syncstore/queue";
import type { UserError } from "../graphql/types/common";
import type { QueueStats } from "../graphql/types/sync";
import { queueStatsView } from "./sync-views";

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
  private readonly channels: ChannelDirectory;

  constructor(
    ds: DataSource,
    private readonly queues: SyncQueues,
  ) {
    this.channels = new ChannelDirectory(ds);
  }

  pause(channelId: string): Promise<QueueControlResult> {
    return this.apply(channelId, (id) => this.queues.queue(id).pause());
  }

  resume(channelId: string): Promise<QueueControlResult> {
    return this.apply(channelId, (id) => this.queues.queue(id).resume());
  }

  private async apply(channelId: string, change: (id: string) => Promise<void>): Promise<QueueControlResult> {
    const channel = await this.channels.byId(channelId);
    if (!channel)
      return {
        queue: null,
        userErrors: [{ field: ["id"], code: "NOT_FOUND", message: `no channel ${channelId}` }],
      };
    await change(channel.id);
    return { queue: queueStatsView(channel, await this.queues.counts(channel.id)), userErrors: [] };
  }
}
