import { Arg, Authorized, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Permission } from "../../auth";
import type { ApiContext } from "../context";
import { BatchOrigin } from "../types/batch-origin";
import { PageArgs, pageSize } from "../pagination";
import {
  CancelBatchPayload,
  DeadLetterConnection,
  DiscardDeadLettersPayload,
  QueueStats,
  RetryDeadLetterPayload,
  RetryDeadLettersPayload,
  StartBatchSyncPayload,
  SyncBatch,
  SyncBatchConnection,
  SyncItemConnection,
  SyncLogConnection,
  SyncProductPayload,
} from "../types/sync";
import {
  BatchItemsArgs,
  DeadLettersArgs,
  StartBatchSyncInput,
  SyncLogsArgs,
  SyncProductInput,
} from "../types/sync-inputs";
import { isBigintId } from "../cursor";
import { userInputError } from "../errors";
import { isUuid } from "../../services/sync.service";
import { checkGroupKey } from "./dead-letter-group.resolver";

function checkId(
  id: string | null | undefined,
  valid: (v: string) => boolean,
  argument: string,
): string | null {
  if (id === null || id === undefined) return null;
  if (!valid(id))
    throw userInputError(`${argument} is not a valid id: ${JSON.stringify(id.slice(0, 64))}`, argument);
  return id;
}

@Resolver(() => SyncBatch)
export class SyncResolver {
  @Authorized(Permission.READ)
  @Query(() => SyncBatch, { nullable: true })
  batch(@Arg("id", () => ID) id: string, @Ctx() ctx: ApiContext): Promise<SyncBatch | null> {
    return ctx.services.sync.getBatch(checkId(id, isUuid, "id")!);
  }

  @Authorized(Permission.READ)
  @Query(() => SyncBatchConnection, { description: "Batches, newest first." })
  batches(@Args() { first, after }: PageArgs, @Ctx() ctx: ApiContext) {
    return ctx.services.syncQueries.batches(pageSize(first), after ?? null);
  }

  @FieldResolver(() => SyncBatch, {
    nullable: true,
    description: "The batch whose dead letters this batch retries (null when they came from several).",
  })
  retryOf(@Root() batch: SyncBatch, @Ctx() ctx: ApiContext): Promise<SyncBatch | null> | null {
    return batch.retryOfId ? ctx.services.sync.getBatch(batch.retryOfId) : null;
  }

  @FieldResolver(() => BatchOrigin, {
    description:
      "What started the batch (manual, automatic, retry, rollback; which user or key), its label and scope.",
  })
  origin(@Root() batch: SyncBatch, @Ctx() ctx: ApiContext): Promise<BatchOrigin> {
    return ctx.loaders.batchOrigin.load(batch.id);
  }

  @FieldResolver(() => SyncBatch, { nullable: true, description: "The batch a ROLLBACK batch undoes." })
  rollbackOf(@Root() batch: SyncBatch, @Ctx() ctx: ApiContext): Promise<SyncBatch | null> | null {
    return batch.rollbackOfId ? ctx.services.sync.getBatch(batch.rollbackOfId) : null;
  }

  @FieldResolver(() => [SyncBatch], {
    description: "The batches that retried this batch's items, oldest first.",
  })
  retries(@Root() batch: SyncBatch, @Ctx() ctx: ApiContext): Promise<SyncBatch[]> {
    return ctx.services.syncQueries.retriesOf(batch.id);
  }

  @FieldResolver(() => SyncItemConnection, {
    description: "The batch's items, in the order they were queued.",
  })
  items(@Root() batch: SyncBatch, @Args() { first, after, status }: BatchItemsArgs, @Ctx() ctx: ApiContext) {
    return ctx.services.syncQueries.items(batch.id, pageSize(first), after ?? null, status ?? null);
  }

