export { ChannelTokenRepository, type LockedChannelTokens, type StoredChannelTokens } from "./tokens";
export { ChannelDirectory, type ChannelRef } from "./directory";
export { ListingImageRepository } from "./images";
