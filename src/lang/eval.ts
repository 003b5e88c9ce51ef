// Expression evaluation over the HCL syntax tree (src/hcl/ast.ts), with hclsyntax's and cty's semantics.
//
// evaluate(expr, scope) never throws on user input: it returns a Value and diagnostics. When a part of an
// expression fails, the failing part evaluates to an unknown value so that evaluation goes on, and only the
// root cause is reported. Unknown values propagate through every operation; marks (sensitive) too.
//
// A Scope supplies what names mean: `variables` for plain root names (HCL's EvalContext.Variables, e.g.
// "var" → object of input variables, "local", "each", "count", "path"), or a `resolveTraversal` hook that
// the config layer uses to give Terraform's own reference diagnostics ("Reference to undeclared input
// variable" with suggestions). Functions come from the built-in registry unless the scope gives others.
// try() and can() receive unevaluated expressions (tryCall / canCall below).
//
// API:
//   evaluate(expr, scope) → { value, diagnostics }
//   evaluateTemplateString(text, scope, name?) → { value, diagnostics }   parse + evaluate a template
//   getAttr(v, name, range) / indexValue(coll, key, range)                 traversal steps, as HCL does them
//   Scope, childScope(scope, bindings)
import { error as errorDiag, type Diagnostic, type ExpressionValue, type FunctionCallInfo } from "../diag/diagnostic.js";
import { expressionValues, type ExpressionValueCause } from "./expression-values.js";
import type {
  AnonSymbolExpr,
  BinaryOperator,
  ConditionalExpr,
  Expression,
  ForExpr,
  FunctionCallExpr,
  Literal,
  ObjectConsKeyExpr,
  SplatExpr,
  Traverser,
} from "../hcl/ast.js";
import { parseTemplate } from "../hcl/index.js";
import { positionOf, type Range } from "../hcl/source.js";
import { convert, ConversionError } from "./convert.js";
import {
  builtinFunctions,
  callFunction,
  isFailure,
  registerFunction,
  suggestFunction,
  FunctionError,
  type CallContext,
  type FunctionSpec,
} from "./functions/index.js";
import { readConfigFile } from "./functions/filesystem.js";
import { BigFloat, NaNError } from "./number.js";
import { BoolType, DynamicType, NumberType, StringType, friendlyName, type Type } from "./types.js";
import { unify } from "./unify.js";
import { NullDynamic, UnknownDynamic, Value } from "./value.js";

export interface Scope {
  /** Root names and their values. */
  readonly variables?: ReadonlyMap<string, Value>;
  /**
   * Resolves a reference when the caller owns reference semantics (Terraform's var./local./resource
   * references): returns the value of the first `consumed` steps (default 1, the root alone); the evaluator
   * applies the remaining steps. Return undefined to fall back to `variables`.
   */
  readonly resolveTraversal?: (
    traversal: readonly Traverser[],
    range: Range,
  ) => { value: Value; diagnostics: Diagnostic[]; consumed?: number } | undefined;
  readonly functions?: ReadonlyMap<string, FunctionSpec>;
  readonly callContext?: CallContext;
  readonly parent?: Scope;
  /** Values of splat items currently being evaluated. */
  readonly anon?: ReadonlyMap<AnonSymbolExpr, Value>;
}

export interface EvalResult {
  readonly value: Value;
  readonly diagnostics: Diagnostic[];
}

export function childScope(parent: Scope, bindings: Iterable<[string, Value]>, anon?: Map<AnonSymbolExpr, Value>): Scope {
  return { variables: new Map(bindings), parent, ...(anon ? { anon } : {}) };
}

export function evaluate(expr: Expression, scope: Scope = {}): EvalResult {
  const diags: Diagnostic[] = [];
  const value = new Evaluator(diags).eval(expr, scope);
  return { value, diagnostics: diags };
}

/** Parses `text` as a template and evaluates it (templatefile, templatestring, .tf.json strings). */
/**
 * The values under a diagnostic's snippet for `expr` in `scope`, for a diagnostic raised outside the evaluator
 * (for_each's "Invalid for_each argument"); a `cause` shows the unknown or sensitive values too.
 */
export function describeExpression(expr: Expression, scope: Scope, cause?: ExpressionValueCause): ExpressionValue[] {
  return expressionValues(
    expr,
    (t) => {
      const d: Diagnostic[] = [];
      const v = new Evaluator(d, true).eval({ kind: "ScopeTraversal", traversal: t, range: expr.range }, scope);
      return d.some((x) => x.severity === "error") ? undefined : v;
    },
    cause,
  );
}

export function evaluateTemplateString(text: string, scope: Scope, name = "<template>"): EvalResult {
  const parsed = parseTemplate(text, name);
  if (parsed.diagnostics.some((d) => d.severity === "error")) return { value: Value.unknown(StringType), diagnostics: parsed.diagnostics };
  return evaluate(parsed.expr, scope);
}

function lookupVariable(scope: Scope, name: string): Value | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const v = s.variables?.get(name);
    if (v) return v;
  }
  return undefined;
}

function lookupAnon(scope: Scope, sym: AnonSymbolExpr): Value | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const v = s.anon?.get(sym);
    if (v) return v;
  }
  return undefined;
}

function functionsOf(scope: Scope): ReadonlyMap<string, FunctionSpec> {
  for (let s: Scope | undefined = scope; s; s = s.parent) if (s.functions) return s.functions;
  return builtinFunctions;
}

function callContextOf(scope: Scope): CallContext | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) if (s.callContext) return s.callContext;
  return undefined;
}

