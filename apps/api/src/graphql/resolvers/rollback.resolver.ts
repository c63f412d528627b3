import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { Permission } from "../../auth";
import type { ApiContext } from "../context";
import { RollbackBatchInput, RollbackBatchPayload } from "../types/rollback";

@Resolver()
export class RollbackResolver {
  @Authorized(Permission.SYNC)
  @Mutation(() => RollbackBatchPayload, {
    description:
      "Restores every listing a finished batch changed to its state before the batch and delists what it created, as a batch of kind ROLLBACK; `dryRun` only previews.",
  })
  rollbackBatch(
    @Arg("input", () => RollbackBatchInput) input: RollbackBatchInput,
    @Ctx() ctx: ApiContext,
  ): Promise<RollbackBatchPayload> {
    return ctx.services.rollback.rollback(input, ctx.viewer?.id ?? null);
  }
}
