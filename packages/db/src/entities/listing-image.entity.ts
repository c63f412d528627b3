import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";

/** Per-channel cache of uploaded images: one upload per (channel, source URL), reused by every listing. */
@Entity({ name: "listing_images" })
export class ListingImageEntity {
  @PrimaryColumn({ name: "channel_id", type: "bigint", primaryKeyConstraintName: "listing_images_pkey" })
  channelId!: string;

  @PrimaryColumn({ name: "source_url", type: "text", primaryKeyConstraintName: "listing_images_pkey" })
  sourceUrl!: string;

  /** Shopee image_id or TikTok Shop image uri. */
  @Column({ name: "platform_image_id", type: "text" })
  platformImageId!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
