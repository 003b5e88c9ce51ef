// The syntax-independent view of a configuration body that Terraform's config decoder works with (hcl.Body):
// a body is asked for the content a schema describes, and answers with attributes, blocks and diagnostics.
// Native syntax (src/config/native-body.ts) and JSON syntax (src/config/json-body.ts) each implement it, so
// the structural rules in structure.ts are written once, as Terraform's are.
import type { Diagnostic } from "../diag/diagnostic.js";
import { positionOf, type Range } from "../hcl/source.js";

export interface AttributeSchema {
  readonly name: string;
  readonly required?: boolean;
}

export interface BlockHeaderSchema {
  readonly type: string;
  readonly labelNames?: readonly string[];
}

export interface BodySchema {
  readonly attributes?: readonly AttributeSchema[];
  readonly blocks?: readonly BlockHeaderSchema[];
}

/**
 * An attribute's expression, kept raw for the evaluator: the native AST node, or the JSON value it was
 * written as (JSON strings are templates, interpreted on demand).
 */
export interface Expression {
  readonly syntax: "native" | "json";
  /** The AST node (native) or JSON value node (json); its shape is the syntax package's. */
  readonly node: unknown;
  readonly range: Range;
  /**
   * The string when the expression is a native quoted string with no interpolation (`"string"`), as
   * hcl's exprIsNativeQuotedString; undefined otherwise (JSON strings never count).
   */
  quotedString(): string | undefined;
  /** The single bare identifier the expression is (`list`, `all`), as hcl.ExprAsKeyword; else undefined. */
  keyword(): string | undefined;
  /** Every reference (`var.x`, `aws_instance.a.id`) in the expression, as root names with their ranges. */
  references(): readonly { readonly root: string; readonly range: Range }[];
}

export interface Attribute {
  readonly name: string;
  readonly expr: Expression;
  /** From the name to the end of the expression. */
  readonly range: Range;
  readonly nameRange: Range;
}

export interface Block {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: Body;
  /** The header: type through the last label. */
  readonly defRange: Range;
  readonly typeRange: Range;
  readonly labelRanges: readonly Range[];
}

export interface BodyContent {
  /** By name; a Map keeps source order. */
  readonly attributes: ReadonlyMap<string, Attribute>;
  readonly blocks: readonly Block[];
  readonly missingItemRange: Range;
}

export interface Body {
  readonly syntax: "native" | "json";
  /** What the schema describes; anything else is an error. */
  content(schema: BodySchema): { content: BodyContent; diagnostics: Diagnostic[] };
  /** What the schema describes, and a body of the rest (for a provider's schema, later). */
  partialContent(schema: BodySchema): { content: BodyContent; remain: Body; diagnostics: Diagnostic[] };
  /** Every attribute, for bodies with no fixed schema (locals, required_providers). */
  justAttributes(): { attributes: ReadonlyMap<string, Attribute>; diagnostics: Diagnostic[] };
  /** Where to point at something that is missing: the start of the body. */
  missingItemRange(): Range;
  readonly range: Range;
}

/** hclsyntax.ValidIdentifier: a letter or underscore, then letters, digits, underscores and dashes. */
export function validIdentifier(name: string): boolean {
  if (name.length === 0) return false;
  let first = true;
  for (const ch of name) {
    const letter = /\p{L}/u.test(ch) || ch === "_";
    if (first) {
      if (!letter) return false;
      first = false;
    } else if (!letter && !/[\p{Nd}\p{Mn}\p{Mc}\p{Pc}-]/u.test(ch)) return false;
  }
  return true;
}

function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (s[i - 1] === t[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[t.length]!;
}

/** hcl's nameSuggestion: the first candidate within edit distance 2, in schema order. */
export function nameSuggestion(given: string, candidates: Iterable<string>): string | undefined {
  for (const c of candidates) if (editDistance(given, c) < 3) return c;
  return undefined;
}

/** hcl.Range.String(): "main.tf:1,1-30", or "main.tf:1,1-3,2" across lines. */
export function rangeString(r: Range): string {
  const s = positionOf(r.file, r.start);
  const e = positionOf(r.file, r.end);
  return s.line === e.line
    ? `${r.file.name}:${s.line},${s.column}-${e.column}`
    : `${r.file.name}:${s.line},${s.column}-${e.line},${e.column}`;
}

function relaxSchema(schema: BodySchema): BodySchema {
  return { ...schema, attributes: schema.attributes?.map((a) => ({ name: a.name })) };
}

function relaxBlock(b: Block): Block {
  return { ...b, body: withoutRequired(b.body) };
}

/**
 * The same body with no argument required, at any depth: override files only change what the primary
 * files declare, so Terraform decodes them with relaxed schemas (schemaForOverrides).
 */
export function withoutRequired(body: Body): Body {
  return {
    syntax: body.syntax,
    range: body.range,
    missingItemRange: () => body.missingItemRange(),
    justAttributes: () => body.justAttributes(),
    content(schema) {
      const r = body.content(relaxSchema(schema));
      return { content: { ...r.content, blocks: r.content.blocks.map(relaxBlock) }, diagnostics: r.diagnostics };
    },
    partialContent(schema) {
      const r = body.partialContent(relaxSchema(schema));
      return { content: { ...r.content, blocks: r.content.blocks.map(relaxBlock) }, remain: r.remain, diagnostics: r.diagnostics };
    },
  };
}
