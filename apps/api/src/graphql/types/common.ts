import { Field, Int, ObjectType, registerEnumType, type ClassType } from "type-graphql";
import {
  REFUSAL_RULES,
  USER_ERROR_CODES,
  type RefusalRule,
  type RuleRef,
  type UserErrorCode,
} from "@syncstore/core";

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

const UserErrorRuleEnum = Object.fromEntries(Object.keys(REFUSAL_RULES).map((r) => [r, r])) as {
  [R in RefusalRule]: R;
};
registerEnumType(UserErrorRuleEnum, {
  name: "UserErrorRule",
  description:
    "The exact rule a refused value broke, finer than its UserErrorCode: stable values a client can say in its own language, with the rule's params.",
  valuesConfig: Object.fromEntries(
    Object.entries(REFUSAL_RULES).map(([rule, { params, means }]) => [
      rule,
      { description: params.length ? `${means} Params: ${params.join(", ")}.` : means },
    ]),
  ),
});

@ObjectType({ description: "One parameter of a UserError's rule, e.g. name min, value 0." })
export class UserErrorParam {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "Numbers as their decimal text, e.g. 0 or 999999999999.99." })
  value!: string;
}

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

  @Field(() => UserErrorRuleEnum, {
    nullable: true,
    description:
      "The exact rule broken, where the code is too coarse to say it in another language; null where the code says it all or no rule is named yet (show the message then).",
  })
  rule?: RefusalRule | null;

  @Field(() => [UserErrorParam], {
    nullable: true,
    description: "The rule's parameters, each named as UserErrorRule lists them; null when rule is.",
  })
  params?: UserErrorParam[] | null;
}

/** A refusal's rule and params as the schema carries them; nothing when it names no rule. */
export function ruleFields(ref: {
  rule?: RuleRef["rule"];
  params?: RuleRef["params"];
}): Pick<UserError, "rule" | "params"> {
  if (!ref.rule || !ref.params) return {};
  return {
    rule: ref.rule,
    params: Object.entries(ref.params).map(([name, value]) => ({ name, value: String(value) })),
  };
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
