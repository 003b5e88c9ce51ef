// The Condition element: a table of operators, each compiled once into a clause. Semantics follow AWS's
// "Condition operators" and "multivalued context keys" documentation:
//  - several operators, or several keys under one operator: all must hold (AND);
//  - several values for one key: any may match (OR); for a negated operator (StringNotEquals, NotIpAddress,
//    ArnNotLike...) the request value must match none of them (NOR);
//  - a key absent from the request: the condition is false, except that negated operators are true, `...IfExists`
//    is true, ForAllValues is true, and Null tests exactly that;
//  - ForAnyValue: at least one request value matches; ForAllValues: every request value matches.
import { arnMatch } from "./arn.js";
import type { ConditionContext } from "./context.js";
import { valueText } from "./context.js";
import { parseAwsDate } from "./date.js";
import { globMatch } from "./glob.js";
import { cidrContains, parseCidr, parseIp, type Cidr } from "./ip.js";
import type { ContextValue } from "./types.js";
import { compileTemplate, resolveTemplate, type Template } from "./variables.js";

type Family = "String" | "StringIgnoreCase" | "StringLike" | "Numeric" | "Date" | "Bool" | "Binary" | "Ip" | "Arn" | "Null";
type Comparison = "eq" | "lt" | "le" | "gt" | "ge";

interface OperatorSpec {
  readonly family: Family;
  readonly negated: boolean;
  readonly comparison: Comparison;
}

const op = (family: Family, negated = false, comparison: Comparison = "eq"): OperatorSpec => ({ family, negated, comparison });

/** Every base operator AWS defines, by its exact (case-sensitive) name. */
export const conditionOperators: ReadonlyMap<string, OperatorSpec> = new Map([
  ["StringEquals", op("String")],
  ["StringNotEquals", op("String", true)],
  ["StringEqualsIgnoreCase", op("StringIgnoreCase")],
  ["StringNotEqualsIgnoreCase", op("StringIgnoreCase", true)],
  ["StringLike", op("StringLike")],
  ["StringNotLike", op("StringLike", true)],
  ["NumericEquals", op("Numeric")],
  ["NumericNotEquals", op("Numeric", true)],
  ["NumericLessThan", op("Numeric", false, "lt")],
  ["NumericLessThanEquals", op("Numeric", false, "le")],
  ["NumericGreaterThan", op("Numeric", false, "gt")],
  ["NumericGreaterThanEquals", op("Numeric", false, "ge")],
  ["DateEquals", op("Date")],
  ["DateNotEquals", op("Date", true)],
  ["DateLessThan", op("Date", false, "lt")],
  ["DateLessThanEquals", op("Date", false, "le")],
  ["DateGreaterThan", op("Date", false, "gt")],
  ["DateGreaterThanEquals", op("Date", false, "ge")],
  ["Bool", op("Bool")],
  ["BinaryEquals", op("Binary")],
  ["IpAddress", op("Ip")],
  ["NotIpAddress", op("Ip", true)],
  ["ArnEquals", op("Arn")],
  ["ArnLike", op("Arn")],
  ["ArnNotEquals", op("Arn", true)],
  ["ArnNotLike", op("Arn", true)],
  ["Null", op("Null")],
]);

export type SetOperator = "none" | "ForAnyValue" | "ForAllValues";

/** One operator-and-key pair of a Condition block, ready to evaluate. */
export interface ConditionClause {
  /** As written: "ForAnyValue:StringLikeIfExists". */
  readonly operator: string;
  /** As written: "aws:PrincipalTag/Team". */
  readonly key: string;
  readonly values: readonly string[];
  readonly lowerKey: string;
  readonly family: Family;
  readonly negated: boolean;
  readonly comparison: Comparison;
  readonly ifExists: boolean;
  readonly set: SetOperator;
  /** Values compiled for the family: templates, numbers (ms for dates), booleans or CIDRs (undefined: unusable). */
  readonly compiled: readonly (Template | number | boolean | Cidr | undefined)[];
}

/** Splits "ForAllValues:StringLikeIfExists" into its parts; undefined when the base operator is unknown. */
export function parseOperatorName(name: string): { set: SetOperator; base: string; spec: OperatorSpec; ifExists: boolean } | undefined {
  let set: SetOperator = "none";
  let rest = name;
  if (rest.startsWith("ForAnyValue:")) {
    set = "ForAnyValue";
    rest = rest.slice("ForAnyValue:".length);
  } else if (rest.startsWith("ForAllValues:")) {
    set = "ForAllValues";
    rest = rest.slice("ForAllValues:".length);
  }
  let ifExists = false;
  let spec = conditionOperators.get(rest);
  if (!spec && rest.endsWith("IfExists")) {
    rest = rest.slice(0, -"IfExists".length);
    spec = conditionOperators.get(rest);
    ifExists = true;
  }
  return spec ? { set, base: rest, spec, ifExists } : undefined;
}

