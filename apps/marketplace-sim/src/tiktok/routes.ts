/** What the gateway demands: shop calls carry shop_cipher, app calls must not, token calls are unsigned. */
export type Scope = "shop" | "app" | "token";

export type RouteName =
  "create" | "search" | "deactivate" | "get" | "edit" | "prices" | "inventory" | "upload" | "refresh";

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
  refresh: { name: "refresh", endpoint: "/api/v2/token/refresh", scope: "token", json: false },
};

/** Maps a method and path to its route and product id; null when TikTok has no such API. */
export function resolveRoute(method: string, path: string): { route: RouteInfo; productId: string } | null {
  const at = (name: RouteName, productId = "") => ({ route: ROUTES[name], productId });
  if (path === ROUTES.refresh.endpoint) return method === "GET" ? at("refresh") : null;
  if (path === ROUTES.upload.endpoint) return method === "POST" ? at("upload") : null;
  if (!path.startsWith(`${V}/products`)) return null;
  const parts = path.slice(`${V}/products`.length).split("/").slice(1);
  const [segment, action, update] = parts;
  if (parts.length === 0) return method === "POST" ? at("create") : null;
  if (!segment) return null;
  if (parts.length === 1) {
    if (method === "POST" && segment === "search") return at("search");
    if (method === "POST" && segment === "deactivate") return at("deactivate");
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
