// The native syntax tree an expression of either syntax stands for, so that the evaluator and every walk
// over references (dependency edges, self-references, show -json) work on one shape, as Terraform's engine
// works on hcl.Expression whatever the file's syntax.
//
// HCL's JSON syntax (hcl/json/structure.go) gives a JSON value two readings:
// - as an expression: a string is a template (object keys too), a number, bool or null a literal, an array
//   a tuple, an object an object;
// - in static positions (depends_on, provider, lifecycle.ignore_changes and replace_triggered_by, moved
//   from/to, import to, a variable's type, a module's providers): a string holds native expression syntax,
//   a traversal or a type expression (hcl's AsTraversal/ExprCall, Terraform's
//   hcl2shim.ConvertJSONExpressionToHCL); arrays and objects are containers of such expressions.
import type { Diagnostic } from "../diag/diagnostic.js";
import type * as ast from "../hcl/ast.js";
import { jsonStringExpression, jsonStringTemplate, type JsonString, type JsonValue } from "../hcl/json.js";
import { evaluate, type EvalResult, type Scope } from "../lang/eval.js";
import { DynamicType } from "../lang/types.js";
import { Value } from "../lang/value.js";
import type { Expression } from "./body.js";
import { nativeExpression } from "./native-body.js";

// "literal" is hcl's reading with no evaluation context (Terraform's Value(nil): variable defaults, .tfvars.json,
// show -json's constant values): strings are taken as they are, templates unparsed.
type Mode = "template" | "static" | "literal";

// A JSON value is converted once per reading: the engine asks for the same expression per instance.
// The syntax errors of its templates are kept with the tree, for whoever evaluates it.
interface Converted {
  readonly ast: ast.Expression;
  readonly diagnostics: Diagnostic[];
}
const memos: Record<Mode, WeakMap<JsonValue, Converted>> = { template: new WeakMap(), static: new WeakMap(), literal: new WeakMap() };

/** The native tree `expr` evaluates as: the node itself for native syntax, the JSON value read as an expression. */
export function expressionAst(expr: Expression): ast.Expression {
  return expr.syntax === "native" ? (expr.node as ast.Expression) : jsonAst(expr.node as JsonValue, "template").ast;
}

/**
 * Evaluates an expression of either syntax; a JSON template with a syntax error is unknown, with its errors.
 * With no scope at all, JSON is read as hcl reads it with no evaluation context: strings literally.
 */
export function evaluateExpression(expr: Expression, scope?: Scope): EvalResult {
  if (expr.syntax === "native") return evaluate(expr.node as ast.Expression, scope ?? {});
  const c = jsonAst(expr.node as JsonValue, scope ? "template" : "literal");
  if (c.diagnostics.some((d) => d.severity === "error")) return { value: Value.unknown(DynamicType), diagnostics: c.diagnostics };
  return evaluate(c.ast, scope ?? {});
}

/**
 * An expression in a static position, as a native-syntax expression: JSON strings parsed as native
 * expressions (parse errors go to `diags`); native expressions unchanged.
 */
export function staticExpression(expr: Expression, diags: Diagnostic[]): Expression {
  if (expr.syntax === "native") return expr;
  const c = jsonAst(expr.node as JsonValue, "static");
  diags.push(...c.diagnostics);
  return nativeExpression(c.ast);
}

/** The text of a literal string argument such as a module's `source`: a native quoted string or a JSON string. */
export function literalString(expr: Expression | undefined): string | undefined {
  if (!expr) return undefined;
  if (expr.syntax === "native") return expr.quotedString();
  const v = expr.node as JsonValue;
  return v.kind === "string" ? v.value : undefined;
}

function jsonAst(v: JsonValue, mode: Mode): Converted {
  const memo = memos[mode];
  let out = memo.get(v);
  if (!out) {
    const diagnostics: Diagnostic[] = [];
    out = { ast: convert(v, mode, diagnostics), diagnostics };
    memo.set(v, out);
  }
  return out;
}

function stringAst(s: JsonString, mode: Mode, diags: Diagnostic[]): ast.Expression {
  if (mode === "literal") return { kind: "LiteralValue", value: { type: "string", value: s.value }, range: s.range };
  if (mode === "static") {
    // hcl's AsTraversal/ExprCall: a string that does not parse is no expression at all, which the argument's
    // own check then reports ("A single static variable reference is required", as Terraform says).
    const r = jsonStringExpression(s.range.file, s);
    return r.diagnostics.some((d) => d.severity === "error") ? { kind: "Error", range: s.range } : r.expr;
  }
  const r = jsonStringTemplate(s.range.file, s);
  diags.push(...r.diagnostics);
  return r.expr;
}

function convert(v: JsonValue, mode: Mode, diags: Diagnostic[]): ast.Expression {
  switch (v.kind) {
    case "string":
      return stringAst(v, mode, diags);
    case "number":
      return { kind: "LiteralValue", value: { type: "number", value: Number(v.text), text: v.text }, range: v.range };
    case "bool":
      return { kind: "LiteralValue", value: { type: "bool", value: v.value }, range: v.range };
    case "null":
      return { kind: "LiteralValue", value: { type: "null" }, range: v.range };
    case "invalid":
      return { kind: "Error", range: v.range };
    case "array":
      return { kind: "Tuple", exprs: v.values.map((e) => convert(e, mode, diags)), range: v.range, openRange: v.openRange };
    case "object":
      return {
        kind: "Object",
        items: v.properties.map((p) => {
          // A key is read as its value is: a template (a bare word in static positions, as `aws` in providers).
          const key: JsonString = { kind: "string", value: p.name, range: p.nameRange };
          return {
            key: { kind: "ObjectConsKey", wrapped: stringAst(key, mode, diags), forceNonLiteral: false, range: p.nameRange },
            value: convert(p.value, mode, diags),
          };
        }),
        range: v.range,
        openRange: v.openRange,
      };
  }
}
