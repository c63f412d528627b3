export {
  ShopeeClient,
  SHOPEE_PATHS,
  SHOPEE_BASE_INFO_BATCH,
  SHOPEE_DEFAULT_LOGISTIC_IDS,
  type ShopeeClientOptions,
} from "./client";
export { signShopeeRequest, type ShopeeSignInput } from "./sign";
export {
  readEnvelope as readShopeeEnvelope,
  shopeeError,
  fieldInMessage as shopeeFieldInMessage,
  type ShopeeEnvelope,
  type ShopeeFailure,
} from "./envelope";
export { shopeeCategoryId } from "./listing-body";
