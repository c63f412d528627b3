import { Field, Int, ObjectType } from "type-graphql";
import { SyncBatch, SyncItem } from "./sync";

@ObjectType({
  description: "The whole state of a batch at one instant. The first message is the current snapshot.",
})
export class BatchProgressEvent {
  @Field(() => Int, { description: "Rises with every change of the batch; never goes backwards." })
  seq!: number;
  @Field(() => SyncBatch)
  batch!: SyncBatch;
  @Field(() => SyncItem, { nullable: true, description: "The latest item change (null in the snapshot)." })
  item!: SyncItem | null;
  @Field(() => [SyncItem], {
    description: "Item changes since the previous message (at most 100, oldest first).",
  })
  recentItems!: SyncItem[];
}

@ObjectType({ description: "One item change of one product." })
export class SyncItemEvent {
  @Field(() => Int)
  seq!: number;
  @Field(() => SyncItem)
  item!: SyncItem;
  @Field(() => SyncBatch)
  batch!: SyncBatch;
}
