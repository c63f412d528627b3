export { ShopeeClient, SHOPEE_TIER_VARIATION_WAIT_MS, type ShopeeClientOptions } from "./client";
export { SHOPEE_PATHS } from "./paths";
export { SHOPEE_BASE_INFO_BATCH } from "./lookups";
export { signShopeeRequest, type ShopeeSignInput } from "./sign";
export {
  readEnvelope as readShopeeEnvelope,
  shopeeError,
  fieldInMessage as shopeeFieldInMessage,
  type ShopeeEnvelope,
  type ShopeeFailure,
} from "./envelope";
export { ShopeeTaxonomy, SHOPEE_TAXONOMY_PATHS } from "./taxonomy";
export { ShopeeAuthorization, SHOPEE_AUTH_PATHS, type ShopeeAuthorizationOptions } from "./auth";
export { shopeeCodeClass } from "./error-codes";
