import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Permission } from "../../auth";
import { isGroupKey } from "../../services/sync-queries";
import type { ApiContext } from "../context";
import { userInputError } from "../errors";
import { pageSize } from "../pagination";
import { Channel } from "../types/channel";
import { DeadLetterGroup, DeadLetterGroupConnection } from "../types/dead-letter-group";
import { DeadLetterGroupsArgs } from "../types/sync-inputs";
import { RetryDeadLettersPayload } from "../types/sync";

/** A group key argument, refused as BAD_USER_INPUT naming the argument unless it can be one. */
export function checkGroupKey(key: string | null | undefined, argument: string): string | null {
  if (key === null || key === undefined) return null;
  if (!isGroupKey(key))
    throw userInputError(
      `${argument} is not a dead-letter group key: ${JSON.stringify(key.slice(0, 64))}`,
      argument,
    );
  return key;
}

@Resolver(() => DeadLetterGroup)
export class DeadLetterGroupResolver {
  @Authorized(Permission.READ)
  @Query(() => DeadLetterGroupConnection, {
    description: "Open dead letters grouped by cause, the largest group first.",
  })
  deadLetterGroups(@Args() { first, after, platform }: DeadLetterGroupsArgs, @Ctx() ctx: ApiContext) {
    return ctx.services.syncQueries.deadLetterGroups(pageSize(first), after ?? null, platform ?? null);
  }

  @FieldResolver(() => [Channel], { description: "The channels the group's dead letters are stuck on." })
  async channels(@Root() group: DeadLetterGroup, @Ctx() ctx: ApiContext): Promise<Channel[]> {
    const channels = await Promise.all(group.channelIds.map((id) => ctx.loaders.channel(id)));
    return channels.filter((c): c is Channel => c !== null);
  }

  @Authorized(Permission.SYNC)
  @Mutation(() => RetryDeadLettersPayload, {
    description: "Retry every open dead letter of one group as one new batch, once its cause is fixed.",
  })
  async retryDeadLetterGroup(
    @Arg("key", () => ID) key: string,
    @Ctx() ctx: ApiContext,
  ): Promise<RetryDeadLettersPayload> {
    const { retried, batch, userErrors } = await ctx.services.sync.retryDeadLetterGroup(
      checkGroupKey(key, "key")!,
      ctx.viewer?.id ?? null,
    );
    return { retriedIds: retried, batch, userErrors };
  }
}