export function literalValue(l: Literal): Value {
  switch (l.type) {
    case "string":
      return Value.string(l.value);
    case "number":
      return Value.number(BigFloat.parse(l.text) ?? BigFloat.fromFloat64(l.value));
    case "bool":
      return Value.bool(l.value);
    case "null":
      return NullDynamic;
    default:
      return UnknownDynamic;
  }
}

/** Diagnostics that already carry their expression's values (or were found to have none). */
const attributed = new WeakSet<Diagnostic>();

/** The expressions directly inside `expr`. */
function directChildren(expr: Expression): Expression[] {
  const out: Expression[] = [];
  for (const [k, v] of Object.entries(expr)) {
    // Traversal steps have a kind and a range too, but are not expressions.
    if (k === "kind" || k === "traversal" || /range$/i.test(k)) continue;
    for (const c of Array.isArray(v) ? v : [v]) {
      if (typeof c === "object" && c !== null && typeof (c as { kind?: unknown }).kind === "string" && "range" in c) out.push(c as Expression);
    }
  }
  return out;
}

class Evaluator {
  /** `describing`: evaluating a reference only to show its value, so its own errors need no values. */
  constructor(
    private readonly diags: Diagnostic[],
    private readonly describing = false,
  ) {}

  private fail(summary: string, detail: string, subject: Range, context?: Range): void {
    this.diags.push(errorDiag(summary, detail, subject, context ? { context } : undefined));
  }

  /** Evaluates in isolation, so a caller (try, can, conditionals) can inspect the diagnostics. */
  private sub(expr: Expression, scope: Scope): EvalResult {
    const d: Diagnostic[] = [];
    const v = new Evaluator(d).eval(expr, scope);
    return { value: v, diagnostics: d };
  }

  eval(expr: Expression, scope: Scope): Value {
    const before = this.diags.length;
    const v = this.evalNode(expr, scope);
    if (this.diags.length > before && !this.describing) this.attachValues(expr, scope, before);
    return v;
  }

  /**
   * HCL's Expression/EvalContext on a diagnostic: the innermost expression that reported it (or the direct
   * operand it is about, as HCL reports operand and condition errors) gives the values shown under the
   * snippet. Diagnostics about other places (a referenced local's own) are left alone.
   */
  private attachValues(expr: Expression, scope: Scope, from: number): void {
    for (let i = from; i < this.diags.length; i++) {
      const d = this.diags[i]!;
      const s = d.subject;
      if (attributed.has(d) || !s || s.file !== expr.range.file || s.start < expr.range.start || s.end > expr.range.end) continue;
      let target: Expression = expr;
      if (expr.kind !== "FunctionCall") {
        const child = directChildren(expr).find((c) => c.range.start === s.start && c.range.end === s.end);
        if (child) target = child;
      }
      const values = describeExpression(target, scope);
      let functionCall: FunctionCallInfo | undefined;
      if (target.kind === "FunctionCall") {
        const spec = functionsOf(scope).get(target.name);
        if (spec) functionCall = { calledAs: target.name, params: spec.params.map((p) => p.name), ...(spec.varParam ? { variadicParam: spec.varParam.name } : {}) };
      }
      const next: Diagnostic = { ...d, ...(values.length ? { values } : {}), ...(functionCall ? { functionCall } : {}) };
      attributed.add(next);
      this.diags[i] = next;
    }
  }

  private evalNode(expr: Expression, scope: Scope): Value {
    switch (expr.kind) {
      case "LiteralValue":
        return literalValue(expr.value);
      case "TemplateWrap":
        return this.eval(expr.wrapped, scope);
      case "Parenthesis":
        return this.eval(expr.expression, scope);
      case "TemplateExpr":
        return this.template(expr.parts, scope);
      case "TemplateJoin":
        return this.templateJoin(expr.tuple, expr.range, scope);
      case "ScopeTraversal":
        return this.scopeTraversal(expr.traversal, expr.range, scope);
      case "RelativeTraversal": {
        let v = this.eval(expr.source, scope);
        for (const step of expr.traversal) v = this.step(v, step);
        return v;
      }
      case "FunctionCall":
        return this.call(expr, scope);
      case "Conditional":
        return this.conditional(expr, scope);
      case "BinaryOp":
        return this.binary(expr.op, expr.lhs, expr.rhs, expr.range, scope);
      case "UnaryOp": {
        const v = this.eval(expr.operand, scope);
        if (expr.op === "!") return this.operate("!", [v], [expr.operand.range], expr.range);
        return this.operate("neg", [v], [expr.operand.range], expr.range);
      }
      case "Tuple":
        return Value.tuple(expr.exprs.map((e) => this.eval(e, scope)));
      case "Object":
        return this.object(expr.items, scope);
      case "ObjectConsKey":
        return this.objectKey(expr, scope);
      case "ForExpr":
        return this.forExpr(expr, scope);
      case "Index": {
        const coll = this.eval(expr.collection, scope);
        const key = this.eval(expr.key, scope);
        return this.index(coll, key, expr.bracketRange);
      }
      case "Splat":
        return this.splat(expr, scope);
      case "AnonSymbol":
        return lookupAnon(scope, expr) ?? UnknownDynamic;
      case "Error":
        return UnknownDynamic;
    }
  }

  private template(parts: readonly Expression[], scope: Scope): Value {
    let out = "";
    let unknown = false;
    const marks = new Set<string>();
    for (const p of parts) {
      const v = this.eval(p, scope);
      for (const m of v.deepMarks()) marks.add(m);
      const [u] = v.unmarkDeep();
      if (u.isNull()) {
        this.fail(
          "Invalid template interpolation value",
          "The expression result is null. Cannot include a null value in a string template.",
          p.range,
        );
        unknown = true;
        continue;
      }
      if (!u.isKnown()) {
        unknown = true;
        continue;
      }
      const s = convert(u, StringType);
      if (s instanceof ConversionError) {
        this.fail("Invalid template interpolation value", `Cannot include the given value in a string template: ${s.message}.`, p.range);
        unknown = true;
        continue;
      }
      if (!s.isKnown()) unknown = true;
      else out += s.asString();
    }
    return (unknown ? Value.unknown(StringType) : Value.string(out)).markWith(marks);
  }

