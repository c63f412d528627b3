/**
 * The job contract between API and worker, as one discriminated union. Payloads carry ids only:
 * the product, the batch and the item all live in PostgreSQL, which is the source of truth.
 */
export interface SyncItemJob {
  name: "sync-item";
  data: {
    itemId: string;
    batchId: string;
    /**
     * W3C trace context of whoever enqueued the item (the API's startBatchSync), so the worker's
     * spans continue that trace across the process boundary. Absent when tracing is off.
     */
    traceparent?: string;
  };
}

export type SyncJob = SyncItemJob;
export type SyncJobName = SyncJob["name"];
export type SyncJobData<N extends SyncJobName> = Extract<SyncJob, { name: N }>["data"];
