// Our syntax tree rendered in the JSON shape of hcl2-parser's parseToObject (tmccombs/hcl2json 0.3 over
// hclsyntax), so the two parsers can be compared file by file. The shape, as that converter makes it:
// - a body is an object: attributes by name; blocks by type, then nested by label, each a list of bodies;
// - literal values as JSON values; a unary - or ! on a literal is evaluated;
// - a string template is rendered back to template text, with literal parts unescaped and each other part
//   as "${<source>}" (a conditional part as %{if}..%{endif}, a for part as %{for}..%{endfor});
// - tuples and objects are converted element by element (object keys that are bare names keep their text);
// - any other expression is "${<its source text>}".
// Errors of the converter (two blocks whose labels collide with an attribute, ...) throw, as hcl2json fails.
import type { Body, ConditionalExpr, Expression, ForExpr, Literal } from "./ast.js";
import type { Range } from "./source.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export function toHcl2Shape(body: Body): JsonObject {
  return convertBody(body);
}

function convertBody(body: Body): JsonObject {
  const out: JsonObject = {};
  for (const block of body.blocks) {
    let target = out;
    let key = block.type;
    for (const label of block.labels) {
      const existing = target[key];
      if (existing !== undefined) {
        if (existing === null || typeof existing !== "object" || Array.isArray(existing)) {
          throw new Error(`Unable to convert Block to JSON: ${block.type}.${block.labels.join(".")}`);
        }
        target = existing;
      } else {
        const fresh: JsonObject = {};
        target[key] = fresh;
        target = fresh;
      }
      key = label;
    }
    const value = convertBody(block.body);
    const current = target[key];
    if (current !== undefined) {
      if (!Array.isArray(current)) throw new Error(`Unable to convert Block to JSON: ${block.type}.${block.labels.join(".")}`);
      current.push(value);
    } else {
      target[key] = [value];
    }
  }
  for (const attr of body.attributes) out[attr.name] = convertExpression(attr.expr);
  return out;
}

function rangeSource(r: Range): string {
  const text = r.file.text;
  // hcl2json includes a ")" that follows the range (older hclsyntax ranges stopped short of it).
  const end = text.charCodeAt(r.end) === 41 ? r.end + 1 : r.end;
  return text.slice(r.start, end);
}

function wrap(expr: Expression): string {
  return "${" + rangeSource(expr.range) + "}";
}

function literalJson(v: Literal): Json {
  switch (v.type) {
    case "string":
    case "number":
    case "bool":
      return v.value;
    case "null":
      return null;
    default:
      throw new Error("unknown value in a converted expression");
  }
}

function convertExpression(expr: Expression): Json {
  switch (expr.kind) {
    case "LiteralValue":
      return literalJson(expr.value);
    case "UnaryOp": {
      if (expr.operand.kind !== "LiteralValue") return wrap(expr);
      const v = expr.operand.value;
      if (expr.op === "-" && v.type === "number") return -v.value;
      if (expr.op === "!" && v.type === "bool") return !v.value;
      throw new Error("invalid operand for a unary operator");
    }
    case "TemplateExpr":
      return convertTemplate(expr.parts);
    case "TemplateWrap":
      return convertExpression(expr.wrapped);
    case "Tuple":
      return expr.exprs.map(convertExpression);
    case "Object": {
      const m: JsonObject = {};
      for (const item of expr.items) m[convertKey(item.key.wrapped)] = convertExpression(item.value);
      return m;
    }
    default:
      return wrap(expr);
  }
}

function convertTemplate(parts: Expression[]): string {
  if (parts.length === 1 && parts[0]!.kind === "LiteralValue") return stringOf(parts[0]!.value);
  let s = "";
  for (const p of parts) s += convertStringPart(p);
  return s;
}

function stringOf(v: Literal): string {
  switch (v.type) {
    case "string":
      return v.value;
    case "number":
      return String(v.value);
    case "bool":
      return v.value ? "true" : "false";
    default:
      throw new Error("a null or unknown value cannot be converted to a string");
  }
}

function convertStringPart(expr: Expression): string {
  switch (expr.kind) {
    case "LiteralValue":
      return stringOf(expr.value);
    case "TemplateExpr":
      return convertTemplate(expr.parts);
    case "TemplateWrap":
      return convertStringPart(expr.wrapped);
    case "Conditional":
      return convertTemplateConditional(expr);
    case "TemplateJoin":
      return convertTemplateFor(expr.tuple);
    default:
      return wrap(expr);
  }
}

function convertKey(key: Expression): string {
  if (key.kind === "ScopeTraversal") return rangeSource(key.range);
  return convertStringPart(key);
}

function convertTemplateConditional(expr: ConditionalExpr): string {
  let s = "%{if " + rangeSource(expr.condition.range) + "}";
  s += convertStringPart(expr.trueResult);
  const f = convertStringPart(expr.falseResult);
  if (f.length > 0) s += "%{else}" + f;
  return s + "%{endif}";
}

function convertTemplateFor(expr: ForExpr): string {
  let s = "%{for ";
  if (expr.keyVar) s += expr.keyVar + ", ";
  s += expr.valVar + " in " + rangeSource(expr.collExpr.range) + "}";
  s += convertStringPart(expr.valExpr);
  return s + "%{endfor}";
}
