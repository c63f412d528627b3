import {
  checkBrand,
  checkCategoryRule,
  checkShippingProfile,
  type CategoryRule,
  type ChannelMapping,
  type MarketplaceBrand,
  type Platform,
  type ShippingProfile,
  type ValidationProblem,
} from "@syncstore/core";
import type { Queryable } from "../catalog/queryable";
import { rowsOf } from "../ledger/sql";
import { toCategoryRule, type CategoryMappingRow } from "./rows";

/**
 * Who a mapping row is for: every shop of a platform in a market (`channelId` null), or one channel,
 * whose own rows override the shared ones.
 */
export interface MappingScope {
  platform: Platform;
  market: string;
  channelId: string | null;
}

export type MappingWriteResult = { ok: true } | { ok: false; problems: ValidationProblem[] };

/** How much of the master catalog a channel's category mapping reaches. */
export interface MappingCoverage {
  productCount: number;
  /** Products whose master category has a mapping for the channel (shared or its own). */
  mappedProductCount: number;
}

interface ChannelScopeRow {
  platform: Platform;
  market: string;
  shipping_profile: ShippingProfile | null;
}

/**
 * The marketplace mapping in PostgreSQL: categories (with their attributes), brands and each
 * channel's shipping profile. Writes are checked first (ids are ids, list values name value ids)
 * and refused with problems naming the field, so nothing malformed is ever stored.
 */
export class MappingRepository {
  constructor(private readonly db: Queryable) {}

  /** Everything the worker needs to resolve a channel's items, in three queries; null for an unknown channel. */
  async forChannel(channelId: string): Promise<ChannelMapping | null> {
    const [channel] = (await this.db.query(
      "SELECT platform, market, shipping_profile FROM channels WHERE id = $1",
      [channelId],
    )) as ChannelScopeRow[];
    if (!channel) return null;
    const scope = [channel.platform, channel.market, channelId];
    // Shared rows first, then the channel's own: the later one wins in the maps below.
    const [categories, brands] = await Promise.all([
      this.db.query(
        `SELECT c.id::text, c.channel_id::text, c.master_category, c.category_id, c.category_version, c.brand_required,
                c.size_chart_required, c.size_chart,
                (SELECT jsonb_agg(to_jsonb(a) ORDER BY a.position, a.id) FROM attribute_mappings a
                  WHERE a.category_mapping_id = c.id) AS attributes
         FROM category_mappings c
         WHERE c.platform = $1 AND c.market = $2 AND (c.channel_id IS NULL OR c.channel_id = $3)
         ORDER BY c.channel_id NULLS FIRST, c.id`,
        scope,
      ) as Promise<CategoryMappingRow[]>,
      this.db.query(
        `SELECT master_brand, brand_id, brand_name FROM brand_mappings
         WHERE platform = $1 AND market = $2 AND (channel_id IS NULL OR channel_id = $3)
         ORDER BY channel_id NULLS FIRST, id`,
        scope,
      ) as Promise<{ master_brand: string; brand_id: string; brand_name: string }[]>,
    ]);
    return {
      platform: channel.platform,
      categories: new Map(categories.map((r) => [r.master_category, toCategoryRule(r)])),
      brands: new Map(brands.map((b) => [b.master_brand, { id: b.brand_id, name: b.brand_name }])),
      shipping: channel.shipping_profile,
    };
  }

  /**
   * Per channel, how many products have a mapped master category, out of every product. Products are
   * counted per category first, so the catalog is read once however many channels ask; an unknown
   * channel is absent from the map.
   */
  async coverage(channelIds: readonly string[]): Promise<Map<string, MappingCoverage>> {
    const ids = channelIds.filter((id) => /^\d{1,18}$/.test(id));
    if (ids.length === 0) return new Map();
    const rows = await rowsOf<{ channel_id: string; products: number; mapped: number }>(
      this.db,
      `WITH categories AS (
         SELECT category, count(*)::int AS n FROM products WHERE category IS NOT NULL GROUP BY category
       )
       SELECT c.id::text AS channel_id,
              (SELECT count(*)::int FROM products) AS products,
              (SELECT coalesce(sum(k.n), 0)::int FROM categories k
                WHERE EXISTS (SELECT 1 FROM category_mappings m
                              WHERE m.platform = c.platform AND m.market = c.market
                                AND (m.channel_id IS NULL OR m.channel_id = c.id)
                                AND m.master_category = k.category)) AS mapped
       FROM channels c WHERE c.id = ANY($1::bigint[])`,
      [ids],
    );
    return new Map(
      rows.map((r) => [r.channel_id, { productCount: r.products, mappedProductCount: r.mapped }]),
    );
  }

