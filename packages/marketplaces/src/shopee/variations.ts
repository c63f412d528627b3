import type { ListingPayload } from "@syncstore/core";
import type { CallContext, LevelUpdate } from "../adapter";
import type { ShopeeCaller } from "./caller";
import type { ShopeeFailure } from "./envelope";
import { malformed } from "./errors";
import type { KnownItem, KnownModel } from "./known-items";
import {
  domainField,
  modelBody,
  tierImagesKey,
  tiersKey,
  type ModelPlan,
  type TierPlan,
} from "./listing-body";
import { SHOPEE_PATHS } from "./paths";
import { readFailures, readModelList, type ShopeeModelList } from "./wire";

/**
 * Variations and per-model price and stock: `init_tier_variation` for an item's first tiers,
 * `update_tier_variation` + `add_model` when the structure moves, `update_price` / `update_stock`
 * for what changed. Each method updates `held`, the client's memory of what Shopee holds.
 */
export class ShopeeVariations {
  constructor(private readonly caller: ShopeeCaller) {}

  /**
   * Prices, then stock, of the units given, at most SHOPEE_LEVELS_PER_CALL models a call (Shopee's
   * limit for `price_list` and `stock_list`). A model-less item is priced and stocked without model_id.
   */
  async updateLevels(
    itemId: string,
    payload: ListingPayload,
    changes: readonly LevelUpdate[],
    ctx?: CallContext,
  ): Promise<void> {
    const id = Number(itemId);
    const modelOf = (c: LevelUpdate) => (c.variantId === null ? {} : { model_id: Number(c.variantId) });
    const priced = changes.filter((c) => c.price !== undefined);
    const stocked = changes.filter((c) => c.stock !== undefined);
    for (const part of chunks(priced, SHOPEE_LEVELS_PER_CALL)) {
      const skus = part.map((c) => c.sellerSku);
      await this.caller.call(
        {
          method: "POST",
          path: SHOPEE_PATHS.updatePrice,
          json: { item_id: id, price_list: part.map((c) => ({ ...modelOf(c), original_price: c.price })) },
          fieldOf: (p) => domainField(p, payload, skus),
          inspect: firstFailure(
            "price_list",
            part.map((c) => Number(c.variantId ?? 0)),
          ),
        },
        ctx,
      );
    }
    for (const part of chunks(stocked, SHOPEE_LEVELS_PER_CALL)) {
      const skus = part.map((c) => c.sellerSku);
      await this.caller.call(
        {
          method: "POST",
          path: SHOPEE_PATHS.updateStock,
          json: {
            item_id: id,
            stock_list: part.map((c) => ({ ...modelOf(c), seller_stock: [{ stock: c.stock }] })),
          },
          fieldOf: (p) => domainField(p, payload, skus),
          inspect: firstFailure(
            "stock_list",
            part.map((c) => Number(c.variantId ?? 0)),
          ),
        },
        ctx,
      );
    }
  }

  async updateSingle(itemId: string, payload: ListingPayload, held: KnownItem, ctx?: CallContext) {
    const fieldOf = (p: string) => domainField(p, payload);
    const id = Number(itemId);
    if (held.price !== payload.price) {
      await this.caller.call(
        {
          method: "POST",
          path: SHOPEE_PATHS.updatePrice,
          json: { item_id: id, price_list: [{ original_price: payload.price }] },
          fieldOf,
          inspect: firstFailure("price_list"),
        },
        ctx,
      );
      held.price = payload.price;
    }
    if (held.stock !== payload.stock) {
      await this.caller.call(
        {
          method: "POST",
          path: SHOPEE_PATHS.updateStock,
          json: { item_id: id, stock_list: [{ seller_stock: [{ stock: payload.stock }] }] },
          fieldOf,
          inspect: firstFailure("stock_list"),
        },
        ctx,
      );
      held.stock = payload.stock;
    }
  }

  async initTiers(
    itemId: string,
    plan: TierPlan,
    held: KnownItem,
    payload: ListingPayload,
    ctx?: CallContext,
  ): Promise<void> {
    const { response } = await this.caller.call(
      {
        method: "POST",
        path: SHOPEE_PATHS.initTierVariation,
        json: { item_id: Number(itemId), tier_variation: plan.tiers, model: plan.models.map(modelBody) },
        fieldOf: (p) => domainField(p, payload),
      },
      ctx,
    );
    const list = readModelList(response);
    if (!list) throw malformed(SHOPEE_PATHS.initTierVariation, "no model list");
    held.models = this.modelsFrom(plan.models, list, SHOPEE_PATHS.initTierVariation);
    held.tiersKey = tiersKey(plan.tiers);
    held.tierImagesKey = tierImagesKey(plan.tiers);
  }

