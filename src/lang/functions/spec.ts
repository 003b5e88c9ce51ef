// The shape of a Terraform function and the calling convention (cty's function.Function / Call).
//
// A FunctionSpec lists its parameters (type, and whether null / unknown / marked / dynamic-typed arguments
// may reach the implementation), an optional variadic parameter, a return-type rule and the implementation.
// callFunction() does what cty does around every call:
//   1. arity check ("Not enough function arguments" / "Too many function arguments");
//   2. each argument converted to its parameter type (unsafe conversion) → "Invalid function argument";
//   3. null arguments refused unless allowNull;
//   4. unknown arguments short-circuit to an unknown result of the return type unless allowUnknown;
//   5. marks removed from arguments (unless allowMarked; only the top level with shallowMarks) and put back
//      on the result;
//   6. implementation errors → "Error in function call" / "Call to function "x" failed: ...".
// Functions that need unevaluated expressions (try, can) are flagged `lazy` and handled by the evaluator.
//
// API:
//   FunctionSpec, Param, FunctionError, ArgError, CallContext
//   callFunction(spec, args, ctx?) → Value | FunctionCallFailure
import { convert, ConversionError } from "../convert.js";
import { DynamicType, type Type } from "../types.js";
import { Value } from "../value.js";

export interface Param {
  readonly name: string;
  readonly type: Type;
  readonly allowNull?: boolean;
  readonly allowUnknown?: boolean;
  readonly allowMarked?: boolean;
  /**
   * Only the argument's own marks move to the result; marks inside it stay on their elements (cty functions
   * that take AllowMarked and Unmark() the collection: length, keys, concat, slice, ...).
   */
  readonly shallowMarks?: boolean;
  /** Skip conversion: the implementation takes the argument's own type (parameters of type `any`). */
  readonly allowDynamicType?: boolean;
}

/** Filesystem base, clock and the like, supplied by whoever evaluates (console, plan). */
export interface CallContext {
  /** Directory that relative paths in file functions resolve against (Terraform: the module's path). */
  readonly baseDir: string;
  /** Fixed time for plantimestamp(); timestamp() uses the real clock when absent. */
  readonly planTimestamp?: Date;
  readonly now?: () => Date;
}

export type ReturnTypeRule = Type | ((args: readonly Value[]) => Type | FunctionError);

export interface FunctionSpec {
  readonly name: string;
  readonly params: readonly Param[];
  readonly varParam?: Param;
  readonly type: ReturnTypeRule;
  readonly impl: (args: readonly Value[], ctx: CallContext, retType: Type) => Value | FunctionError;
  /** try/can: the evaluator passes unevaluated expressions instead (see eval.ts). */
  readonly lazy?: boolean;
  /** Results differ from call to call (uuid, timestamp, bcrypt): unknown during plan. */
  readonly impure?: boolean;
  readonly description?: string;
}

/** A failure inside a function; with argIndex it is blamed on one argument ("Invalid function argument"). */
export class FunctionError {
  constructor(
    readonly message: string,
    readonly argIndex?: number,
  ) {}
}

export function argError(argIndex: number, message: string): FunctionError {
  return new FunctionError(message, argIndex);
}

export interface FunctionCallFailure {
  readonly failed: true;
  readonly summary: string;
  readonly detail: string;
  /** The argument the failure is about, if any (for the diagnostic's subject range). */
  readonly argIndex?: number;
}

export function isFailure(x: Value | FunctionCallFailure): x is FunctionCallFailure {
  return !(x instanceof Value);
}

const defaultContext: CallContext = { baseDir: process.cwd() };

function paramFor(spec: FunctionSpec, i: number): Param | undefined {
  return i < spec.params.length ? spec.params[i] : spec.varParam;
}

export function callFunction(spec: FunctionSpec, args: readonly Value[], ctx: CallContext = defaultContext): Value | FunctionCallFailure {
  const name = spec.name;
  if (args.length < spec.params.length) {
    const missing = spec.params[args.length]!;
    return {
      failed: true,
      summary: "Not enough function arguments",
      detail: `Function "${name}" expects ${spec.params.length} argument(s). Missing value for "${missing.name}".`,
    };
  }
  if (!spec.varParam && args.length > spec.params.length) {
    return {
      failed: true,
      summary: "Too many function arguments",
      detail: `Function "${name}" expects only ${spec.params.length} argument(s).`,
      argIndex: spec.params.length,
    };
  }
  const converted: Value[] = [];
  for (let i = 0; i < args.length; i++) {
    const p = paramFor(spec, i)!;
    let a = args[i]!;
    if (!p.allowDynamicType && p.type.kind !== "dynamic") {
      const c = convert(a, p.type);
      if (c instanceof ConversionError) {
        return invalidArg(p, i, conversionDetail(c));
      }
      a = c;
    }
    converted.push(a);
  }
  // As cty's ReturnTypeForValues: nulls refused first, then an argument whose very type is unknown
  // (`null` or an unknown of type `any`) makes the result unknown unless the parameter takes such values.
  for (let i = 0; i < converted.length; i++) {
    const p = paramFor(spec, i)!;
    if (converted[i]!.isNull() && !p.allowNull) return invalidArg(p, i, "argument must not be null");
  }
  for (let i = 0; i < converted.length; i++) {
    const p = paramFor(spec, i)!;
    if (converted[i]!.type.kind === "dynamic" && !p.allowDynamicType) return Value.unknown(DynamicType);
  }
  const marks = new Set<string>();
  const callArgs: Value[] = [];
  for (let i = 0; i < converted.length; i++) {
    const p = paramFor(spec, i)!;
    let a = converted[i]!;
    if (p.shallowMarks) {
      const [u, m] = a.unmark();
      for (const x of m) marks.add(x);
      a = u;
    } else if (!p.allowMarked) {
      const [u, m] = a.unmarkDeep();
      for (const x of m) marks.add(x);
      a = u;
    }
    callArgs.push(a);
  }
  // Type-check: return-type rules report errors about argument types even when values are unknown.
  let retType: Type;
  if (typeof spec.type === "function") {
    const t = spec.type(callArgs);
    if (t instanceof FunctionError) return fromFunctionError(spec, t);
    retType = t;
  } else retType = spec.type;

  for (let i = 0; i < callArgs.length; i++) {
    const p = paramFor(spec, i)!;
    if (!p.allowUnknown && !callArgs[i]!.isWhollyKnown()) return Value.unknown(retType).markWith(marks);
  }
  const r = spec.impl(callArgs, ctx, retType);
  if (r instanceof FunctionError) return fromFunctionError(spec, r);
  return r.markWith(marks);
}

function conversionDetail(c: ConversionError): string {
  return c.message;
}

function invalidArg(p: Param, _i: number, msg: string): FunctionCallFailure {
  return {
    failed: true,
    summary: "Invalid function argument",
    detail: `Invalid value for "${p.name}" parameter: ${msg}.`,
    argIndex: _i,
  };
}

function fromFunctionError(spec: FunctionSpec, e: FunctionError): FunctionCallFailure {
  if (e.argIndex !== undefined) {
    const p = paramFor(spec, e.argIndex) ?? { name: "?", type: DynamicType };
    return invalidArg(p, e.argIndex, e.message);
  }
  return {
    failed: true,
    summary: "Error in function call",
    detail: `Call to function "${spec.name}" failed: ${e.message}.`,
  };
}
