import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { ListingStatus, Platform } from "./enums";

export enum BatchTrigger {
  MANUAL = "MANUAL",
  AUTOMATIC = "AUTOMATIC",
  RETRY = "RETRY",
  ROLLBACK = "ROLLBACK",
}
export enum BatchActorKind {
  USER = "USER",
  API_KEY = "API_KEY",
  SYSTEM = "SYSTEM",
}
export enum BatchScopeKind {
  PRODUCTS = "PRODUCTS",
  SEARCH = "SEARCH",
  FILTER = "FILTER",
  CATALOG = "CATALOG",
  DEAD_LETTERS = "DEAD_LETTERS",
}
registerEnumType(BatchTrigger, {
  name: "BatchTrigger",
  description: "Why a batch exists.",
  valuesConfig: {
    MANUAL: { description: "A person or a partner started it." },
    AUTOMATIC: { description: "SyncStore started it on its own (a change, a schedule)." },
    RETRY: { description: "It retries dead letters, by hand or automatically." },
    ROLLBACK: { description: "It restores what another batch changed." },
  },
});
registerEnumType(BatchActorKind, { name: "BatchActorKind" });
registerEnumType(BatchScopeKind, {
  name: "BatchScopeKind",
  description: "How the batch's products were chosen.",
  valuesConfig: {
    PRODUCTS: { description: "Products chosen one by one (a selection, or one product)." },
    SEARCH: { description: "Every product matching a search." },
    FILTER: { description: "Every product the products list shows for a search and listing filters." },
    CATALOG: { description: "The whole catalog." },
    DEAD_LETTERS: { description: "The products of retried dead letters." },
  },
});

@ObjectType({ description: "Who started a batch." })
export class BatchActor {
  @Field(() => BatchActorKind)
  kind!: BatchActorKind;
  @Field(() => String, {
    nullable: true,
    description: "A person's name (or email), an API key's name, or what in SyncStore started it.",
  })
  name!: string | null;
}

@ObjectType({ description: "What a batch was started with." })
export class BatchScope {
  @Field(() => BatchScopeKind)
  kind!: BatchScopeKind;
  @Field(() => Int, { description: "Products in the batch (each on one or more channels)." })
  products!: number;
  @Field(() => String, { nullable: true })
  search!: string | null;
  @Field(() => ListingStatus, { nullable: true })
  listingStatus!: ListingStatus | null;
  @Field(() => Platform, { nullable: true })
  listingPlatform!: Platform | null;
}

@ObjectType({ description: "What started a batch, on what, and the name it was given." })
export class BatchOrigin {
  @Field(() => BatchTrigger)
  trigger!: BatchTrigger;
  @Field(() => BatchActor, { nullable: true, description: "Null when the user or key is gone, or unknown." })
  startedBy!: BatchActor | null;
  @Field(() => String, { nullable: true })
  label!: string | null;
  @Field(() => BatchScope)
  scope!: BatchScope;
}
