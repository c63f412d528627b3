import type { DataSource } from "typeorm";
import {
  ChannelDirectory,
  DeadLetterGroupRepository,
  loadBatchOrigins,
  syncStats,
  slowestEndpoints,
  type SlowEndpointRow,
  SyncReadRepository,
  type StatsBucket,
  type SyncStatsBucketRow,
  type BatchOriginRow,
  type SyncLogFilter,
} from "@syncstore/db";
import type { SyncQueues } from "@syncstore/queue";
import { decodeCursor, encodeCursor, isBigintId, isKeysetPosition } from "../graphql/cursor";
import type { DeadLetter, QueueStats, SyncBatch, SyncItem, SyncLog } from "../graphql/types/sync";
import type { DeadLetterGroup } from "../graphql/types/dead-letter-group";
import type { BatchOrigin } from "../graphql/types/batch-origin";
import { BatchActorKind, BatchScopeKind, BatchTrigger } from "../graphql/types/batch-origin";
import type { Platform, SyncErrorClass } from "../graphql/types/enums";
import type { ItemStatus } from "../graphql/types/sync";
import { batchView } from "./batch-view";
import { deadLetterGroupView, deadLetterView, queueStatsView, syncItemView, syncLogView } from "./sync-views";

/** A group's key: the md5 of its cause, as the database stores it. */
export const isGroupKey = (v: string): boolean => /^[0-9a-f]{32}$/.test(v);
const isGroupPosition = (v: string): boolean => /^\d{1,9}\|[0-9a-f]{32}$/.test(v);

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

function page<T>(rows: T[], first: number, cursorOf: (row: T) => string, totalCount: number): Page<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** Read side of the sync ledger as GraphQL connections: cursors here, SQL in `SyncReadRepository`. */
export class SyncQueries {
  private readonly reads: SyncReadRepository;
  private readonly groups: DeadLetterGroupRepository;
  private readonly channels: ChannelDirectory;

  constructor(
    private readonly ds: DataSource,
    private readonly queues: SyncQueues,
  ) {
    this.reads = new SyncReadRepository(ds);
    this.groups = new DeadLetterGroupRepository(ds);
    this.channels = new ChannelDirectory(ds);
  }

  stats(query: {
    from: Date;
    to: Date;
    bucket: StatsBucket;
    channelId: string | null;
  }): Promise<SyncStatsBucketRow[]> {
    return syncStats(this.ds, query);
  }

  slowestEndpoints(query: {
    from: Date;
    to: Date;
    channelId: string | null;
    first: number;
  }): Promise<SlowEndpointRow[]> {
    return slowestEndpoints(this.ds, query);
  }

  /** For a page of batches, one query: each batch's origin, in the order of `batchIds`. */
  async origins(batchIds: readonly string[]): Promise<(BatchOrigin | Error)[]> {
    const rows = await loadBatchOrigins(this.ds, batchIds);
    const byId = new Map(rows.map((r) => [r.batchId, r]));
    return batchIds.map((id) => {
      const row = byId.get(id);
      return row ? originView(row) : new Error(`no batch ${id}`);
    });
  }

  async retriesOf(batchId: string): Promise<SyncBatch[]> {
    return (await this.reads.retriesOf(batchId)).map((r) => batchView(r));
  }

  async batches(first: number, after: string | null): Promise<Page<SyncBatch>> {
    // The cursor keeps the position's microseconds so no row is skipped.
    const position = after ? decodeCursor("batch", after, isKeysetPosition) : null;
    const [micros, id] = position ? (position.split("|") as [string, string]) : [];
    const result = await this.reads.batches(first + 1, micros && id ? { micros, id } : null);
    const p = page(
      result.rows,
      first,
      (b) => encodeCursor("batch", `${b.micros}|${b.row.id}`),
      result.totalCount,
    );
    return { ...p, edges: p.edges.map((e) => ({ cursor: e.cursor, node: batchView(e.node.row) })) };
  }

  async items(
    batchId: string,
    first: number,
    after: string | null,
    status: ItemStatus | null,
  ): Promise<Page<SyncItem>> {
    const afterId = after ? decodeCursor("item", after, isBigintId) : null;
    const result = await this.reads.items(batchId, first + 1, afterId, status);
    return page(result.rows.map(syncItemView), first, (i) => encodeCursor("item", i.id), result.totalCount);
  }

  async deadLetters(
    first: number,
    after: string | null,
    platform: Platform | null,
    errorClass: SyncErrorClass | null,
    groupKey: string | null = null,
  ): Promise<Page<DeadLetter>> {
    const beforeId = after ? decodeCursor("dead", after, isBigintId) : null;
    const result = await this.reads.openDeadLetters(first + 1, beforeId, { platform, errorClass, groupKey });
    return page(result.rows.map(deadLetterView), first, (d) => encodeCursor("dead", d.id), result.totalCount);
  }

  /** Groups largest first; the cursor holds the last group's size and key. */
  async deadLetterGroups(
    first: number,
    after: string | null,
    platform: Platform | null,
  ): Promise<Page<DeadLetterGroup>> {
    const position = after ? decodeCursor("dlgroup", after, isGroupPosition) : null;
    const [count, key] = position ? (position.split("|") as [string, string]) : [];
    const result = await this.groups.groups(first + 1, count && key ? { count: Number(count), key } : null, {
      platform,
    });
    return page(
      result.rows.map(deadLetterGroupView),
      first,
      (g) => encodeCursor("dlgroup", `${g.count}|${g.key}`),
      result.totalCount,
    );
  }

  async syncLogs(first: number, after: string | null, filter: SyncLogFilter): Promise<Page<SyncLog>> {
    const beforeId = after ? decodeCursor("log", after, isBigintId) : null;
    const result = await this.reads.syncLogs(first + 1, beforeId, filter);
    return page(result.rows.map(syncLogView), first, (l) => encodeCursor("log", l.id), result.totalCount);
  }

  async queueStats(): Promise<QueueStats[]> {
    const channels = await this.channels.enabled();
    return Promise.all(channels.map(async (c) => queueStatsView(c, await this.queues.counts(c.id))));
  }
}

const SCOPE_KINDS = new Set<string>(Object.values(BatchScopeKind));

function originView(row: BatchOriginRow): BatchOrigin {
  const system = row.actorKind === "SYSTEM";
  const trigger =
    row.kind === "ROLLBACK"
      ? BatchTrigger.ROLLBACK
      : row.scope.kind === "DEAD_LETTERS"
        ? BatchTrigger.RETRY
        : system
          ? BatchTrigger.AUTOMATIC
          : BatchTrigger.MANUAL;
  return {
    trigger,
    startedBy: row.actorKind ? { kind: BatchActorKind[row.actorKind], name: row.actorName } : null,
    label: row.label,
    scope: {
      kind: SCOPE_KINDS.has(row.scope.kind) ? (row.scope.kind as BatchScopeKind) : BatchScopeKind.PRODUCTS,
      products: row.scope.products,
      search: row.scope.search ?? null,
      listingStatus: (row.scope.listingStatus ?? null) as BatchOrigin["scope"]["listingStatus"],
      listingPlatform: (row.scope.listingPlatform ?? null) as BatchOrigin["scope"]["listingPlatform"],
    },
  };
}
