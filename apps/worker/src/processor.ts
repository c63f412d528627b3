import { UnrecoverableError, type Job } from "bullmq";
import {
  FINAL_ITEM_STATUSES,
  SyncError,
  contentHash,
  fieldsHash,
  levelsOf,
  retryDecision,
  reviewOutcome,
  transformProduct,
  type ItemPlan,
  type ListingPayload,
  type SyncErrorClass,
} from "@syncstore/core";
import type { CallContext, CallRecord, RemoteListing } from "@syncstore/marketplaces";
import {
  AUTO_SYNC_REQUESTER,
  isDatabaseUnavailable,
  untilDatabase,
  type ItemOutcome,
  type LedgerWriter,
  type ListingWrite,
  type RestoreTarget,
  type SyncLogWrite,
} from "@syncstore/db";
import type { SyncItemJob } from "@syncstore/queue";
import { SecretsBoxError, type Logger } from "@syncstore/config";
import { currentTraceId } from "@syncstore/telemetry";
import type { ChannelRuntime } from "./channels";
import type { ItemContext, ItemLoader } from "./item-loader";
import { restoreStep, withLevels } from "./restore-step";
import type { ChannelMappings } from "./mapping";
import { planWrite, type WritePlan } from "./fast-path";
import { planItem, planOnlyWriter } from "./dry-run";

/** The job is put back without spending an attempt; the channel is paused for every worker meanwhile. */
export class ChannelRateLimited extends Error {
  constructor(readonly delayMs: number) {
    super(`channel rate limited for ${delayMs} ms`);
  }
}

/** Thrown to BullMQ to schedule the next attempt after `delayMs`. */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}

export interface ProcessorDeps {
  loader: ItemLoader;
  writer: Pick<LedgerWriter, "write">;
  mappings: ChannelMappings;
  channel(channelId: string): ChannelRuntime | undefined;
  /** How long a claimed item may stay RUNNING before the reconciler takes it back. */
  lockMs: number;
  /** Sees every marketplace exchange as it happens (metrics). */
  onCall?: (call: CallRecord) => void;
  /** A listing the marketplace reviews is first checked this long after the write. */
  reviewCheckDelayMs: number;
  /**
   * The channel's logger (channelId and platform bound): every outcome a person may have to explain
   * later — a dead letter, a slow round, a failed token refresh — is one line with the item on it.
   */
  logger: Logger;
  /** Told when loading an item finds PostgreSQL gone, and when it is back. */
  database?: { onUnavailable(e: unknown): void; onBack(waitedMs: number): void };
}

/**
 * One item: load, validate, transform, resolve the marketplace mapping, skip if unchanged, find-or-adopt, create or update, record.
 * Every branch ends in exactly one ledger outcome; the job settles only after it is committed.
 */
