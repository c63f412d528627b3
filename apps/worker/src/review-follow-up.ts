import type { Logger } from "@syncstore/config";
import { nextReviewCheckDelayMs, reviewOutcome, SyncError } from "@syncstore/core";
import type { DueReview, ReviewRepository, ReviewResult, SyncLogWrite } from "@syncstore/db";
import type { CallRecord } from "@syncstore/marketplaces";
import type { ChannelRuntime } from "./channels";

export interface ReviewFollowUpOptions {
  repo: ReviewRepository;
  channels: ReadonlyMap<string, ChannelRuntime>;
  logger: Logger;
  /** How often due checks are looked for. */
  intervalMs: number;
  /** The first check's delay after a write (REVIEW_CHECK_DELAY_MS); later ones double from it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Checks claimed per pass, and how many run at once. */
  batchSize?: number;
  parallel?: number;
}

/** A claimed check not answered within this is claimed again (the worker that took it may be gone). */
const CLAIM_LEASE_MS = 60_000;

/**
 * Follows listings the marketplace is reviewing (TikTok Shop PENDING, Shopee REVIEWING) to their
 * decision by reading the product status: SYNCED, or REJECTED with the marketplace's reason. The
 * schedule lives in the listing rows rather than in delayed Redis jobs, so a restart or a flushed
 * Redis loses no follow-up and several workers share the checks without doing one twice.
 */
export class ReviewFollowUp {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly opts: ReviewFollowUpOptions) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((e: unknown) => this.opts.logger.error("review follow-up pass failed", e))
        .finally(() => (this.running = null));
    }, this.opts.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over the due checks; returns how many it made. */
  async runOnce(): Promise<number> {
    const due = await this.opts.repo.claimDue(
      [...this.opts.channels.keys()],
      this.opts.batchSize ?? 200,
      CLAIM_LEASE_MS,
    );
    if (due.length === 0) return 0;
    const results: ReviewResult[] = [];
    const logs: SyncLogWrite[] = [];
    let next = 0;
    const lane = async () => {
      while (next < due.length) {
        const d = due[next++]!;
        const { result, calls } = await this.check(d);
        results.push(result);
        logs.push(...calls);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.parallel ?? 16, due.length) }, lane));
    await this.opts.repo.record(results, logs);
    return due.length;
  }

  /**
   * The listing as the marketplace has it. An expired token is refreshed once, as a job would: left
   * to the next sync, a check after the batch's tokens lapsed failed until someone synced again.
   */
  private async read(channel: ChannelRuntime, externalId: string, calls: CallRecord[]) {
    const ctx = { onCall: (c: CallRecord) => calls.push(c) };
    for (let refreshed = false; ; refreshed = true) {
      const generation = channel.tokens.generation;
      try {
        return await channel.adapter.getListing(externalId, ctx);
      } catch (e) {
        if (refreshed || !(e instanceof SyncError) || e.errorClass !== "AUTHENTICATION") throw e;
        await channel.tokens.ensureFresh(generation, (current) =>
          channel.adapter.refreshTokens(current, ctx),
        );
      }
    }
  }

  private async check(d: DueReview): Promise<{ result: ReviewResult; calls: SyncLogWrite[] }> {
    const calls: CallRecord[] = [];
    const later = (): ReviewResult => ({
      listingId: d.listingId,
      checks: d.checks,
      outcome: "IN_REVIEW",
      nextCheckAt: new Date(
        Date.now() + nextReviewCheckDelayMs(d.checks, this.opts.firstDelayMs, this.opts.maxDelayMs),
      ),
    });
    const channel = this.opts.channels.get(d.channelId);
    // Disabled since the check was claimed: asked again once it is enabled.
    if (!channel) return { result: later(), calls: [] };
    const platform = channel.settings.platform;
    let result: ReviewResult;
    try {
      const remote = await this.read(channel, d.externalId, calls);
      const outcome = remote ? reviewOutcome(platform, remote.status) : "REJECTED";
      if (outcome === "SYNCED") result = { listingId: d.listingId, checks: d.checks, outcome };
      else if (outcome === "REJECTED")
        result = {
          listingId: d.listingId,
          checks: d.checks,
          outcome,
          reason: !remote
            ? "the marketplace no longer has this listing"
            : (remote.rejectReason ?? `the marketplace's review ended in ${remote.status}`),
        };
      else result = later();
    } catch (e) {
      // A failed read says nothing about the review: ask again later.
      this.opts.logger.warn(
        `review check of listing ${d.listingId} failed: ${e instanceof Error ? e.message : String(e)}`,
        {
          listingId: d.listingId,
          channelId: d.channelId,
          platform,
          errorClass: e instanceof SyncError ? e.errorClass : null,
        },
      );
      result = later();
    }
    return {
      result,
      calls: calls.map((c) => ({
        batchId: null,
        itemId: null,
        productId: d.productId,
        channelId: d.channelId,
        platform,
        endpoint: c.endpoint,
        method: c.method,
        request: c.request,
        response: c.response,
        httpStatus: c.httpStatus,
        durationMs: c.durationMs,
        attempt: d.checks,
        errorClass: c.errorClass,
        errorCode: c.errorCode,
        errorMessage: c.errorMessage,
      })),
    };
  }
}
