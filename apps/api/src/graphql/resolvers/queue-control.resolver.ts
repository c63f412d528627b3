import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { Permission } from "../../auth";
import type { ApiContext } from "../context";
import { PauseChannelPayload, ResumeChannelPayload } from "../types/queue-control";

@Resolver()
export class QueueControlResolver {
  @Authorized(Permission.ADMIN)
  @Mutation(() => PauseChannelPayload, {
    description: "Stop starting new jobs on a channel's queue, in every worker; running ones finish.",
  })
  pauseChannel(@Arg("id", () => ID) id: string, @Ctx() ctx: ApiContext) {
    return ctx.services.queueControl.pause(id);
  }

  @Authorized(Permission.ADMIN)
  @Mutation(() => ResumeChannelPayload, {
    description: "Start taking jobs from a paused channel's queue again.",
  })
  resumeChannel(@Arg("id", () => ID) id: string, @Ctx() ctx: ApiContext) {
    return ctx.services.queueControl.resume(id);
  }
}
