import { describe, expect, it } from "vitest";
import { resolveRoute } from "./routes";

describe("resolveRoute", () => {
  it.each([
    ["POST", "/product/202309/products", "create", ""],
    ["POST", "/product/202309/products/search", "search", ""],
    ["POST", "/product/202309/products/deactivate", "deactivate", ""],
    ["GET", "/product/202309/products/1729001", "get", "1729001"],
    ["PUT", "/product/202309/products/1729001", "edit", "1729001"],
    ["POST", "/product/202309/products/1729001/prices/update", "prices", "1729001"],
    ["POST", "/product/202309/products/1729001/inventory/update", "inventory", "1729001"],
    ["POST", "/product/202309/images/upload", "upload", ""],
    ["GET", "/api/v2/token/refresh", "refresh", ""],
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
    ["POST", "/product/202312/products"],
  ])("%s %s is not an API", (method, path) => {
    expect(resolveRoute(method, path)).toBeNull();
  });
});
