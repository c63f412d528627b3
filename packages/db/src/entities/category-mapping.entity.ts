import type { Platform } from "@syncstore/core";
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { ChannelEntity } from "./channel.entity";

/**
 * A master category mapped onto a marketplace leaf category, for a platform and market (channel NULL:
 * every shop there) or for one channel (overrides the shared row).
 */
@Entity({ name: "category_mappings" })
export class CategoryMappingEntity {
  @PrimaryGeneratedColumn("identity", { name: "id", type: "bigint", generatedIdentity: "BY DEFAULT" })
  id!: string;

  @Column({ name: "platform", type: "text" })
  platform!: Platform;

  @Column({ name: "market", type: "char", length: 2 })
  market!: string;

  @Column({ name: "channel_id", type: "bigint", nullable: true })
  channelId!: string | null;

  @ManyToOne(() => ChannelEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "channel_id", foreignKeyConstraintName: "category_mappings_channel_id_fkey" })
  channel?: ChannelEntity;

  @Column({ name: "master_category", type: "text" })
  masterCategory!: string;

  /** The marketplace's leaf category id. */
  @Column({ name: "category_id", type: "text" })
  categoryId!: string;

  /** TikTok Shop's category tree version (v1 / v2). */
  @Column({ name: "category_version", type: "text", nullable: true })
  categoryVersion!: string | null;

  @Column({ name: "brand_required", type: "boolean", default: false })
  brandRequired!: boolean;

  @Column({ name: "size_chart_required", type: "boolean", default: false })
  sizeChartRequired!: boolean;

  @Column({ name: "size_chart", type: "jsonb", nullable: true })
  sizeChart!: { imageUrl?: string; templateId?: string } | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
