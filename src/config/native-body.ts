// hcl.Body for the native syntax: schema-driven access to a parsed body, with hclsyntax's diagnostics
// ("Unsupported argument", "Unsupported block type", label counts, "Missing required argument").
import { error, type Diagnostic } from "../diag/diagnostic.js";
import * as ast from "../hcl/ast.js";
import { unionRange, type Range } from "../hcl/source.js";
import { nameSuggestion, type Attribute, type Block, type Body, type BodyContent, type BodySchema, type Expression } from "./body.js";

/** A parsed native-syntax expression, as the config layer sees it. A class, so that a million of them are cheap. */
class NativeExpression implements Expression {
  readonly syntax = "native" as const;

  constructor(readonly node: ast.Expression) {}

  get range(): Range {
    return this.node.range;
  }

  quotedString(): string | undefined {
    return ast.templateLiteral(this.node);
  }

  keyword(): string | undefined {
    const node = this.node;
    if (node.kind !== "ScopeTraversal" || node.traversal.length !== 1) return undefined;
    const t = node.traversal[0]!;
    return t.kind === "Root" ? t.name : undefined;
  }

  references(): { root: string; range: Range }[] {
    return nativeReferences(this.node);
  }
}

/** Wraps a parsed native-syntax expression for the config layer. */
export function nativeExpression(node: ast.Expression): Expression {
  return new NativeExpression(node);
}

/** hclsyntax's Variables(): the scope traversals in `expr`, minus names that a for expression binds. */
function nativeReferences(root: ast.Expression): { root: string; range: Range }[] {
  const out: { root: string; range: Range }[] = [];
  const visit = (e: ast.Expression, bound: ReadonlySet<string>): void => {
    if (e.kind === "ScopeTraversal") {
      const first = e.traversal[0];
      if (first && first.kind === "Root" && !bound.has(first.name)) out.push({ root: first.name, range: e.range });
      return;
    }
    if (e.kind === "ForExpr") {
      visit(e.collExpr, bound);
      const inner = new Set(bound);
      inner.add(e.valVar);
      if (e.keyVar !== undefined) inner.add(e.keyVar);
      if (e.keyExpr) visit(e.keyExpr, inner);
      visit(e.valExpr, inner);
      if (e.condExpr) visit(e.condExpr, inner);
      return;
    }
    for (const c of ast.childExpressions(e)) visit(c, bound);
  };
  visit(root, new Set());
  return out;
}

function toAttribute(a: ast.Attribute): Attribute {
  return { name: a.name, expr: nativeExpression(a.expr), range: a.range, nameRange: a.nameRange };
}

function toBlock(b: ast.Block): Block {
  const last = b.labelRanges.length > 0 ? b.labelRanges[b.labelRanges.length - 1]! : b.typeRange;
  return {
    type: b.type,
    labels: b.labels,
    body: nativeBody(b.body),
    defRange: unionRange(b.typeRange, last),
    typeRange: b.typeRange,
    labelRanges: b.labelRanges,
  };
}

const NONE: ReadonlySet<string> = new Set();

/** Block type → label names, per schema object (schemas are module constants, so this is computed once). */
const wantedBlocks = new WeakMap<BodySchema, Map<string, readonly string[]>>();

function blocksOf(schema: BodySchema): Map<string, readonly string[]> {
  let m = wantedBlocks.get(schema);
  if (!m) {
    m = new Map((schema.blocks ?? []).map((s) => [s.type, s.labelNames ?? []] as const));
    wantedBlocks.set(schema, m);
  }
  return m;
}

function findAttribute(attrs: readonly ast.Attribute[], name: string): ast.Attribute | undefined {
  for (const a of attrs) if (a.name === name) return a;
  return undefined;
}

class NativeBody implements Body {
  readonly syntax = "native" as const;

  constructor(
    private readonly node: ast.Body,
    private readonly hiddenAttrs: ReadonlySet<string> = NONE,
    private readonly hiddenBlocks: ReadonlySet<string> = NONE,
  ) {}

  get range(): Range {
    return this.node.range;
  }

  missingItemRange(): Range {
    const r = this.node.range;
    return { file: r.file, start: r.start, end: r.start };
  }

