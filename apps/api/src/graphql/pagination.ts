import { ArgsType, Field, Int } from "type-graphql";
import { userInputError } from "./errors";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many to return: 0–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "The endCursor of the previous page." })
  after?: string | null;
}

/** The server caps page size and says so rather than silently truncating. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (first < 0) throw userInputError(`first must not be negative (got ${first})`, "first");
  if (first > MAX_PAGE_SIZE) {
    throw userInputError(
      `first must be at most ${MAX_PAGE_SIZE} (got ${first}); page with after: endCursor`,
      "first",
    );
  }
  return first;
}
