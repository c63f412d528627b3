export { TikTokShopClient, TIKTOK_PATHS, TIKTOK_SEARCH_BATCH, type TikTokShopClientOptions } from "./client";
export { signTikTokRequest, type TikTokSignInput } from "./sign";
export {
  readEnvelope,
  tiktokError,
  fieldInMessage,
  type TikTokEnvelope,
  type TikTokFailure,
} from "./envelope";
