import type { Platform, ShippingProfile } from "@syncstore/core";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from "typeorm";

/** A platform plus a shop, with the publishing rules and the shop's OAuth tokens. */
@Entity({ name: "channels" })
@Unique("channels_platform_shop_id_key", ["platform", "shopId"])
export class ChannelEntity {
  @PrimaryGeneratedColumn("identity", { name: "id", type: "bigint", generatedIdentity: "BY DEFAULT" })
  id!: string;

  @Column({ name: "platform", type: "text" })
  platform!: Platform;

  /** Shopee's numeric shop_id, or TikTok Shop's shop_cipher. */
  @Column({ name: "shop_id", type: "text" })
  shopId!: string;

  @Column({ name: "name", type: "text" })
  name!: string;

  /** ISO 3166 country of the shop (ID, MY, TH, VN, PH, SG…); mappings are shared per platform + market. */
  @Column({ name: "market", type: "char", length: 2, default: "ID" })
  market!: string;

  /** Shopee logistics channels or the TikTok Shop warehouse; null until set. */
  @Column({ name: "shipping_profile", type: "jsonb", nullable: true })
  shippingProfile!: ShippingProfile | null;

  @Column({ name: "currency", type: "char", length: 3 })
  currency!: string;

  @Column({ name: "price_multiplier", type: "numeric", precision: 6, scale: 4 })
  priceMultiplier!: string;

  @Column({ name: "max_attempts", type: "int" })
  maxAttempts!: number;

  /** After the fast attempts, one more attempt after each wait (transient failures only). */
  @Column({
    name: "slow_retry_delays_ms",
    type: "int",
    array: true,
    default: () => "'{60000,300000,900000}'",
  })
  slowRetryDelaysMs!: number[];

  @Column({ name: "title_min_length", type: "int" })
  titleMinLength!: number;

  @Column({ name: "title_max_length", type: "int" })
  titleMaxLength!: number;

  /** Null: the platform's default. */
  @Column({ name: "rate_limit_per_second", type: "int", nullable: true })
  rateLimitPerSecond!: number | null;

  @Column({ name: "enabled", type: "boolean", default: true })
  enabled!: boolean;

  /** Master edits of stock, price or the rest reach this shop by themselves (automatic sync). */
  @Column({ name: "auto_sync_stock", type: "boolean", default: true })
  autoSyncStock!: boolean;

  @Column({ name: "auto_sync_price", type: "boolean", default: true })
  autoSyncPrice!: boolean;

  /** Off by default: a content edit may send the listing back to the marketplace's review. */
  @Column({ name: "auto_sync_content", type: "boolean", default: false })
  autoSyncContent!: boolean;

  @Column({ name: "access_token", type: "text", nullable: true })
  accessToken!: string | null;

  @Column({ name: "refresh_token", type: "text", nullable: true })
  refreshToken!: string | null;

  @Column({ name: "access_token_expires_at", type: "timestamptz", nullable: true })
  accessTokenExpiresAt!: Date | null;

  @Column({ name: "refresh_token_expires_at", type: "timestamptz", nullable: true })
  refreshTokenExpiresAt!: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
