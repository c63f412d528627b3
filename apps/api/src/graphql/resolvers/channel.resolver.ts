import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Listing } from "../types/product";
import { Permission } from "../../auth";
import type { ApiContext } from "../context";
import { isBigintId } from "../cursor";
import { userInputError } from "../errors";
import {
  Channel,
  ChannelMappingCoverage,
  ConnectChannelInput,
  ConnectChannelPayload,
  DisconnectChannelPayload,
  UpdateChannelInput,
  UpdateChannelPayload,
} from "../types/channel";

@Resolver(() => Channel)
export class ChannelResolver {
  @Authorized(Permission.READ)
  @Query(() => [Channel], { description: "Every shop SyncStore publishes to, enabled or not, in id order." })
  channels(@Ctx() ctx: ApiContext): Promise<Channel[]> {
    return ctx.services.channels.list();
  }

  @Authorized(Permission.READ)
  @Query(() => Channel, { nullable: true })
  channel(@Arg("id", () => ID) id: string, @Ctx() ctx: ApiContext): Promise<Channel | null> {
    if (!isBigintId(id))
      throw userInputError(`id is not a valid channel id: ${JSON.stringify(id.slice(0, 64))}`, "id");
    return ctx.services.channels.get(id);
  }

  @Authorized(Permission.ADMIN)
  @Mutation(() => UpdateChannelPayload, {
    description:
      "Change a channel's price multiplier, attempts, rate limit, shipping, automatic sync or enabled state; running workers " +
      "use the new settings from their next item. Nothing is written when any field is refused.",
  })
  updateChannel(
    @Arg("input", () => UpdateChannelInput) input: UpdateChannelInput,
    @Ctx() ctx: ApiContext,
  ): Promise<UpdateChannelPayload> {
    return ctx.services.channels.update(input);
  }

  @Authorized(Permission.ADMIN)
  @Mutation(() => ConnectChannelPayload, {
    description:
      "Start authorizing a shop: returns the marketplace's consent page. Approving it there creates the " +
      "shop's channel (another shop of the same platform is another channel) or renews an existing one's tokens.",
  })
  connectChannel(
    @Arg("input", () => ConnectChannelInput) input: ConnectChannelInput,
    @Ctx() ctx: ApiContext,
  ): Promise<ConnectChannelPayload> {
    // @Authorized let only a signed-in admin through.
    return ctx.services.connections.start(ctx.viewer!, input);
  }

  @Authorized(Permission.ADMIN)
  @Mutation(() => DisconnectChannelPayload, {
    description:
      "Forget a shop's tokens and stop syncing to it; its listings and history stay, and connecting the shop again resumes it.",
  })
  disconnectChannel(
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: ApiContext,
  ): Promise<DisconnectChannelPayload> {
    return ctx.services.connections.disconnect(id);
  }

  @FieldResolver(() => ChannelMappingCoverage, {
    description: "How many products have a mapped category for this shop, out of the whole catalog.",
  })
  mappingCoverage(@Root() channel: Channel, @Ctx() ctx: ApiContext): Promise<ChannelMappingCoverage> {
    return ctx.loaders.mappingCoverage.load(channel.id);
  }
}

@Resolver(() => Listing)
export class ListingResolver {
  @FieldResolver(() => Channel, { description: "The shop this listing is on." })
  async channel(@Root() listing: Listing, @Ctx() ctx: ApiContext): Promise<Channel> {
    const channel = await ctx.loaders.channel(listing.channelId);
    // listings.channel_id references channels: a listing always has its channel.
    if (!channel) throw new Error(`listing ${listing.id} has no channel ${listing.channelId}`);
    return channel;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The field the listing's open dead letter names (`sellerSku`, `dimensions.lengthCm`, `category_id`…), " +
      "or null when it has none open or the failure named no field.",
  })
  lastErrorField(@Root() listing: Listing, @Ctx() ctx: ApiContext): Promise<string | null> {
    return ctx.loaders.openFailureField.load(`${listing.productId}:${listing.channelId}`);
  }
}
