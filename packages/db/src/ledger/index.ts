export * from "./statuses";
export * from "./transitions";
export * from "./apply";
export * from "./records";
export * from "./writer";
export * from "./progress";
export * from "./batches";
export * from "./availability";
