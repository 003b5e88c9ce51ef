// Type constraints: `string`, `list(string)`, `map(object({a = string, b = optional(number, 5)}))`, `any`,
// `tuple([string, number])`, as in a variable's `type` argument (HCL's ext/typeexpr with Terraform's
// optional attributes and defaults).
//
// A constraint is a Type whose object types may mark attributes optional, plus a Defaults tree holding the
// default values of optional attributes. Applying a constraint to a value = fill defaults, then convert.
//
// API:
//   parseTypeConstraint(expr) → { constraint?, diagnostics }      expr is an HCL AST expression
//   applyTypeConstraint(value, constraint) → Value | ConversionError
//   applyDefaults(value, defaults) → Value
//   conversionErrorMessage(err) → string   the message with a path prefix, as Terraform prints nested failures
//   TypeConstraint { type, defaults? }, Defaults { type, values, children }
import { error as errorDiag, type Diagnostic } from "../diag/diagnostic.js";
import type { Expression } from "../hcl/ast.js";
import { convert, ConversionError } from "./convert.js";
import { evaluate } from "./eval.js";
import { BoolType, DynamicType, NumberType, StringType, listOf, mapOf, objectOf, setOf, tupleOf, type Type } from "./types.js";
import { Value } from "./value.js";

export interface Defaults {
  readonly type: Type;
  /** Default values of optional attributes, already converted to the attribute's type. */
  readonly values: ReadonlyMap<string, Value>;
  /** Defaults nested deeper: by attribute name, by tuple index ("0"), or "" for collection elements. */
  readonly children: ReadonlyMap<string, Defaults>;
}

export interface TypeConstraint {
  readonly type: Type;
  readonly defaults?: Defaults;
}

const invalid = "Invalid type specification";

export function parseTypeConstraint(expr: Expression): { constraint?: TypeConstraint; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const r = parse(expr, diags);
  if (!r || diags.some((d) => d.severity === "error")) return { diagnostics: diags };
  return { constraint: r.defaults ? { type: r.type, defaults: r.defaults } : { type: r.type }, diagnostics: diags };
}

interface Parsed {
  type: Type;
  defaults?: Defaults;
  optional?: { default?: Value };
}

function keywordOf(expr: Expression): string | undefined {
  if (expr.kind === "ScopeTraversal" && expr.traversal.length === 1 && expr.traversal[0]!.kind === "Root") return expr.traversal[0]!.name;
  return undefined;
}

function parse(expr: Expression, diags: Diagnostic[]): Parsed | undefined {
  if (expr.kind === "Parenthesis") return parse(expr.expression, diags);
  const kw = keywordOf(expr);
  if (kw !== undefined) {
    switch (kw) {
      case "string":
        return { type: StringType };
      case "number":
        return { type: NumberType };
      case "bool":
        return { type: BoolType };
      case "any":
        return { type: DynamicType };
      case "list":
      case "map":
      case "set":
        diags.push(errorDiag(invalid, `The ${kw} type constructor requires one argument specifying the element type.`, expr.range));
        return undefined;
      case "object":
        diags.push(errorDiag(invalid, "The object type constructor requires one argument specifying the attribute types as a map.", expr.range));
        return undefined;
      case "tuple":
        diags.push(errorDiag(invalid, "The tuple type constructor requires one argument specifying the element types as a list.", expr.range));
        return undefined;
      case "optional":
        diags.push(errorDiag(invalid, `Keyword "optional" is valid only as a modifier for object type attributes.`, expr.range));
        return undefined;
      default:
        diags.push(errorDiag(invalid, `The keyword ${JSON.stringify(kw)} is not a valid type specification.`, expr.range));
        return undefined;
    }
  }
  if (expr.kind !== "FunctionCall") {
    diags.push(
      errorDiag(
        invalid,
        "A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).",
        expr.range,
      ),
    );
    return undefined;
  }
  const name = expr.name;
  const args = expr.args;
  switch (name) {
    case "string":
    case "number":
    case "bool":
    case "any":
      diags.push(errorDiag(invalid, `Primitive type keyword ${JSON.stringify(name)} does not expect arguments.`, expr.range));
      return undefined;
    case "list":
    case "set":
    case "map": {
      if (args.length !== 1) {
        diags.push(errorDiag(invalid, `The ${name} type constructor requires one argument specifying the element type.`, expr.range));
        return undefined;
      }
      const e = parse(args[0]!, diags);
      if (!e) return undefined;
      const type = name === "list" ? listOf(e.type) : name === "set" ? setOf(e.type) : mapOf(e.type);
      return e.defaults ? { type, defaults: { type, values: new Map(), children: new Map([["", e.defaults]]) } } : { type };
    }
    case "tuple": {
      const list = args[0];
      if (args.length !== 1 || !list || list.kind !== "Tuple") {
        diags.push(errorDiag(invalid, "The tuple type constructor requires one argument specifying the element types as a list.", expr.range));
        return undefined;
      }
      const elems: Type[] = [];
      const children = new Map<string, Defaults>();
      for (let i = 0; i < list.exprs.length; i++) {
        const e = parse(list.exprs[i]!, diags);
        if (!e) return undefined;
        elems.push(e.type);
        if (e.defaults) children.set(String(i), e.defaults);
      }
      const type = tupleOf(elems);
      return children.size ? { type, defaults: { type, values: new Map(), children } } : { type };
    }
    case "object": {
      const map = args[0];
      if (args.length !== 1 || !map || map.kind !== "Object") {
        diags.push(errorDiag(invalid, "The object type constructor requires one argument specifying the attribute types as a map.", expr.range));
        return undefined;
      }
      const attrs: [string, Type][] = [];
      const optional: string[] = [];
      const values = new Map<string, Value>();
      const children = new Map<string, Defaults>();
      for (const item of map.items) {
        const key = keywordOf(item.key.wrapped) ?? stringLiteral(item.key.wrapped);
        if (key === undefined || item.key.forceNonLiteral) {
          diags.push(errorDiag(invalid, "Object constructor map keys must be attribute names.", item.key.range));
          return undefined;
        }
        const v = item.value;
        if (v.kind === "FunctionCall" && v.name === "optional") {
          if (v.args.length < 1 || v.args.length > 2) {
            diags.push(
              errorDiag(invalid, "Optional attribute modifier expects at most two arguments: the attribute type, and a default value.", v.range),
            );
            return undefined;
          }
          const at = parse(v.args[0]!, diags);
          if (!at) return undefined;
          attrs.push([key, at.type]);
          optional.push(key);
          if (at.defaults) children.set(key, at.defaults);
          if (v.args.length === 2) {
            const dv = evaluate(v.args[1]!);
            if (dv.diagnostics.some((d) => d.severity === "error")) {
              diags.push(...dv.diagnostics);
              return undefined;
            }
            const withDefaults = at.defaults ? applyDefaults(dv.value, at.defaults) : dv.value;
            const c = convert(withDefaults, at.type);
            if (c instanceof ConversionError) {
              diags.push(
                errorDiag(
                  "Invalid default value for optional attribute",
                  `This default value is not compatible with the attribute's type constraint: ${conversionErrorMessage(c)}.`,
                  v.args[1]!.range,
                ),
              );
              return undefined;
            }
            values.set(key, c);
          }
          continue;
        }
        const at = parse(v, diags);
        if (!at) return undefined;
        attrs.push([key, at.type]);
        if (at.defaults) children.set(key, at.defaults);
      }
      const type = objectOf(attrs, optional);
      return values.size || children.size ? { type, defaults: { type, values, children } } : { type };
    }
    case "optional":
      diags.push(errorDiag(invalid, `Keyword "optional" is valid only as a modifier for object type attributes.`, expr.range));
      return undefined;
    default:
      diags.push(errorDiag(invalid, `Keyword ${JSON.stringify(name)} is not a valid type constructor.`, expr.nameRange));
      return undefined;
  }
}

