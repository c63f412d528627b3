import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { UserError } from "./common";
import { Platform } from "./enums";
import { DecimalScalar } from "./scalars";

export enum ChannelConnectionStatus {
  CONNECTED = "CONNECTED",
  EXPIRING = "EXPIRING",
  EXPIRED = "EXPIRED",
  DISCONNECTED = "DISCONNECTED",
}
registerEnumType(ChannelConnectionStatus, {
  name: "ChannelConnectionStatus",
  description: "Whether SyncStore holds a working authorization for the shop.",
  valuesConfig: {
    CONNECTED: { description: "Tokens are stored and the refresh token is valid for more than a day." },
    EXPIRING: { description: "The refresh token ends within a day: reconnect the shop soon." },
    EXPIRED: { description: "The refresh token has ended: the shop must be authorized again." },
    DISCONNECTED: { description: "No tokens: the shop was never authorized or was disconnected." },
  },
});

@ObjectType({ description: "The shop's authorization on its marketplace." })
export class ChannelAuthorization {
  @Field(() => ChannelConnectionStatus)
  status!: ChannelConnectionStatus;
  @Field(() => Date, { nullable: true, description: "When the refresh token ends (reconnect before)." })
  expiresAt!: Date | null;
}

@ObjectType({ description: "A Shopee logistics channel the shop offers its listings with." })
export class ShopeeLogistic {
  @Field(() => Int)
  logisticId!: number;
  @Field(() => Int, { nullable: true, description: "For a channel whose fee type is SIZE_SELECTION." })
  sizeId!: number | null;
  @Field(() => Number, { nullable: true, description: "For a channel whose fee type is CUSTOM_PRICE." })
  shippingFee!: number | null;
  @Field(() => Number, { nullable: true, description: "Heavier products are not offered on it." })
  maxWeightKg!: number | null;
}

@ObjectType({
  description: "How a channel's listings ship: Shopee logistics channels or a TikTok Shop warehouse.",
})
export class ChannelShipping {
  @Field(() => [ShopeeLogistic], {
    description: "Shopee channels: the logistics channels (empty on TikTok Shop).",
  })
  logistics!: ShopeeLogistic[];
  @Field(() => ID, { nullable: true, description: "TikTok Shop channels: the warehouse stock ships from." })
  warehouseId!: string | null;
  @Field(() => [ID], {
    description: "TikTok Shop channels: delivery options, when not the warehouse's default.",
  })
  deliveryOptionIds!: string[];
}

@ObjectType({
  description:
    "How much of the master catalog the channel's category mapping reaches. Required attributes, brand and " +
    "shipping are checked when a product is sent.",
})
export class ChannelMappingCoverage {
  @Field(() => Int, { description: "Every product in the master catalog." })
  productCount!: number;
  @Field(() => Int, {
    description:
      "Products whose master category is mapped to a marketplace category for this channel (its own " +
      "mapping or the one shared by its platform and market).",
  })
  mappedProductCount!: number;
}

