import { expect, it } from "vitest";
import { fixFor, type Fix } from "./groups";
import type { SyncErrorClass } from "../../gql/graphql";

it.each<[SyncErrorClass, string | null, string | null, Fix]>([
  ["VALIDATION", "TOO_LONG", "sellerSku", "editProduct"],
  ["VALIDATION", "TOO_SHORT", "title", "editProduct"],
  ["VALIDATION", null, "variants[2].sku", "editProduct"],
  ["VALIDATION", "REQUIRED", "category", "editProduct"],
  ["VALIDATION", "MISSING_MARKETPLACE_FIELD", "category_id", "mapCategory"],
  ["VALIDATION", "12052104", null, "mapCategory"],
  ["VALIDATION", null, "attribute_list[Bahan]", "mapCategory"],
  ["VALIDATION", "UNMAPPED", "brand.brand_id", "mapCategory"],
  ["VALIDATION", "REQUIRED", "inventory.warehouse_id", "mapCategory"],
  ["AUTHENTICATION", "error_auth", null, "reconnect"],
  ["RATE_LIMIT", "36009002", null, "wait"],
  ["NETWORK", "TIMEOUT", null, "retry"],
  ["SYSTEM", "error_server", null, "retry"],
  ["UNKNOWN", null, null, "retry"],
])("%s %s on %s: %s", (errorClass, errorCode, errorField, fix) => {
  expect(fixFor({ errorClass, errorCode, errorField })).toBe(fix);
});
