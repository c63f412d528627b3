import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSchema, type GraphQLEnumType, type GraphQLObjectType } from "graphql";
import { schemaSdl } from "../emit-schema";

describe("schema.graphql", () => {
  it("is committed as the API builds it (run `pnpm schema` after changing the schema)", async () => {
    const committed = readFileSync(path.resolve(__dirname, "../../../../schema.graphql"), "utf8");
    expect(await schemaSdl()).toBe(committed);
  });

  // DESIGN.md's contract: partners depend on these operations, their arguments and their types.
  const CONTRACT: [string, string, Record<string, string>, string][] = [
    [
      "Query",
      "products",
      {
        first: "Int",
        after: "String",
        search: "String",
        listingStatus: "ListingStatus",
        platform: "Platform",
      },
      "ProductConnection!",
    ],
    ["Query", "product", { id: "ID!" }, "Product"],
    ["Query", "batch", { id: "ID!" }, "SyncBatch"],
    ["Query", "batches", { first: "Int", after: "String" }, "SyncBatchConnection!"],
    [
      "Query",
      "deadLetters",
      { first: "Int", after: "String", platform: "Platform" },
      "DeadLetterConnection!",
    ],
    [
      "Query",
      "syncLogs",
      { first: "Int", after: "String", productId: "ID", batchId: "ID" },
      "SyncLogConnection!",
    ],
    ["Query", "queueStats", {}, "[QueueStats!]!"],
    ["Mutation", "syncProduct", { input: "SyncProductInput!" }, "SyncProductPayload!"],
    ["Mutation", "startBatchSync", { input: "StartBatchSyncInput!" }, "StartBatchSyncPayload!"],
    ["Mutation", "cancelBatch", { id: "ID!" }, "CancelBatchPayload!"],
    ["Mutation", "retryDeadLetter", { id: "ID!" }, "RetryDeadLetterPayload!"],
    ["Subscription", "batchProgress", { batchId: "ID!" }, "BatchProgressEvent!"],
    ["Subscription", "syncEvents", { productId: "ID" }, "SyncItemEvent!"],
  ];

  it.each(CONTRACT)("keeps %s.%s as the contract says", async (type, field, args, returns) => {
    const schema = buildSchema(await schemaSdl());
    const f = (schema.getType(type) as GraphQLObjectType).getFields()[field];
    expect(f, `${type}.${field}`).toBeDefined();
    expect(String(f!.type)).toBe(returns);
    const actual = Object.fromEntries(f!.args.map((a) => [a.name, String(a.type)]));
    // Extra optional arguments are allowed; the contract's must all be there, typed as promised.
    for (const [name, t] of Object.entries(args)) expect(actual[name], `${field}(${name})`).toBe(t);
  });

  it.each([
    [
      "Product",
      [
        "id",
        "sku",
        "title",
        "description",
        "price",
        "currency",
        "stock",
        "images",
        "variants",
        "listings",
        "updatedAt",
      ],
    ],
    ["Listing", ["platform", "externalId", "status", "price", "title", "syncedAt", "lastError"]],
    [
      "SyncBatch",
      [
        "id",
        "status",
        "platforms",
        "total",
        "succeeded",
        "failed",
        "skipped",
        "deadLettered",
        "percent",
        "createdAt",
        "startedAt",
        "finishedAt",
        "items",
      ],
    ],
    ["BatchProgressEvent", ["seq", "batch", "item"]],
    ["UserError", ["field", "code", "message"]],
    ["PageInfo", ["hasNextPage", "endCursor"]],
  ])("keeps the fields of %s", async (type, fields) => {
    const schema = buildSchema(await schemaSdl());
    const actual = Object.keys((schema.getType(type) as GraphQLObjectType).getFields());
    expect(actual).toEqual(expect.arrayContaining(fields));
  });

  it("keeps the enums", async () => {
    const schema = buildSchema(await schemaSdl());
    const values = (name: string) =>
      (schema.getType(name) as GraphQLEnumType)
        .getValues()
        .map((v) => v.name)
        .sort();
    expect(values("Platform")).toEqual(["SHOPEE", "TIKTOK_SHOP"]);
    expect(values("ListingStatus")).toEqual([
      "FAILED",
      "IN_REVIEW",
      "NOT_LISTED",
      "OUT_OF_DATE",
      "PENDING",
      "REJECTED",
      "SYNCED",
    ]);
    expect(values("SyncErrorClass")).toEqual([
      "AUTHENTICATION",
      "NETWORK",
      "RATE_LIMIT",
      "SYSTEM",
      "UNKNOWN",
      "VALIDATION",
    ]);
  });
});