function stringLiteral(expr: Expression): string | undefined {
  if (expr.kind === "TemplateExpr" && expr.parts.length === 1 && expr.parts[0]!.kind === "LiteralValue" && expr.parts[0]!.value.type === "string") {
    return expr.parts[0]!.value.value;
  }
  return undefined;
}

/** HCL's Defaults.Apply: fill null or missing optional attributes with their defaults, at every depth. */
export function applyDefaults(v: Value, d: Defaults): Value {
  if (!v.isKnown() || v.isNull()) return v;
  if (d.values.size === 0 && d.children.size === 0) return v;
  const [u, marks] = v.unmark();
  const k = u.type.kind;
  const childFor = (key: string | number): Defaults | undefined => {
    const dk = d.type.kind;
    if (dk === "map" || dk === "set" || dk === "list") return d.children.get("");
    if (dk === "tuple" || dk === "object") return d.children.get(String(key));
    return undefined;
  };
  if (k === "list" || k === "set" || k === "tuple") {
    const elems = u.elements().map((e, i) => {
      const c = childFor(i);
      return c ? applyDefaults(e, c) : e;
    });
    if (k === "tuple") return Value.tuple(elems).markWith(marks);
    return (k === "set" ? Value.set(elems) : Value.list(elems, elems.length ? undefined : u.type.kind === "list" ? u.type.elem : undefined)).markWith(marks);
  }
  if (k === "object" || k === "map") {
    const out = new Map<string, Value>();
    for (const [key, e] of u.entries()) {
      const c = childFor(key);
      out.set(key, c ? applyDefaults(e, c) : e);
    }
    for (const [key, dv] of d.values) {
      const cur = out.get(key);
      if (!cur || cur.isNull()) {
        const c = d.children.get(key);
        out.set(key, c ? applyDefaults(dv, c) : dv);
      }
    }
    if (k === "map") {
      const conv = convert(Value.object(out), u.type);
      return (conv instanceof ConversionError ? Value.object(out) : conv).markWith(marks);
    }
    return Value.object(out).markWith(marks);
  }
  return v;
}

export function applyTypeConstraint(v: Value, c: TypeConstraint): Value | ConversionError {
  const withDefaults = c.defaults ? applyDefaults(v, c.defaults) : v;
  return convert(withDefaults, c.type);
}

/** tfdiags.FormatError for conversion errors: the path to the failing part (".a[0]"), then the message. */
export function conversionErrorMessage(e: ConversionError): string {
  if (e.path.length === 0) return e.message;
  let p = "";
  for (const step of e.path) p += "attr" in step ? `.${step.attr}` : typeof step.index === "number" ? `[${step.index}]` : `[${JSON.stringify(step.index)}]`;
  return `${p}: ${e.message}`;
}
