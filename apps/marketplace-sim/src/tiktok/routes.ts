/**
 * What the gateway demands: shop calls carry shop_cipher, app calls must not. Token calls live on
 * the auth host (auth.ts), as on TikTok Shop, so the API host answers them 404.
 */
export type Scope = "shop" | "app";

export type RouteName =
  | "create"
  | "search"
  | "deactivate"
  | "activate"
  | "get"
  | "edit"
  | "prices"
  | "inventory"
  | "upload"
  | "categories"
  | "attributes"
  | "rules"
  | "brands"
  | "recommend"
  | "prerequisites"
  | "warehouses"
  | "deliveryOptions"
  | "shops";

export interface RouteInfo {
  name: RouteName;
  /** The endpoint as the stats count it, path ids as placeholders. */
  endpoint: string;
  scope: Scope;
  /** Whether the body is JSON (signed and parsed); uploads are multipart, GETs have none. */
  json: boolean;
}

const V = "/product/202309";

export const ROUTES: Readonly<Record<RouteName, RouteInfo>> = {
  create: { name: "create", endpoint: `${V}/products`, scope: "shop", json: true },
  search: { name: "search", endpoint: `${V}/products/search`, scope: "shop", json: true },
  deactivate: { name: "deactivate", endpoint: `${V}/products/deactivate`, scope: "shop", json: true },
  activate: { name: "activate", endpoint: `${V}/products/activate`, scope: "shop", json: true },
  get: { name: "get", endpoint: `${V}/products/{product_id}`, scope: "shop", json: false },
  edit: { name: "edit", endpoint: `${V}/products/{product_id}`, scope: "shop", json: true },
  prices: { name: "prices", endpoint: `${V}/products/{product_id}/prices/update`, scope: "shop", json: true },
  inventory: {
    name: "inventory",
    endpoint: `${V}/products/{product_id}/inventory/update`,
    scope: "shop",
    json: true,
  },
  upload: { name: "upload", endpoint: `${V}/images/upload`, scope: "app", json: false },
  categories: { name: "categories", endpoint: `${V}/categories`, scope: "shop", json: false },
  attributes: {
    name: "attributes",
    endpoint: `${V}/categories/{category_id}/attributes`,
    scope: "shop",
    json: false,
  },
  rules: { name: "rules", endpoint: `${V}/categories/{category_id}/rules`, scope: "shop", json: false },
  brands: { name: "brands", endpoint: `${V}/brands`, scope: "shop", json: false },
  recommend: { name: "recommend", endpoint: `${V}/categories/recommend`, scope: "shop", json: true },
  prerequisites: {
    name: "prerequisites",
    endpoint: "/product/202312/prerequisites",
    scope: "shop",
    json: false,
  },
  warehouses: { name: "warehouses", endpoint: "/logistics/202309/warehouses", scope: "shop", json: false },
  deliveryOptions: {
    name: "deliveryOptions",
    endpoint: "/logistics/202309/warehouses/{warehouse_id}/delivery_options",
    scope: "shop",
    json: false,
  },
  shops: { name: "shops", endpoint: "/authorization/202309/shops", scope: "app", json: false },
};

/** Fixed paths, by method. */
const FIXED: Record<string, Partial<Record<string, RouteName>>> = {
  [ROUTES.upload.endpoint]: { POST: "upload" },
  [ROUTES.categories.endpoint]: { GET: "categories" },
  [ROUTES.recommend.endpoint]: { POST: "recommend" },
  [ROUTES.brands.endpoint]: { GET: "brands" },
  [ROUTES.prerequisites.endpoint]: { GET: "prerequisites" },
  [ROUTES.warehouses.endpoint]: { GET: "warehouses" },
  [ROUTES.shops.endpoint]: { GET: "shops" },
};

/**
 * Maps a method and path to its route and the id in its path (product, category or warehouse id;
 * "" where the path has none); null when TikTok has no such API.
 */
export function resolveRoute(method: string, path: string): { route: RouteInfo; productId: string } | null {
  const at = (name: RouteName, productId = "") => ({ route: ROUTES[name], productId });
  const fixed = FIXED[path];
  if (fixed) {
    const name = fixed[method];
    return name ? at(name) : null;
  }
  const category = /^\/product\/202309\/categories\/([^/]+)\/(attributes|rules)$/.exec(path);
  if (category)
    return method === "GET" ? at(category[2] as RouteName, decodeURIComponent(category[1]!)) : null;
  const warehouse = /^\/logistics\/202309\/warehouses\/([^/]+)\/delivery_options$/.exec(path);
  if (warehouse) return method === "GET" ? at("deliveryOptions", decodeURIComponent(warehouse[1]!)) : null;
  if (!path.startsWith(`${V}/products`)) return null;
  const parts = path.slice(`${V}/products`.length).split("/").slice(1);
  const [segment, action, update] = parts;
  if (parts.length === 0) return method === "POST" ? at("create") : null;
  if (!segment) return null;
  if (parts.length === 1) {
    if (method === "POST" && segment === "search") return at("search");
    if (method === "POST" && segment === "deactivate") return at("deactivate");
    if (method === "POST" && segment === "activate") return at("activate");
    if (method === "GET") return at("get", decodeURIComponent(segment));
    if (method === "PUT") return at("edit", decodeURIComponent(segment));
    return null;
  }
  if (parts.length === 3 && update === "update" && method === "POST") {
    if (action === "prices") return at("prices", decodeURIComponent(segment));
    if (action === "inventory") return at("inventory", decodeURIComponent(segment));
  }
  return null;
}
