import { authRoutes } from "./auth";
import type { Route, ShopeeState } from "./context";
import { refresh } from "./gateway";
import { uploadImage } from "./media";
import { productRoutes } from "./products";
import { taxonomyRoutes } from "./taxonomy";
import { variationRoutes } from "./variations";

const V2 = "/api/v2";

/** Every endpoint the simulator answers, keyed `METHOD path`. */
export function buildRoutes(state: ShopeeState): Map<string, Route> {
  const routes = new Map<string, Route>();
  const add = (path: string, route: Route) => routes.set(`${route.method} ${path}`, route);
  add(`${V2}/auth/access_token/get`, {
    method: "POST",
    level: "public",
    json: true,
    run: ({ body }) => refresh(state, body),
  });
  add(`${V2}/media_space/upload_image`, {
    method: "POST",
    level: "public",
    json: false,
    run: ({ req }) => uploadImage(state, req),
  });
  for (const [name, route] of Object.entries({ ...productRoutes(state), ...variationRoutes(state) }))
    add(`${V2}/product/${name}`, route);
  for (const [path, route] of Object.entries(taxonomyRoutes(state))) add(`${V2}/${path}`, route);
  for (const [key, route] of Object.entries(authRoutes(state))) routes.set(key, route);
  return routes;
}
