// The syntax tree of HCL's native syntax, modelled on hashicorp/hcl's hclsyntax so that its spec and
// evaluation rules apply node for node. Every node has `range` (offsets into its file); nodes whose parts
// a diagnostic may point at carry those ranges too (block type, labels, braces, attribute name, equals,
// function name and parentheses, operator symbols, brackets).
//
// How to evaluate it (hclsyntax's rules, in short):
// - LiteralValue: its `value`; `unknown` is a placeholder the parser left after a syntax error.
// - TemplateExpr: render each part to a string and concatenate. A part can be a LiteralValue string, any
//   expression (an interpolation), a Conditional (from %{if}) or a TemplateJoin (from %{for}).
// - TemplateWrap: "${expr}" alone; its value is `wrapped`'s value unchanged (not converted to string).
// - ScopeTraversal: look up `traversal[0]` (a Root) in scope, then apply each Attr/Index step.
// - RelativeTraversal: evaluate `source`, then apply the steps.
// - FunctionCall: `name` may be namespaced ("provider::aws::arn_parse"); with `expandFinal` the last
//   argument is a list/tuple/set whose elements become separate arguments.
// - Conditional, BinaryOp (op in Terraform's words: "||", "&&", "==", ...), UnaryOp ("!" or "-").
// - Tuple, Object: items in order; an Object key is an ObjectConsKey, which evaluates a bare identifier
//   (`foo = 1`) as the string "foo" unless `forceNonLiteral` (the key was parenthesized: `(foo) = 1`).
// - ForExpr: over `collExpr`, binding `keyVar` (optional) and `valVar`; tuple result unless `keyExpr` is
//   set (then an object; `group` means `...` collects values per key); `condExpr` filters.
// - Index: `collection[key]` when the key is not a literal (literal keys are Index traversal steps).
// - Splat: evaluate `each` once per element of `source`, with `item` (an AnonSymbol) bound to the element.
// - Parenthesis: `expression`'s value; kept so ranges and formatting see the parentheses.
// - TemplateJoin: `tuple` is a ForExpr producing strings; the result is their concatenation.
// - Error: a placeholder for an expression that failed to parse; evaluates to an unknown of any type.
import type { Range } from "./source.js";

export interface Body {
  readonly kind: "Body";
  /** Attributes in source order; when a name is set twice only the first is kept ("Attribute redefined"). */
  readonly attributes: Attribute[];
  readonly blocks: Block[];
  /** Attributes and blocks together, in source order. */
  readonly items: (Attribute | Block)[];
  /** For a block's body, from its "{" to its "}"; for a file, the whole file. */
  range: Range;
  /** Zero-width range at the end of the body (just after "}" for a block). */
  endRange: Range;
}

export interface Attribute {
  readonly kind: "Attribute";
  readonly name: string;
  readonly expr: Expression;
  readonly range: Range;
  readonly nameRange: Range;
  readonly equalsRange: Range;
}

export interface Block {
  readonly kind: "Block";
  readonly type: string;
  readonly labels: string[];
  readonly body: Body;
  readonly range: Range;
  readonly typeRange: Range;
  /** One per label, including the quotes of a quoted label. */
  readonly labelRanges: Range[];
  readonly openBraceRange: Range;
  readonly closeBraceRange: Range;
}

/** A literal's value. Numbers keep their source text, since HCL numbers are arbitrary-precision. */
export type Literal =
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "number"; readonly value: number; readonly text: string }
  | { readonly type: "bool"; readonly value: boolean }
  | { readonly type: "null" }
  | { readonly type: "unknown" };

/** One step of a traversal: the root name, `.name`, or `[literal]` / legacy `.0`. */
export type Traverser =
  | { readonly kind: "Root"; readonly name: string; readonly range: Range }
  | { readonly kind: "Attr"; readonly name: string; readonly range: Range }
  | { readonly kind: "Index"; readonly key: Literal; readonly range: Range };

export type BinaryOperator = "||" | "&&" | "==" | "!=" | ">" | ">=" | "<" | "<=" | "+" | "-" | "*" | "/" | "%";
export type UnaryOperator = "!" | "-";

export interface LiteralValueExpr {
  readonly kind: "LiteralValue";
  readonly value: Literal;
  range: Range;
}

export interface TemplateExpr {
  readonly kind: "TemplateExpr";
  readonly parts: Expression[];
  readonly range: Range;
}

export interface TemplateWrapExpr {
  readonly kind: "TemplateWrap";
  readonly wrapped: Expression;
  readonly range: Range;
}

export interface ScopeTraversalExpr {
  readonly kind: "ScopeTraversal";
  readonly traversal: Traverser[];
  range: Range;
}

export interface RelativeTraversalExpr {
  readonly kind: "RelativeTraversal";
  readonly source: Expression;
  readonly traversal: Traverser[];
  range: Range;
}

export interface FunctionCallExpr {
  readonly kind: "FunctionCall";
  readonly name: string;
  readonly args: Expression[];
  readonly expandFinal: boolean;
  readonly range: Range;
  readonly nameRange: Range;
  readonly openParenRange: Range;
  readonly closeParenRange: Range;
}

export interface ConditionalExpr {
  readonly kind: "Conditional";
  readonly condition: Expression;
  readonly trueResult: Expression;
  readonly falseResult: Expression;
  readonly range: Range;
}

