import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The OpenTelemetry trace id of the sync attempt that wrote a sync log or dead letter, so an operator
 * goes from a failed call straight to its trace (startBatchSync → job → marketplace calls). Null when
 * tracing is off. No index: lookups go from the row to the trace, not the other way round, and the
 * sync log is written on the hot path.
 */
export class TraceIds1765620000000 implements MigrationInterface {
  name = "TraceIds1765620000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE sync_logs ADD COLUMN trace_id text");
    await q.query("ALTER TABLE dead_letters ADD COLUMN trace_id text");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE dead_letters DROP COLUMN trace_id");
    await q.query("ALTER TABLE sync_logs DROP COLUMN trace_id");
  }
}
