export { seedDemoCatalog, seedIfEmpty, resetCatalog, type SeedOptions, type SeedResult } from "./seed";
export { seedChannels, demoChannels, type ChannelSeed } from "./channels";
export { generateDemoProduct, generateDemoProducts, DEMO_PRODUCT_COUNT } from "./generate";
export { demoInvalidKind, INVALID_KINDS, type InvalidKind } from "./invalid";
export { renderDemoImage, demoImageNames, demoImageUrl } from "./images";
export { seedDemoMapping, demoCategoryRule } from "./mapping";
export {
  DEMO_CATEGORY_TEMPLATE,
  DEMO_BRAND_TEMPLATE,
  DEMO_SHIPPING_TEMPLATE,
  type TemplateCategory,
} from "./mapping-template";
export { demoMappingGap, MAPPING_GAPS, UNMAPPED_DEMO_CATEGORY, type MappingGap } from "./mapping-gaps";
