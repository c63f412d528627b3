export * from "./spans";
export * from "./bullmq";
export * from "./start";
export { tracingStarted } from "./state";
