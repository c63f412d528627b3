export { createShopeeSim, type ShopeeSimOptions } from "./sim";
export { SHOPEE_ERRORS } from "./errors";
export { DEFAULT_SHOPEE_LIMITS, type ShopeeLimits } from "./rules";
