import { ArgsType, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { PageArgs } from "../pagination";
import { ListingStatus, OrderDirection, Platform, ProductOrderField } from "./enums";
import { DecimalScalar } from "./scalars";
import { Product } from "./product";
import { UserError } from "./common";

@InputType({ description: "How to order the products list; ties are broken by id in the same direction." })
export class ProductOrder {
  @Field(() => ProductOrderField)
  field!: ProductOrderField;
  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@ArgsType()
export class ProductsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "Matches SKU, title or brand, case-insensitively." })
  search?: string | null;
  @Field(() => ListingStatus, {
    nullable: true,
    description: "Products whose listing has this status (on `platform` when given).",
  })
  listingStatus?: ListingStatus | null;
  @Field(() => Platform, { nullable: true })
  platform?: Platform | null;
  @Field(() => ProductOrder, {
    nullable: true,
    description: "Default: id ascending. A cursor belongs to its order: pass the same orderBy with `after`.",
  })
  orderBy?: ProductOrder | null;
}

@InputType({ description: "Package size in centimetres; all three sides, each above 0." })
export class DimensionsInput {
  @Field(() => DecimalScalar)
  lengthCm!: string;
  @Field(() => DecimalScalar)
  widthCm!: string;
  @Field(() => DecimalScalar)
  heightCm!: string;
}

@InputType()
export class ProductAttributeInput {
  @Field(() => String)
  name!: string;
  @Field(() => String, { description: "Empty text drops the attribute." })
  value!: string;
}

@InputType({ description: "An existing variant of the product; omitted fields stay as they are." })
export class VariantPatchInput {
  @Field(() => ID)
  id!: string;
  @Field(() => String, {
    nullable: true,
    description: "Seller SKU; marketplaces take at most 50 characters.",
  })
  sku?: string | null;
  @Field(() => DecimalScalar, { nullable: true })
  price?: string | null;
  @Field(() => Int, { nullable: true })
  stock?: number | null;
}

@InputType({ description: "Fields to change; omitted fields stay as they are." })
export class UpdateProductInput {
  @Field(() => ID)
  id!: string;
  @Field(() => DecimalScalar, { nullable: true })
  price?: string | null;
  @Field(() => Int, { nullable: true })
  stock?: number | null;
  @Field(() => String, { nullable: true })
  title?: string | null;
  @Field(() => String, { nullable: true })
  description?: string | null;
  @Field(() => [String], { nullable: true })
  images?: string[] | null;
  @Field(() => Int, { nullable: true, description: "Shipping weight in grams, above 0." })
  weightGrams?: number | null;
  @Field(() => String, { nullable: true, description: "Empty text clears it." })
  brand?: string | null;
  @Field(() => String, { nullable: true, description: "Empty text clears it." })
  category?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Seller SKU, unique; marketplaces take at most 50 characters.",
  })
  sku?: string | null;
  @Field(() => DimensionsInput, { nullable: true })
  dimensions?: DimensionsInput | null;
  @Field(() => [ProductAttributeInput], { nullable: true, description: "Replaces every attribute." })
  attributes?: ProductAttributeInput[] | null;
  @Field(() => [VariantPatchInput], { nullable: true, description: "Changes to existing variants, by id." })
  variants?: VariantPatchInput[] | null;
}

@ObjectType()
export class UpdateProductPayload {
  @Field(() => Product, { nullable: true })
  product!: Product | null;
  @Field(() => [UserError])
  userErrors!: UserError[];
}
