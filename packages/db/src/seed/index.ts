export { seedDemoCatalog, seedIfEmpty, resetCatalog, type SeedOptions, type SeedResult } from "./seed";
export { seedChannels, demoChannels, type ChannelSeed } from "./channels";
export { generateDemoProduct, generateDemoProducts, DEMO_PRODUCT_COUNT } from "./generate";
export { demoInvalidKind, INVALID_KINDS, type InvalidKind } from "./invalid";
export { renderDemoImage, demoImageNames, demoImageUrl } from "./images";