export async function processItem(workerDeps: ProcessorDeps, job: Job<SyncItemJob["data"]>): Promise<void> {
  const { itemId } = job.data;
  const ctx = await untilDatabase(() => workerDeps.loader.load(itemId), workerDeps.database);
  if (!ctx || FINAL_ITEM_STATUSES.includes(ctx.status)) return;
  const dryRun = ctx.batchKind === "DRY_RUN";
  const deps = dryRun ? { ...workerDeps, writer: planOnlyWriter(workerDeps.writer) } : workerDeps;
  if (ctx.batchStatus === "CANCELLED") {
    await deps.writer.write({ transition: { itemId, to: "CANCELLED" } });
    return;
  }
  const channel = deps.channel(ctx.channelId);
  if (!channel) throw new Error(`channel ${ctx.channelId} is not known to this worker`);
  const log = deps.logger.child({ batchId: ctx.batchId, itemId, productId: ctx.productId });
  // The budget lives in PostgreSQL: a job re-enqueued after Redis lost its data, or retried after the
  // database went away, goes on counting where the ledger stands. Only an outcome spends an attempt,
  // so an attempt cut short before it was recorded is run again under the same number.
  const attempt = ctx.attempts + 1;

  // Not awaited: the writer commits in order, so the claim always lands before the result.
  void deps.writer
    .write({
      transition: {
        itemId,
        to: "RUNNING",
        lockedUntil: new Date(Date.now() + deps.lockMs),
        beforeState: ctx.listing ?? { status: "NOT_LISTED" },
      },
    })
    .catch(() => undefined);

  if (ctx.restore) {
    await processRestore(deps, ctx, ctx.restore, channel, attempt, log);
    return;
  }
  if (!ctx.product) {
    const err = new SyncError("VALIDATION", "product no longer exists", { field: "productId" });
    await deps.writer.write(deadLetter(ctx, channel, attempt, err, []));
    logDeadLetter(log, attempt, err, "the product was deleted");
    return;
  }
  const transformed = transformProduct(ctx.product, channel.settings);
  const { payload, problems } = await deps.mappings.resolve(channel.settings, transformed);
  if (problems.length > 0) {
    const first = problems[0]!;
    const message = problems.map((p) => `${p.field}: ${p.message}`).join("; ");
    const err = new SyncError("VALIDATION", message, { field: first.field, code: first.code });
    await deps.writer.write(deadLetter(ctx, channel, attempt, err, []));
    logDeadLetter(log, attempt, err, "the data cannot be sent as it is");
    return;
  }
  const hash = contentHash(payload);
  if (dryRun) {
    await attemptWithRetries(deps, ctx, channel, attempt, log, async (callCtx) => {
      const plan = await planItem(channel, ctx, payload, hash, callCtx);
      return (calls) => planned(ctx, channel, attempt, plan, calls);
    });
    return;
  }
  if (
    !ctx.force &&
    (ctx.listing?.status === "SYNCED" || ctx.listing?.status === "IN_REVIEW") &&
    ctx.listing.contentHash === hash &&
    ctx.listing.externalId
  ) {
    await deps.writer.write(skipped(ctx, attempt));
    return;
  }
  const levels = levelsOf(payload);
  const fields = fieldsHash(payload);
  // Automatic sync with content off carries prices and stock only; the rest waits for a person.
  const levelsOnly = ctx.requestedBy === AUTO_SYNC_REQUESTER && !ctx.autoSyncContent;
  const plan = planWrite(ctx, payload, fields, levels, levelsOnly);
  if (plan.kind === "skip") {
    await deps.writer.write(skipped(ctx, attempt));
    return;
  }

  await attemptWithRetries(deps, ctx, channel, attempt, log, async (callCtx, createdId) => {
    if (plan.kind === "levels") {
      await channel.adapter.updateLevels(ctx.listing!.externalId!, payload, plan.changes, callCtx);
      return (calls) => levelsSent(deps, ctx, channel, attempt, payload, plan, calls);
    }
    const remote = await publish(channel, ctx, payload, callCtx, createdId);
    const sent = { hash, fields, levels };
    return (calls) => succeeded(deps, ctx, channel, attempt, payload, sent, remote, calls);
  });
}

/**
 * One item's marketplace work: restores what the rolled-back batch's item found before it (relisting
 * and rewriting its recorded payload), or takes down what that batch created. Delisting is Shopee
 * `unlist_item` and TikTok Shop `products/deactivate`, never `delete_item` / `products/delete`: a
 * delete cannot be undone, and a rollback must itself be reversible — rolling the rollback back puts
 * the very same listing (its id, reviews and sales history) back on sale with `relist`.
 */
async function processRestore(
  deps: ProcessorDeps,
  ctx: ItemContext,
  target: RestoreTarget,
  channel: ChannelRuntime,
  attempt: number,
  log: Logger,
): Promise<void> {
  const step = restoreStep(ctx, target);
  if (step.kind === "nothing") {
    await deps.writer.write({
      transition: {
        itemId: ctx.itemId,
        to: "SKIPPED",
        attempts: attempt,
        errorClass: null,
        errorMessage: null,
        errorField: null,
        lockedUntil: null,
      },
    });
    return;
  }
  if (step.kind === "unrecorded") {
    const err = new SyncError(
      "VALIDATION",
      `the listing's state before batch ${target.batchId} was not recorded in full (only price and title): it cannot be restored`,
      { field: "beforeState" },
    );
    await deps.writer.write(deadLetter(ctx, channel, attempt, err, []));
    logDeadLetter(log, attempt, err, "nothing recorded to restore");
    return;
  }
  await attemptWithRetries(deps, ctx, channel, attempt, log, async (callCtx) => {
    if (step.kind === "delist") {
      await channel.adapter.delist(step.externalId, callCtx);
      return (calls) => delisted(ctx, channel, attempt, step.externalId, calls);
    }
    if (step.relist) await channel.adapter.relist(step.externalId, callCtx);
    // Compare with what the marketplace holds, not with what this process last sent.
    channel.adapter.forget?.(step.externalId);
    const remote = await channel.adapter.updateListing(step.externalId, step.payload, callCtx);
    const sent = {
      hash: contentHash(step.payload),
      fields: fieldsHash(step.payload),
      levels: levelsOf(step.payload),
    };
    return (calls) => succeeded(deps, ctx, channel, attempt, step.payload, sent, remote, calls);
  });
}

