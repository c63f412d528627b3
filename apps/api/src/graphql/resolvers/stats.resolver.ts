import {
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  ID,
  Int,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from "type-graphql";
import { bucketCount, MAX_ENDPOINT_RANGE_DAYS, MAX_STATS_BUCKETS } from "@syncstore/db";
import { Permission } from "../../auth";
import type { ApiContext } from "../context";
import { isBigintId } from "../cursor";
import { userInputError } from "../errors";
import { Platform, SyncErrorClass } from "../types/enums";

export enum StatsBucket {
  MINUTE = "MINUTE",
  HOUR = "HOUR",
  DAY = "DAY",
}
registerEnumType(StatsBucket, { name: "StatsBucket", description: "The width of one bucket (UTC)." });

@ObjectType()
export class ErrorClassCount {
  @Field(() => SyncErrorClass)
  errorClass!: SyncErrorClass;
  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "What the sync ledger recorded in one bucket of time." })
export class SyncStatsBucket {
  @Field(() => Date, { description: "The bucket's start (UTC)." })
  at!: Date;
  @Field(() => Int, { description: "Items that ended SUCCEEDED in the bucket." })
  succeeded!: number;
  @Field(() => Int, { description: "Attempts that failed in the bucket (one per item and attempt)." })
  failed!: number;
  @Field(() => Int, { description: "Items that ended SKIPPED (unchanged) in the bucket." })
  skipped!: number;
  @Field(() => Int, { description: "Items dead-lettered in the bucket." })
  deadLettered!: number;
  @Field(() => Int, { description: "Marketplace calls made in the bucket." })
  calls!: number;
  @Field(() => Int, { nullable: true, description: "Median call latency; null without calls." })
  p50Ms!: number | null;
  @Field(() => Int, { nullable: true, description: "95th percentile call latency; null without calls." })
  p95Ms!: number | null;
  @Field(() => [ErrorClassCount], { description: "Failed calls by error class, most first." })
  errorsByClass!: ErrorClassCount[];
}

@ArgsType()
class SyncStatsArgs {
  @Field(() => Date)
  from!: Date;
  @Field(() => Date)
  to!: Date;
  @Field(() => StatsBucket, { defaultValue: StatsBucket.HOUR })
  bucket!: StatsBucket;
  @Field(() => ID, { nullable: true, description: "One channel; every channel when omitted." })
  channelId?: string | null;
}

@ObjectType({ description: "One marketplace endpoint's calls over a range: where a batch waits." })
export class SlowEndpoint {
  @Field(() => Platform)
  platform!: Platform;
  @Field({ description: "The marketplace path called, e.g. /api/v2/product/update_item." })
  endpoint!: string;
  @Field()
  method!: string;
  @Field(() => Int)
  calls!: number;
  @Field(() => Int, { description: "Calls that failed, of any error class." })
  failed!: number;
  @Field(() => Int)
  p50Ms!: number;
  @Field(() => Int)
  p95Ms!: number;
  @Field(() => Int)
  maxMs!: number;
}

@ArgsType()
class SlowestEndpointsArgs {
  @Field(() => Date)
  from!: Date;
  @Field(() => Date)
  to!: Date;
  @Field(() => ID, { nullable: true, description: "One channel; every channel when omitted." })
  channelId?: string | null;
  @Field(() => Int, { defaultValue: 10, description: "How many endpoints: 1–50, default 10." })
  first!: number;
}

/** The same refusals as every range query: an empty or reversed range, a channel id that is no id. */
function checkRange(from: Date, to: Date, channelId: string | null | undefined): void {
  if (!(from < to)) throw userInputError("from must be before to", "from");
  if (channelId != null && !isBigintId(channelId))
    throw userInputError(
      `channelId is not a valid channel id: ${JSON.stringify(channelId.slice(0, 64))}`,
      "channelId",
    );
}

@Resolver()
export class StatsResolver {
  @Authorized(Permission.READ)
  @Query(() => [SyncStatsBucket], {
    description: `Throughput, outcomes, latency and errors over [from, to), one entry per bucket, empty buckets included (at most ${MAX_STATS_BUCKETS} buckets).`,
  })
  async syncStats(
    @Args() { from, to, bucket, channelId }: SyncStatsArgs,
    @Ctx() ctx: ApiContext,
  ): Promise<SyncStatsBucket[]> {
    checkRange(from, to, channelId);
    const buckets = bucketCount({ from, to, bucket });
    if (buckets > MAX_STATS_BUCKETS)
      throw userInputError(
        `the range spans ${buckets} ${bucket.toLowerCase()} buckets; at most ${MAX_STATS_BUCKETS}: narrow it or choose a wider bucket`,
        "to",
      );
    const rows = await ctx.services.syncQueries.stats({ from, to, bucket, channelId: channelId ?? null });
    return rows.map((r) => ({
      ...r,
      errorsByClass: r.errorsByClass.map((e) => ({
        errorClass: e.errorClass as SyncErrorClass,
        count: e.count,
      })),
    }));
  }

  @Authorized(Permission.READ)
  @Query(() => [SlowEndpoint], {
    description: `The marketplace endpoints whose calls over [from, to) were slowest, by p95 then calls (at most ${MAX_ENDPOINT_RANGE_DAYS} days).`,
  })
  async slowestEndpoints(
    @Args() { from, to, channelId, first }: SlowestEndpointsArgs,
    @Ctx() ctx: ApiContext,
  ): Promise<SlowEndpoint[]> {
    checkRange(from, to, channelId);
    if (to.getTime() - from.getTime() > MAX_ENDPOINT_RANGE_DAYS * 86_400_000)
      throw userInputError(`the range is longer than ${MAX_ENDPOINT_RANGE_DAYS} days: narrow it`, "to");
    if (!Number.isInteger(first) || first < 1 || first > 50)
      throw userInputError("first must be between 1 and 50", "first");
    const rows = await ctx.services.syncQueries.slowestEndpoints({
      from,
      to,
      channelId: channelId ?? null,
      first,
    });
    return rows.map((r) => ({ ...r, platform: r.platform as Platform }));
  }
}