@ObjectType({
  description: "A shop on a marketplace that SyncStore publishes to, with its publishing rules.",
})
export class Channel {
  @Field(() => ID)
  id!: string;
  @Field(() => Platform)
  platform!: Platform;
  @Field(() => String)
  name!: string;
  @Field(() => String, { description: "Shopee's shop_id, or TikTok Shop's shop cipher." })
  shopId!: string;
  @Field(() => String, { description: "ISO 3166 country of the shop (ID, MY, TH, VN, PH, SG…)." })
  market!: string;
  @Field(() => String, { description: "ISO 4217 currency of the shop's prices." })
  currency!: string;
  @Field(() => DecimalScalar, {
    description: "Channel price = master price × this, rounded to the currency.",
  })
  priceMultiplier!: string;
  @Field(() => Int, { description: "Marketplace attempts per item before it is dead-lettered." })
  maxAttempts!: number;
  @Field(() => Int, {
    nullable: true,
    description: "Calls per second to this shop; null = the platform's default.",
  })
  rateLimitPerSecond!: number | null;
  @Field(() => Boolean)
  enabled!: boolean;
  @Field(() => Boolean, {
    description: "Master stock edits reach this shop by themselves, through its stock endpoint (default on).",
  })
  autoSyncStock!: boolean;
  @Field(() => Boolean, {
    description: "Master price edits reach this shop by themselves, through its price endpoint (default on).",
  })
  autoSyncPrice!: boolean;
  @Field(() => Boolean, {
    description:
      "Other master edits (title, description, images…) reach this shop by themselves (default off: a " +
      "content update may send the listing back to the marketplace's review).",
  })
  autoSyncContent!: boolean;
  @Field(() => ChannelAuthorization)
  connection!: ChannelAuthorization;
  @Field(() => ChannelShipping, {
    nullable: true,
    description: "Null until set: listings need it to be accepted.",
  })
  shipping!: ChannelShipping | null;
}

@InputType()
export class ShopeeLogisticInput {
  @Field(() => Int)
  logisticId!: number;
  @Field(() => Int, { nullable: true })
  sizeId?: number | null;
  @Field(() => Number, { nullable: true })
  shippingFee?: number | null;
  @Field(() => Number, { nullable: true })
  maxWeightKg?: number | null;
}

@InputType({ description: "Shopee channels give logistics; TikTok Shop channels give warehouseId." })
export class ChannelShippingInput {
  @Field(() => [ShopeeLogisticInput], { nullable: true })
  logistics?: ShopeeLogisticInput[] | null;
  @Field(() => ID, { nullable: true })
  warehouseId?: string | null;
  @Field(() => [ID], { nullable: true })
  deliveryOptionIds?: string[] | null;
}

@InputType({ description: "Omitted fields stay as they are." })
export class UpdateChannelInput {
  @Field(() => ID)
  id!: string;
  @Field(() => String, { nullable: true })
  name?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: "Greater than 0, at most 10, 4 decimals." })
  priceMultiplier?: string | null;
  @Field(() => Int, { nullable: true, description: "1 to 20." })
  maxAttempts?: number | null;
  @Field(() => Int, { nullable: true, description: "1 to 1000 calls per second." })
  rateLimitPerSecond?: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "True: the platform's default rate limit again (rateLimitPerSecond must be omitted).",
  })
  useDefaultRateLimit?: boolean | null;
  @Field(() => Boolean, { nullable: true })
  enabled?: boolean | null;
  @Field(() => Boolean, { nullable: true })
  autoSyncStock?: boolean | null;
  @Field(() => Boolean, { nullable: true })
  autoSyncPrice?: boolean | null;
  @Field(() => Boolean, { nullable: true })
  autoSyncContent?: boolean | null;
  @Field(() => ChannelShippingInput, { nullable: true })
  shipping?: ChannelShippingInput | null;
}

@ObjectType()
export class UpdateChannelPayload {
  @Field(() => Channel, { nullable: true })
  channel!: Channel | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType({ description: "Which marketplace to authorize a shop on, and how the new channel is called." })
export class ConnectChannelInput {
  @Field(() => Platform)
  platform!: Platform;
  @Field(() => String, {
    nullable: true,
    description: "ISO 3166 country of the shop (ID, MY, TH, VN, PH, SG); default ID.",
  })
  market?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Name of the channel when one shop is authorized; default the marketplace's shop name.",
  })
  name?: string | null;
}

@ObjectType()
export class ConnectChannelPayload {
  @Field(() => String, {
    nullable: true,
    description:
      "The marketplace's consent page to open in the browser; after approval it returns through " +
      "/connect/{platform}/callback to the Channels page. Its state is single-use and ends after 10 minutes.",
  })
  authorizationUrl!: string | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class DisconnectChannelPayload {
  @Field(() => Channel, { nullable: true })
  channel!: Channel | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}
