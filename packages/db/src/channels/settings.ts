import type { DataSource } from "typeorm";
import {
  checkShippingProfile,
  parseDecimal,
  problem,
  ruleRef,
  InvalidInputError,
  type Platform,
  type ShippingProfile,
  type ValidationProblem,
} from "@syncstore/core";

/** A channel's settings and authorization state as people see them — never its tokens. */
export interface ChannelRecord {
  id: string;
  platform: Platform;
  name: string;
  shopId: string;
  market: string;
  currency: string;
  priceMultiplier: string;
  maxAttempts: number;
  /** Null: the platform's default. */
  rateLimitPerSecond: number | null;
  enabled: boolean;
  /** Automatic sync of master edits, per kind of change. */
  autoSyncStock: boolean;
  autoSyncPrice: boolean;
  autoSyncContent: boolean;
  shipping: ShippingProfile | null;
  /** Whether tokens are stored at all (a shop that was never authorized has none). */
  authorized: boolean;
  accessTokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
  createdAt: Date;
}

/** What `update` may change; absent fields are left as they are. */
export interface ChannelSettingsPatch {
  name?: string;
  priceMultiplier?: string;
  maxAttempts?: number;
  /** Null restores the platform's default. */
  rateLimitPerSecond?: number | null;
  enabled?: boolean;
  autoSyncStock?: boolean;
  autoSyncPrice?: boolean;
  autoSyncContent?: boolean;
  shipping?: ShippingProfile;
}

export type ChannelUpdateResult =
  { ok: true; channel: ChannelRecord } | { ok: false; notFound: boolean; problems: ValidationProblem[] };

/** Bounds a seller can set; outside them a setting is a typo, not a pricing decision. */
export const CHANNEL_LIMITS = {
  maxMultiplier: "10",
  maxDecimals: 4,
  attempts: { min: 1, max: 20 },
  ratePerSecond: { min: 1, max: 1000 },
  nameMaxLength: 100,
} as const;

interface ChannelRow {
  id: string;
  platform: Platform;
  name: string;
  shop_id: string;
  market: string;
  currency: string;
  price_multiplier: string;
  max_attempts: number;
  rate_limit_per_second: number | null;
  enabled: boolean;
  auto_sync_stock: boolean;
  auto_sync_price: boolean;
  auto_sync_content: boolean;
  shipping_profile: ShippingProfile | null;
  authorized: boolean;
  access_token_expires_at: Date | null;
  refresh_token_expires_at: Date | null;
  created_at: Date;
}

const COLUMNS = `id::text, platform, name, shop_id, market, currency, price_multiplier::text, max_attempts,
  rate_limit_per_second, enabled, auto_sync_stock, auto_sync_price, auto_sync_content, shipping_profile, (access_token IS NOT NULL) AS authorized,
  access_token_expires_at, refresh_token_expires_at, created_at`;

function toRecord(r: ChannelRow): ChannelRecord {
  return {
    id: r.id,
    platform: r.platform,
    name: r.name,
    shopId: r.shop_id,
    market: r.market.trim(),
    currency: r.currency.trim(),
    priceMultiplier: r.price_multiplier,
    maxAttempts: r.max_attempts,
    rateLimitPerSecond: r.rate_limit_per_second,
    enabled: r.enabled,
    autoSyncStock: r.auto_sync_stock,
    autoSyncPrice: r.auto_sync_price,
    autoSyncContent: r.auto_sync_content,
    shipping: r.shipping_profile,
    authorized: r.authorized,
    accessTokenExpiresAt: r.access_token_expires_at,
    refreshTokenExpiresAt: r.refresh_token_expires_at,
    createdAt: r.created_at,
  };
}

/** Every problem of a patch, each naming its field; an empty list means it can be written. */
export function checkChannelPatch(platform: Platform, patch: ChannelSettingsPatch): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  if (patch.name !== undefined) {
    const name = patch.name.trim();
    if (name === "") out.push(problem("name", "REQUIRED", "name must not be blank", ruleRef("BLANK", {})));
    else if (name.length > CHANNEL_LIMITS.nameMaxLength)
      out.push(
        problem(
          "name",
          "TOO_LONG",
          `name is longer than ${CHANNEL_LIMITS.nameMaxLength} characters`,
          ruleRef("MAX_LENGTH", { max: CHANNEL_LIMITS.nameMaxLength, actual: name.length }),
        ),
      );
  }
  if (patch.priceMultiplier !== undefined) out.push(...checkMultiplier(patch.priceMultiplier));
  if (patch.maxAttempts !== undefined) {
    const { min, max } = CHANNEL_LIMITS.attempts;
    if (!Number.isInteger(patch.maxAttempts) || patch.maxAttempts < min || patch.maxAttempts > max)
      out.push(
        problem(
          "maxAttempts",
          "OUT_OF_RANGE",
          `maxAttempts must be a whole number from ${min} to ${max}`,
          ruleRef("WHOLE_NUMBER_BETWEEN", { min, max }),
        ),
      );
  }
  if (patch.rateLimitPerSecond !== undefined && patch.rateLimitPerSecond !== null) {
    const { min, max } = CHANNEL_LIMITS.ratePerSecond;
    const r = patch.rateLimitPerSecond;
    if (!Number.isInteger(r) || r < min || r > max)
      out.push(
        problem(
          "rateLimitPerSecond",
          "OUT_OF_RANGE",
          `rateLimitPerSecond must be a whole number from ${min} to ${max}, or null for the platform's default`,
          ruleRef("WHOLE_NUMBER_BETWEEN", { min, max }),
        ),
      );
  }
  if (patch.shipping !== undefined) out.push(...checkShippingProfile(platform, patch.shipping));
  return out;
}