export function compileClause(operator: string, key: string, values: readonly string[], variables: boolean): ConditionClause | undefined {
  const parsed = parseOperatorName(operator);
  if (!parsed) return undefined;
  const { spec } = parsed;
  const compiled = values.map((v) => compileValue(spec.family, v, variables));
  return {
    operator,
    key,
    values,
    lowerKey: key.toLowerCase(),
    family: spec.family,
    negated: spec.negated,
    comparison: spec.comparison,
    ifExists: parsed.ifExists,
    set: parsed.set,
    compiled,
  };
}

function compileValue(family: Family, v: string, variables: boolean): Template | number | boolean | Cidr | undefined {
  switch (family) {
    case "String":
    case "StringIgnoreCase":
    case "Binary":
      return compileTemplate(v, variables, false);
    case "StringLike":
    case "Arn":
      return compileTemplate(v, variables, true);
    case "Numeric":
      return parseNumber(v);
    case "Date":
      return parseAwsDate(v);
    case "Bool":
    case "Null": {
      const l = v.toLowerCase();
      return l === "true" ? true : l === "false" ? false : undefined;
    }
    case "Ip":
      return parseCidr(v);
  }
}

function parseNumber(s: string): number {
  const t = s.trim();
  return t === "" ? NaN : Number(t);
}

/** Scratch state of one evaluation: set when a policy variable could not be resolved. */
export interface Unresolved {
  unresolved: boolean;
}

export function evaluateClause(c: ConditionClause, ctx: ConditionContext, scratch: Unresolved): boolean {
  const raw = ctx.get(c.lowerKey);
  const absent = raw === undefined || (Array.isArray(raw) && raw.length === 0);
  if (c.family === "Null") {
    for (const v of c.compiled) if (v === absent) return true;
    return false;
  }
  if (absent) {
    if (c.ifExists || c.set === "ForAllValues") return true;
    if (c.set === "ForAnyValue") return false;
    return c.negated;
  }
  if (!Array.isArray(raw)) return matchOne(c, raw as Exclude<ContextValue, undefined | string[]>, ctx, scratch);
  // A multivalued key without a set operator reads as ForAnyValue for a positive operator; for a negated
  // one, no request value may match any policy value.
  if (c.set === "ForAllValues" || (c.set === "none" && c.negated)) {
    for (const v of raw) if (!matchOne(c, v, ctx, scratch)) return false;
    return true;
  }
  for (const v of raw) if (matchOne(c, v, ctx, scratch)) return true;
  return false;
}

/** Does one request value satisfy the clause (OR over policy values; NOR for a negated operator)? */
function matchOne(c: ConditionClause, v: Exclude<ContextValue, undefined | string[]>, ctx: ConditionContext, scratch: Unresolved): boolean {
  let hit = false;
  for (let i = 0; i < c.compiled.length && !hit; i++) hit = matchValue(c, c.compiled[i], v, ctx, scratch);
  return c.negated ? !hit : hit;
}

function matchValue(
  c: ConditionClause,
  p: Template | number | boolean | Cidr | undefined,
  v: Exclude<ContextValue, undefined | string[]>,
  ctx: ConditionContext,
  scratch: Unresolved,
): boolean {
  switch (c.family) {
    case "String":
    case "Binary":
    case "StringIgnoreCase":
    case "StringLike":
    case "Arn": {
      const text = resolveTemplate(p as Template, (k) => ctx.text(k));
      if (text === undefined) {
        scratch.unresolved = true;
        return false;
      }
      const value = valueText(v);
      if (c.family === "String" || c.family === "Binary") return text === value;
      if (c.family === "StringIgnoreCase") return text.toLowerCase() === value.toLowerCase();
      if (c.family === "StringLike") return globMatch(text, value);
      return value.startsWith("arn:") && arnMatch(text, value);
    }
    case "Numeric": {
      const n = typeof v === "number" ? v : typeof v === "string" ? parseNumber(v) : NaN;
      return compare(n, p as number, c.comparison);
    }
    case "Date": {
      const ms = v instanceof Date ? v.getTime() : typeof v === "number" ? v * 1000 : typeof v === "string" ? parseAwsDate(v) : NaN;
      return compare(ms, p as number, c.comparison);
    }
    case "Bool": {
      const b = typeof v === "boolean" ? v : typeof v === "string" ? (v.toLowerCase() === "true" ? true : v.toLowerCase() === "false" ? false : undefined) : undefined;
      return b !== undefined && b === p;
    }
    case "Ip": {
      if (p === undefined || typeof v !== "string") return false;
      const ip = parseIp(v);
      return ip !== undefined && cidrContains(p as Cidr, ip);
    }
    case "Null":
      return false;
  }
}

function compare(a: number, b: number, cmp: Comparison): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  switch (cmp) {
    case "eq":
      return a === b;
    case "lt":
      return a < b;
    case "le":
      return a <= b;
    case "gt":
      return a > b;
    case "ge":
      return a >= b;
  }
}
