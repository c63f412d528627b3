/**
 * The job contract between API and worker, as one discriminated union. Payloads carry ids only:
 * the product, the batch and the item all live in PostgreSQL, which is the source of truth.
 */
export interface SyncItemJob {
  name: "sync-item";
  data: { itemId: string; batchId: string };
}

export type SyncJob = SyncItemJob;
export type SyncJobName = SyncJob["name"];
export type SyncJobData<N extends SyncJobName> = Extract<SyncJob, { name: N }>["data"];
