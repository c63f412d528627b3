import { describe, expect, it } from "vitest";
import { EndpointLabels, endpointTemplate } from "./endpoint-template";

describe("endpointTemplate", () => {
  it.each([
    ["/api/v2/product/add_item", "/api/v2/product/add_item"],
    ["/api/v2/auth/access_token/get", "/api/v2/auth/access_token/get"],
    ["/product/202309/products/search", "/product/202309/products/search"],
    ["/product/202309/products/1729582746829439", "/product/202309/products/{id}"],
    [
      "/product/202309/products/1729582746829439/prices/update",
      "/product/202309/products/{id}/prices/update",
    ],
    ["/product/202309/categories/600001/attributes", "/product/202309/categories/600001/attributes"],
    ["/product/202309/products/SIMP0000000000000123?x=1", "/product/202309/products/{id}"],
    ["/media/0f8fad5b-d9cb-469f-a165-70867728950e", "/media/{id}"],
  ])("%s → %s", (path, template) => {
    expect(endpointTemplate(path)).toBe(template);
  });

  it("caps the number of distinct labels", () => {
    const labels = new EndpointLabels();
    for (let i = 0; i < 200; i++) expect(labels.label(`/x/e${i}`)).toBe(`/x/e${i}`);
    expect(labels.label("/x/one-too-many")).toBe("other");
    expect(labels.label("/x/e5")).toBe("/x/e5");
  });
});