function checkMultiplier(text: string): ValidationProblem[] {
  let value;
  try {
    value = parseDecimal(text, "priceMultiplier");
  } catch (e) {
    if (e instanceof InvalidInputError)
      return [problem("priceMultiplier", "NOT_A_NUMBER", e.message, ruleRef("DECIMAL", {}))];
    throw e;
  }
  if (value.units <= 0n)
    return [
      problem(
        "priceMultiplier",
        "NOT_POSITIVE",
        "priceMultiplier must be greater than 0",
        ruleRef("ABOVE", { min: 0 }),
      ),
    ];
  if (value.scale > CHANNEL_LIMITS.maxDecimals)
    return [
      problem(
        "priceMultiplier",
        "INVALID_FORMAT",
        `priceMultiplier has at most ${CHANNEL_LIMITS.maxDecimals} decimals`,
        ruleRef("DECIMAL_PLACES", { max: CHANNEL_LIMITS.maxDecimals }),
      ),
    ];
  // units / 10^scale > 10  ⇔  units > 10 · 10^scale
  if (value.units > BigInt(CHANNEL_LIMITS.maxMultiplier) * 10n ** BigInt(value.scale))
    return [
      problem(
        "priceMultiplier",
        "OUT_OF_RANGE",
        `priceMultiplier above ${CHANNEL_LIMITS.maxMultiplier} is refused (was a percentage meant?)`,
        ruleRef("MAX", { max: CHANNEL_LIMITS.maxMultiplier }),
      ),
    ];
  return [];
}

/** Channels' settings: read by people and partners, changed by admins (`updateChannel`). */
export class ChannelSettingsRepository {
  constructor(private readonly ds: DataSource) {}

  async list(): Promise<ChannelRecord[]> {
    const rows: ChannelRow[] = await this.ds.query(`SELECT ${COLUMNS} FROM channels ORDER BY id`);
    return rows.map(toRecord);
  }

  async get(id: string): Promise<ChannelRecord | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows: ChannelRow[] = await this.ds.query(`SELECT ${COLUMNS} FROM channels WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Checks the whole patch first and writes it in one statement, or writes nothing. */
  async update(id: string, patch: ChannelSettingsPatch): Promise<ChannelUpdateResult> {
    return this.ds.transaction(async (em) => {
      if (!/^\d{1,18}$/.test(id)) return { ok: false, notFound: true, problems: [] };
      const [row] = (await em.query("SELECT platform FROM channels WHERE id = $1 FOR UPDATE", [id])) as {
        platform: Platform;
      }[];
      if (!row) return { ok: false, notFound: true, problems: [] };
      const problems = checkChannelPatch(row.platform, patch);
      if (problems.length > 0) return { ok: false, notFound: false, problems };
      const sets: string[] = [];
      const params: unknown[] = [id];
      const set = (column: string, value: unknown) => sets.push(`${column} = $${params.push(value)}`);
      if (patch.name !== undefined) set("name", patch.name.trim());
      if (patch.priceMultiplier !== undefined) set("price_multiplier", patch.priceMultiplier.trim());
      if (patch.maxAttempts !== undefined) set("max_attempts", patch.maxAttempts);
      if (patch.rateLimitPerSecond !== undefined) set("rate_limit_per_second", patch.rateLimitPerSecond);
      if (patch.enabled !== undefined) set("enabled", patch.enabled);
      if (patch.autoSyncStock !== undefined) set("auto_sync_stock", patch.autoSyncStock);
      if (patch.autoSyncPrice !== undefined) set("auto_sync_price", patch.autoSyncPrice);
      if (patch.autoSyncContent !== undefined) set("auto_sync_content", patch.autoSyncContent);
      if (patch.shipping !== undefined) set("shipping_profile", JSON.stringify(patch.shipping));
      if (sets.length) await em.query(`UPDATE channels SET ${sets.join(", ")} WHERE id = $1`, params);
      const rows: ChannelRow[] = await em.query(`SELECT ${COLUMNS} FROM channels WHERE id = $1`, [id]);
      return { ok: true, channel: toRecord(rows[0]!) };
    });
  }
}