/** Builds the outcome from the calls made, once the marketplace work succeeded. */
type Work = (callCtx: CallContext, createdId: string | null) => Promise<(calls: CallRecord[]) => ItemOutcome>;

/**
 * Runs the marketplace work of one attempt under the retry rules: token refreshes, rate limits,
 * retries with backoff and dead letters, each failure recorded with the calls that led to it.
 */
async function attemptWithRetries(
  deps: ProcessorDeps,
  ctx: ItemContext,
  channel: ChannelRuntime,
  attempt: number,
  log: Logger,
  work: Work,
): Promise<void> {
  const { itemId } = ctx;
  const calls: CallRecord[] = [];
  // A listing this job created: a retry within the job (after a token refresh) resumes it too.
  let createdId: string | null = null;
  // Calls already written with an earlier record of this attempt; each is logged once.
  let logged = 0;
  const unlogged = () => {
    const fresh = calls.slice(logged);
    logged = calls.length;
    return fresh;
  };
  const callCtx: CallContext = {
    onCall: (c: CallRecord) => {
      calls.push(c);
      deps.onCall?.(c);
    },
    // Committed before any follow-up call: whatever happens next, every later attempt finds this
    // listing by its id, and the ledger shows it incomplete until an attempt finishes it.
    onCreated: async (externalId) => {
      createdId = externalId;
      await deps.writer.write({
        listing: created(ctx, externalId),
        logs: logs(ctx, channel, attempt, unlogged()),
      });
    },
  };
  // The token generation this job refreshed to: only an auth failure with that very token, while it
  // should still be valid, means the credentials themselves are refused.
  let refreshedTo: number | null = null;
  for (;;) {
    const generation = channel.tokens.generation;
    try {
      const outcome = await work(callCtx, createdId);
      await deps.writer.write(outcome(unlogged()));
      return;
    } catch (e) {
      // The ledger (or the image and token tables) being away is no marketplace attempt.
      if (isDatabaseUnavailable(e)) throw e;
      const slowRetryDelaysMs = channel.settings.slowRetryDelaysMs;
      let err = asSyncError(e, channel);
      let decision = retryDecision(err.errorClass, attempt, channel.settings.maxAttempts, {
        retryAfterMs: err.retryAfterMs,
        tokenRefreshed: refreshedTo === generation && !channel.tokens.expired(),
        slowRetryDelaysMs,
      });
      if (decision.action === "refresh-token-then-retry") {
        try {
          await channel.tokens.ensureFresh(generation, (current) =>
            channel.adapter.refreshTokens(current, callCtx),
          );
          refreshedTo = channel.tokens.generation;
          continue;
        } catch (refreshError) {
          if (isDatabaseUnavailable(refreshError)) throw refreshError;
          // A refused refresh token needs a person; a token endpoint that is down or busy is an
          // outage like any other, retried (5xx) or waited out (429) by the same rules.
          err = asSyncError(refreshError, channel);
          log.warn("token refresh failed", {
            errorClass: err.errorClass,
            code: err.code,
            message: err.message,
            attempt,
          });
          decision =
            err.errorClass === "AUTHENTICATION"
              ? { action: "dead-letter", reason: "the marketplace refused the refresh token" }
              : retryDecision(err.errorClass, attempt, channel.settings.maxAttempts, {
                  retryAfterMs: err.retryAfterMs,
                  tokenRefreshed: true,
                  slowRetryDelaysMs,
                });
        }
      }
      if (decision.action !== "retry") {
        await deps.writer.write(deadLetter(ctx, channel, attempt, err, calls, unlogged()));
        logDeadLetter(
          log,
          attempt,
          err,
          decision.action === "dead-letter" ? decision.reason : decision.action,
        );
        return;
      }
      if (!decision.spendsAttempt) {
        await deps.writer.write({
          transition: {
            itemId,
            to: "QUEUED",
            attempts: attempt - 1,
            errorClass: err.errorClass,
            errorMessage: err.message,
            errorField: null,
            lockedUntil: null,
          },
          logs: logs(ctx, channel, attempt, unlogged()),
        });
        throw new ChannelRateLimited(decision.delayMs);
      }
      await deps.writer.write({
        transition: {
          itemId,
          to: "FAILED",
          attempts: attempt,
          errorClass: err.errorClass,
          errorMessage: err.message,
          errorField: err.field,
          lockedUntil: null,
        },
        listing: listingError(ctx, err, "PENDING"),
        logs: logs(ctx, channel, attempt, unlogged()),
      });
      if (attempt >= channel.settings.maxAttempts)
        log.info("fast attempts spent: slow retry round scheduled", {
          errorClass: err.errorClass,
          message: err.message,
          attempt,
          slowRound: attempt - channel.settings.maxAttempts + 1,
          slowRounds: slowRetryDelaysMs?.length ?? 0,
          delayMs: decision.delayMs,
        });
      throw new RetryLater(err.message, decision.delayMs);
    }
  }
}

