import "reflect-metadata";

// What the package offers, name by name: everything else in it is its own business. Test harnesses
// are in "@syncstore/db/testing".
export { createDataSource, type DataSourceOptions } from "./data-source";
export { runMigrations, waitForMigrations } from "./migrate";
export { ensureDatabase } from "./ensure-database";
export { pingDatabase } from "./health";
export type { ProductEntity, ProductVariantEntity } from "./entities";
export {
  applyTransitions,
  autoRetryCandidates,
  batchCounters,
  cancelBatch,
  createBatch,
  discardDeadLetters,
  isDatabaseUnavailable,
  loadBatchCounters,
  loadBatchOrigins,
  retryDeadLetters,
  toProgressEvent,
  unknownProductIds,
  untilDatabase,
  AUTO_RETRY_REQUESTER,
  AUTO_SYNC_REQUESTER,
  drainAutoSync,
  ItemContextRepository,
  LedgerWriter,
  OpenItemsRepository,
  type AutoRetryCandidate,
  type AutoSyncDrain,
  type BatchCountersRow,
  type BatchOriginRow,
  type ItemContext,
  type ItemOutcome,
  type LedgerEvent,
  type ListingWrite,
  type OpenItemRecord,
  type ProductSelection,
  type SyncLogWrite,
} from "./ledger";
export {
  PRODUCT_ORDER_FIELDS,
  type ProductOrder,
  catalogExportRows,
  writeCatalogCsv,
  writeCatalogXlsx,
  CATALOG_EXPORT_TYPES,
  importCatalog,
  catalogRecordStream,
  listProducts,
  loadChannels,
  loadListingsByProductIds,
  loadProductsByIds,
  loadVariantsByProductIds,
  updateProduct,
  CatalogFileError,
  InvalidCursorError,
  type ImportReport,
  type ListingWithChannel,
  type ProductFilters,
} from "./catalog";
export {
  demoCategoryRule,
  demoInvalidKind,
  demoMappingGap,
  generateDemoProduct,
  renderDemoImage,
  seedChannels,
  seedIfEmpty,
  DEMO_BRAND_TEMPLATE,
  DEMO_CATEGORY_TEMPLATE,
  DEMO_PRODUCT_COUNT,
  DEMO_SHIPPING_TEMPLATE,
  UNMAPPED_DEMO_CATEGORY,
} from "./seed";
export {
  ChannelDirectory,
  ChannelSettingsRepository,
  ChannelTokenRepository,
  ListingImageRepository,
  type ChannelRecord,
  type ChannelRef,
  type ChannelSettingsPatch,
  type RunnableChannel,
  type StoredChannelTokens,
} from "./channels";
export {
  ApiKeyRepository,
  SessionRepository,
  UserRepository,
  type ApiKeyRow,
  type KeysetPosition,
  type KeysetRows,
  type UserChangeRefusal,
  type UserRow,
} from "./auth";
export { MappingRepository, type MappingCoverage } from "./mapping";
export { ReviewRepository, type DueReview, type ReviewResult } from "./review";
export {
  DeadLetterGroupRepository,
  SyncReadRepository,
  openDeadLetterIdsOfGroup,
  syncStats,
  bucketCount,
  MAX_STATS_BUCKETS,
  type StatsBucket,
  type SyncStatsBucketRow,
  type DeadLetterGroupRecord,
  type DeadLetterRecord,
  type GroupPosition,
  type SyncItemRecord,
  type SyncLogFilter,
  type SyncLogRecord,
} from "./sync";
