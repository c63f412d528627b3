import type { DataSource } from "typeorm";
import { insertSyncLogs, type SyncLogWrite } from "../ledger/records";
import { rowsOf } from "../ledger/sql";

/** A listing under review whose status check is due, claimed by one follow-up pass. */
export interface DueReview {
  listingId: string;
  productId: string;
  channelId: string;
  externalId: string;
  /** How many times it has been checked, this claim included. */
  checks: number;
}

export type ReviewResult =
  | { listingId: string; checks: number; outcome: "SYNCED" }
  | { listingId: string; checks: number; outcome: "REJECTED"; reason: string }
  | { listingId: string; checks: number; outcome: "IN_REVIEW"; nextCheckAt: Date };

/**
 * The review follow-up's state lives in the listing rows, so it survives restarts and a lost Redis,
 * and several workers never check the same listing at once.
 */
export class ReviewRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Claims up to `limit` due checks of these channels: each claim moves the next check `leaseMs`
   * ahead (a worker that dies mid-check leaves it for another) and counts the check.
   */
  async claimDue(channelIds: readonly string[], limit: number, leaseMs: number): Promise<DueReview[]> {
    if (channelIds.length === 0) return [];
    const rows = await rowsOf<{
      id: string;
      product_id: string;
      channel_id: string;
      external_id: string;
      review_checks: number;
    }>(
      this.ds,
      `UPDATE listings l SET review_check_at = now() + make_interval(secs => $3::double precision / 1000),
                             review_checks = l.review_checks + 1
       FROM (SELECT id FROM listings
             WHERE status = 'IN_REVIEW' AND review_check_at <= now() AND external_id IS NOT NULL
               AND channel_id = ANY($1::bigint[])
             ORDER BY review_check_at LIMIT $2 FOR UPDATE SKIP LOCKED) due
       WHERE l.id = due.id
       RETURNING l.id::text, l.product_id::text, l.channel_id::text, l.external_id, l.review_checks`,
      [channelIds, limit, leaseMs],
    );
    return rows.map((r) => ({
      listingId: r.id,
      productId: r.product_id,
      channelId: r.channel_id,
      externalId: r.external_id,
      checks: r.review_checks,
    }));
  }

  /**
   * Records what the marketplace said, with the calls it took. A listing written again since it was
   * claimed (its check count was reset) is left to the newer write's own follow-up.
   */
  async record(results: readonly ReviewResult[], logs: readonly SyncLogWrite[]): Promise<void> {
    await this.ds.transaction(async (em) => {
      if (results.length > 0) {
        await em.query(
          `UPDATE listings l SET
             status = v.outcome,
             reject_reason = CASE WHEN v.outcome = 'REJECTED' THEN v.reason END,
             last_error = CASE WHEN v.outcome = 'REJECTED' THEN v.reason ELSE l.last_error END,
             last_error_class = CASE WHEN v.outcome = 'REJECTED' THEN 'VALIDATION' ELSE l.last_error_class END,
             review_check_at = CASE WHEN v.outcome = 'IN_REVIEW' THEN v.next_check_at END,
             synced_at = CASE WHEN v.outcome = 'SYNCED' THEN now() ELSE l.synced_at END,
             updated_at = now()
           FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::timestamptz[])
             AS v(id, checks, outcome, reason, next_check_at)
           WHERE l.id = v.id AND l.status = 'IN_REVIEW' AND l.review_checks = v.checks`,
          [
            results.map((r) => r.listingId),
            results.map((r) => r.checks),
            results.map((r) => r.outcome),
            results.map((r) => (r.outcome === "REJECTED" ? r.reason : null)),
            results.map((r) => (r.outcome === "IN_REVIEW" ? r.nextCheckAt : null)),
          ],
        );
      }
      await insertSyncLogs(em, logs);
    });
  }
}
