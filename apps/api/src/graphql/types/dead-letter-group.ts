import { Field, ID, Int, ObjectType } from "type-graphql";
import { connectionType, type Connection } from "./common";
import { Platform, SyncErrorClass } from "./enums";

@ObjectType({
  description:
    "Open dead letters with one cause: the error class, the error code, the field (list positions aside) and the message (its URLs, quoted values and numbers aside). One fix serves them all.",
})
export class DeadLetterGroup {
  @Field(() => ID, {
    description: "Stable while the cause is: pass it to deadLetters(group:) or retryDeadLetterGroup.",
  })
  key!: string;
  @Field(() => SyncErrorClass)
  errorClass!: SyncErrorClass;
  @Field(() => String, { nullable: true })
  errorCode!: string | null;
  @Field(() => String, { nullable: true, description: "The field as the newest entry names it." })
  errorField!: string | null;
  @Field(() => String, { description: "The newest entry's message, verbatim." })
  message!: string;
  @Field(() => Int, { description: "Open dead letters in the group." })
  count!: number;
  @Field(() => Int, { description: "Distinct products among them." })
  productCount!: number;
  @Field(() => [Platform])
  platforms!: Platform[];
  @Field(() => ID, { description: "The newest entry's product." })
  productId!: string;
  @Field(() => Date)
  latestAt!: Date;
  /** Resolved to `channels` through the per-request channel loader. */
  channelIds!: string[];
}

export const DeadLetterGroupConnection = connectionType("DeadLetterGroup", DeadLetterGroup);
export type DeadLetterGroupConnection = Connection<DeadLetterGroup>;