/**
 * Exactly one listing: one the ledger (or this job) knows by id is resumed; otherwise the seller SKU is
 * looked up first and what it finds adopted, for a listing created where its id could not be recorded.
 */
async function publish(
  channel: ChannelRuntime,
  ctx: ItemContext,
  payload: ListingPayload,
  callCtx: CallContext,
  createdId: string | null,
): Promise<RemoteListing> {
  let externalId = createdId ?? ctx.listing?.externalId ?? null;
  if (externalId && ctx.force) channel.adapter.forget?.(externalId);
  // Taken down by a rollback: a sync means it should be on sale again.
  if (externalId && !createdId && ctx.listing?.status === "NOT_LISTED")
    await channel.adapter.relist(externalId, callCtx);
  if (!externalId) {
    // A platform may find a listing by another SKU than the product's (TikTok Shop: the first variant's).
    const found = await channel.adapter.findBySellerSku(
      channel.adapter.lookupSku?.(payload) ?? payload.sellerSku,
      callCtx,
    );
    externalId = found?.externalId ?? null;
  }
  return externalId
    ? channel.adapter.updateListing(externalId, payload, callCtx)
    : channel.adapter.createListing(payload, callCtx);
}

function asSyncError(e: unknown, channel: ChannelRuntime): SyncError {
  if (e instanceof SyncError) return e;
  // Stored tokens that will not open (SECRETS_KEY changed, a row copied or altered) need a person,
  // as refused credentials do: retrying cannot help, and every retry would fail the same way.
  if (e instanceof SecretsBoxError)
    return new SyncError("AUTHENTICATION", `the channel's stored credentials cannot be read: ${e.message}`, {
      platform: channel.settings.platform,
      cause: e,
    });
  const message = e instanceof Error ? e.message : String(e);
  return new SyncError("UNKNOWN", message, { platform: channel.settings.platform, cause: e });
}

function logs(
  ctx: ItemContext,
  channel: ChannelRuntime,
  attempt: number,
  calls: CallRecord[],
): SyncLogWrite[] {
  return calls.map((c) => ({
    batchId: ctx.batchId,
    itemId: ctx.itemId,
    productId: ctx.productId,
    channelId: ctx.channelId,
    platform: channel.settings.platform,
    endpoint: c.endpoint,
    method: c.method,
    request: c.request,
    response: c.response,
    httpStatus: c.httpStatus,
    durationMs: c.durationMs,
    attempt,
    errorClass: c.errorClass,
    errorCode: c.errorCode,
    errorMessage: c.errorMessage,
    traceId: currentTraceId(),
  }));
}

