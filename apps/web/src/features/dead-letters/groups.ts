import type { SyncErrorClass } from "../../gql/graphql";

/** What a person does about a group of dead letters: the four fixes, and "just retry". */
export type Fix = "editProduct" | "mapCategory" | "reconnect" | "wait" | "retry";

/**
 * Fields that come from the shop's mapping or settings rather than from the product: a leaf category,
 * its attributes, a brand, a size chart, logistics or a warehouse (see DESIGN "Pre-flight").
 */
const MAPPING_FIELD =
  /^(category_id|attribute_list|product_attributes|brand\.|brand_id|size_chart|logistic_info|inventory\.warehouse_id|shipping\.|warehouse|delivery_option)/;
/** Codes that say the same: SyncStore's pre-flight, and TikTok's not-a-leaf, missing attribute, missing warehouse. */
const MAPPING_CODE = new Set(["MISSING_MARKETPLACE_FIELD", "UNMAPPED", "12052024", "12052104", "12019022"]);

export function fixFor(group: {
  errorClass: SyncErrorClass;
  errorCode?: string | null;
  errorField?: string | null;
}): Fix {
  switch (group.errorClass) {
    case "VALIDATION":
      return (group.errorCode && MAPPING_CODE.has(group.errorCode)) ||
        (group.errorField && MAPPING_FIELD.test(group.errorField))
        ? "mapCategory"
        : "editProduct";
    case "AUTHENTICATION":
      return "reconnect";
    case "RATE_LIMIT":
      return "wait";
    default:
      return "retry";
  }
}