  /** Creates or replaces the mapping of one master category in a scope, attributes included. */
  async setCategoryMapping(scope: MappingScope, rule: CategoryRule): Promise<MappingWriteResult> {
    const problems = [...checkScope(scope), ...checkCategoryRule(scope.platform, rule)];
    if (problems.length > 0) return { ok: false, problems };
    await this.transaction(async (db) => {
      const [row] = (await db.query(
        `INSERT INTO category_mappings (platform, market, channel_id, master_category, category_id, category_version,
                                        brand_required, size_chart_required, size_chart)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT ON CONSTRAINT category_mappings_scope_key DO UPDATE SET
           category_id = EXCLUDED.category_id, category_version = EXCLUDED.category_version,
           brand_required = EXCLUDED.brand_required, size_chart_required = EXCLUDED.size_chart_required,
           size_chart = EXCLUDED.size_chart, updated_at = now()
         RETURNING id::text`,
        [
          scope.platform,
          scope.market,
          scope.channelId,
          rule.masterCategory,
          rule.categoryId,
          rule.categoryVersion,
          rule.brandRequired,
          rule.sizeChartRequired,
          rule.sizeChart === null ? null : JSON.stringify(rule.sizeChart),
        ],
      )) as { id: string }[];
      const id = row!.id;
      await db.query("DELETE FROM attribute_mappings WHERE category_mapping_id = $1", [id]);
      if (rule.attributes.length === 0) return;
      const a = rule.attributes;
      const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
      await db.query(
        `INSERT INTO attribute_mappings (category_mapping_id, attribute_id, attribute_name, required, kind, source,
                                         master_attribute, value_map, constant_values, default_value, unit, position)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bool[], $5::text[], $6::text[], $7::text[], $8::jsonb[],
                                  $9::jsonb[], $10::jsonb[], $11::text[], $12::int[])`,
        [
          id,
          a.map((x) => x.attributeId),
          a.map((x) => x.attributeName),
          a.map((x) => x.required),
          a.map((x) => x.kind),
          a.map((x) => x.source.type),
          a.map((x) => (x.source.type === "MASTER" ? x.source.masterAttribute : null)),
          a.map((x) => JSON.stringify(x.source.type === "MASTER" ? x.source.valueMap : {})),
          a.map((x) => (x.source.type === "CONSTANT" ? JSON.stringify(x.source.values) : null)),
          a.map((x) => json(x.defaultValue)),
          a.map((x) => x.unit),
          a.map((_, i) => i),
        ],
      );
    });
    return { ok: true };
  }

  async removeCategoryMapping(scope: MappingScope, masterCategory: string): Promise<boolean> {
    const rows = await rowsOf<{ id: string }>(
      this.db,
      `DELETE FROM category_mappings
       WHERE platform = $1 AND market = $2 AND channel_id IS NOT DISTINCT FROM $3 AND master_category = $4
       RETURNING id::text`,
      [scope.platform, scope.market, scope.channelId, masterCategory],
    );
    return rows.length > 0;
  }

  /** Creates or replaces brand mappings (master brand → marketplace brand) in a scope. */
  async setBrandMappings(
    scope: MappingScope,
    brands: readonly { masterBrand: string; brand: MarketplaceBrand }[],
  ): Promise<MappingWriteResult> {
    const problems = [
      ...checkScope(scope),
      ...brands.flatMap((b, i) =>
        checkBrand(b.masterBrand, b.brand).map((p) => ({ ...p, field: `brands[${i}].${p.field}` })),
      ),
    ];
    if (problems.length > 0) return { ok: false, problems };
    if (brands.length === 0) return { ok: true };
    await this.db.query(
      `INSERT INTO brand_mappings (platform, market, channel_id, master_brand, brand_id, brand_name)
       SELECT $1, $2, $3, * FROM unnest($4::text[], $5::text[], $6::text[])
       ON CONFLICT ON CONSTRAINT brand_mappings_scope_key DO UPDATE SET
         brand_id = EXCLUDED.brand_id, brand_name = EXCLUDED.brand_name`,
      [
        scope.platform,
        scope.market,
        scope.channelId,
        brands.map((b) => b.masterBrand),
        brands.map((b) => b.brand.id),
        brands.map((b) => b.brand.name),
      ],
    );
    return { ok: true };
  }

  /** The channel's shipping profile, checked against the channel's platform. */
  async setShippingProfile(channelId: string, profile: ShippingProfile): Promise<MappingWriteResult> {
    const [channel] = (await this.db.query("SELECT platform FROM channels WHERE id = $1", [channelId])) as {
      platform: Platform;
    }[];
    if (!channel)
      return {
        ok: false,
        problems: [{ field: "channelId", code: "REQUIRED", message: `no channel ${channelId}` }],
      };
    const problems = checkShippingProfile(channel.platform, profile);
    if (problems.length > 0) return { ok: false, problems };
    await this.db.query("UPDATE channels SET shipping_profile = $2 WHERE id = $1", [
      channelId,
      JSON.stringify(profile),
    ]);
    return { ok: true };
  }

  private async transaction(fn: (db: Queryable) => Promise<void>): Promise<void> {
    // Inside a caller's transaction TypeORM nests this one as a savepoint.
    await this.db.transaction((em) => fn(em));
  }
}

function checkScope(scope: MappingScope): ValidationProblem[] {
  return /^[A-Z]{2}$/.test(scope.market)
    ? []
    : [
        {
          field: "market",
          code: "INVALID_FORMAT",
          message: `market "${scope.market}" is not a country code`,
        },
      ];
}