  private templateJoin(tuple: ForExpr, range: Range, scope: Scope): Value {
    const v = this.eval(tuple, scope);
    if (!v.isKnown()) return Value.unknown(StringType).withMarksOf(v);
    let out = "";
    let unknown = false;
    const marks = new Set(v.marks);
    for (const e of v.elements()) {
      for (const m of e.deepMarks()) marks.add(m);
      const [u] = e.unmarkDeep();
      if (u.isNull()) {
        this.fail("Invalid template interpolation value", "An iteration result is null. Cannot include a null value in a string template.", range);
        return Value.unknown(StringType);
      }
      if (!u.isKnown()) {
        unknown = true;
        continue;
      }
      const s = convert(u, StringType);
      if (s instanceof ConversionError) {
        this.fail("Invalid template interpolation value", `Cannot include one of the interpolation results into the string template: ${s.message}.`, range);
        return Value.unknown(StringType);
      }
      out += s.asString();
    }
    return (unknown ? Value.unknown(StringType) : Value.string(out)).markWith(marks);
  }

  private scopeTraversal(traversal: readonly Traverser[], range: Range, scope: Scope): Value {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (!s.resolveTraversal) continue;
      const root = traversal[0]!;
      // Names bound by for expressions shadow the caller's references.
      if (root.kind === "Root" && lookupVariable(scope, root.name)) break;
      const r = s.resolveTraversal(traversal, range);
      if (r) {
        this.diags.push(...r.diagnostics);
        if (r.diagnostics.some((d) => d.severity === "error")) return UnknownDynamic;
        let cur = r.value;
        for (const step of traversal.slice(r.consumed ?? 1)) cur = this.step(cur, step);
        return cur;
      }
      break;
    }
    const root = traversal[0]!;
    const name = root.kind === "Root" ? root.name : "";
    const v = lookupVariable(scope, name);
    if (!v) {
      const known: string[] = [];
      for (let s: Scope | undefined = scope; s; s = s.parent) if (s.variables) known.push(...s.variables.keys());
      const suggestion = closest(name, known);
      this.fail(
        "Unknown variable",
        `There is no variable named ${JSON.stringify(name)}.${suggestion ? ` Did you mean ${JSON.stringify(suggestion)}?` : ""}`,
        root.range,
      );
      return UnknownDynamic;
    }
    let cur = v;
    for (const step of traversal.slice(1)) cur = this.step(cur, step);
    return cur;
  }

  private step(v: Value, step: Traverser): Value {
    if (step.kind === "Attr") return this.attr(v, step.name, step.range);
    if (step.kind === "Index") return this.index(v, literalValue(step.key), step.range);
    return v;
  }

  attr(v: Value, name: string, range: Range): Value {
    const r = getAttr(v, name, range);
    if (r instanceof Value) return r;
    this.diags.push(r);
    return UnknownDynamic;
  }

  index(coll: Value, key: Value, range: Range): Value {
    const r = indexValue(coll, key, range);
    if (r instanceof Value) return r;
    this.diags.push(r);
    return UnknownDynamic;
  }

  private call(expr: FunctionCallExpr, scope: Scope): Value {
    const fns = functionsOf(scope);
    // Built-in functions can also be called in the "core::" namespace.
    const spec = fns.get(expr.name.startsWith("core::") ? expr.name.slice(6) : expr.name);
    if (!spec) {
      const ns = /^provider::([^:]+)::(.+)$/.exec(expr.name);
      if (ns) {
        this.fail(
          "Unknown provider function",
          `There is no function named ${JSON.stringify(expr.name)}. Ensure that provider name ${JSON.stringify(ns[1])} is declared in this module's required_providers block, and that this provider offers a function named ${JSON.stringify(ns[2])}.`,
          expr.nameRange,
          expr.range,
        );
        return UnknownDynamic;
      }
      const other = /^([^:]+)::/.exec(expr.name);
      if (other) {
        this.fail(
          "Unknown provider function",
          `The function namespace ${JSON.stringify(other[1])} is not valid. Provider function calls must use the "provider::" namespace prefix.`,
          expr.nameRange,
          expr.range,
        );
        return UnknownDynamic;
      }
      const s = suggestFunction(expr.name);
      this.fail(
        "Call to unknown function",
        `There is no function named ${JSON.stringify(expr.name)}.${s ? ` Did you mean ${JSON.stringify(s)}?` : ""}`,
        expr.nameRange,
        expr.range,
      );
      return UnknownDynamic;
    }
    if (spec.lazy) {
      if (spec.name === "try") return this.tryCall(expr, scope);
      if (spec.name === "can") return this.canCall(expr, scope);
      if (spec.name === "templatestring") return this.templateStringCall(expr, scope);
    }

    const args: Value[] = [];
    const ranges: Range[] = [];
    let failed = false;
    for (let i = 0; i < expr.args.length; i++) {
      const a = expr.args[i]!;
      const before = this.diags.length;
      const v = this.eval(a, scope);
      if (this.diags.length > before) failed = true;
      if (expr.expandFinal && i === expr.args.length - 1) {
        const [u, marks] = v.unmark();
        if (u.isNull()) {
          this.fail("Invalid expanding argument value", "The expanding argument (indicated by ...) must not be null.", a.range, expr.range);
          return UnknownDynamic;
        }
        if (!u.isKnown()) return UnknownDynamic;
        const k = u.type.kind;
        if (k !== "list" && k !== "set" && k !== "tuple") {
          this.fail("Invalid expanding argument value", "The expanding argument (indicated by ...) must be of a tuple, list, or set type.", a.range, expr.range);
          return UnknownDynamic;
        }
        for (const e of u.elements()) {
          args.push(e.markWith(marks));
          ranges.push(a.range);
        }
      } else {
        args.push(v);
        ranges.push(a.range);
      }
    }
    if (failed) return UnknownDynamic;
    const ctx = callContextOf(scope);
    let r;
    try {
      r = callFunction(spec, args, ctx);
    } catch (e) {
      if (e instanceof NaNError) {
        this.fail("Error in function call", `Call to function ${JSON.stringify(spec.name)} failed: ${e.message}.`, expr.range);
        return UnknownDynamic;
      }
      throw e;
    }
    if (isFailure(r)) {
      const subject =
        r.summary === "Too many function arguments"
          ? (ranges[spec.params.length] ?? expr.range)
          : r.summary === "Not enough function arguments"
            ? expr.closeParenRange
            : r.argIndex !== undefined && ranges[r.argIndex]
              ? ranges[r.argIndex]!
              : expr.range;
      this.fail(r.summary, r.detail, subject, expr.range);
      return UnknownDynamic;
    }
    return r;
  }

  private tryCall(expr: FunctionCallExpr, scope: Scope): Value {
    if (expr.args.length === 0) {
      this.fail("Error in function call", `Call to function "try" failed: at least one argument is required.`, expr.range);
      return UnknownDynamic;
    }
    const problems: string[] = [];
    for (const a of expr.args) {
      const r = this.sub(a, scope);
      if (r.diagnostics.some((d) => d.severity === "error")) {
        for (const d of r.diagnostics) problems.push(`- ${d.summary}${d.subject ? ` (at ${rangeString(d.subject)})` : ""}\n  ${d.detail ?? ""}`);
        continue;
      }
      // An unknown result might yet fail once known, so the whole try is unknown.
      if (!r.value.isWhollyKnown()) return UnknownDynamic;
      return r.value;
    }
    this.fail(
      "Error in function call",
      `Call to function "try" failed: no expression succeeded:\n${problems.join("\n")}\n\nAt least one expression must produce a successful result.`,
      expr.range,
    );
    return UnknownDynamic;
  }

  /**
   * templatestring(template, vars): the template must come from elsewhere (a reference), never a literal,
   * so that its ${...} are not already interpolated by the caller's own template.
   */
  private templateStringCall(expr: FunctionCallExpr, scope: Scope): Value {
    if (expr.args.length !== 2) {
      this.fail(
        expr.args.length < 2 ? "Not enough function arguments" : "Too many function arguments",
        expr.args.length < 2
          ? `Function "templatestring" expects 2 argument(s). Missing value for "${expr.args.length === 0 ? "template" : "vars"}".`
          : `Function "templatestring" expects only 2 argument(s).`,
        expr.range,
      );
      return UnknownDynamic;
    }
    const t = expr.args[0]!;
    const invalid = (why: string) => {
      this.fail("Invalid function argument", `Invalid value for "template" parameter: invalid template expression: ${why}.`, t.range, expr.range);
      return UnknownDynamic;
    };
    if (t.kind === "TemplateExpr" || t.kind === "LiteralValue" || t.kind === "TemplateWrap") {
      return invalid(
        "templatestring is only for rendering templates retrieved dynamically from elsewhere, and so does not support providing a literal template; consider using a template string expression instead",
      );
    }
    if (t.kind !== "ScopeTraversal" && t.kind !== "RelativeTraversal" && t.kind !== "Index") {
      return invalid("must be a direct reference to a single string from elsewhere, containing valid Terraform template syntax");
    }
    const before = this.diags.length;
    const tv = this.eval(t, scope);
    const vars = this.eval(expr.args[1]!, scope);
    if (this.diags.length > before) return UnknownDynamic;
    const [tu, tmarks] = tv.unmark();
    const [vu, vmarks] = vars.unmark();
    if (!tu.isKnown() || !vu.isWhollyKnown()) return Value.unknown(StringType).markWith([...tmarks, ...vmarks]);
    const ts = convert(tu, StringType);
    if (ts instanceof ConversionError || ts.isNull()) {
      this.fail("Invalid function argument", `Invalid value for "template" parameter: ${ts instanceof ConversionError ? "invalid template value: a string is required" : "argument must not be null"}.`, t.range, expr.range);
      return UnknownDynamic;
    }
    if (vu.isNull() || (vu.type.kind !== "map" && vu.type.kind !== "object")) {
      this.fail("Invalid function argument", `Invalid value for "vars" parameter: ${vu.isNull() ? "argument must not be null" : "invalid vars value: must be a map"}.`, expr.args[1]!.range, expr.range);
      return UnknownDynamic;
    }
    const r = renderTemplate(ts.asString(), "<templatestring argument>", vu, { functions: functionsOf(scope), callContext: callContextOf(scope) ?? { baseDir: process.cwd() } });
    if (r instanceof FunctionError) {
      if (r.argIndex === 1) this.fail("Invalid function argument", `Invalid value for "vars" parameter: ${r.message}.`, expr.args[1]!.range, expr.range);
      else this.fail("Error in function call", `Call to function "templatestring" failed: ${r.message}.`, expr.range);
      return UnknownDynamic;
    }
    return r.markWith([...tmarks, ...vmarks]);
  }

  private canCall(expr: FunctionCallExpr, scope: Scope): Value {
    if (expr.args.length !== 1) {
      this.fail(
        expr.args.length === 0 ? "Not enough function arguments" : "Too many function arguments",
        expr.args.length === 0 ? `Function "can" expects 1 argument(s). Missing value for "expression".` : `Function "can" expects only 1 argument(s).`,
        expr.range,
      );
      return UnknownDynamic;
    }
    const r = this.sub(expr.args[0]!, scope);
    if (r.diagnostics.some((d) => d.severity === "error")) return Value.bool(false);
    if (!r.value.isWhollyKnown()) return Value.unknown(BoolType);
    return Value.bool(true);
  }

  private conditional(expr: ConditionalExpr, scope: Scope): Value {
    const before = this.diags.length;
    const cond = this.eval(expr.condition, scope);
    const t = this.eval(expr.trueResult, scope);
    const f = this.eval(expr.falseResult, scope);
    if (this.diags.length > before) return UnknownDynamic;
    let resultType = unify([t.type, f.type], true);
    if (!resultType) {
      this.fail(
        "Inconsistent conditional result types",
        `The true and false result expressions must have consistent types. ${describeMismatch(t.type, f.type)}.`,
        expr.range,
      );
      return UnknownDynamic;
    }
    const [c, cmarks] = cond.unmark();
    if (c.isNull()) {
      this.fail("Null condition", "The condition value is null. Conditions must either be true or false.", expr.condition.range, expr.range);
      return UnknownDynamic;
    }
    const cb = convert(c, BoolType);
    if (cb instanceof ConversionError) {
      this.fail("Incorrect condition type", "The condition expression must be of type bool.", expr.condition.range, expr.range);
      return UnknownDynamic;
    }
    if (!cb.isKnown()) return Value.unknown(resultType).markWith(cmarks);
    const chosen = cb.asBool() ? t : f;
    const c2 = convert(chosen, resultType);
    if (c2 instanceof ConversionError) {
      const which = cb.asBool() ? "true" : "false";
      this.fail(
        `Inconsistent conditional result types`,
        `The ${which} result value has the wrong type: ${c2.message}.`,
        (cb.asBool() ? expr.trueResult : expr.falseResult).range,
        expr.range,
      );
      return UnknownDynamic;
    }
    if (resultType.kind === "dynamic") resultType = c2.type;
    return c2.markWith(cmarks);
  }

  private binary(op: BinaryOperator, lhsExpr: Expression, rhsExpr: Expression, range: Range, scope: Scope): Value {
    const before = this.diags.length;
    const lhs = this.eval(lhsExpr, scope);
    const rhs = this.eval(rhsExpr, scope);
    if (this.diags.length > before) return UnknownDynamic;
    return this.operate(op, [lhs, rhs], [lhsExpr.range, rhsExpr.range], range);
  }

  /** One operator, with cty stdlib's parameter conversions and null/unknown/mark rules. */
  private operate(op: BinaryOperator | "!" | "neg", args: Value[], ranges: Range[], range: Range): Value {
    const marks = new Set<string>();
    for (const a of args) for (const m of a.marks) marks.add(m);
    const unmarked = args.map((a) => a.unmark()[0]);
    if (op === "==" || op === "!=") {
      // Marks inside compared collections mark the answer too.
      for (const a of unmarked) for (const m of a.deepMarks()) marks.add(m);
      const eq = unmarked[0]!.equals(unmarked[1]!);
      const r = !eq.isKnown() ? eq : op === "==" ? eq : Value.bool(!eq.asBool());
      return r.markWith(marks);
    }
    const paramType: Type = op === "&&" || op === "||" || op === "!" ? BoolType : NumberType;
    const resultType: Type = op === "+" || op === "-" || op === "*" || op === "/" || op === "%" || op === "neg" ? NumberType : BoolType;
    const conv: Value[] = [];
    let bad = false;
    for (let i = 0; i < unmarked.length; i++) {
      const c = convert(unmarked[i]!, paramType);
      if (c instanceof ConversionError) {
        const side = unmarked.length === 1 ? "operand" : i === 0 ? "left operand" : "right operand";
        this.fail("Invalid operand", `Unsuitable value for ${side}: ${c.message}.`, ranges[i]!, range);
        bad = true;
        continue;
      }
      conv.push(c);
    }
    if (bad) return Value.unknown(resultType);
    // && and || are decided by one known operand even when the other is unknown.
    if (op === "&&" || op === "||") {
      const stop = op === "||";
      for (const c of conv) if (c.isKnown() && !c.isNull() && c.asBool() === stop) return Value.bool(stop).markWith(marks);
    }
    if (conv.some((c) => !c.isKnown())) return Value.unknown(resultType).markWith(marks);
    if (conv.some((c) => c.isNull())) {
      this.fail("Operation failed", "Error during operation: argument must not be null.", range);
      return Value.unknown(resultType);
    }
    try {
      return operation(op, conv).markWith(marks);
    } catch (e) {
      if (e instanceof NaNError) {
        this.fail("Operation failed", `Error during operation: ${e.message}.`, range);
        return Value.unknown(resultType);
      }
      throw e;
    }
  }

  private object(items: readonly { key: ObjectConsKeyExpr; value: Expression }[], scope: Scope): Value {
    const attrs = new Map<string, Value>();
    const marks = new Set<string>();
    let unknown = false;
    for (const it of items) {
      const before = this.diags.length;
      const k = this.objectKey(it.key, scope);
      const v = this.eval(it.value, scope);
      if (this.diags.length > before) {
        unknown = true;
        continue;
      }
      const [ku, km] = k.unmark();
      for (const m of km) marks.add(m);
      if (ku.isNull()) {
        this.fail("Null value as key", "Can't use a null value as a key.", it.key.range);
        unknown = true;
        continue;
      }
      const ks = convert(ku, StringType);
      if (ks instanceof ConversionError) {
        this.fail("Incorrect key type", `Can't use this value as a key: ${ks.message}.`, it.key.range);
        unknown = true;
        continue;
      }
      if (!ks.isKnown()) {
        unknown = true;
        continue;
      }
      attrs.set(ks.asString(), v);
    }
    if (unknown) return UnknownDynamic;
    return Value.object(attrs).markWith(marks);
  }

  private objectKey(key: ObjectConsKeyExpr, scope: Scope): Value {
    const w = key.wrapped;
    if (!key.forceNonLiteral && w.kind === "ScopeTraversal" && w.traversal.length === 1 && w.traversal[0]!.kind === "Root") {
      return Value.string(w.traversal[0]!.name);
    }
    return this.eval(w, scope);
  }

  private forExpr(expr: ForExpr, scope: Scope): Value {
    const before = this.diags.length;
    const coll = this.eval(expr.collExpr, scope);
    if (this.diags.length > before) return UnknownDynamic;
    const [c, cmarks] = coll.unmark();
    if (c.isNull()) {
      this.fail("Iteration over null value", "A null value cannot be used as the collection in a 'for' expression.", expr.collExpr.range, expr.range);
      return UnknownDynamic;
    }
    const k = c.type.kind;
    if (k !== "list" && k !== "set" && k !== "tuple" && k !== "map" && k !== "object" && k !== "dynamic") {
      this.fail(
        "Iteration over non-iterable value",
        `A value of type ${friendlyName(c.type)} cannot be used as the collection in a 'for' expression.`,
        expr.collExpr.range,
        expr.range,
      );
      return UnknownDynamic;
    }
    if (!c.isKnown()) return UnknownDynamic.markWith(cmarks);
    const pairs: [Value, Value][] =
      k === "map" || k === "object"
        ? [...c.entries()].map(([kk, v]) => [Value.string(kk), v])
        : k === "set"
          ? c.elements().map((v) => [v, v])
          : c.elements().map((v, i) => [Value.number(i), v]);
    const isObject = expr.keyExpr !== undefined;
    const tupleOut: Value[] = [];
    const objOut = new Map<string, Value[]>();
    const marks = new Set(cmarks);
    let unknown = false;
    for (const [kv, vv] of pairs) {
      const bindings: [string, Value][] = [[expr.valVar, vv]];
      if (expr.keyVar) bindings.push([expr.keyVar, kv]);
      const inner = childScope(scope, bindings);
      if (expr.condExpr) {
        const b = this.diags.length;
        const cond = this.eval(expr.condExpr, inner);
        if (this.diags.length > b) return UnknownDynamic;
        const [cu, cm] = cond.unmark();
        for (const m of cm) marks.add(m);
        if (cu.isNull()) {
          this.fail("Condition is null", "The value of the 'if' clause must not be null.", expr.condExpr.range, expr.range);
          return UnknownDynamic;
        }
        const cb = convert(cu, BoolType);
        if (cb instanceof ConversionError) {
          this.fail("Invalid 'for' condition", `The 'if' clause value is invalid: ${cb.message}.`, expr.condExpr.range, expr.range);
          return UnknownDynamic;
        }
        if (!cb.isKnown()) {
          unknown = true;
          continue;
        }
        if (!cb.asBool()) continue;
      }
      const b = this.diags.length;
      if (isObject) {
        const key = this.eval(expr.keyExpr!, inner);
        const val = this.eval(expr.valExpr, inner);
        if (this.diags.length > b) return UnknownDynamic;
        const [ku, km] = key.unmark();
        for (const m of km) marks.add(m);
        if (ku.isNull()) {
          this.fail("Invalid object key", "Key expression in 'for' expression must not produce a null value.", expr.keyExpr!.range, expr.range);
          return UnknownDynamic;
        }
        const ks = convert(ku, StringType);
        if (ks instanceof ConversionError) {
          this.fail("Invalid object key", `The key expression produced an invalid result: ${ks.message}.`, expr.keyExpr!.range, expr.range);
          return UnknownDynamic;
        }
        if (!ks.isKnown()) {
          unknown = true;
          continue;
        }
        const name = ks.asString();
        if (objOut.has(name) && !expr.group) {
          this.fail(
            "Duplicate object key",
            `Two different items produced the key ${JSON.stringify(name)} in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`,
            expr.keyExpr!.range,
            expr.range,
          );
          return UnknownDynamic;
        }
        if (!objOut.has(name)) objOut.set(name, []);
        objOut.get(name)!.push(val);
      } else {
        const val = this.eval(expr.valExpr, inner);
        if (this.diags.length > b) return UnknownDynamic;
        tupleOut.push(val);
      }
    }
    if (unknown) return UnknownDynamic.markWith(marks);
    if (!isObject) return Value.tuple(tupleOut).markWith(marks);
    const attrs: [string, Value][] = [...objOut].map(([kk, vs]) => [kk, expr.group ? Value.tuple(vs) : vs[0]!]);
    return Value.object(attrs).markWith(marks);
  }

  private splat(expr: SplatExpr, scope: Scope): Value {
    const before = this.diags.length;
    const src = this.eval(expr.source, scope);
    if (this.diags.length > before) return UnknownDynamic;
    const [s, marks] = src.unmark();
    const k = s.type.kind;
    const isSeq = k === "list" || k === "set" || k === "tuple";
    if (s.isNull() && isSeq) {
      this.fail("Splat of null value", "Splat expressions (with the * symbol) cannot be applied to null sequences.", expr.source.range);
      return UnknownDynamic;
    }
    if (s.isNull()) return Value.tuple([]).markWith(marks);
    if (!s.isKnown()) {
      return UnknownDynamic.markWith(marks);
    }
    const items = isSeq ? s.elements() : [s];
    const out: Value[] = [];
    for (const item of items) {
      const anon = new Map<AnonSymbolExpr, Value>([[expr.item, item]]);
      const inner: Scope = { parent: scope, anon };
      out.push(this.eval(expr.each, inner));
    }
    if (this.diags.length > before) return UnknownDynamic;
    if (k === "list" || k === "set") {
      if (out.length === 0) return Value.list([], DynamicType).markWith(marks);
      const t = unify(out.map((v) => v.type), true);
      if (t) return Value.list(out.map((v) => convert(v, t) as Value), t).markWith(marks);
    }
    return Value.tuple(out).markWith(marks);
  }
}

