export { ShopeeClient, SHOPEE_DEFAULT_LOGISTIC_IDS, type ShopeeClientOptions } from "./client";
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
export { shopeeCategoryId } from "./listing-body";