/** A DRY_RUN item's finding: SUCCEEDED when the real run would write, SKIPPED when it would not. */
function planned(
  ctx: ItemContext,
  channel: ChannelRuntime,
  attempt: number,
  plan: ItemPlan,
  calls: CallRecord[],
): ItemOutcome {
  return {
    transition: {
      itemId: ctx.itemId,
      to: plan.action === "SKIP" ? "SKIPPED" : "SUCCEEDED",
      attempts: attempt,
      errorClass: null,
      errorMessage: null,
      errorField: null,
      lockedUntil: null,
    },
    plan,
    logs: logs(ctx, channel, attempt, calls),
  };
}

/** Nothing to send: unchanged, or only what this item may not send changed. */
function skipped(ctx: ItemContext, attempt: number): ItemOutcome {
  return {
    transition: {
      itemId: ctx.itemId,
      // Unchanged since a write of this very batch (a run cut short after it, then run again): the
      // batch changed the marketplace, and says so.
      to: ctx.listing?.lastWriteBatchId === ctx.batchId ? "SUCCEEDED" : "SKIPPED",
      attempts: attempt,
      errorClass: null,
      errorMessage: null,
      errorField: null,
      lockedUntil: null,
    },
  };
}

/**
 * Prices and stock went out through their own endpoints. The marketplace does not review them, so a
 * listing under review stays so (its follow-up goes on); one whose content stayed behind stays
 * OUT_OF_DATE, and its hashes stay those of the content it holds.
 */
function levelsSent(
  deps: ProcessorDeps,
  ctx: ItemContext,
  channel: ChannelRuntime,
  attempt: number,
  payload: ListingPayload,
  plan: Extract<WritePlan, { kind: "levels" }>,
  calls: CallRecord[],
): ItemOutcome {
  const listing = ctx.listing!;
  const inReview = listing.status === "IN_REVIEW";
  const status = inReview ? "IN_REVIEW" : plan.contentSent ? "SYNCED" : "OUT_OF_DATE";
  return {
    transition: {
      itemId: ctx.itemId,
      to: "SUCCEEDED",
      attempts: attempt,
      errorClass: null,
      errorMessage: null,
      errorField: null,
      lockedUntil: null,
    },
    listing: {
      productId: ctx.productId,
      channelId: ctx.channelId,
      externalId: listing.externalId,
      status,
      price: String(payload.price),
      title: null,
      contentHash: plan.contentSent ? contentHash(payload) : null,
      fieldsHash: null,
      sentLevels: levelsOf(payload),
      variantIds: null,
      synced: true,
      lastError: null,
      lastErrorClass: null,
      createdByBatchId: null,
      lastWriteBatchId: plan.changes.length > 0 ? ctx.batchId : null,
      reviewCheckAt: inReview ? new Date(Date.now() + deps.reviewCheckDelayMs) : null,
      // What the marketplace now holds, for a rollback of a later batch: this payload when its content
      // was already there, else the content last written with these prices and stock.
      lastPayload: plan.contentSent ? payload : withLevels(listing.lastPayload, payload),
    },
    logs: logs(ctx, channel, attempt, calls),
  };
}

function succeeded(
  deps: ProcessorDeps,
  ctx: ItemContext,
  channel: ChannelRuntime,
  attempt: number,
  payload: ListingPayload,
  sent: { hash: string; fields: string; levels: Record<string, [number, number]> },
  remote: RemoteListing,
  calls: CallRecord[],
): ItemOutcome {
  // The write was accepted; a marketplace that reviews it decides later (the review follow-up asks).
  const inReview = reviewOutcome(channel.settings.platform, remote.status) !== "SYNCED";
  return {
    transition: {
      itemId: ctx.itemId,
      to: "SUCCEEDED",
      attempts: attempt,
      errorClass: null,
      errorMessage: null,
      errorField: null,
      lockedUntil: null,
    },
    listing: {
      productId: ctx.productId,
      channelId: ctx.channelId,
      externalId: remote.externalId,
      status: inReview ? "IN_REVIEW" : "SYNCED",
      price: String(payload.price),
      title: payload.title,
      contentHash: sent.hash,
      fieldsHash: sent.fields,
      sentLevels: sent.levels,
      variantIds: Object.fromEntries(remote.variants.map((v) => [v.sellerSku, v.externalId])),
      synced: true,
      lastError: null,
      lastErrorClass: null,
      createdByBatchId: ctx.listing?.externalId ? null : ctx.batchId,
      lastWriteBatchId: ctx.batchId,
      reviewCheckAt: inReview ? new Date(Date.now() + deps.reviewCheckDelayMs) : null,
      incomplete: false,
      lastPayload: payload,
    },
    logs: logs(ctx, channel, attempt, calls),
  };
}

