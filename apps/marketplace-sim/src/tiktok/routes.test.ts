import { describe, expect, it } from "vitest";
import { resolveRoute } from "./routes";

describe("resolveRoute", () => {
  it.each([
    ["POST", "/product/202309/products", "create", ""],
    ["POST", "/product/202309/products/search", "search", ""],
    ["POST", "/product/202309/products/deactivate", "deactivate", ""],
    ["POST", "/product/202309/products/activate", "activate", ""],
    ["GET", "/product/202309/products/1729001", "get", "1729001"],
    ["PUT", "/product/202309/products/1729001", "edit", "1729001"],
    ["POST", "/product/202309/products/1729001/prices/update", "prices", "1729001"],
    ["POST", "/product/202309/products/1729001/inventory/update", "inventory", "1729001"],
    ["POST", "/product/202309/images/upload", "upload", ""],
    ["GET", "/product/202309/categories", "categories", ""],
    ["GET", "/product/202309/categories/600012/attributes", "attributes", "600012"],
    ["GET", "/product/202309/categories/600012/rules", "rules", "600012"],
    ["POST", "/product/202309/categories/recommend", "recommend", ""],
    ["GET", "/product/202309/brands", "brands", ""],
    ["GET", "/product/202312/prerequisites", "prerequisites", ""],
    ["GET", "/logistics/202309/warehouses", "warehouses", ""],
    [
      "GET",
      "/logistics/202309/warehouses/7068517275539719942/delivery_options",
      "deliveryOptions",
      "7068517275539719942",
    ],
    ["GET", "/authorization/202309/shops", "shops", ""],
  ])("%s %s → %s", (method, path, name, productId) => {
    expect(resolveRoute(method, path)).toMatchObject({ route: { name }, productId });
  });

  it.each([
    ["GET", "/product/202309/products"],
    ["DELETE", "/product/202309/products/1"],
    ["POST", "/product/202309/products/1"],
    ["GET", "/product/202309/products/1/prices/update"],
    ["POST", "/product/202309/products/1/stock/update"],
    ["POST", "/product/202309/products//prices/update"],
    ["GET", "/product/202309/images/upload"],
    ["POST", "/api/v2/token/refresh"],
    ["GET", "/api/v2/token/refresh"],
    ["POST", "/product/202312/products"],
    ["POST", "/product/202309/categories"],
    ["GET", "/product/202309/categories/recommend"],
    ["POST", "/product/202309/categories/1/rules"],
    ["GET", "/product/202309/categories/1/2/rules"],
  ])("%s %s is not an API", (method, path) => {
    expect(resolveRoute(method, path)).toBeNull();
  });
});
