import { Field, ID, Int, ObjectType } from "type-graphql";
import { connectionType, type Connection } from "./common";
import { ListingStatus, Platform } from "./enums";
import { DecimalScalar } from "./scalars";

@ObjectType()
export class Attribute {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType()
export class Dimensions {
  @Field(() => Number)
  lengthCm!: number;
  @Field(() => Number)
  widthCm!: number;
  @Field(() => Number)
  heightCm!: number;
}

@ObjectType()
export class VariantOption {
  @Field(() => String)
  name!: string;
  @Field(() => String)
  value!: string;
}

@ObjectType({ description: "A sellable variation of a product (a colour, a size)." })
export class Variant {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  sku!: string;
  @Field(() => [VariantOption])
  options!: VariantOption[];
  @Field(() => DecimalScalar)
  price!: string;
  @Field(() => Int)
  stock!: number;
  @Field(() => String, { nullable: true })
  image!: string | null;
}

@ObjectType({ description: "A product as published on one marketplace channel." })
export class Listing {
  @Field(() => ID)
  id!: string;
  @Field(() => Platform)
  platform!: Platform;
  @Field(() => String, { description: "The shop on the platform (Shopee shop_id, TikTok Shop shop cipher)." })
  shopId!: string;
  @Field(() => String, { nullable: true, description: "Shopee item_id or TikTok Shop product_id." })
  externalId!: string | null;
  @Field(() => ListingStatus)
  status!: ListingStatus;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: "The price last sent, in the channel currency.",
  })
  price!: string | null;
  @Field(() => String, { nullable: true, description: "The title last sent." })
  title!: string | null;
  @Field(() => Date, { nullable: true })
  syncedAt!: Date | null;
  @Field(() => String, { nullable: true })
  lastError!: string | null;
  @Field(() => String, { nullable: true })
  lastErrorClass!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The marketplace's reason when its review refused the listing (status REJECTED).",
  })
  rejectReason!: string | null;
  @Field(() => Boolean, {
    description:
      "Created on the marketplace, but its follow-up steps (Shopee: the variations) are not done yet: " +
      "`externalId` is what exists there, and the next sync of the product completes it.",
  })
  incomplete!: boolean;
  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      "The price this listing should have now: the master price × the channel's multiplier, rounded to the " +
      "currency's digits (what the next sync sends). Null when the product's currency is not the channel's.",
  })
  expectedPrice!: string | null;
  /** The channel's settings the expected price is computed from; not part of the schema. */
  pricing!: { priceMultiplier: string; currency: string };
  /** For the `channel` field's resolver; not part of the schema. */
  channelId!: string;
  /** For the `lastErrorField` resolver; not part of the schema. */
  productId!: string;
}

@ObjectType({ description: "What one channel's price for a product is, from its configured multiplier." })
export class ChannelPrice {
  @Field(() => ID)
  channelId!: string;
  @Field(() => Platform)
  platform!: Platform;
  @Field(() => String)
  shopId!: string;
  @Field(() => String, { description: "The channel's currency (ISO 4217)." })
  currency!: string;
  @Field(() => DecimalScalar, { description: "The channel's price multiplier." })
  multiplier!: string;
  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      "Master price × multiplier, rounded to the currency's digits; null when the currencies differ.",
  })
  expectedPrice!: string | null;
}

@ObjectType({ description: "A product of the master catalog." })
export class Product {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  sku!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String)
  description!: string;
  @Field(() => String, { nullable: true })
  brand!: string | null;
  @Field(() => String, { nullable: true })
  category!: string | null;
  @Field(() => DecimalScalar)
  price!: string;
  @Field(() => String, { description: "ISO 4217 code of the master price." })
  currency!: string;
  @Field(() => Int)
  stock!: number;
  @Field(() => Int, { nullable: true })
  weightGrams!: number | null;
  @Field(() => Dimensions, { nullable: true })
  dimensions!: Dimensions | null;
  @Field(() => [String], { description: "Image URLs; relative ones are served by this API." })
  images!: string[];
  @Field(() => [Attribute])
  attributes!: Attribute[];
  @Field(() => Date)
  updatedAt!: Date;
}

export const ProductConnection = connectionType("Product", Product);
export type ProductConnection = Connection<Product>;
