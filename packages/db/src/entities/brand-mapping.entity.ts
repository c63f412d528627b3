import type { Platform } from "@syncstore/core";
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { ChannelEntity } from "./channel.entity";

/** A master brand mapped onto the marketplace's brand id, scoped like category mappings. */
@Entity({ name: "brand_mappings" })
export class BrandMappingEntity {
  @PrimaryGeneratedColumn("identity", { name: "id", type: "bigint", generatedIdentity: "BY DEFAULT" })
  id!: string;

  @Column({ name: "platform", type: "text" })
  platform!: Platform;

  @Column({ name: "market", type: "char", length: 2 })
  market!: string;

  @Column({ name: "channel_id", type: "bigint", nullable: true })
  channelId!: string | null;

  @ManyToOne(() => ChannelEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "channel_id", foreignKeyConstraintName: "brand_mappings_channel_id_fkey" })
  channel?: ChannelEntity;

  @Column({ name: "master_brand", type: "text" })
  masterBrand!: string;

  @Column({ name: "brand_id", type: "text" })
  brandId!: string;

  @Column({ name: "brand_name", type: "text" })
  brandName!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
