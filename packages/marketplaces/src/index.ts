export * from "./adapter";
export * from "./http";
export * from "./redact";
export * from "./images";
export * from "./memory-stores";
export * from "./tiktok";
export * from "./shopee";
export { DownloadCache, processDownloads } from "./downloads";
export * from "./single-flight";
