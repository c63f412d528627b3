export * from "./types";
export * from "./fields";
export * from "./resolve";
export * from "./check";
