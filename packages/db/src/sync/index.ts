export {
  SyncReadRepository,
  BATCH_COLUMNS,
  type SyncItemRecord,
  type DeadLetterRecord,
  type SyncLogRecord,
  type IdPage,
} from "./reads";
