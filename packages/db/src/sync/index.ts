export {
  SyncReadRepository,
  BATCH_COLUMNS,
  type SyncItemRecord,
  type DeadLetterRecord,
  type SyncLogRecord,
  type SyncLogFilter,
  type IdPage,
} from "./reads";
export {
  DeadLetterGroupRepository,
  openDeadLetterIdsOfGroup,
  type DeadLetterGroupRecord,
  type GroupPosition,
} from "./dead-letter-groups";
export {
  syncStats,
  slowestEndpoints,
  MAX_ENDPOINT_RANGE_DAYS,
  type SlowEndpointRow,
  bucketCount,
  STATS_BUCKETS,
  MAX_STATS_BUCKETS,
  type StatsBucket,
  type SyncStatsBucketRow,
} from "./stats";