export interface BinaryOpExpr {
  readonly kind: "BinaryOp";
  readonly op: BinaryOperator;
  readonly lhs: Expression;
  readonly rhs: Expression;
  readonly range: Range;
  readonly opRange: Range;
}

export interface UnaryOpExpr {
  readonly kind: "UnaryOp";
  readonly op: UnaryOperator;
  readonly operand: Expression;
  readonly range: Range;
  readonly symbolRange: Range;
}

export interface TupleExpr {
  readonly kind: "Tuple";
  readonly exprs: Expression[];
  readonly range: Range;
  readonly openRange: Range;
}

export interface ObjectItem {
  readonly key: ObjectConsKeyExpr;
  readonly value: Expression;
}

export interface ObjectExpr {
  readonly kind: "Object";
  readonly items: ObjectItem[];
  readonly range: Range;
  readonly openRange: Range;
}

export interface ObjectConsKeyExpr {
  readonly kind: "ObjectConsKey";
  readonly wrapped: Expression;
  /** The key was written in parentheses, so a bare identifier is a reference, not a string. */
  readonly forceNonLiteral: boolean;
  readonly range: Range;
}

export interface ForExpr {
  readonly kind: "ForExpr";
  readonly keyVar?: string;
  readonly valVar: string;
  readonly keyVarRange?: Range;
  readonly valVarRange: Range;
  readonly collExpr: Expression;
  /** Set when building an object. */
  readonly keyExpr?: Expression;
  readonly valExpr: Expression;
  readonly condExpr?: Expression;
  /** `...` after the value: group values by key. */
  readonly group: boolean;
  readonly range: Range;
  readonly openRange: Range;
  readonly closeRange: Range;
}

export interface IndexExpr {
  readonly kind: "Index";
  readonly collection: Expression;
  readonly key: Expression;
  readonly range: Range;
  readonly openRange: Range;
  /** From "[" to "]". */
  readonly bracketRange: Range;
}

export interface SplatExpr {
  readonly kind: "Splat";
  readonly source: Expression;
  /** Evaluated per element, with `item` bound to it. */
  readonly each: Expression;
  readonly item: AnonSymbolExpr;
  /** `.*` (attribute-only splat, from HIL) rather than `[*]`. */
  readonly attrOnly: boolean;
  readonly range: Range;
  readonly markerRange: Range;
}

export interface AnonSymbolExpr {
  readonly kind: "AnonSymbol";
  readonly range: Range;
}

export interface ParenthesisExpr {
  readonly kind: "Parenthesis";
  readonly expression: Expression;
  readonly range: Range;
}

export interface TemplateJoinExpr {
  readonly kind: "TemplateJoin";
  readonly tuple: ForExpr;
  readonly range: Range;
}

export interface ErrorExpr {
  readonly kind: "Error";
  readonly range: Range;
}

export type Expression =
  | LiteralValueExpr
  | TemplateExpr
  | TemplateWrapExpr
  | ScopeTraversalExpr
  | RelativeTraversalExpr
  | FunctionCallExpr
  | ConditionalExpr
  | BinaryOpExpr
  | UnaryOpExpr
  | TupleExpr
  | ObjectExpr
  | ObjectConsKeyExpr
  | ForExpr
  | IndexExpr
  | SplatExpr
  | AnonSymbolExpr
  | ParenthesisExpr
  | TemplateJoinExpr
  | ErrorExpr;

export type Node = Body | Attribute | Block | Expression;

/** The attribute named `name` in `body`, if set. */
export function getAttribute(body: Body, name: string): Attribute | undefined {
  for (const a of body.attributes) if (a.name === name) return a;
  return undefined;
}

/** A TemplateExpr with one literal string part (a plain "quoted string" or heredoc) has that value. */
export function templateLiteral(expr: Expression): string | undefined {
  if (expr.kind !== "TemplateExpr" || expr.parts.length !== 1) return undefined;
  const p = expr.parts[0]!;
  return p.kind === "LiteralValue" && p.value.type === "string" ? p.value.value : undefined;
}

/**
 * The child expressions of `expr`, in source order (for walkers such as reference finders). Traversal steps
 * are not expressions and are not visited.
 */
export function childExpressions(expr: Expression): Expression[] {
  switch (expr.kind) {
    case "TemplateExpr":
      return expr.parts;
    case "TemplateWrap":
      return [expr.wrapped];
    case "RelativeTraversal":
      return [expr.source];
    case "FunctionCall":
      return expr.args;
    case "Conditional":
      return [expr.condition, expr.trueResult, expr.falseResult];
    case "BinaryOp":
      return [expr.lhs, expr.rhs];
    case "UnaryOp":
      return [expr.operand];
    case "Tuple":
      return expr.exprs;
    case "Object": {
      const out: Expression[] = [];
      for (const it of expr.items) out.push(it.key, it.value);
      return out;
    }
    case "ObjectConsKey":
      return [expr.wrapped];
    case "ForExpr": {
      const out: Expression[] = [expr.collExpr];
      if (expr.keyExpr) out.push(expr.keyExpr);
      out.push(expr.valExpr);
      if (expr.condExpr) out.push(expr.condExpr);
      return out;
    }
    case "Index":
      return [expr.collection, expr.key];
    case "Splat":
      return [expr.source, expr.each];
    case "Parenthesis":
      return [expr.expression];
    case "TemplateJoin":
      return [expr.tuple];
    default:
      return [];
  }
}
