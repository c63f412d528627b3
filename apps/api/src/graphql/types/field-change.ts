import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "One field's value before and after (as text; null when absent)." })
export class FieldChange {
  @Field(() => String)
  field!: string;
  @Field(() => String, { nullable: true })
  before!: string | null;
  @Field(() => String, { nullable: true })
  after!: string | null;
}