/** The arithmetic, comparison and logic of cty's stdlib operator functions. */
function operation(op: BinaryOperator | "!" | "neg", a: Value[]): Value {
  if (op === "!") return Value.bool(!a[0]!.asBool());
  if (op === "neg") return Value.number(a[0]!.asNumber().neg_());
  if (op === "&&") return Value.bool(a[0]!.asBool() && a[1]!.asBool());
  if (op === "||") return Value.bool(a[0]!.asBool() || a[1]!.asBool());
  const x = a[0]!.asNumber();
  const y = a[1]!.asNumber();
  switch (op) {
    case "+":
      return Value.number(x.add(y));
    case "-":
      return Value.number(x.sub(y));
    case "*":
      return Value.number(x.mul(y));
    case "/":
      return Value.number(x.quo(y));
    case "%":
      return Value.number(modulo(x, y));
    case "<":
      return Value.bool(x.cmp(y) < 0);
    case "<=":
      return Value.bool(x.cmp(y) <= 0);
    case ">":
      return Value.bool(x.cmp(y) > 0);
    case ">=":
      return Value.bool(x.cmp(y) >= 0);
    default:
      throw new Error(`unhandled operator ${op}`);
  }
}

/** cty's Modulo: x - y×trunc(x/y), the product and difference rounded at the integer's precision (as Go's SetInt gives). */
function modulo(x: BigFloat, y: BigFloat): BigFloat {
  // cty returns the dividend unchanged for a zero divisor.
  if (y.isZero()) return x;
  if (x.isInf()) throw new NaNError("can't use modulo with zero and infinity");
  if (y.isInf()) return x;
  // Whole numbers that fit a float64 (the usual `count.index % 2`): exact in bigint, sign of the dividend.
  const xi = x.safeInteger();
  const yi = y.safeInteger();
  if (xi !== undefined && yi !== undefined && yi !== 0n) return BigFloat.fromInt(xi % yi);
  const q = x.quo(y).toBigInt();
  const prec = Math.max(64, (q < 0n ? -q : q).toString(2).length);
  const work = BigFloat.fromInt(q, prec);
  return x.sub(y.mul(work, prec), prec);
}

