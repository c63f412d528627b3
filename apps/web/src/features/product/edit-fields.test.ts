import { describe, expect, it } from "vitest";
import { fixFor } from "../dead-letters/groups";
import { inputForField, inputForPath, inputId } from "./edit-fields";

describe("the edit form's input for a failure's field", () => {
  it.each([
    ["sellerSku", "sku"],
    ["title", "title"],
    ["description", "description"],
    ["images", "images"],
    ["images[3]", "images"],
    ["price", "price"],
    ["stock", "stock"],
    ["weight", "weightGrams"],
    ["dimensions", "lengthCm"],
    ["dimensions.widthCm", "widthCm"],
    ["dimensions.heightCm", "heightCm"],
    ["category", "category"],
    ["brand", "brand"],
    ["variants", "variants.0.sku"],
    ["variants[2].sellerSku", "variants.2.sku"],
    ["variants[1].price", "variants.1.price"],
    ["variants[0].stock", "variants.0.stock"],
  ])("a listing's validation naming %s opens %s", (field, input) => {
    expect(inputForField(field)).toBe(input);
    // What the worker can name about the product itself is fixed in the product, not a mapping.
    expect(fixFor({ errorClass: "VALIDATION", errorField: field })).toBe("editProduct");
  });

  it.each([
    "category_id",
    "attribute_list[Bahan]",
    "product_attributes[Bahan]",
    "brand.brand_id",
    "logistic_info",
  ])("a mapping field (%s) has no product input and is fixed on the Channels page", (field) => {
    expect(inputForField(field)).toBeNull();
    expect(fixFor({ errorClass: "VALIDATION", errorField: field })).toBe("mapCategory");
  });

  it("reads updateProduct's userError paths", () => {
    expect(inputForPath(["input", "sku"])).toBe("sku");
    expect(inputForPath(["input", "dimensions", "widthCm"])).toBe("widthCm");
    expect(inputForPath(["input", "attributes[1]", "name"])).toBe("attributes");
    expect(inputForPath(["input", "variants[3]", "price"])).toBe("variants.3.price");
    expect(inputForPath(["input", "variants[0]", "id"])).toBeNull();
    expect(inputForPath(["input", "id"])).toBeNull();
    expect(inputForPath(null)).toBeNull();
  });

  it("gives each input an id a selector can take", () => {
    expect(inputId("variants.2.sku")).toBe("edit-variants-2-sku");
    expect(inputId("lengthCm")).toBe("edit-lengthCm");
  });
});
