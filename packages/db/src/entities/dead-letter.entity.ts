import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** SUPERSEDED: a later failure of the same listing took its place; SYNCED: the listing synced since. */
export type DeadLetterResolution = "RETRIED" | "DISCARDED" | "SUPERSEDED" | "SYNCED";

/** An item that exhausted its retries or can never succeed, with what was last sent and received. */
@Entity({ name: "dead_letters" })
export class DeadLetterEntity {
  @PrimaryGeneratedColumn("identity", { name: "id", type: "bigint", generatedIdentity: "BY DEFAULT" })
  id!: string;

  @Index("dead_letters_item_id_key", { unique: true })
  @Column({ name: "item_id", type: "bigint" })
  itemId!: string;

  @Column({ name: "batch_id", type: "uuid" })
  batchId!: string;

  @Column({ name: "product_id", type: "bigint" })
  productId!: string;

  @Column({ name: "channel_id", type: "bigint" })
  channelId!: string;

  @Column({ name: "platform", type: "text" })
  platform!: string;

  @Column({ name: "error_class", type: "text" })
  errorClass!: string;

  @Column({ name: "error_message", type: "text" })
  errorMessage!: string;

  @Column({ name: "error_field", type: "text", nullable: true })
  errorField!: string | null;

  /** The marketplace's code (`error_param`, `12052024`) or validation's (`TOO_LONG`); null when none. */
  @Column({ name: "error_code", type: "text", nullable: true })
  errorCode!: string | null;

  @Column({ name: "attempts", type: "int" })
  attempts!: number;

  @Column({ name: "last_request", type: "jsonb", nullable: true })
  lastRequest!: unknown;

  @Column({ name: "last_response", type: "jsonb", nullable: true })
  lastResponse!: unknown;

  /** OpenTelemetry trace id of the attempt that wrote this row; null when tracing is off. */
  @Column({ name: "trace_id", type: "text", nullable: true })
  traceId!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @Column({ name: "resolved_at", type: "timestamptz", nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: "resolution", type: "text", nullable: true })
  resolution!: DeadLetterResolution | null;

  /** How often the worker retried this transient dead letter on its own, its channel healthy again. */
  @Column({ name: "auto_retries", type: "int", default: 0 })
  autoRetries!: number;
}
