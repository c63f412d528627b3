import { ArgsType, Field, ID, InputType, registerEnumType } from "type-graphql";
import { ListingStatus, Platform, SyncErrorClass } from "./enums";
import { PageArgs } from "../pagination";
import { ItemStatus } from "./sync";

@InputType()
export class SyncProductInput {
  @Field(() => ID)
  productId!: string;
  @Field(() => [Platform], { description: "Where to publish; at least one." })
  platforms!: Platform[];
  @Field(() => Boolean, { nullable: true, description: "Send even if nothing changed since the last sync." })
  force?: boolean | null;
}

@InputType({
  description:
    "Choose products by ids, or by a search and listing filters (what `products` lists for them); with none, the whole catalog.",
})
export class StartBatchSyncInput {
  @Field(() => [ID], { nullable: true })
  productIds?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description: "Products whose SKU, title or brand contains this text.",
  })
  search?: string | null;
  @Field(() => ListingStatus, {
    nullable: true,
    description:
      "Products whose listing has this status (on `listingPlatform` when given), as `products(listingStatus:)` lists them; combines with `search`.",
  })
  listingStatus?: ListingStatus | null;
  @Field(() => Platform, {
    nullable: true,
    description:
      "With `listingStatus`: the platform that status is read on. Alone: products listed on it, as `products(platform:)`.",
  })
  listingPlatform?: Platform | null;
  @Field(() => [Platform])
  platforms!: Platform[];
  @Field(() => Boolean, { nullable: true })
  force?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: "A name for the batch, shown with it (up to 200 characters; blank means none).",
  })
  label?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      "A batch of kind DRY_RUN: each item reads the marketplace and records what a sync would do (`SyncItem.plannedAction`, `changes`, `plannedPayload`); nothing is written to the marketplace or to the listings. Items end SUCCEEDED (would create or update), SKIPPED (unchanged) or DEAD_LETTERED (VALIDATION with the field; no dead letter is opened).",
  })
  dryRun?: boolean | null;
  @Field(() => ID, {
    nullable: true,
    description:
      "Exactly the products and channels of this batch's items (of the given platforms): a dry run's plan, run for real. Not with productIds, search or listing filters.",
  })
  sameItemsAs?: string | null;
}

@ArgsType()
export class DeadLettersArgs extends PageArgs {
  @Field(() => Platform, { nullable: true })
  platform?: Platform | null;
  @Field(() => SyncErrorClass, { nullable: true })
  errorClass?: SyncErrorClass | null;
  @Field(() => ID, { nullable: true, description: "Only the group with this key (DeadLetterGroup.key)." })
  group?: string | null;
}

@ArgsType()
export class DeadLetterGroupsArgs extends PageArgs {
  @Field(() => Platform, { nullable: true, description: "Only dead letters of this marketplace." })
  platform?: Platform | null;
}

export enum SyncCallOutcome {
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
}
registerEnumType(SyncCallOutcome, {
  name: "SyncCallOutcome",
  description: "How a marketplace call ended.",
  valuesConfig: {
    SUCCEEDED: { description: "The marketplace accepted it." },
    FAILED: { description: "It failed with an error class (see errorClass)." },
  },
});

@ArgsType()
export class SyncLogsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  productId?: string | null;
  @Field(() => ID, { nullable: true })
  batchId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Calls for products whose SKU, title or brand contains every word of this.",
  })
  search?: string | null;
  @Field(() => ID, { nullable: true, description: "Calls to this channel (shop)." })
  channelId?: string | null;
  @Field(() => SyncCallOutcome, { nullable: true })
  outcome?: SyncCallOutcome | null;
  @Field(() => SyncErrorClass, { nullable: true, description: "Failed calls of this error class." })
  errorClass?: SyncErrorClass | null;
  @Field(() => Date, { nullable: true, description: "Calls made at or after this time." })
  from?: Date | null;
  @Field(() => Date, { nullable: true, description: "Calls made before this time." })
  to?: Date | null;
}

@ArgsType()
export class BatchItemsArgs extends PageArgs {
  @Field(() => ItemStatus, { nullable: true })
  status?: ItemStatus | null;
}
