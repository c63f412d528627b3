import type { DataSource } from "typeorm";
import type { Redis } from "ioredis";
import {
  ChannelDirectory,
  SyncReadRepository,
  cancelBatch,
  createBatch,
  discardDeadLetters,
  openDeadLetterIdsOfGroup,
  retryDeadLetters,
  toProgressEvent,
  unknownProductIds,
  batchItemPairs,
  type LedgerEvent,
  type ProductSelection,
} from "@syncstore/db";
import { publishProgress, type ProgressTopics, type SyncQueues } from "@syncstore/queue";
import type { Logger } from "@syncstore/config";
import type { ListingStatus, Platform, UserErrorCode } from "@syncstore/core";
import { withSpan } from "@syncstore/telemetry";
import type { UserError } from "../graphql/types/common";
import type { SyncBatch } from "../graphql/types/sync";
import { batchView } from "./batch-view";

export interface StartBatchInput {
  productIds?: string[] | null;
  search?: string | null;
  listingStatus?: string | null;
  listingPlatform?: string | null;
  platforms: string[];
  force?: boolean | null;
  label?: string | null;
  dryRun?: boolean | null;
  sameItemsAs?: string | null;
}

export interface BatchResult {
  batch: SyncBatch | null;
  userErrors: UserError[];
}

type RetryResult = Awaited<ReturnType<typeof retryDeadLetters>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: string): boolean => UUID.test(v);

const err = (field: string[] | null, code: UserErrorCode, message: string): UserError => ({
  field,
  code,
  message,
});

/** Starting, cancelling and retrying syncs: PostgreSQL first, then the queue, then progress. */
export class SyncService {
  private readonly reads: SyncReadRepository;
  private readonly channels: ChannelDirectory;

  constructor(
    private readonly ds: DataSource,
    private readonly queues: SyncQueues,
    private readonly redis: Redis,
    private readonly topics: ProgressTopics,
    private readonly logger: Logger,
    private readonly maxBatchItems: number,
  ) {
    this.reads = new SyncReadRepository(ds);
    this.channels = new ChannelDirectory(ds);
  }

  /** Traced: the span is the parent of the enqueue, and through the job data of every item's attempts. */
  startBatch(
    input: StartBatchInput,
    requestedBy: string | null,
    path: string[] = ["input"],
  ): Promise<BatchResult> {
    return withSpan("sync.startBatch", {}, async (span) => {
      const result = await this.start(input, requestedBy, path);
      if (result.batch) {
        span.setAttribute("syncstore.batch_id", result.batch.id);
        span.setAttribute("syncstore.items", result.batch.total);
      }
      return result;
    });
  }

