// The provider plugin interface, schemas, attribute paths, value <-> state JSON, and the provider registry.
export * from "./attribute-path.js";
export * from "./provider.js";
export * from "./registry.js";
export * from "./schema.js";
export * from "./state-object.js";
export * from "./value-json.js";
