import type { DataSource } from "typeorm";
import {
  loadChannels,
  InvalidCursorError,
  listProducts,
  loadListingsByProductIds,
  loadProductsByIds,
  loadVariantsByProductIds,
  updateProduct,
  type ProductOrder,
} from "@syncstore/db";
import type { ListingStatus as DomainListingStatus, Platform as DomainPlatform } from "@syncstore/core";
import { userInputError } from "../graphql/errors";
import type { Listing, Product, ProductConnection, Variant } from "../graphql/types/product";
import type { ListingStatus, Platform } from "../graphql/types/enums";
import { toListing, toProduct, toVariant } from "./catalog-views";
import { ruleFields, type UserError } from "../graphql/types/common";

export interface ProductFilter {
  first: number;
  after: string | null;
  search: string | null;
  listingStatus: ListingStatus | null;
  platform: Platform | null;
  orderBy: ProductOrder | null;
}

export interface ProductPatch {
  price?: string | null;
  stock?: number | null;
  title?: string | null;
  description?: string | null;
  images?: string[] | null;
  weightGrams?: number | null;
  brand?: string | null;
  category?: string | null;
  sku?: string | null;
  dimensions?: { lengthCm: string; widthCm: string; heightCm: string } | null;
  attributes?: { name: string; value: string }[] | null;
  variants?: { id: string; sku?: string | null; price?: string | null; stock?: number | null }[] | null;
}

/** GraphQL null and "omitted" both mean "leave as it is". */
function definedOnly<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], null>;
  };
}

/** Reads and edits of the master catalog, in GraphQL shapes. */
export class CatalogService {
  constructor(private readonly ds: DataSource) {}

  async list(filter: ProductFilter): Promise<ProductConnection> {
    try {
      const page = await listProducts(this.ds, {
        first: filter.first,
        after: filter.after,
        search: filter.search,
        listingStatus: filter.listingStatus as DomainListingStatus | null,
        platform: filter.platform as DomainPlatform | null,
        orderBy: filter.orderBy,
      });
      const edges = page.nodes.map((p, i) => ({
        cursor: page.cursors[i]!,
        node: toProduct(p),
      }));
      return {
        edges,
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
        totalCount: page.totalCount,
      };
    } catch (e) {
      if (e instanceof InvalidCursorError) throw userInputError(e.message, "after");
      throw e;
    }
  }

  async productsByIds(ids: readonly string[]): Promise<(Product | null)[]> {
    const valid = ids.filter((id) => /^\d{1,18}$/.test(id));
    const rows = await loadProductsByIds(this.ds, valid);
    const byId = new Map(rows.map((r) => [String(r.id), toProduct(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async variantsByProductIds(ids: readonly string[]): Promise<Variant[][]> {
    const rows = await loadVariantsByProductIds(this.ds, [...ids]);
    const grouped = new Map<string, Variant[]>();
    for (const v of rows)
      grouped.set(String(v.productId), [...(grouped.get(String(v.productId)) ?? []), toVariant(v)]);
    return ids.map((id) => grouped.get(id) ?? []);
  }

  /** Every enabled channel with what its price depends on, in id order. */
  async pricedChannels(): Promise<PricedChannel[]> {
    const rows = await loadChannels(this.ds);
    return rows
      .filter((c) => c.enabled)
      .map((c) => ({
        id: String(c.id),
        platform: c.platform as Platform,
        shopId: c.shopId,
        currency: c.currency,
        priceMultiplier: c.priceMultiplier,
      }));
  }

  async listingsByProductIds(ids: readonly string[]): Promise<Listing[][]> {
    const rows = await loadListingsByProductIds(this.ds, [...ids]);
    const grouped = new Map<string, Listing[]>();
    for (const l of rows)
      grouped.set(String(l.productId), [...(grouped.get(String(l.productId)) ?? []), toListing(l)]);
    return ids.map((id) => grouped.get(id) ?? []);
  }

  /**
   * For keys `productId:channelId`, the field named by that listing's open dead letter (the latest
   * when there are several), or null: the product page links a failed listing to the input it names.
   */
  async openFailureFields(keys: readonly string[]): Promise<(string | null)[]> {
    const pairs = keys.map((k) => k.split(":") as [string, string]);
    const rows = (await this.ds.query(
      `SELECT DISTINCT ON (d.product_id, d.channel_id) d.product_id::text || ':' || d.channel_id::text AS key, d.error_field
         FROM dead_letters d
         JOIN unnest($1::bigint[], $2::bigint[]) AS k(product_id, channel_id)
           ON k.product_id = d.product_id AND k.channel_id = d.channel_id
        WHERE d.resolved_at IS NULL
        ORDER BY d.product_id, d.channel_id, d.created_at DESC, d.id DESC`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    )) as { key: string; error_field: string | null }[];
    const by = new Map(rows.map((r) => [r.key, r.error_field]));
    return keys.map((k) => by.get(k) ?? null);
  }

  async update(
    id: string,
    patch: ProductPatch,
  ): Promise<{ product: Product | null; userErrors: UserError[] }> {
    const { variants, ...rest } = definedOnly(patch);
    const result = await updateProduct(this.ds, id, {
      ...rest,
      ...(variants ? { variants: variants.map((v) => ({ id: v.id, ...definedOnly(v) })) } : {}),
    });
    return {
      product: result.product ? toProduct(result.product) : null,
      userErrors: result.userErrors.map((e) => ({
        field: ["input", ...e.field.split(".")],
        code: e.code,
        message: e.message,
        ...ruleFields(e),
      })),
    };
  }
}

export interface PricedChannel {
  id: string;
  platform: Platform;
  shopId: string;
  currency: string;
  priceMultiplier: string;
}
