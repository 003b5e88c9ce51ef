// The plugin SDK's `timeouts {}` block, on the types whose hashicorp/aws schema has one, with the same operations.
// It is accepted so configs written for AWS run unchanged, and kept in state as the provider keeps it; the
// waiters poll the embedded cloud until it is done, whose transitions take seconds at most.
import { StringType } from "../../src/lang/types.js";
import type { ResourceSchema } from "../../src/provider/schema.js";

export type TimeoutOp = "create" | "read" | "update" | "delete";

/** `t` with a timeouts block for `ops`. */
export function withTimeouts<T extends { readonly schema: ResourceSchema }>(t: T, ...ops: TimeoutOp[]): T {
  const block = { attributes: Object.fromEntries(ops.map((op) => [op, { type: StringType, optional: true }])) };
  return { ...t, schema: { ...t.schema, block: { ...t.schema.block, blockTypes: { ...t.schema.block.blockTypes, timeouts: { nesting: "single", block } } } } };
}