/** Taken off sale by a rollback; the id stays, so rolling the rollback back relists the same listing. */
function delisted(
  ctx: ItemContext,
  channel: ChannelRuntime,
  attempt: number,
  externalId: string,
  calls: CallRecord[],
): ItemOutcome {
  return {
    transition: {
      itemId: ctx.itemId,
      to: "SUCCEEDED",
      attempts: attempt,
      errorClass: null,
      errorMessage: null,
      errorField: null,
      lockedUntil: null,
    },
    listing: {
      productId: ctx.productId,
      channelId: ctx.channelId,
      externalId,
      status: "NOT_LISTED",
      price: null,
      title: null,
      contentHash: null,
      variantIds: null,
      synced: false,
      lastError: null,
      lastErrorClass: null,
      createdByBatchId: null,
      lastWriteBatchId: ctx.batchId,
      reviewCheckAt: null,
    },
    logs: logs(ctx, channel, attempt, calls),
  };
}

/**
 * A listing the marketplace now holds but whose follow-up steps have not run: its id and the batch
 * that created it (rollback delists it); nothing sent is recorded as synced yet, so it is never skipped.
 */
function created(ctx: ItemContext, externalId: string): ListingWrite {
  return {
    productId: ctx.productId,
    channelId: ctx.channelId,
    externalId,
    status: "PENDING",
    price: null,
    title: null,
    contentHash: null,
    variantIds: null,
    synced: false,
    lastError: null,
    lastErrorClass: null,
    createdByBatchId: ctx.batchId,
    lastWriteBatchId: ctx.batchId,
    incomplete: true,
  };
}

function listingError(ctx: ItemContext, err: SyncError, status: ListingWrite["status"]): ListingWrite {
  return {
    productId: ctx.productId,
    channelId: ctx.channelId,
    externalId: null,
    status,
    price: null,
    title: null,
    contentHash: null,
    variantIds: null,
    synced: false,
    lastError: err.message,
    lastErrorClass: err.errorClass,
    createdByBatchId: null,
  };
}

/** The line that explains a dead letter: which item, which channel (bound), what class and why. */
function logDeadLetter(log: Logger, attempt: number, err: SyncError, reason: string): void {
  log.warn("item dead-lettered", {
    errorClass: err.errorClass,
    code: err.code,
    field: err.field,
    message: err.message,
    attempts: attempt,
    reason,
  });
}

/** `calls` is the whole attempt (its last call is the dead letter's evidence); `toLog` what is not logged yet. */
function deadLetter(
  ctx: ItemContext,
  channel: ChannelRuntime,
  attempt: number,
  err: SyncError,
  calls: CallRecord[],
  toLog: CallRecord[] = calls,
): ItemOutcome {
  const last = calls[calls.length - 1];
  const errorClass: SyncErrorClass = err.errorClass;
  return {
    transition: {
      itemId: ctx.itemId,
      to: "DEAD_LETTERED",
      attempts: attempt,
      errorClass,
      errorMessage: err.message,
      errorField: err.field,
      lockedUntil: null,
    },
    listing: ctx.product ? listingError(ctx, err, "FAILED") : undefined,
    logs: logs(ctx, channel, attempt, toLog),
    deadLetter: {
      itemId: ctx.itemId,
      batchId: ctx.batchId,
      productId: ctx.productId,
      channelId: ctx.channelId,
      platform: channel.settings.platform,
      errorClass,
      errorMessage: err.message,
      errorField: err.field,
      errorCode: err.code,
      attempts: attempt,
      lastRequest: last?.request ?? null,
      lastResponse: last?.response ?? null,
      traceId: currentTraceId(),
    },
  };
}

export { UnrecoverableError };
