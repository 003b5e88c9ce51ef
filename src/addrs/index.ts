// Addresses are immutable values; every kind lives in its own file with its type, toString, key() and parser.
export * from "./instance-key.js";
export * from "./module.js";
export * from "./module-instance.js";
export * from "./output-value.js";
export * from "./parse-ref.js";
export * from "./parse-result.js";
export * from "./provider.js";
export * from "./provider-config.js";
export * from "./remove-target.js";
export * from "./resource.js";
export * from "./resource-instance.js";
export * from "./target.js";
export * from "./traversal.js";
