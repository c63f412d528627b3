export { TikTokShopClient, TIKTOK_PATHS, TIKTOK_SEARCH_BATCH, type TikTokShopClientOptions } from "./client";
export { signTikTokRequest, type TikTokSignInput } from "./sign";
export {
  readEnvelope,
  tiktokError,
  fieldInMessage,
  type TikTokEnvelope,
  type TikTokFailure,
} from "./envelope";
export { TikTokTaxonomy, TIKTOK_TAXONOMY_PATHS } from "./taxonomy";
export { TikTokAuthorization, TIKTOK_AUTH_PATHS, type TikTokAuthorizationOptions } from "./auth";
export { tiktokCodeClass } from "./error-codes";
