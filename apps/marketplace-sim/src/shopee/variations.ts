import type { Route, ShopeeState } from "./context";
import { SHOPEE_ERRORS, Violation, bad, success } from "./errors";
import { checkTierImages } from "./listing";
import { itemOf, numberParam, uniqueCombinations } from "./params";
import { checkModels, checkTierIndex, checkTiers, isRecord, positiveInt } from "./rules";
import { modelView, modelWritten } from "./views";

/** Tiers and models: `init_tier_variation`, `update_tier_variation`, `add_model`, `get_model_list`. */
export function variationRoutes(state: ShopeeState): Record<string, Route> {
  const { limits, isImage, currency } = state;
  const post = (run: Route["run"]): Route => ({ method: "POST", level: "shop", json: true, run });
  return {
    init_tier_variation: post(({ body, nowSec, shop }) => {
      const item = itemOf(shop, body.item_id);
      const waitMs = state.control.settings.tierVariationWaitMs;
      if (state.clock() - item.created_at_ms < waitMs)
        throw new Violation(
          "item_id",
          `was created less than ${waitMs} ms ago: wait after add_item before creating variants`,
          SHOPEE_ERRORS.ITEM_NOT_READY,
        );
      if (item.tier_variation !== null)
        bad("tier_variation", "already exists for this item; use update_tier_variation");
      const tiers = checkTiers(body.tier_variation, limits, isImage);
      checkTierImages(tiers);
      const models = checkModels(body.model, "model", tiers, limits);
      uniqueCombinations(
        models.map((m) => m.tier_index),
        "model",
      );
      shop.catalog.setTiers(item, tiers, nowSec);
      const added = shop.catalog.addModels(item, models, nowSec);
      return success({ item_id: item.item_id, tier_variation: tiers, model: added.map(modelWritten) });
    }),
    update_tier_variation: post(({ body, nowSec, shop }) => {
      const item = itemOf(shop, body.item_id);
      if (item.tier_variation === null) bad("tier_variation", "does not exist yet; use init_tier_variation");
      const tiers = checkTiers(body.tier_variation, limits, isImage);
      checkTierImages(tiers);
      const list = body.model_list ?? [];
      if (!Array.isArray(list)) bad("model_list", "must be a list of { tier_index, model_id }");
      const owned = new Set(item.models.map((m) => m.model_id));
      const positions = new Map<number, number[]>();
      list.forEach((raw, i) => {
        if (!isRecord(raw)) bad(`model_list[${i}]`, "must be an object");
        const modelId = positiveInt(raw.model_id, `model_list[${i}].model_id`);
        if (!owned.has(modelId)) bad(`model_list[${i}].model_id`, `${modelId} is not a model of this item`);
        positions.set(modelId, checkTierIndex(raw.tier_index, `model_list[${i}].tier_index`, tiers));
      });
      uniqueCombinations([...positions.values()], "model_list");
      // Models left out of model_list are dropped: the new tiers have no place for them.
      shop.catalog.remapModels(item, positions, nowSec);
      shop.catalog.setTiers(item, tiers, nowSec);
      return success({ item_id: item.item_id, tier_variation: tiers, model: item.models.map(modelWritten) });
    }),
    add_model: post(({ body, nowSec, shop }) => {
      const item = itemOf(shop, body.item_id);
      if (item.tier_variation === null) bad("tier_variation", "does not exist yet; use init_tier_variation");
      const models = checkModels(body.model_list, "model_list", item.tier_variation, limits);
      if (item.models.length + models.length > limits.modelsMax)
        bad("model_list", `would give the item more than ${limits.modelsMax} models`);
      uniqueCombinations(
        [...item.models.map((m) => m.tier_index), ...models.map((m) => m.tier_index)],
        "model_list",
      );
      const added = shop.catalog.addModels(item, models, nowSec);
      return success({ model: added.map(modelWritten) });
    }),
    get_model_list: {
      method: "GET",
      level: "shop",
      json: false,
      run: ({ req, shop }) => {
        const item = itemOf(shop, numberParam(req, "item_id"));
        return success({
          tier_variation: item.tier_variation ?? [],
          model: item.models.map((m) => modelView(m, currency)),
        });
      },
    },
  };
}