/** hcl.GetAttr: one `.name` step. */
export function getAttr(v: Value, name: string, range: Range): Value | Diagnostic {
  const [u, marks] = v.unmark();
  const t = u.type;
  if (u.isNull()) return errorDiag("Attempt to get attribute from null value", "This value is null, so it does not have any attributes.", range);
  if (t.kind === "dynamic") return UnknownDynamic.markWith(marks);
  if (t.kind === "object") {
    const at = t.attrs.get(name);
    if (!at) return errorDiag("Unsupported attribute", `This object does not have an attribute named ${JSON.stringify(name)}.`, range);
    if (!u.isKnown()) return Value.unknown(at).markWith(marks);
    return u.entries().get(name)!.markWith(marks);
  }
  if (t.kind === "map") {
    if (!u.isKnown()) return Value.unknown(t.elem).markWith(marks);
    const e = u.entries().get(name);
    if (!e) return errorDiag("Missing map element", `This map does not have an element with the key ${JSON.stringify(name)}.`, range);
    return e.markWith(marks);
  }
  if (t.kind === "list" && t.elem.kind === "object") {
    return errorDiag(
      "Unsupported attribute",
      t.elem.attrs.has(name)
        ? `Can't access attributes on a list of objects. Did you mean to access attribute ${JSON.stringify(name)} for a specific element of the list, or across all elements of the list?`
        : "Can't access attributes on a list of objects. Did you mean to access an attribute for a specific element of the list, or across all elements of the list?",
      range,
    );
  }
  if (t.kind === "set" && t.elem.kind === "object") {
    return errorDiag(
      "Unsupported attribute",
      "Can't access attributes on a set of objects. Did you mean to access an attribute across all elements of the set?",
      range,
    );
  }
  if (t.kind === "string" || t.kind === "number" || t.kind === "bool") {
    return errorDiag("Unsupported attribute", `Can't access attributes on a primitive-typed value (${friendlyName(t)}).`, range);
  }
  return errorDiag("Unsupported attribute", "This value does not have any attributes.", range);
}

