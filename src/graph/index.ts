// The dependency graph, its cycle check, its parallel walk and its DOT forms.
export * from "./cycles.js";
export * from "./dot.js";
export * from "./graph.js";
export * from "./walk.js";
export * from "./reduce.js";
export * from "./builder.js";
