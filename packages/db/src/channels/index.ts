export { ChannelTokenRepository, type LockedChannelTokens, type StoredChannelTokens } from "./tokens";