/** hcl.Index: one `[key]` step. */
export function indexValue(coll: Value, key: Value, range: Range): Value | Diagnostic {
  const [c, cmarks] = coll.unmark();
  const [k, kmarks] = key.unmark();
  const marks = [...cmarks, ...kmarks];
  if (c.isNull()) return errorDiag("Attempt to index null value", "This value is null, so it does not have any indices.", range);
  if (k.isNull()) return errorDiag("Invalid index", "Can't use a null value as an indexing key.", range);
  const t = c.type;
  if (t.kind === "dynamic") return UnknownDynamic.markWith(marks);
  if (t.kind === "list" || t.kind === "tuple") {
    const n = convert(k, NumberType);
    if (n instanceof ConversionError) {
      return errorDiag("Invalid index", `The given key does not identify an element in this collection value: ${n.message}.`, range);
    }
    if (!n.isKnown()) return (t.kind === "list" ? Value.unknown(t.elem) : UnknownDynamic).markWith(marks);
    const bf = n.asNumber();
    if (!c.isKnown()) return (t.kind === "list" ? Value.unknown(t.elem) : UnknownDynamic).markWith(marks);
    const es = c.elements();
    const i = bf.isInt() ? Number(bf.toBigInt()) : -1;
    if (!bf.isInt() || i < 0 || i >= es.length) {
      if (!bf.isInt()) {
        return errorDiag(
          "Invalid index",
          "The given key does not identify an element in this collection value: indexing a sequence requires a whole number, but the given index has a fractional part.",
          range,
        );
      }
      if (bf.sign() < 0) {
        return errorDiag("Invalid index", "The given key does not identify an element in this collection value: a negative number is not a valid index for a sequence.", range);
      }
      // hcl.Index explains only an empty collection and an index just past the end.
      const why = es.length === 0 ? ": the collection has no elements" : i === es.length ? ": the given index is greater than or equal to the length of the collection" : "";
      return errorDiag("Invalid index", `The given key does not identify an element in this collection value${why}.`, range);
    }
    return es[i]!.markWith(marks);
  }
  if (t.kind === "map" || t.kind === "object") {
    const wasNumber = t.kind === "object" && k.type.kind === "number";
    const missing = wasNumber ? " An object only supports looking up attributes by name, not by numeric index." : "";
    const s = convert(k, StringType);
    if (s instanceof ConversionError) {
      return errorDiag("Invalid index", `The given key does not identify an element in this collection value: ${s.message}.`, range);
    }
    if (!s.isKnown()) return (t.kind === "map" ? Value.unknown(t.elem) : UnknownDynamic).markWith(marks);
    if (!c.isKnown()) {
      if (t.kind === "map") return Value.unknown(t.elem).markWith(marks);
      const at = t.attrs.get(s.asString());
      if (!at) return errorDiag("Invalid index", `The given key does not identify an element in this collection value.${missing}`, range);
      return Value.unknown(at).markWith(marks);
    }
    const e = c.entries().get(s.asString());
    if (!e) return errorDiag("Invalid index", `The given key does not identify an element in this collection value.${missing}`, range);
    // hcl.Index reads an object's attribute by the unmarked key: only the object's own marks carry over.
    return e.markWith(t.kind === "object" ? cmarks : marks);
  }
  if (t.kind === "set") {
    return errorDiag(
      "Invalid index",
      "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.",
      range,
    );
  }
  return errorDiag("Invalid index", "This value does not have any indices.", range);
}

