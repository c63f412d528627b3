export { ChannelTokenRepository, type LockedChannelTokens, type StoredChannelTokens } from "./tokens";
export { ChannelDirectory, type ChannelRef, type RunnableChannel } from "./directory";
export { ListingImageRepository } from "./images";
export {
  ChannelSettingsRepository,
  CHANNEL_LIMITS,
  checkChannelPatch,
  type ChannelRecord,
  type ChannelSettingsPatch,
  type ChannelUpdateResult,
} from "./settings";
export { ChannelConnectionRepository, type AuthorizedShopRow } from "./connections";
