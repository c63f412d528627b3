export * from "./names";
export * from "./jobs";
export * from "./events";
export * from "./redis";
export * from "./rate-limiter";
export * from "./queues";
