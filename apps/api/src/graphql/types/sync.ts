import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { UserError, connectionType, type Connection } from "./common";
import { Platform, SyncErrorClass } from "./enums";
import { JSONScalar } from "./scalars";
import { FieldChange } from "./field-change";

export enum BatchStatus {
  QUEUED = "QUEUED",
  RUNNING = "RUNNING",
  COMPLETED = "COMPLETED",
  COMPLETED_WITH_ERRORS = "COMPLETED_WITH_ERRORS",
  CANCELLED = "CANCELLED",
}
export enum ItemStatus {
  QUEUED = "QUEUED",
  RUNNING = "RUNNING",
  SUCCEEDED = "SUCCEEDED",
  SKIPPED = "SKIPPED",
  FAILED = "FAILED",
  DEAD_LETTERED = "DEAD_LETTERED",
  CANCELLED = "CANCELLED",
}
export enum BatchKind {
  SYNC = "SYNC",
  DRY_RUN = "DRY_RUN",
  ROLLBACK = "ROLLBACK",
  VALIDATION = "VALIDATION",
}
export enum PlannedAction {
  CREATE = "CREATE",
  UPDATE = "UPDATE",
  SKIP = "SKIP",
}
registerEnumType(BatchStatus, { name: "BatchStatus" });
registerEnumType(PlannedAction, {
  name: "PlannedAction",
  description: "What a sync of a DRY_RUN item would do.",
  valuesConfig: {
    CREATE: { description: "Nothing is listed under the SKU: a new listing." },
    UPDATE: { description: "The listing exists and would be changed as `changes` say." },
    SKIP: { description: "A sync would send nothing (unchanged)." },
  },
});
registerEnumType(BatchKind, { name: "BatchKind", description: "What a batch does." });
registerEnumType(ItemStatus, {
  name: "ItemStatus",
  valuesConfig: { FAILED: { description: "The last attempt failed; another is scheduled." } },
});

/** The counters a batch and each of its channels share; inherited, so both types state them once. */
// Never referenced by a field, so the schema holds only the two concrete types.
@ObjectType()
abstract class StatusCounters {
  @Field(() => Int)
  total!: number;
  @Field(() => Int)
  queued!: number;
  @Field(() => Int)
  running!: number;
  @Field(() => Int)
  succeeded!: number;
  @Field(() => Int, { description: "Items whose last attempt failed and that will be retried." })
  failed!: number;
  @Field(() => Int)
  skipped!: number;
  @Field(() => Int)
  deadLettered!: number;
  @Field(() => Int)
  cancelled!: number;
  @Field(() => Float, { description: "Finished items over total, 0–100." })
  percent!: number;
}

@ObjectType({
  description:
    "One channel's share of a batch, counted by the server with every item change: the channels' counters add up to the batch's.",
})
export class SyncBatchChannel extends StatusCounters {
  @Field(() => ID)
  channelId!: string;
  @Field(() => Platform)
  platform!: Platform;
}

@ObjectType({ description: "One product on one channel within a batch." })
export class SyncItem {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  batchId!: string;
  @Field(() => ID)
  productId!: string;
  @Field(() => String)
  sku!: string;
  @Field(() => Platform)
  platform!: Platform;
  @Field(() => ItemStatus)
  status!: ItemStatus;
  @Field(() => Int)
  attempts!: number;
  @Field(() => SyncErrorClass, { nullable: true })
  errorClass!: SyncErrorClass | null;
  @Field(() => String, { nullable: true })
  errorMessage!: string | null;
  @Field(() => String, { nullable: true, description: "For VALIDATION failures: the field that is wrong." })
  errorField!: string | null;
  @Field(() => PlannedAction, {
    nullable: true,
    description: "DRY_RUN items, once run: what a sync would do.",
  })
  plannedAction!: PlannedAction | null;
  @Field(() => [FieldChange], {
    nullable: true,
    description:
      "DRY_RUN items: each field that differs between what the marketplace holds (read back; fields a read does not return, from the ledger's last write) and what a sync would send. On a SKIP item they are edits made on the marketplace that only a forced sync overwrites.",
  })
  changes!: FieldChange[] | null;
  @Field(() => JSONScalar, {
    nullable: true,
    description: "DRY_RUN items: the payload a sync would send (null on SKIP).",
  })
  plannedPayload!: unknown;
  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;
}

export const SyncItemConnection = connectionType("SyncItem", SyncItem);
export type SyncItemConnection = Connection<SyncItem>;

@ObjectType({
  description: "A set of (product, channel) items synced together. A manual sync is a batch of one product.",
})
export class SyncBatch extends StatusCounters {
  @Field(() => ID)
  id!: string;
  @Field(() => BatchStatus)
  status!: BatchStatus;
  @Field(() => BatchKind)
  kind!: BatchKind;
  /** The id of the batch this one retries; `retryOf` resolves it. */
  retryOfId!: string | null;
  /** The id of the batch a ROLLBACK batch undoes; `rollbackOf` resolves it. */
  rollbackOfId!: string | null;
  @Field(() => [Platform])
  platforms!: Platform[];
  @Field(() => Boolean, { description: "Whether unchanged listings are sent anyway." })
  force!: boolean;
  @Field(() => Float, { nullable: true, description: "Items finished per second since the batch started." })
  throughput!: number | null;
  @Field(() => Float, { nullable: true, description: "Estimated seconds until every item is final." })
  etaSeconds!: number | null;
  @Field(() => Date)
  createdAt!: Date;
  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;
  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
  @Field(() => [SyncBatchChannel], {
    description: "Per channel, in channel id order, as of the same instant as the batch's counters.",
  })
  channels!: SyncBatchChannel[];
  /** Resolved by a field resolver: the items page. */
  seq!: number;
}

