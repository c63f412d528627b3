import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/**
 * One marketplace call, secrets redacted. No foreign keys: logs are written on the hot path and are
 * history, kept even when what they describe is gone.
 */
@Entity({ name: "sync_logs" })
export class SyncLogEntity {
  @PrimaryGeneratedColumn("identity", { name: "id", type: "bigint", generatedIdentity: "BY DEFAULT" })
  id!: string;

  @Column({ name: "batch_id", type: "uuid", nullable: true })
  batchId!: string | null;

  @Column({ name: "item_id", type: "bigint", nullable: true })
  itemId!: string | null;

  @Column({ name: "product_id", type: "bigint", nullable: true })
  productId!: string | null;

  @Column({ name: "channel_id", type: "bigint" })
  channelId!: string;

  @Column({ name: "platform", type: "text" })
  platform!: string;

  @Column({ name: "endpoint", type: "text" })
  endpoint!: string;

  @Column({ name: "method", type: "text" })
  method!: string;

  @Column({ name: "request", type: "jsonb", nullable: true })
  request!: unknown;

  @Column({ name: "response", type: "jsonb", nullable: true })
  response!: unknown;

  @Column({ name: "http_status", type: "int", nullable: true })
  httpStatus!: number | null;

  @Column({ name: "duration_ms", type: "int" })
  durationMs!: number;

  @Column({ name: "attempt", type: "int" })
  attempt!: number;

  @Column({ name: "error_class", type: "text", nullable: true })
  errorClass!: string | null;

  @Column({ name: "error_code", type: "text", nullable: true })
  errorCode!: string | null;

  @Column({ name: "error_message", type: "text", nullable: true })
  errorMessage!: string | null;

  /** OpenTelemetry trace id of the attempt that wrote this row; null when tracing is off. */
  @Column({ name: "trace_id", type: "text", nullable: true })
  traceId!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