  private async start(
    input: StartBatchInput,
    requestedBy: string | null,
    path: string[],
  ): Promise<BatchResult> {
    const errors: UserError[] = [];
    const platforms = [...new Set(input.platforms)];
    if (platforms.length === 0)
      errors.push(err([...path, "platforms"], "EMPTY_PLATFORMS", "choose at least one platform"));
    const hasIds = input.productIds !== undefined && input.productIds !== null;
    const search = input.search?.trim() ?? null;
    const listingStatus = (input.listingStatus ?? null) as ListingStatus | null;
    const listingPlatform = (input.listingPlatform ?? null) as Platform | null;
    const filtered = Boolean(listingStatus || listingPlatform);
    if (hasIds && (search || filtered)) {
      errors.push(
        err(
          [...path, search ? "search" : listingStatus ? "listingStatus" : "listingPlatform"],
          "CONFLICTING_SELECTION",
          "give either productIds or a search and listing filters, not both",
        ),
      );
    }
    const label = input.label?.trim() || null;
    if (label !== null && label.length > 200)
      errors.push(err([...path, "label"], "TOO_LONG", "label must be at most 200 characters"));
    // eslint-disable-next-line no-control-regex
    if (label !== null && /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(label))
      errors.push(err([...path, "label"], "INVALID", "label must not contain control or bidi characters"));
    const sameAs = input.sameItemsAs ?? null;
    if (sameAs !== null && (hasIds || search || filtered))
      errors.push(
        err(
          [...path, "sameItemsAs"],
          "CONFLICTING_SELECTION",
          "give either sameItemsAs or productIds, a search and listing filters, not both",
        ),
      );
    if (hasIds && input.productIds!.length === 0) {
      errors.push(err([...path, "productIds"], "EMPTY_SELECTION", "productIds is empty"));
    }
    if (errors.length) return { batch: null, userErrors: errors };

    const channels = await this.channels.enabled(platforms);
    for (const p of platforms) {
      if (!channels.some((c) => c.platform === p)) {
        errors.push(err([...path, "platforms"], "NO_CHANNEL", `no enabled ${p} channel is configured`));
      }
    }
    if (hasIds) {
      const unknown = await unknownProductIds(this.ds.manager, [...new Set(input.productIds!)]);
      if (unknown.length) {
        errors.push(
          err(
            [...path, "productIds"],
            "UNKNOWN_PRODUCTS",
            `unknown product id(s): ${unknown.slice(0, 20).join(", ")}${unknown.length > 20 ? ` and ${unknown.length - 20} more` : ""}`,
          ),
        );
      }
    }
    const pairs =
      sameAs === null
        ? null
        : isUuid(sameAs)
          ? await batchItemPairs(
              this.ds.manager,
              sameAs,
              channels.map((c) => c.id),
            )
          : [];
    if (pairs !== null && pairs.length === 0)
      errors.push(
        err(
          [...path, "sameItemsAs"],
          "NOT_FOUND",
          `no batch ${sameAs} with items on the chosen platforms' enabled channels`,
        ),
      );
    if (errors.length) return { batch: null, userErrors: errors };

    const selection: ProductSelection = pairs
      ? { kind: "pairs", pairs }
      : hasIds
        ? { kind: "ids", productIds: [...new Set(input.productIds!)] }
        : filtered
          ? { kind: "filter", filters: { search, listingStatus, platform: listingPlatform } }
          : search
            ? { kind: "search", search }
            : { kind: "all" };
    const created = await this.ds.transaction((em) =>
      createBatch(em, {
        selection,
        channelIds: channels.map((c) => c.id),
        force: input.force ?? false,
        requestedBy,
        label,
        maxItems: this.maxBatchItems,
        kind: input.dryRun ? "DRY_RUN" : "SYNC",
      }),
    );
    if (!created.ok) {
      const field =
        created.code === "EMPTY_SELECTION"
          ? [...path, hasIds ? "productIds" : filtered ? "listingStatus" : "search"]
          : path;
      return { batch: null, userErrors: [err(field, created.code, created.message)] };
    }
    try {
      await this.queues.enqueue(created.items.map((i) => ({ ...i, batchId: created.batch.id })));
    } catch (e) {
      // The batch is safe in PostgreSQL; the worker's reconciler enqueues it once Redis is back.
      this.logger.error(`batch ${created.batch.id} written but not enqueued yet`, e);
    }
    return { batch: batchView(created.batch), userErrors: [] };
  }

  async cancel(batchId: string): Promise<BatchResult> {
    if (!isUuid(batchId))
      return { batch: null, userErrors: [err(["id"], "NOT_FOUND", `no batch ${batchId}`)] };
    const result = await this.ds.transaction((em) => cancelBatch(em, batchId));
    if (!result.ok)
      return { batch: await this.getBatch(batchId), userErrors: [err(["id"], result.code, result.message)] };
    await this.publish(result.events);
    const byChannel = new Map<string, string[]>();
    for (const j of result.jobs) byChannel.set(j.channelId, [...(byChannel.get(j.channelId) ?? []), j.jobId]);
    for (const [channelId, jobIds] of byChannel)
      await this.queues.removeJobs(channelId, jobIds).catch(() => undefined);
    return { batch: await this.getBatch(batchId), userErrors: [] };
  }