export const SyncBatchConnection = connectionType("SyncBatch", SyncBatch);
export type SyncBatchConnection = Connection<SyncBatch>;

@ObjectType({ description: "An item that exhausted its retries or cannot succeed." })
export class DeadLetter {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  itemId!: string;
  @Field(() => ID)
  batchId!: string;
  @Field(() => ID)
  productId!: string;
  @Field(() => String)
  sku!: string;
  @Field(() => Platform)
  platform!: Platform;
  @Field(() => SyncErrorClass)
  errorClass!: SyncErrorClass;
  @Field(() => String)
  errorMessage!: string;
  @Field(() => String, { nullable: true })
  errorField!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The marketplace's error code (`error_param`, `12052024`) or validation's (`TOO_LONG`).",
  })
  errorCode!: string | null;
  @Field(() => ID, { description: "The key of the DeadLetterGroup (its cause) this entry belongs to." })
  groupKey!: string;
  @Field(() => Int)
  attempts!: number;
  @Field(() => JSONScalar, { nullable: true, description: "The last marketplace request, secrets redacted." })
  lastRequest!: unknown;
  @Field(() => JSONScalar, { nullable: true })
  lastResponse!: unknown;
  @Field(() => String, {
    nullable: true,
    description: "OpenTelemetry trace id (32 hex digits) of the sync attempt; null when tracing is off.",
  })
  traceId!: string | null;
  @Field(() => Date)
  createdAt!: Date;
}

export const DeadLetterConnection = connectionType("DeadLetter", DeadLetter);
export type DeadLetterConnection = Connection<DeadLetter>;

@ObjectType({ description: "One marketplace call: the audit log." })
export class SyncLog {
  @Field(() => ID)
  id!: string;
  @Field(() => ID, { nullable: true })
  batchId!: string | null;
  @Field(() => ID, { nullable: true })
  itemId!: string | null;
  @Field(() => ID, { nullable: true })
  productId!: string | null;
  @Field(() => String, { nullable: true, description: "The product's SKU now; null once it is deleted." })
  sku!: string | null;
  @Field(() => String, { nullable: true, description: "The product's title now; null once it is deleted." })
  productTitle!: string | null;
  @Field(() => ID, { description: "The channel (shop) called." })
  channelId!: string;
  @Field(() => Platform)
  platform!: Platform;
  @Field(() => String)
  endpoint!: string;
  @Field(() => String)
  method!: string;
  @Field(() => JSONScalar, { nullable: true, description: "Query and body as sent, secrets redacted." })
  request!: unknown;
  @Field(() => JSONScalar, { nullable: true })
  response!: unknown;
  @Field(() => Int, { nullable: true })
  httpStatus!: number | null;
  @Field(() => Int)
  durationMs!: number;
  @Field(() => Int)
  attempt!: number;
  @Field(() => SyncErrorClass, { nullable: true })
  errorClass!: SyncErrorClass | null;
  @Field(() => String, { nullable: true })
  errorCode!: string | null;
  @Field(() => String, { nullable: true })
  errorMessage!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "OpenTelemetry trace id (32 hex digits) of the sync attempt; null when tracing is off.",
  })
  traceId!: string | null;
  @Field(() => Date)
  createdAt!: Date;
}

export const SyncLogConnection = connectionType("SyncLog", SyncLog);
export type SyncLogConnection = Connection<SyncLog>;

@ObjectType({ description: "The health of one channel's queue." })
export class QueueStats {
  @Field(() => ID, { description: "The channel this queue serves (pauseChannel / resumeChannel take it)." })
  channelId!: string;
  @Field(() => String)
  name!: string;
  @Field(() => Platform)
  platform!: Platform;
  @Field(() => String)
  shopId!: string;
  @Field(() => Int)
  waiting!: number;
  @Field(() => Int)
  active!: number;
  @Field(() => Int)
  delayed!: number;
  @Field(() => Int)
  failed!: number;
  @Field(() => Int)
  completed!: number;
  @Field(() => Boolean)
  paused!: boolean;
  @Field(() => Int, { description: "Worker processes connected to this queue." })
  workers!: number;
}

@ObjectType()
export class SyncProductPayload {
  @Field(() => SyncBatch, { nullable: true })
  batch!: SyncBatch | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class StartBatchSyncPayload {
  @Field(() => SyncBatch, { nullable: true })
  batch!: SyncBatch | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class CancelBatchPayload {
  @Field(() => SyncBatch, { nullable: true })
  batch!: SyncBatch | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class RetryDeadLetterPayload {
  @Field(() => SyncBatch, {
    nullable: true,
    description: "The new batch retrying the item, with the product's other failed channels.",
  })
  batch!: SyncBatch | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class RetryDeadLettersPayload {
  @Field(() => [ID])
  retriedIds!: string[];
  @Field(() => SyncBatch, { nullable: true, description: "The new batch retrying them." })
  batch!: SyncBatch | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class DiscardDeadLettersPayload {
  @Field(() => [ID])
  discardedIds!: string[];
  @Field(() => [UserError])
  userErrors!: UserError[];
}
