import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "Relay page information." })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType({
  description:
    "An expected failure of a mutation: which input field, a stable code, and a message for people.",
})
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field, e.g. ["input", "price"].' })
  field!: string[] | null;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  message!: string;
}
