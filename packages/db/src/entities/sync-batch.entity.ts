import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

export type SyncBatchStatus = "QUEUED" | "RUNNING" | "COMPLETED" | "COMPLETED_WITH_ERRORS" | "CANCELLED";

/**
 * A set of (product, channel) items. The counters always equal the items' statuses (the ledger moves
 * them in the same transaction) and `seq` grows by one per item change, so any snapshot is whole.
 */
@Entity({ name: "sync_batches" })
export class SyncBatchEntity {
  @PrimaryGeneratedColumn("uuid", { name: "id" })
  id!: string;

  @Column({ name: "status", type: "text" })
  status!: SyncBatchStatus;

  @Column({ name: "platforms", type: "text", array: true, default: () => "'{}'::text[]" })
  platforms!: string[];

  @Column({ name: "kind", type: "text", default: "SYNC" })
  kind!: "SYNC" | "DRY_RUN" | "ROLLBACK" | "VALIDATION";

  /** The batch whose dead letters this batch retries. */
  @Column({ name: "retry_of", type: "uuid", nullable: true })
  retryOf!: string | null;

  /** The batch a ROLLBACK batch undoes. */
  @Column({ name: "rollback_of", type: "uuid", nullable: true })
  rollbackOf!: string | null;

  @Column({ name: "force", type: "boolean", default: false })
  force!: boolean;

  @Column({ name: "total", type: "int", default: 0 })
  total!: number;

  @Column({ name: "queued", type: "int", default: 0 })
  queued!: number;

  @Column({ name: "running", type: "int", default: 0 })
  running!: number;

  @Column({ name: "succeeded", type: "int", default: 0 })
  succeeded!: number;

  @Column({ name: "failed", type: "int", default: 0 })
  failed!: number;

  @Column({ name: "skipped", type: "int", default: 0 })
  skipped!: number;

  @Column({ name: "dead_lettered", type: "int", default: 0 })
  deadLettered!: number;

  @Column({ name: "cancelled", type: "int", default: 0 })
  cancelled!: number;

  /** Progress sequence (bigint → string). */
  @Column({ name: "seq", type: "bigint", default: 0 })
  seq!: string;

  @Column({ name: "requested_by", type: "text", nullable: true })
  requestedBy!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @Column({ name: "started_at", type: "timestamptz", nullable: true })
  startedAt!: Date | null;

  @Column({ name: "finished_at", type: "timestamptz", nullable: true })
  finishedAt!: Date | null;
}
