import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { SyncBatchEntity } from "./sync-batch.entity";

export type SyncItemStatus =
  "QUEUED" | "RUNNING" | "SUCCEEDED" | "SKIPPED" | "FAILED" | "DEAD_LETTERED" | "CANCELLED";

/** One product on one channel within a batch. */
@Entity({ name: "sync_items" })
@Index("sync_items_batch_id_status_idx", ["batchId", "status"])
@Index("sync_items_product_id_idx", ["productId"])
export class SyncItemEntity {
  @PrimaryGeneratedColumn("identity", { name: "id", type: "bigint", generatedIdentity: "BY DEFAULT" })
  id!: string;

  @Column({ name: "batch_id", type: "uuid" })
  batchId!: string;

  @ManyToOne(() => SyncBatchEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "batch_id", foreignKeyConstraintName: "sync_items_batch_id_fkey" })
  batch?: SyncBatchEntity;

  /** The dead-lettered item (of an earlier batch) this item retries. */
  @Column({ name: "retry_of_item_id", type: "bigint", nullable: true })
  retryOfItemId!: string | null;

  /** A ROLLBACK item: the item (of the batch rolled back) whose before-state it restores. */
  @Column({ name: "restore_item_id", type: "bigint", nullable: true })
  restoreItemId!: string | null;

  @Column({ name: "product_id", type: "bigint" })
  productId!: string;

  @Column({ name: "channel_id", type: "bigint" })
  channelId!: string;

  @Column({ name: "status", type: "text" })
  status!: SyncItemStatus;

  @Column({ name: "attempts", type: "int", default: 0 })
  attempts!: number;

  /** The BullMQ job id; null means `i<id>-b<batch id>` (see defaultJobId). A retried dead letter gets a fresh one. */
  @Column({ name: "job_id", type: "text", nullable: true })
  jobId!: string | null;

  @Column({ name: "error_class", type: "text", nullable: true })
  errorClass!: string | null;

  @Column({ name: "error_message", type: "text", nullable: true })
  errorMessage!: string | null;

  @Column({ name: "error_field", type: "text", nullable: true })
  errorField!: string | null;

  /** A RUNNING item whose lock expired is presumed abandoned by a dead worker. */
  @Column({ name: "locked_until", type: "timestamptz", nullable: true })
  lockedUntil!: Date | null;

  /** The listing as it was before this item touched it, for rollback. */
  @Column({ name: "before_state", type: "jsonb", nullable: true })
  beforeState!: unknown;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @Column({ name: "started_at", type: "timestamptz", nullable: true })
  startedAt!: Date | null;

  @Column({ name: "finished_at", type: "timestamptz", nullable: true })
  finishedAt!: Date | null;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
