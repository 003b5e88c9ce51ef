// The registry of Terraform 1.11's built-in functions that need no network.
//
// Each FunctionSpec (spec.ts) declares its parameters, variadic parameter, return-type rule and implementation;
// call them through callFunction() so arity, conversion, null, unknown and mark handling match Terraform.
// try() and can() are `lazy`: the evaluator (eval.ts) gives them unevaluated expressions.
// templatefile() and templatestring() are registered by eval.ts, which can render templates.
//
// API:
//   builtinFunctions: ReadonlyMap<string, FunctionSpec>
//   lookupFunction(name) → FunctionSpec | undefined
//   suggestFunction(name) → closest known name, for "Did you mean ...?"
//   registerFunction(spec)                     for functions defined elsewhere (eval.ts)
export { callFunction, isFailure, FunctionError, type CallContext, type FunctionSpec, type FunctionCallFailure, type Param } from "./spec.js";
import { collectionFunctions } from "./collection.js";
import { conversionFunctions } from "./conversion.js";
import { cryptoFunctions } from "./crypto.js";
import { datetimeFunctions } from "./datetime.js";
import { encodingFunctions } from "./encoding.js";
import { filesystemFunctions } from "./filesystem.js";
import { formatFunctions } from "./format.js";
import { ipFunctions } from "./ip.js";
import { jsonFunctions } from "./json.js";
import { numericFunctions } from "./numeric.js";
import type { FunctionSpec } from "./spec.js";
import { stringFunctions } from "./string.js";
import { DynamicType } from "../types.js";

const lazy = (name: string): FunctionSpec => ({
  name,
  params: [],
  varParam: { name: "expressions", type: DynamicType, allowNull: true, allowUnknown: true, allowMarked: true },
  type: DynamicType,
  lazy: true,
  impl: () => {
    throw new Error(`${name}() must be evaluated by the expression evaluator`);
  },
});

const registry = new Map<string, FunctionSpec>();
for (const f of [
  ...numericFunctions,
  ...stringFunctions,
  ...formatFunctions,
  ...collectionFunctions,
  ...jsonFunctions,
  ...encodingFunctions,
  ...filesystemFunctions,
  ...datetimeFunctions,
  ...cryptoFunctions,
  ...ipFunctions,
  ...conversionFunctions,
  lazy("try"),
  lazy("can"),
]) {
  registry.set(f.name, f);
}

export const builtinFunctions: ReadonlyMap<string, FunctionSpec> = registry;

export function registerFunction(spec: FunctionSpec): void {
  registry.set(spec.name, spec);
}

export function lookupFunction(name: string): FunctionSpec | undefined {
  return registry.get(name);
}

/** The closest function name by edit distance (at most 2 edits away), as HCL's "Did you mean" does. */
export function suggestFunction(name: string): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of registry.keys()) {
    const d = levenshtein(name, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

export function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}
