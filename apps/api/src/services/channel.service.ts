import type { Redis } from "ioredis";
import type { DataSource } from "typeorm";
import type { Logger } from "@syncstore/config";
import type { ProblemCode, ShippingProfile, UserErrorCode } from "@syncstore/core";
import { ChannelSettingsRepository, MappingRepository, type ChannelSettingsPatch } from "@syncstore/db";
import { channelChangesTopic } from "@syncstore/queue";
import type { Channel, ChannelMappingCoverage, UpdateChannelInput } from "../graphql/types/channel";
import { channelView } from "./channel-views";
import { ruleFields, type UserError } from "../graphql/types/common";

const CODE: Partial<Record<ProblemCode, UserErrorCode>> = {
  REQUIRED: "REQUIRED",
  TOO_LONG: "TOO_LONG",
  TOO_FEW: "REQUIRED",
  OUT_OF_RANGE: "OUT_OF_RANGE",
  NOT_POSITIVE: "OUT_OF_RANGE",
  NEGATIVE: "OUT_OF_RANGE",
  DUPLICATE: "DUPLICATE",
};

/** `shipping.logistics[0].logisticId` → ["input", "shipping", "logistics", "0", "logisticId"]. */
function inputPath(field: string): string[] {
  return ["input", ...field.split(/\.|\[(\d+)\]\.?/).filter((p): p is string => Boolean(p))];
}

/**
 * Channels as people and partners see them, and admins' changes to their settings. A change is
 * announced on Redis so every worker uses the new multiplier, attempts and rate limit for the next
 * item, without a restart.
 */
export class ChannelService {
  private readonly repo: ChannelSettingsRepository;
  private readonly mapping: MappingRepository;

  constructor(
    ds: DataSource,
    private readonly redis: Redis,
    private readonly namespace: string,
    private readonly logger: Logger,
  ) {
    this.repo = new ChannelSettingsRepository(ds);
    this.mapping = new MappingRepository(ds);
  }

  async list(): Promise<Channel[]> {
    const now = Date.now();
    return (await this.repo.list()).map((c) => channelView(c, now));
  }

  async get(id: string): Promise<Channel | null> {
    const c = await this.repo.get(id);
    return c ? channelView(c) : null;
  }

  /** In the order of `ids`, as a DataLoader wants; a channel deleted since it was read is an error, not zeros. */
  async coverage(ids: readonly string[]): Promise<(ChannelMappingCoverage | Error)[]> {
    const found = await this.mapping.coverage(ids);
    return ids.map((id) => found.get(id) ?? new Error(`no channel ${id}`));
  }

  async update(input: UpdateChannelInput): Promise<{ channel: Channel | null; userErrors: UserError[] }> {
    const notFound = {
      channel: null,
      userErrors: [{ field: ["input", "id"], code: "NOT_FOUND" as const, message: `no channel ${input.id}` }],
    };
    const current = await this.repo.get(input.id);
    if (!current) return notFound;
    if (input.useDefaultRateLimit && input.rateLimitPerSecond != null)
      return {
        channel: null,
        userErrors: [
          {
            field: ["input", "rateLimitPerSecond"],
            code: "INVALID",
            message: "give rateLimitPerSecond or useDefaultRateLimit, not both",
          },
        ],
      };
    const patch: ChannelSettingsPatch = {};
    if (input.name != null) patch.name = input.name;
    if (input.priceMultiplier != null) patch.priceMultiplier = input.priceMultiplier;
    if (input.maxAttempts != null) patch.maxAttempts = input.maxAttempts;
    if (input.rateLimitPerSecond != null) patch.rateLimitPerSecond = input.rateLimitPerSecond;
    if (input.useDefaultRateLimit) patch.rateLimitPerSecond = null;
    if (input.enabled != null) patch.enabled = input.enabled;
    if (input.autoSyncStock != null) patch.autoSyncStock = input.autoSyncStock;
    if (input.autoSyncPrice != null) patch.autoSyncPrice = input.autoSyncPrice;
    if (input.autoSyncContent != null) patch.autoSyncContent = input.autoSyncContent;
    if (input.shipping != null) patch.shipping = shippingProfile(current.platform, input.shipping);

    const result = await this.repo.update(input.id, patch);
    if (!result.ok) {
      if (result.notFound) return notFound;
      return {
        channel: null,
        userErrors: result.problems.map((p) => ({
          field: inputPath(p.field),
          code: CODE[p.code] ?? "INVALID",
          message: p.message,
          ...ruleFields(p),
        })),
      };
    }
    await this.redis
      .publish(channelChangesTopic(this.namespace), result.channel.id)
      .catch((e: unknown) =>
        this.logger.warn("channel change not announced; workers pick it up on their next check", e),
      );
    return { channel: channelView(result.channel), userErrors: [] };
  }
}

function shippingProfile(
  platform: string,
  input: NonNullable<UpdateChannelInput["shipping"]>,
): ShippingProfile {
  if (platform === "TIKTOK_SHOP")
    return {
      platform: "TIKTOK_SHOP",
      warehouseId: input.warehouseId ?? "",
      ...(input.deliveryOptionIds ? { deliveryOptionIds: input.deliveryOptionIds } : {}),
    };
  return {
    platform: "SHOPEE",
    logistics: (input.logistics ?? []).map((l) => ({
      logisticId: l.logisticId,
      ...(l.sizeId != null ? { sizeId: l.sizeId } : {}),
      ...(l.shippingFee != null ? { shippingFee: l.shippingFee } : {}),
      ...(l.maxWeightKg != null ? { maxWeightKg: l.maxWeightKg } : {}),
    })),
  };
}
