export { startSyncWorker, type SyncWorker, type SyncWorkerOptions } from "./sync-worker";
