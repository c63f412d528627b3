import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What reliability under faults needs from the schema: a slow second round of attempts per channel
 * (transient failures that outlast the fast attempts wait minutes, not a person), a listing created on
 * the marketplace whose follow-up steps (Shopee variations) are not done yet, the batch whose write
 * last changed a listing (so a re-run in that batch reports SUCCEEDED, not SKIPPED), and how often a
 * transient dead letter was retried on its own once its channel was healthy again.
 */
export class Reliability1765630000000 implements MigrationInterface {
  name = "Reliability1765630000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE channels
        ADD COLUMN slow_retry_delays_ms int[] NOT NULL DEFAULT '{60000,300000,900000}'
          CONSTRAINT channels_slow_retry_delays_ms_check
          CHECK (cardinality(slow_retry_delays_ms) <= 10 AND 0 <= ALL (slow_retry_delays_ms) AND 86400000 >= ALL (slow_retry_delays_ms))`);
    await q.query(`
      ALTER TABLE listings
        ADD COLUMN incomplete boolean NOT NULL DEFAULT false,
        ADD COLUMN last_write_batch_id uuid`);
    await q.query(`ALTER TABLE dead_letters ADD COLUMN auto_retries int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dead_letters DROP COLUMN auto_retries`);
    await q.query(`ALTER TABLE listings DROP COLUMN last_write_batch_id, DROP COLUMN incomplete`);
    await q.query(`ALTER TABLE channels DROP COLUMN slow_retry_delays_ms`);
  }
}
