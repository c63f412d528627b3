import type { StoredProduct, StoredSku } from "./catalog";

/** Image URLs as TikTok's CDN would serve them; nothing fetches them in the simulator. */
export function imageUrl(uri: string): string {
  return `https://p16-oec-sim.ibyteimg.com/${uri}~tplv-origin.image`;
}

function price(s: StoredSku) {
  return { currency: s.price.currency, sale_price: s.price.amount, tax_exclusive_price: s.price.amount };
}

/** `GET /product/202309/products/{id}` data. */
export function productDetail(p: StoredProduct) {
  return {
    id: p.id,
    status: p.status,
    title: p.title,
    description: p.description,
    category_chains: p.category_id
      ? [{ id: p.category_id, is_leaf: true, local_name: p.category_id, parent_id: "0" }]
      : [],
    main_images: p.main_images.map((uri) => ({ uri, urls: [imageUrl(uri)] })),
    skus: p.skus.map((s) => ({
      id: s.id,
      seller_sku: s.seller_sku,
      price: price(s),
      inventory: s.inventory,
      sales_attributes: s.sales_attributes.map((a) => ({
        id: a.id,
        name: a.name,
        value_id: a.value_id,
        value_name: a.value_name,
        ...(a.sku_img ? { sku_img: { uri: a.sku_img, urls: [imageUrl(a.sku_img)] } } : {}),
      })),
    })),
    package_weight: p.package_weight,
    ...(p.package_dimensions ? { package_dimensions: p.package_dimensions } : {}),
    is_cod_allowed: false,
    create_time: p.create_time,
    update_time: p.update_time,
  };
}

/** One entry of `POST /product/202309/products/search` data.products. */
export function productSummary(p: StoredProduct) {
  return {
    id: p.id,
    title: p.title,
    status: p.status,
    sales_regions: ["US"],
    skus: p.skus.map((s) => ({
      id: s.id,
      seller_sku: s.seller_sku,
      price: price(s),
      inventory: s.inventory,
    })),
    create_time: p.create_time,
    update_time: p.update_time,
  };
}

/** `POST products` and `PUT products/{id}` data: ids only. */
export function writeResult(p: StoredProduct) {
  return {
    product_id: p.id,
    skus: p.skus.map((s) => ({
      id: s.id,
      seller_sku: s.seller_sku,
      sales_attributes: s.sales_attributes.map((a) => ({ id: a.id, value_id: a.value_id })),
    })),
    warnings: [],
  };
}
