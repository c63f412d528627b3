import type { DataSource } from "typeorm";
import {
  createRollbackBatch,
  planRollback,
  type LaterChangesPolicy,
  type RollbackPlanItem,
} from "@syncstore/db";
import type { SyncQueues } from "@syncstore/queue";
import type { Logger } from "@syncstore/config";
import type { Platform } from "../graphql/types/enums";
import type { RollbackBatchPayload, RollbackPreview } from "../graphql/types/rollback";
import type { RollbackAction } from "../graphql/types/rollback";
import { batchView } from "./batch-view";
import { isUuid } from "./sync.service";

/** The preview lists this many listings; its counts cover all of them. */
export const PREVIEW_ITEMS = 200;

export interface RollbackInput {
  batchId: string;
  dryRun?: boolean | null;
  onLaterChanges?: LaterChangesPolicy | null;
}

/** Rolling a batch back: the plan from the ledger, then a ROLLBACK batch on the same queues. */
export class RollbackService {
  constructor(
    private readonly ds: DataSource,
    private readonly queues: SyncQueues,
    private readonly logger: Logger,
  ) {}

  async rollback(input: RollbackInput, requestedBy: string | null): Promise<RollbackBatchPayload> {
    const field = ["input", "batchId"];
    if (!isUuid(input.batchId))
      return {
        batch: null,
        preview: null,
        userErrors: [{ field, code: "NOT_FOUND", message: `no batch ${input.batchId}` }],
      };
    const policy = input.onLaterChanges ?? "REFUSE";
    const result = await this.ds.transaction(async (em) => {
      const plan = await planRollback(em, input.batchId, policy);
      if (!plan.ok || input.dryRun) return { plan, created: null };
      return { plan, created: await createRollbackBatch(em, plan, requestedBy) };
    });
    const { plan, created } = result;
    if (!plan.ok) {
      const onPolicy = plan.code === "LATER_CHANGES" ? ["input", "onLaterChanges"] : field;
      return {
        batch: null,
        preview: null,
        userErrors: [{ field: onPolicy, code: plan.code, message: plan.message }],
      };
    }
    const preview = previewOf(plan.batchId, plan.items, plan.later);
    if (!created) return { batch: null, preview, userErrors: [] };
    if (created.items.length > 0) {
      await this.queues
        .enqueue(created.items.map((i) => ({ ...i, batchId: created.batch.id })))
        .catch((e: unknown) =>
          // Safe in PostgreSQL; the worker's reconciler enqueues it once Redis is back.
          this.logger.error(`rollback batch ${created.batch.id} written but not enqueued yet`, e),
        );
    }
    return { batch: batchView(created.batch), preview, userErrors: [] };
  }
}

function previewOf(batchId: string, items: RollbackPlanItem[], later: number): RollbackPreview {
  return {
    batchId,
    restore: items.filter((i) => i.action === "RESTORE").length,
    delist: items.filter((i) => i.action === "DELIST").length,
    laterChanged: later,
    unrecorded: items.filter((i) => !i.recorded).length,
    items: items.slice(0, PREVIEW_ITEMS).map((i) => ({
      productId: i.productId,
      sku: i.sku,
      productTitle: i.productTitle,
      channelId: i.channelId,
      platform: i.platform as Platform,
      action: i.action as RollbackAction,
      laterBatchId: i.laterBatchId,
      recorded: i.recorded,
      currentPrice: i.currentPrice,
      restorePrice: i.restorePrice,
      currentTitle: i.currentTitle,
      restoreTitle: i.restoreTitle,
    })),
  };
}
