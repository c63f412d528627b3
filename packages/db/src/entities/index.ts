import { AttributeMappingEntity } from "./attribute-mapping.entity";
import { BrandMappingEntity } from "./brand-mapping.entity";
import { CategoryMappingEntity } from "./category-mapping.entity";
import { ChannelEntity } from "./channel.entity";
import { DeadLetterEntity } from "./dead-letter.entity";
import { ListingImageEntity } from "./listing-image.entity";
import { ListingEntity } from "./listing.entity";
import { ProductVariantEntity } from "./product-variant.entity";
import { ProductEntity } from "./product.entity";
import { SyncBatchEntity } from "./sync-batch.entity";
import { SyncItemEntity } from "./sync-item.entity";
import { SyncLogEntity } from "./sync-log.entity";

export {
  AttributeMappingEntity,
  BrandMappingEntity,
  CategoryMappingEntity,
  ChannelEntity,
  DeadLetterEntity,
  ListingEntity,
  ListingImageEntity,
  ProductEntity,
  ProductVariantEntity,
  SyncBatchEntity,
  SyncItemEntity,
  SyncLogEntity,
};
export type { SyncBatchStatus } from "./sync-batch.entity";
export type { SyncItemStatus } from "./sync-item.entity";
export type { DeadLetterResolution } from "./dead-letter.entity";

/** Every entity, for the DataSource. */
export const ENTITIES = [
  ProductEntity,
  ProductVariantEntity,
  ChannelEntity,
  ListingEntity,
  ListingImageEntity,
  SyncBatchEntity,
  SyncItemEntity,
  SyncLogEntity,
  DeadLetterEntity,
  CategoryMappingEntity,
  AttributeMappingEntity,
  BrandMappingEntity,
];
