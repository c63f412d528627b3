import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Dead letters are grouped by what a person has to do about them, not by error class alone: the
 * class, the marketplace's (or validation's) code, the field with its list positions dropped, and the
 * message with its particulars — URLs, double-quoted values (JSON.stringify's), numbers — dropped. `cause_key` is that cause,
 * hashed, stored so the GROUP BY and a group's own list are index scans of the open rows.
 */
export class DeadLetterCauses1765820000000 implements MigrationInterface {
  name = "DeadLetterCauses1765820000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE dead_letters ADD COLUMN error_code text");
    // Open entries written before the code was kept: their item's last failed call has it.
    await q.query(`
      UPDATE dead_letters d SET error_code = (
        SELECT l.error_code FROM sync_logs l
        WHERE l.product_id = d.product_id AND l.item_id = d.item_id AND l.error_code IS NOT NULL
        ORDER BY l.id DESC LIMIT 1)
      WHERE d.resolved_at IS NULL`);
    await q.query(`
      ALTER TABLE dead_letters ADD COLUMN cause_key text GENERATED ALWAYS AS (md5(
        error_class || '|' || coalesce(error_code, '') || '|' ||
        coalesce(regexp_replace(error_field, '\\[[0-9]+\\]', '[]', 'g'), '') || '|' ||
        regexp_replace(
          regexp_replace(
            regexp_replace(
              regexp_replace(error_message, 'https?://[^[:space:]]+', '<url>', 'g'),
              '"[^"]*"', '""', 'g'),
            '[0-9]+([.,][0-9]+)*', '#', 'g'),
          '[[:space:]]+', ' ', 'g')
      )) STORED`);
    await q.query(
      "CREATE INDEX dead_letters_open_cause_idx ON dead_letters (cause_key, id DESC) WHERE resolved_at IS NULL",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DROP INDEX dead_letters_open_cause_idx");
    await q.query("ALTER TABLE dead_letters DROP COLUMN cause_key");
    await q.query("ALTER TABLE dead_letters DROP COLUMN error_code");
  }
}
