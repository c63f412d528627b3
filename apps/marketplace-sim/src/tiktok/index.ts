export { createTikTokSim, type TikTokSim, type TikTokSimOptions } from "./sim";
export { TTS_CODES } from "./errors";
export { TTS_LIMITS } from "./rules";