  /**
   * Retries dead letters as one new batch; `wholeProducts` adds the products' other failed channels.
   * The batches they came from keep their figures.
   */
  async retryDeadLetters(
    ids: string[],
    opts: { wholeProducts?: boolean; requestedBy?: string | null } = {},
  ): Promise<{ retried: string[]; batch: SyncBatch | null; userErrors: UserError[] }> {
    const unique = [...new Set(ids)];
    if (unique.length === 0)
      return {
        retried: [],
        batch: null,
        userErrors: [err(["ids"], "EMPTY_SELECTION", "no dead letters given")],
      };
    const result = await this.ds.transaction((em) => retryDeadLetters(em, unique, opts));
    const userErrors = result.missing.length
      ? [err(["ids"], "NOT_FOUND", `no open dead letter(s): ${result.missing.slice(0, 20).join(", ")}`)]
      : [];
    if (!result.ok) return { retried: [], batch: null, userErrors };
    return this.enqueueRetry(result, userErrors);
  }

  /**
   * Retries every open dead letter of one group as one new batch: the fix a group needs is the same
   * for all of them, so a person who made it retries them together. A group larger than a batch may
   * be is refused whole rather than retried in part.
   */
  async retryDeadLetterGroup(
    key: string,
    requestedBy: string | null,
  ): Promise<{ retried: string[]; batch: SyncBatch | null; userErrors: UserError[] }> {
    const result = await this.ds.transaction(async (em): Promise<UserError | RetryResult> => {
      const ids = await openDeadLetterIdsOfGroup(em, key, this.maxBatchItems + 1);
      if (ids.length > this.maxBatchItems)
        return err(
          ["key"],
          "BATCH_TOO_LARGE",
          `the group has more than ${this.maxBatchItems} dead letters, the most one batch may hold`,
        );
      return retryDeadLetters(em, ids, { requestedBy });
    });
    if ("code" in result) return { retried: [], batch: null, userErrors: [result] };
    if (!result.ok)
      return {
        retried: [],
        batch: null,
        userErrors: [err(["key"], "NOT_FOUND", `no open dead letters in group ${key}`)],
      };
    return this.enqueueRetry(result, []);
  }

  private async enqueueRetry(
    result: Extract<RetryResult, { ok: true }>,
    userErrors: UserError[],
  ): Promise<{ retried: string[]; batch: SyncBatch; userErrors: UserError[] }> {
    await this.queues
      .enqueue(result.items.map((i) => ({ ...i, batchId: result.batch.id })))
      .catch((e: unknown) =>
        this.logger.error(`retry batch ${result.batch.id} written but not enqueued yet`, e),
      );
    return {
      retried: result.retried.map((r) => r.deadLetterId),
      batch: batchView(result.batch),
      userErrors,
    };
  }

  async discardDeadLetters(ids: string[]): Promise<{ discarded: string[]; userErrors: UserError[] }> {
    const unique = [...new Set(ids)];
    if (unique.length === 0)
      return { discarded: [], userErrors: [err(["ids"], "EMPTY_SELECTION", "no dead letters given")] };
    const result = await this.ds.transaction((em) => discardDeadLetters(em, unique));
    const userErrors = result.missing.length
      ? [err(["ids"], "NOT_FOUND", `no open dead letter(s): ${result.missing.slice(0, 20).join(", ")}`)]
      : [];
    return { discarded: result.discarded, userErrors };
  }

  async getBatch(id: string): Promise<SyncBatch | null> {
    if (!isUuid(id)) return null;
    const row = await this.reads.batch(id);
    return row ? batchView(row) : null;
  }

  private async publish(events: LedgerEvent[]): Promise<void> {
    await publishProgress(
      this.redis,
      this.topics,
      events.map((e) => toProgressEvent(e)),
    ).catch((e: unknown) =>
      this.logger.warn("progress not published (subscribers resync from the database)", e),
    );
  }
}
