import { Field, ObjectType } from "type-graphql";
import { UserError } from "./common";
import { QueueStats } from "./sync";

@ObjectType({
  description: "The channel's queue after it was paused; running jobs finish, no new one starts.",
})
export class PauseChannelPayload {
  @Field(() => QueueStats, { nullable: true })
  queue!: QueueStats | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ description: "The channel's queue after it was resumed." })
export class ResumeChannelPayload {
  @Field(() => QueueStats, { nullable: true })
  queue!: QueueStats | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}
