export * from "./names";
export * from "./jobs";

export * from "./redis";
export * from "./rate-limiter";
export * from "./queues";
export * from "./progress";
