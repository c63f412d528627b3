import type { DataSource } from "typeorm";
import type { ItemPlan } from "@syncstore/core";
import { applyTransitions, type ItemTransition, type LedgerEvent } from "./apply";
import { isDatabaseUnavailable, untilDatabase, type WaitForDatabaseOptions } from "./availability";
import {
  insertSyncLogs,
  resolveSyncedDeadLetters,
  upsertDeadLetters,
  upsertListings,
  writePlans,
  type DeadLetterWrite,
  type ListingWrite,
  type SyncLogWrite,
} from "./records";

/** Everything one step of one item wants persisted, atomically with its status change. */
export interface ItemOutcome {
  transition?: ItemTransition;
  listing?: ListingWrite;
  logs?: SyncLogWrite[];
  deadLetter?: DeadLetterWrite;
  /** A DRY_RUN item's finding; kept only when its transition is applied. */
  plan?: ItemPlan;
}

export interface LedgerWriterOptions {
  /** Flush when this many outcomes are pending… */
  maxBatch?: number;
  /** …or when the oldest has waited this long. */
  maxDelayMs?: number;
  /** Called after each commit with the progress events it produced, in order. */
  onCommitted?: (events: LedgerEvent[]) => void | Promise<void>;
  /**
   * While PostgreSQL is unavailable (a restart, a failover) a flush is tried again with backoff for
   * this long before its callers are told; their jobs stay as they are meanwhile.
   */
  waitForDatabase?: WaitForDatabaseOptions;
}

interface Pending {
  outcome: ItemOutcome;
  resolve: (events: LedgerEvent[]) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for the sync ledger. Hundreds of concurrent jobs each finish an item every few
 * milliseconds; one transaction each would serialize on the batch row and on WAL flushes. Instead,
 * outcomes queue up and are written together — statuses, counters, listings, logs and dead letters in
 * one transaction — and each caller's promise resolves only once its outcome is committed, so a job
 * completes in BullMQ strictly after PostgreSQL has its result.
 */
export class LedgerWriter {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly ds: DataSource,
    private readonly opts: LedgerWriterOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 250;
    this.maxDelayMs = opts.maxDelayMs ?? 15;
  }

  /** Resolves with this outcome's own events once committed. */
  write(outcome: ItemOutcome): Promise<LedgerEvent[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ outcome, resolve, reject });
      if (this.pending.length >= this.maxBatch) this.schedule(0);
      else this.schedule(this.maxDelayMs);
    });
  }

  private schedule(delay: number): void {
    if (this.timer && delay > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  /** Writes everything pending now. Flushes never overlap, so events leave in commit order. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushOnce());
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      // An outage is waited out as a whole group: nothing in it is wrong, the database is just gone.
      await untilDatabase(async () => {
        if (!(await this.commit(batch))) throw this.lastError;
      }, this.opts.waitForDatabase);
      return;
    } catch (e) {
      if (isDatabaseUnavailable(e)) {
        for (const p of batch) p.reject(e);
        return;
      }
    }
    // One bad outcome must not sink the others: write each alone, so only the culprit fails.
    for (const p of batch) {
      if (!(await this.commit([p]))) p.reject(this.lastError);
    }
  }

  private lastError: unknown = null;

  /** One transaction for the whole group; false (and nothing settled) when it failed. */
  private async commit(batch: Pending[]): Promise<boolean> {
    const outcomes = batch.map((p) => p.outcome);
    let events: LedgerEvent[];
    try {
      events = await this.ds.transaction(async (em) => {
        const evs = await applyTransitions(
          em,
          outcomes.flatMap((o) => (o.transition ? [o.transition] : [])),
        );
        const applied = new Set(evs.map((e) => e.transition.itemId + ":" + e.transition.to));
        await upsertListings(
          em,
          outcomes.flatMap((o) => (o.listing ? [o.listing] : [])),
        );
        await insertSyncLogs(
          em,
          outcomes.flatMap((o) => o.logs ?? []),
        );
        const planned = new Map(
          outcomes.flatMap((o) => (o.plan && o.transition ? [[o.transition.itemId, o.plan] as const] : [])),
        );
        await writePlans(
          em,
          evs.flatMap((e) => {
            const plan = planned.get(e.transition.itemId);
            return plan ? [{ itemId: e.transition.itemId, plan }] : [];
          }),
        );
        // Before this flush's own dead letters are written, so a newer failure stays open. A planned
        // item changed nothing on the marketplace, so it resolves nothing either.
        await resolveSyncedDeadLetters(
          em,
          evs
            .filter((e) => e.transition.to === "SUCCEEDED" || e.transition.to === "SKIPPED")
            .filter((e) => !planned.has(e.transition.itemId))
            .map((e) => e.transition),
        );
        await upsertDeadLetters(
          em,
          outcomes.flatMap((o) =>
            o.deadLetter && applied.has(o.deadLetter.itemId + ":DEAD_LETTERED") ? [o.deadLetter] : [],
          ),
        );
        return evs;
      });
    } catch (e) {
      this.lastError = e;
      return false;
    }
    if (this.opts.onCommitted) {
      try {
        await this.opts.onCommitted(events);
      } catch {
        // Publishing progress is best effort: the ledger is committed and subscribers resync from it.
      }
    }
    const byItem = new Map<string, LedgerEvent[]>();
    for (const ev of events)
      byItem.set(ev.transition.itemId, [...(byItem.get(ev.transition.itemId) ?? []), ev]);
    for (const p of batch) {
      const id = p.outcome.transition?.itemId;
      p.resolve(id ? (byItem.get(id) ?? []) : []);
    }
    return true;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}
