import type { Taxonomy } from "../taxonomy";
import type { StoredProduct, StoredSku } from "./catalog";

/** Image URLs as TikTok's CDN would serve them; nothing fetches them in the simulator. */
export function imageUrl(uri: string): string {
  return `https://p16-oec-sim.ibyteimg.com/${uri}~tplv-origin.image`;
}

function price(s: StoredSku) {
  return { currency: s.price.currency, sale_price: s.price.amount, tax_exclusive_price: s.price.amount };
}

/** `GET /product/202309/products/{id}` data. */
export function productDetail(p: StoredProduct, taxonomy: Taxonomy) {
  const leaf = taxonomy.tiktok(p.category_id);
  return {
    id: p.id,
    status: p.status,
    ...(p.audit_failed_reasons.length
      ? { audit_failed_reasons: [{ position: "product", reasons: p.audit_failed_reasons, suggestions: [] }] }
      : {}),
    title: p.title,
    description: p.description,
    category_chains: leaf
      ? taxonomy.chain(leaf).map((c) => ({
          id: c.tiktokId,
          is_leaf: c.leaf !== null,
          local_name: c.name,
          parent_id: c.parentKey === null ? "0" : taxonomy.parentOf(c)!.tiktokId,
        }))
      : [],
    category_version: p.category_version,
    product_attributes: p.product_attributes,
    ...(p.brand_id ? { brand: { id: p.brand_id, name: brandName(taxonomy, p) } } : {}),
    ...(p.size_chart
      ? { size_chart: { image: { uri: p.size_chart.image.uri, urls: [imageUrl(p.size_chart.image.uri)] } } }
      : {}),
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

function brandName(taxonomy: Taxonomy, p: StoredProduct): string {
  const leaf = taxonomy.tiktok(p.category_id);
  return leaf?.leaf?.brands.find((b) => b.tiktokId === p.brand_id)?.name ?? "";
}

/** One entry of `POST /product/202309/products/search` data.products. */
export function productSummary(p: StoredProduct) {
  return {
    id: p.id,
    title: p.title,
    status: p.status,
    sales_regions: ["ID"],
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