  /**
   * Same tiers and SKUs: only prices and stock move. Otherwise `update_tier_variation` sets the new
   * tiers and re-indexes the models kept (Shopee drops the ones left out), then `add_model` adds the
   * new SKUs.
   */
  async updateModels(
    itemId: string,
    plan: TierPlan,
    held: KnownItem,
    payload: ListingPayload,
    ctx?: CallContext,
  ): Promise<void> {
    const id = Number(itemId);
    const kept = plan.models.filter((m) => held.models.has(m.sellerSku));
    const added = plan.models.filter((m) => !held.models.has(m.sellerSku));
    const sameShape =
      held.tiersKey === tiersKey(plan.tiers) &&
      added.length === 0 &&
      kept.length === held.models.size &&
      kept.every((m) => sameIndex(held.models.get(m.sellerSku)!.tierIndex, m.tierIndex));
    if (!sameShape || held.tierImagesKey !== tierImagesKey(plan.tiers)) {
      const keptSkus = kept.map((m) => m.sellerSku);
      await this.caller.call(
        {
          method: "POST",
          path: SHOPEE_PATHS.updateTierVariation,
          json: {
            item_id: id,
            tier_variation: plan.tiers,
            model_list: kept.map((m) => ({
              tier_index: m.tierIndex,
              model_id: Number(held.models.get(m.sellerSku)!.modelId),
            })),
          },
          fieldOf: (p) => domainField(p, payload, keptSkus),
        },
        ctx,
      );
      const next = new Map<string, KnownModel>();
      for (const m of kept)
        next.set(m.sellerSku, { ...held.models.get(m.sellerSku)!, tierIndex: m.tierIndex });
      held.models = next;
      held.tiersKey = tiersKey(plan.tiers);
      held.tierImagesKey = tierImagesKey(plan.tiers);
    }
    if (added.length > 0) {
      const addedSkus = added.map((m) => m.sellerSku);
      const { response } = await this.caller.call(
        {
          method: "POST",
          path: SHOPEE_PATHS.addModel,
          json: { item_id: id, model_list: added.map(modelBody) },
          fieldOf: (p) => domainField(p.replace(/^model_list/, "model"), payload, addedSkus),
        },
        ctx,
      );
      const list = readModelList(response);
      if (!list) throw malformed(SHOPEE_PATHS.addModel, "no model list");
      for (const [sku, m] of this.modelsFrom(added, list, SHOPEE_PATHS.addModel)) held.models.set(sku, m);
    }
    const prices = kept.filter((m) => held.models.get(m.sellerSku)!.price !== m.price);
    const stocks = kept.filter((m) => held.models.get(m.sellerSku)!.stock !== m.stock);
    const modelIdOf = (m: ModelPlan) => Number(held.models.get(m.sellerSku)!.modelId);
    if (prices.length > 0) {
      const skus = prices.map((m) => m.sellerSku);
      await this.caller.call(
        {
          method: "POST",
          path: SHOPEE_PATHS.updatePrice,
          json: {
            item_id: id,
            price_list: prices.map((m) => ({ model_id: modelIdOf(m), original_price: m.price })),
          },
          fieldOf: (p) => domainField(p, payload, skus),
          inspect: firstFailure("price_list", prices.map(modelIdOf)),
        },
        ctx,
      );
      for (const m of prices) held.models.get(m.sellerSku)!.price = m.price;
    }
    if (stocks.length > 0) {
      const skus = stocks.map((m) => m.sellerSku);
      await this.caller.call(
        {
          method: "POST",
          path: SHOPEE_PATHS.updateStock,
          json: {
            item_id: id,
            stock_list: stocks.map((m) => ({ model_id: modelIdOf(m), seller_stock: [{ stock: m.stock }] })),
          },
          fieldOf: (p) => domainField(p, payload, skus),
          inspect: firstFailure("stock_list", stocks.map(modelIdOf)),
        },
        ctx,
      );
      for (const m of stocks) held.models.get(m.sellerSku)!.stock = m.stock;
    }
  }

  /** Pairs the models Shopee answered with the plan's, by model_sku (answers need not keep order). */
  private modelsFrom(plan: ModelPlan[], list: ShopeeModelList, path: string): Map<string, KnownModel> {
    const bySku = new Map(list.models.map((m) => [m.sku, m]));
    const out = new Map<string, KnownModel>();
    for (const m of plan) {
      const model = bySku.get(m.sellerSku);
      if (!model) throw malformed(path, `no model for ${m.sellerSku}`);
      out.set(m.sellerSku, {
        modelId: model.modelId,
        tierIndex: m.tierIndex,
        price: m.price,
        stock: m.stock,
      });
    }
    return out;
  }
}

/**
 * Reads the first per-model failure of `update_price` / `update_stock` and names it by its position in
 * the request (`price_list[1].original_price`), which `domainField` turns into the variant to fix.
 */
function firstFailure(list: "price_list" | "stock_list", modelIds: readonly number[] = []) {
  const leaf = list === "price_list" ? "original_price" : "seller_stock";
  return (response: unknown): ShopeeFailure | null => {
    const failure = readFailures(response)[0];
    if (!failure) return null;
    const i = Math.max(0, failure.id === null ? 0 : modelIds.indexOf(Number(failure.id)));
    const which = failure.id === null ? "" : ` (model_id ${failure.id})`;
    return {
      httpStatus: 200,
      code: "error_param",
      message: `${list}[${i}].${leaf}${which}: ${failure.reason}`,
    };
  };
}

/** Models per `update_price` / `update_stock` call (Shopee's limit). */
export const SHOPEE_LEVELS_PER_CALL = 50;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function sameIndex(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
