export { createTikTokSim, type TikTokSimOptions } from "./sim";
export { TTS_CODES } from "./errors";
export { TTS_LIMITS } from "./rules";