  partialContent(schema: BodySchema): { content: BodyContent; remain: Body; diagnostics: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    const attrs = new Map<string, Attribute>();
    const hiddenAttrs = new Set(this.hiddenAttrs);
    const hiddenBlocks = new Set(this.hiddenBlocks);
    // Bodies are small; a linear search beats building a map for each. The parser keeps the first of a
    // redefined attribute only, so names are unique.
    const own = this.node.attributes;

    for (const s of schema.attributes ?? []) {
      const a = own.length === 0 ? undefined : findAttribute(own, s.name);
      if (!a || hiddenAttrs.has(s.name)) {
        if (s.required) {
          diags.push(
            error("Missing required argument", `The argument "${s.name}" is required, but no definition was found.`, this.missingItemRange()),
          );
        }
        continue;
      }
      hiddenAttrs.add(s.name);
      attrs.set(s.name, toAttribute(a));
    }

    const wanted = blocksOf(schema);
    const blocks: Block[] = [];
    for (const b of this.node.blocks) {
      if (hiddenBlocks.has(b.type)) continue;
      const labelNames = wanted.get(b.type);
      if (!labelNames) continue;
      if (b.labels.length === labelNames.length) {
        blocks.push(toBlock(b));
        continue;
      }
      const context = unionRange(b.typeRange, b.openBraceRange);
      if (b.labels.length > labelNames.length) {
        diags.push(
          labelNames.length === 0
            ? error(`Extraneous label for ${b.type}`, `No labels are expected for ${b.type} blocks.`, b.labelRanges[0], { context })
            : error(
                `Extraneous label for ${b.type}`,
                `Only ${labelNames.length} labels (${labelNames.join(", ")}) are expected for ${b.type} blocks.`,
                b.labelRanges[labelNames.length],
                { context },
              ),
        );
        continue;
      }
      diags.push(
        error(
          `Missing ${labelNames[b.labels.length]} for ${b.type}`,
          `All ${b.type} blocks must have ${labelNames.length} labels (${labelNames.join(", ")}).`,
          b.openBraceRange,
          { context },
        ),
      );
    }
    // Hidden only after the loop, so that many blocks of one type are all returned.
    for (const s of schema.blocks ?? []) hiddenBlocks.add(s.type);

    return {
      content: { attributes: attrs, blocks, missingItemRange: this.missingItemRange() },
      remain: new NativeBody(this.node, hiddenAttrs, hiddenBlocks),
      diagnostics: diags,
    };
  }

  content(schema: BodySchema): { content: BodyContent; diagnostics: Diagnostic[] } {
    const { content, remain, diagnostics } = this.partialContent(schema);
    const rest = remain as NativeBody;
    for (const a of this.node.attributes) {
      if (rest.hiddenAttrs.has(a.name)) continue;
      const unused = (schema.attributes ?? []).filter((s) => !content.attributes.has(s.name)).map((s) => s.name);
      let hint = nameSuggestion(a.name, unused);
      let suffix = hint !== undefined ? ` Did you mean "${hint}"?` : "";
      if (hint === undefined && (schema.blocks ?? []).some((s) => s.type === a.name)) {
        suffix = ` Did you mean to define a block of type "${a.name}"?`;
      }
      diagnostics.push(error("Unsupported argument", `An argument named "${a.name}" is not expected here.${suffix}`, a.nameRange));
    }
    for (const b of this.node.blocks) {
      if (rest.hiddenBlocks.has(b.type)) continue;
      const hint = nameSuggestion(
        b.type,
        (schema.blocks ?? []).map((s) => s.type),
      );
      let suffix = hint !== undefined ? ` Did you mean "${hint}"?` : "";
      if (hint === undefined && (schema.attributes ?? []).some((s) => s.name === b.type)) {
        suffix = ` Did you mean to define argument "${b.type}"? If so, use the equals sign to assign it a value.`;
      }
      diagnostics.push(error("Unsupported block type", `Blocks of type "${b.type}" are not expected here.${suffix}`, b.typeRange));
    }
    return { content, diagnostics };
  }

  justAttributes(): { attributes: ReadonlyMap<string, Attribute>; diagnostics: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    const first = this.node.blocks[0];
    if (first) diags.push(error(`Unexpected "${first.type}" block`, "Blocks are not allowed here.", first.typeRange));
    const attrs = new Map<string, Attribute>();
    for (const a of this.node.attributes) {
      if (this.hiddenAttrs.has(a.name) || attrs.has(a.name)) continue;
      attrs.set(a.name, toAttribute(a));
    }
    return { attributes: attrs, diagnostics: diags };
  }
}

/** The config layer's view of a parsed native-syntax body. */
export function nativeBody(node: ast.Body): Body {
  return new NativeBody(node);
}

/**
 * hcled.ContextString for native syntax: the header of the top-level block containing `offset`
 * (`resource "aws_instance" "web"`), or undefined.
 */
export function nativeContextLookup(root: ast.Body): (offset: number) => string | undefined {
  const blocks = root.blocks;
  return (offset) => {
    // Top-level blocks are in source order, so a binary search finds the candidate.
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = blocks[mid]!;
      const start = b.range.start;
      const end = b.range.end;
      if (offset < start) hi = mid - 1;
      else if (offset >= end) lo = mid + 1;
      else return b.labels.length === 0 ? b.type : `${b.type} ${b.labels.map((l) => JSON.stringify(l)).join(" ")}`;
    }
    return undefined;
  };
}
