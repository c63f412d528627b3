import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { UserError } from "./common";
import { Platform } from "./enums";
import { SyncBatch } from "./sync";

export enum LaterChanges {
  REFUSE = "REFUSE",
  SKIP = "SKIP",
  FORCE = "FORCE",
}
registerEnumType(LaterChanges, {
  name: "LaterChanges",
  description: "What a rollback does with listings a later batch changed after the one rolled back.",
  valuesConfig: {
    REFUSE: { description: "Refuse the rollback (LATER_CHANGES) so a person chooses." },
    SKIP: { description: "Leave those listings as the later batch left them." },
    FORCE: { description: "Restore them too, undoing the later batch's change on them." },
  },
});

export enum RollbackAction {
  RESTORE = "RESTORE",
  DELIST = "DELIST",
}
registerEnumType(RollbackAction, {
  name: "RollbackAction",
  valuesConfig: {
    RESTORE: { description: "Write back what the listing held before the batch." },
    DELIST: {
      description:
        "Take off sale a listing the batch created (Shopee unlist_item, TikTok Shop deactivate; never deleted, so it can be rolled back).",
    },
  },
});

@InputType()
export class RollbackBatchInput {
  @Field(() => ID)
  batchId!: string;
  @Field(() => Boolean, {
    nullable: true,
    description: "Only say what the rollback would do (`preview`); nothing is written or sent.",
  })
  dryRun?: boolean | null;
  @Field(() => LaterChanges, { nullable: true, description: "Defaults to REFUSE." })
  onLaterChanges?: LaterChanges | null;
}

@ObjectType({ description: "One listing a rollback restores or delists." })
export class RollbackPreviewItem {
  @Field(() => ID)
  productId!: string;
  @Field(() => String, { nullable: true })
  sku!: string | null;
  @Field(() => String, { nullable: true })
  productTitle!: string | null;
  @Field(() => ID)
  channelId!: string;
  @Field(() => Platform)
  platform!: Platform;
  @Field(() => RollbackAction)
  action!: RollbackAction;
  @Field(() => ID, { nullable: true, description: "The later batch that changed the listing since, if any." })
  laterBatchId!: string | null;
  @Field(() => Boolean, {
    description:
      "False when the listing's full state before the batch was not recorded: it cannot be restored.",
  })
  recorded!: boolean;
  @Field(() => String, { nullable: true })
  currentPrice!: string | null;
  @Field(() => String, { nullable: true })
  restorePrice!: string | null;
  @Field(() => String, { nullable: true })
  currentTitle!: string | null;
  @Field(() => String, { nullable: true })
  restoreTitle!: string | null;
}

@ObjectType({
  description: "What a rollback does, counted over every listing; `items` lists the first ones.",
})
export class RollbackPreview {
  @Field(() => ID)
  batchId!: string;
  @Field(() => Int)
  restore!: number;
  @Field(() => Int)
  delist!: number;
  @Field(() => Int, {
    description: "Listings a later batch changed (left out under SKIP, included under FORCE).",
  })
  laterChanged!: number;
  @Field(() => Int, { description: "Listings whose before-state was not recorded in full." })
  unrecorded!: number;
  @Field(() => [RollbackPreviewItem])
  items!: RollbackPreviewItem[];
}

@ObjectType()
export class RollbackBatchPayload {
  @Field(() => SyncBatch, { nullable: true, description: "The ROLLBACK batch; null on a dry run." })
  batch!: SyncBatch | null;
  @Field(() => RollbackPreview, { nullable: true })
  preview!: RollbackPreview | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}
