import type { Logger } from "@syncstore/config";

interface FailingWorker {
  on(
    event: "failed",
    listener: (
      job: { data: { batchId: string; itemId: string }; attemptsMade: number } | undefined,
      e: Error,
    ) => void,
  ): unknown;
}

/**
 * One log line per failed attempt, carrying the batch and item ids beside the channel's bindings,
 * so `grep itemId` follows an item across retries and workers. The ledger holds the full story.
 */
export function logJobFailures(worker: FailingWorker, channelLogger: Logger): void {
  worker.on("failed", (job, e) => {
    if (!job) return;
    channelLogger
      .child({ batchId: job.data.batchId, itemId: job.data.itemId })
      .info(`item attempt ${job.attemptsMade} failed: ${e.message}`);
  });
}