  @Authorized(Permission.READ)
  @Query(() => DeadLetterConnection, { description: "Open dead letters, newest first." })
  deadLetters(
    @Args() { first, after, platform, errorClass, group }: DeadLettersArgs,
    @Ctx() ctx: ApiContext,
  ) {
    return ctx.services.syncQueries.deadLetters(
      pageSize(first),
      after ?? null,
      platform ?? null,
      errorClass ?? null,
      checkGroupKey(group, "group"),
    );
  }

  @Authorized(Permission.READ)
  @Query(() => SyncLogConnection, { description: "Marketplace calls, newest first." })
  syncLogs(
    @Args()
    { first, after, productId, batchId, search, channelId, outcome, errorClass, from, to }: SyncLogsArgs,
    @Ctx() ctx: ApiContext,
  ) {
    if (from && to && from > to) throw userInputError("from must not be after to", "from");
    return ctx.services.syncQueries.syncLogs(pageSize(first), after ?? null, {
      productId: checkId(productId, isBigintId, "productId"),
      batchId: checkId(batchId, isUuid, "batchId"),
      channelId: checkId(channelId, isBigintId, "channelId"),
      search: search ?? null,
      outcome: outcome ?? null,
      errorClass: errorClass ?? null,
      from: from ?? null,
      to: to ?? null,
    });
  }

  @Authorized(Permission.READ)
  @Query(() => [QueueStats])
  queueStats(@Ctx() ctx: ApiContext) {
    return ctx.services.syncQueries.queueStats();
  }

  @Authorized(Permission.SYNC)
  @Mutation(() => SyncProductPayload, { description: "Sync one product now: a batch of one." })
  syncProduct(@Arg("input", () => SyncProductInput) input: SyncProductInput, @Ctx() ctx: ApiContext) {
    return ctx.services.sync.startBatch(
      { productIds: [input.productId], platforms: input.platforms, force: input.force },
      ctx.viewer?.id ?? null,
    );
  }

  @Authorized(Permission.SYNC)
  @Mutation(() => StartBatchSyncPayload)
  startBatchSync(
    @Arg("input", () => StartBatchSyncInput) input: StartBatchSyncInput,
    @Ctx() ctx: ApiContext,
  ) {
    return ctx.services.sync.startBatch(input, ctx.viewer?.id ?? null);
  }

  @Authorized(Permission.SYNC)
  @Mutation(() => CancelBatchPayload, { description: "Stops queued items; running ones finish." })
  cancelBatch(@Arg("id", () => ID) id: string, @Ctx() ctx: ApiContext) {
    return ctx.services.sync.cancel(id);
  }

  @Authorized(Permission.SYNC)
  @Mutation(() => RetryDeadLetterPayload)
  async retryDeadLetter(
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: ApiContext,
  ): Promise<RetryDeadLetterPayload> {
    // A person retries a product: all its failed channels go at once.
    const { batch, userErrors } = await ctx.services.sync.retryDeadLetters([id], {
      wholeProducts: true,
      requestedBy: ctx.viewer?.id ?? null,
    });
    return { batch, userErrors: userErrors.map((e) => ({ ...e, field: ["id"] })) };
  }

  @Authorized(Permission.SYNC)
  @Mutation(() => RetryDeadLettersPayload, { description: "Retry many dead letters at once." })
  async retryDeadLetters(
    @Arg("ids", () => [ID]) ids: string[],
    @Ctx() ctx: ApiContext,
  ): Promise<RetryDeadLettersPayload> {
    const { retried, batch, userErrors } = await ctx.services.sync.retryDeadLetters(ids, {
      requestedBy: ctx.viewer?.id ?? null,
    });
    return { retriedIds: retried, batch, userErrors };
  }

  @Authorized(Permission.SYNC)
  @Mutation(() => DiscardDeadLettersPayload, { description: "Mark dead letters handled without retrying." })
  async discardDeadLetters(
    @Arg("ids", () => [ID]) ids: string[],
    @Ctx() ctx: ApiContext,
  ): Promise<DiscardDeadLettersPayload> {
    const { discarded, userErrors } = await ctx.services.sync.discardDeadLetters(ids);
    return { discardedIds: discarded, userErrors };
  }
}
