import { expect, it } from "vitest";
import type { DeadLetterSummaryQuery } from "../../gql/graphql";
import { groupsOf } from "./groups";

const c = (totalCount: number) => ({ __typename: "DeadLetterConnection" as const, totalCount });

it("lists the non-empty groups, largest first, stable on ties", () => {
  const summary: DeadLetterSummaryQuery = {
    all: c(9),
    shopeeValidation: c(2),
    tiktokValidation: c(5),
    shopeeAuthentication: c(0),
    tiktokAuthentication: c(0),
    shopeeRateLimit: c(0),
    tiktokRateLimit: c(0),
    shopeeNetwork: c(2),
    tiktokNetwork: c(0),
    shopeeSystem: c(0),
    tiktokSystem: c(0),
    shopeeUnknown: c(0),
    tiktokUnknown: c(0),
  };
  expect(groupsOf(summary).map((g) => [g.errorClass, g.platform, g.count])).toEqual([
    ["VALIDATION", "TIKTOK_SHOP", 5],
    ["VALIDATION", "SHOPEE", 2],
    ["NETWORK", "SHOPEE", 2],
  ]);
});

it("has no groups when nothing is dead-lettered", () => {
  const zero = Object.fromEntries(
    [
      "all",
      "shopeeValidation",
      "tiktokValidation",
      "shopeeAuthentication",
      "tiktokAuthentication",
      "shopeeRateLimit",
      "tiktokRateLimit",
      "shopeeNetwork",
      "tiktokNetwork",
      "shopeeSystem",
      "tiktokSystem",
      "shopeeUnknown",
      "tiktokUnknown",
    ].map((k) => [k, c(0)]),
  ) as unknown as DeadLetterSummaryQuery;
  expect(groupsOf(zero)).toEqual([]);
});
