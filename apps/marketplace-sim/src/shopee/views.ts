import type { SimItem, SimModel } from "./catalog";

/** Where simulated images appear to live; nothing is served there. */
export function imageUrl(imageId: string): string {
  return `https://cf.shopee.sim/file/${imageId}`;
}

function priceInfo(price: number, currency: string) {
  return [{ currency, original_price: price, current_price: price }];
}

function stockInfo(stock: number) {
  return {
    summary_info: { total_reserved_stock: 0, total_available_stock: stock },
    seller_stock: [{ location_id: "", stock }],
  };
}

/** One entry of `get_item_base_info.item_list`. Shopee reports the weight as a string. */
export function baseInfo(item: SimItem, currency: string) {
  const hasModel = item.models.length > 0 || item.tier_variation !== null;
  return {
    item_id: item.item_id,
    category_id: item.category_id,
    item_name: item.item_name,
    description: item.description,
    description_type: "normal",
    item_sku: item.item_sku,
    create_time: item.create_time,
    update_time: item.update_time,
    image: { image_url_list: item.image_id_list.map(imageUrl), image_id_list: item.image_id_list },
    weight: String(item.weight),
    dimension: item.dimension ?? { package_length: 0, package_width: 0, package_height: 0 },
    logistic_info: item.logistic_info.map((l) => ({ ...l, is_free: false })),
    pre_order: { is_pre_order: false, days_to_ship: 2 },
    condition: item.condition,
    item_status: item.item_status,
    ...(item.status_reason ? { item_status_details: [{ violation_reason: item.status_reason }] } : {}),
    has_model: hasModel,
    brand: item.brand,
    attribute_list: item.attribute_list,
    ...(item.size_chart_info ? { size_chart_info: item.size_chart_info } : {}),
    ...(hasModel
      ? {}
      : { price_info: priceInfo(item.original_price, currency), stock_info_v2: stockInfo(item.stock) }),
  };
}

/** The answer of `add_item` and `update_item`: the item as stored. */
export function itemWritten(item: SimItem, currency: string) {
  return {
    item_id: item.item_id,
    item_status: item.item_status,
    item_name: item.item_name,
    description: item.description,
    item_sku: item.item_sku,
    create_time: item.create_time,
    update_time: item.update_time,
    category_id: item.category_id,
    price_info: priceInfo(item.original_price, currency),
    image: { image_url_list: item.image_id_list.map(imageUrl), image_id_list: item.image_id_list },
    weight: item.weight,
    dimension: item.dimension,
    logistic_info: item.logistic_info,
    condition: item.condition,
    brand: item.brand,
    attribute_list: item.attribute_list,
    seller_stock: [{ stock: item.stock }],
  };
}

/** A model as `get_model_list` shows it. */
export function modelView(m: SimModel, currency: string) {
  return {
    model_id: m.model_id,
    tier_index: m.tier_index,
    model_sku: m.model_sku,
    model_status: "MODEL_NORMAL",
    price_info: priceInfo(m.original_price, currency),
    stock_info_v2: stockInfo(m.stock),
  };
}

/** A model as the write endpoints (`init_tier_variation`, `add_model`) echo it. */
export function modelWritten(m: SimModel) {
  return {
    model_id: m.model_id,
    tier_index: m.tier_index,
    model_sku: m.model_sku,
    original_price: m.original_price,
    seller_stock: [{ stock: m.stock }],
  };
}
