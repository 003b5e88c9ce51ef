// State: the in-memory model, Terraform's v4 file format, the backend contract and the local backend.
export * from "./backend.js";
export * from "./duration.js";
export * from "./json.js";
export * from "./lock-info.js";
export * from "./state.js";
export * from "./v4.js";
export { LocalBackend, type LocalBackendOptions } from "./local/backend.js";