/** hcl.Range.String(): "file:line,col-endcol" or "file:line,col-endline,endcol". */
export function rangeString(r: Range): string {
  const a = positionOf(r.file, r.start);
  const b = positionOf(r.file, r.end);
  return a.line === b.line ? `${r.file.name}:${a.line},${a.column}-${b.column}` : `${r.file.name}:${a.line},${a.column}-${b.line},${b.column}`;
}

function describeMismatch(t: Type, f: Type): string {
  if (t.kind !== f.kind) return `The 'true' value is ${friendlyName(t)}, but the 'false' value is ${friendlyName(f)}`;
  return `The 'true' and 'false' values have different types (${friendlyName(t)} and ${friendlyName(f)})`;
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
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

registerFunction({
  name: "templatestring",
  params: [
    { name: "template", type: StringType },
    { name: "vars", type: DynamicType },
  ],
  type: StringType,
  lazy: true,
  impl: () => new FunctionError("templatestring must be evaluated by the expression evaluator"),
});

/** templatefile(path, vars): renders a template file with only `vars` in scope (and the built-in functions). */
registerFunction({
  name: "templatefile",
  params: [
    { name: "path", type: StringType },
    { name: "vars", type: DynamicType },
  ],
  type: DynamicType,
  impl: (a, ctx) => {
    const path = a[0]!.asString();
    const b = readConfigFile(ctx, path);
    if (b instanceof FunctionError) return b;
    const vars = a[1]!;
    if (vars.type.kind !== "map" && vars.type.kind !== "object") return new FunctionError("invalid vars value: must be a map", 1);
    return renderTemplate(b.toString("utf8"), path, vars, { callContext: ctx });
  },
});

/**
 * Terraform's funcs.renderTemplate, shared by templatefile and templatestring: only `vars` are in scope; a
 * reference to a name they lack is blamed on the vars argument; an evaluation error is reported as HCL's
 * diagnostic text ("file:1,2-3: Summary; Detail").
 */
function renderTemplate(text: string, filename: string, vars: Value, base: Pick<Scope, "functions" | "callContext">): Value | FunctionError {
  const bindings = new Map<string, Value>();
  for (const [k, v] of vars.entries()) {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k)) return new FunctionError(`invalid template variable name ${JSON.stringify(k)}: must start with a letter, followed by zero or more letters, digits, and underscores`, 1);
    bindings.set(k, v);
  }
  let missing: FunctionError | undefined;
  const scope: Scope = {
    ...base,
    variables: bindings,
    resolveTraversal: (t, range) => {
      const root = t[0];
      if (root?.kind !== "Root" || bindings.has(root.name)) return undefined;
      missing ??= new FunctionError(`vars map does not contain key ${JSON.stringify(root.name)}, referenced at ${rangeString(range)}`, 1);
      return { value: UnknownDynamic, diagnostics: [] };
    },
  };
  const r = evaluateTemplateString(text, scope, filename);
  if (missing) return missing;
  const err = r.diagnostics.find((d) => d.severity === "error");
  if (err) return new FunctionError(`${err.subject ? `${rangeString(err.subject)}: ` : ""}${err.summary}; ${err.detail ?? ""}`);
  return r.value;
}

