import { Field, Int, ObjectType, registerEnumType, type ClassType } from "type-graphql";
import { USER_ERROR_CODES, type UserErrorCode } from "@syncstore/core";

/** The GraphQL enum's values object: each code stands for itself. */
const UserErrorCodeEnum = Object.fromEntries(Object.keys(USER_ERROR_CODES).map((c) => [c, c])) as {
  [C in UserErrorCode]: C;
};
registerEnumType(UserErrorCodeEnum, {
  name: "UserErrorCode",
  description: "Why a mutation refused its input: stable values to switch on (the message is for people).",
  valuesConfig: Object.fromEntries(
    Object.entries(USER_ERROR_CODES).map(([code, description]) => [code, { description }]),
  ),
});

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

  @Field(() => UserErrorCodeEnum)
  code!: UserErrorCode;

  @Field(() => String)
  message!: string;
}

/** A Relay connection of T, as plain data: what a list resolver returns. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * The `<Name>Edge` and `<Name>Connection` object types of one node type. Every list in the API has
 * exactly this shape, so it is written once.
 */
export function connectionType<T extends object>(name: string, node: ClassType<T>): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionType;
}
