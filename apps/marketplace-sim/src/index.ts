export * from "./control";
export * from "./http";
export * from "./simulators";
export * from "./shopee";
export * from "./tiktok";
export * as taxonomy from "./taxonomy";
