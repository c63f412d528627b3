export { startSyncWorker, type SyncWorker, type SyncWorkerOptions } from "./sync-worker";
export * as testing from "./testing/harness";
