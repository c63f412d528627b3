import type { ListingStatus } from "@syncstore/core";
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from "typeorm";
import { ChannelEntity } from "./channel.entity";
import { ProductEntity } from "./product.entity";

/** What one channel holds for one product: marketplace ids, status, and what was last sent. */
@Entity({ name: "listings" })
@Unique("listings_product_id_channel_id_key", ["productId", "channelId"])
@Index("listings_channel_id_status_idx", ["channelId", "status"])
export class ListingEntity {
  @PrimaryGeneratedColumn("identity", { name: "id", type: "bigint", generatedIdentity: "BY DEFAULT" })
  id!: string;

  @Column({ name: "product_id", type: "bigint" })
  productId!: string;

  @ManyToOne(() => ProductEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "product_id", foreignKeyConstraintName: "listings_product_id_fkey" })
  product?: ProductEntity;

  @Column({ name: "channel_id", type: "bigint" })
  channelId!: string;

  @ManyToOne(() => ChannelEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "channel_id", foreignKeyConstraintName: "listings_channel_id_fkey" })
  channel?: ChannelEntity;

  /** Shopee item_id or TikTok Shop product_id. */
  @Column({ name: "external_id", type: "text", nullable: true })
  externalId!: string | null;

  @Column({ name: "status", type: "text" })
  status!: ListingStatus;

  /** The price last sent, in the channel's currency. */
  @Column({ name: "price", type: "numeric", precision: 14, scale: 2, nullable: true })
  price!: string | null;

  /** The title last sent. */
  @Column({ name: "title", type: "text", nullable: true })
  title!: string | null;

  @Column({ name: "content_hash", type: "text", nullable: true })
  contentHash!: string | null;

  /** The hash of what was last sent with prices and stock left out: equal means only they moved. */
  @Column({ name: "fields_hash", type: "text", nullable: true })
  fieldsHash!: string | null;

  /** Seller SKU → [price, stock] last sent, for the price and stock endpoints to send only what moved. */
  @Column({ name: "sent_levels", type: "jsonb", nullable: true })
  sentLevels!: Record<string, [number, number]> | null;

  /** Seller SKU → the marketplace's model/SKU id. */
  @Column({ name: "variant_ids", type: "jsonb", default: () => "'{}'::jsonb" })
  variantIds!: Record<string, string>;

  @Column({ name: "synced_at", type: "timestamptz", nullable: true })
  syncedAt!: Date | null;

  @Column({ name: "last_error", type: "text", nullable: true })
  lastError!: string | null;

  @Column({ name: "last_error_class", type: "text", nullable: true })
  lastErrorClass!: string | null;

  /** The marketplace's reason when its review refused the listing (status REJECTED). */
  @Column({ name: "reject_reason", type: "text", nullable: true })
  rejectReason!: string | null;

  /** When the review follow-up next asks the marketplace (status IN_REVIEW). */
  @Column({ name: "review_check_at", type: "timestamptz", nullable: true })
  reviewCheckAt!: Date | null;

  @Column({ name: "review_checks", type: "int", default: 0 })
  reviewChecks!: number;

  /** Created on the marketplace, follow-up steps (variations) not done yet: the next attempt finishes it. */
  @Column({ name: "incomplete", type: "boolean", default: false })
  incomplete!: boolean;

  /** The batch whose write last changed this listing on the marketplace. */
  @Column({ name: "last_write_batch_id", type: "uuid", nullable: true })
  lastWriteBatchId!: string | null;

  /** The batch that created the listing on the marketplace: rollback delists what it created. */
  @Column({ name: "created_by_batch_id", type: "uuid", nullable: true })
  createdByBatchId!: string | null;

  /** The payload last written to the marketplace: what a rollback of a later batch restores. */
  @Column({ name: "last_payload", type: "jsonb", nullable: true })
  lastPayload!: unknown;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
