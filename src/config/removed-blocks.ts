// `removed` blocks (Terraform 1.7+), decoded while loading as configs.decodeRemovedBlock does: `from` must be a
// static address of a resource or a module, without instance keys, and `lifecycle { destroy }` a constant bool
// (true when absent). What the engine then does with them is in src/engine/removed.ts.
import { parseRemoveTarget, type RemoveTarget, type TraversalStep } from "../addrs/index.js";
import { parseTraversal } from "../addrs/traversal.js";
import { error, type Diagnostic } from "../diag/diagnostic.js";
import type { Expression as AstExpression } from "../hcl/ast.js";
import { range } from "../hcl/source.js";
import { convert, isConversionError } from "../lang/convert.js";
import { BoolType } from "../lang/types.js";
import type { Block, BodySchema, Expression } from "./body.js";
import type { Removed } from "./model.js";
import { evalConfigExpression } from "./variables.js";

const removedBlockSchema: BodySchema = {
  attributes: [{ name: "from", required: true }],
  blocks: [{ type: "lifecycle" }, { type: "connection" }, { type: "provisioner", labelNames: ["type"] }],
};

const lifecycleSchema: BodySchema = { attributes: [{ name: "destroy" }] };

const staticReference =
  "A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.";

/** hcl.AbsTraversalForExpr: the steps of a plain traversal (JSON: a string holding one), else an error. */
function traversalSteps(expr: Expression): TraversalStep[] | Diagnostic {
  if (expr.syntax === "json") {
    const text = expr.quotedString() ?? (expr.node as { kind: string; value?: unknown }).value;
    if (typeof text !== "string") return error("Invalid expression", staticReference, expr.range);
    const t = parseTraversal(text, expr.range.file.name);
    if (t.diagnostics.length) return error("Invalid expression", staticReference, expr.range);
    // Each step's range inside the JSON string, when the string is written without escapes. hcl counts from the
    // opening quote (one column early), and terraform shows that; so does tfsim.
    const { file, start, end } = expr.range;
    const plain = file.text.slice(start + 1, end - 1) === text;
    return t.steps.map((s) => ({ ...s, range: plain ? range(file, start + s.range.start, start + s.range.end) : expr.range }));
  }
  const node = expr.node as AstExpression;
  if (node.kind !== "ScopeTraversal") return error("Invalid expression", staticReference, expr.range);
  const steps: TraversalStep[] = [];
  for (const t of node.traversal) {
    if (t.kind === "Root") steps.push({ kind: "root", name: t.name, range: t.range });
    else if (t.kind === "Attr") steps.push({ kind: "attr", name: t.name, range: t.range });
    else if (t.key.type === "string" || t.key.type === "number") steps.push({ kind: "index", key: t.key.value, range: t.range });
    else return error("Invalid expression", staticReference, expr.range);
  }
  return steps;
}

/** `from`, when it names a valid target. */
function decodeFrom(expr: Expression, diags: Diagnostic[]): RemoveTarget | undefined {
  const steps = traversalSteps(expr);
  if (!Array.isArray(steps)) {
    diags.push(steps);
    return undefined;
  }
  const p = parseRemoveTarget(steps);
  diags.push(...p.diagnostics);
  return p.addr;
}

/** lifecycle.destroy, decoded with no evaluation context (gohcl.DecodeExpression(expr, nil, &bool)). */
function decodeDestroy(expr: Expression, diags: Diagnostic[]): boolean {
  const refs = expr.references();
  if (refs.length > 0) {
    // hcl reports the root name only (`var` of `var.x`).
    for (const r of refs) diags.push(error("Variables not allowed", "Variables may not be used here.", range(r.range.file, r.range.start, r.range.start + r.root.length)));
    diags.push(error("Unsuitable value type", "Unsuitable value: value must be known", expr.range));
    return true;
  }
  const r = evalConfigExpression(expr);
  diags.push(...r.diagnostics);
  if (r.diagnostics.length) return true;
  const b = convert(r.value, BoolType);
  if (isConversionError(b) || b.isNull() || !b.isKnown()) {
    // A quoted string's range is its text without the quotes, as hcl's template literal.
    const at = expr.quotedString() !== undefined ? range(expr.range.file, expr.range.start + 1, expr.range.end - 1) : expr.range;
    diags.push(error("Unsuitable value type", "Unsuitable value: a bool is required", at));
    return true;
  }
  return b.asBool();
}

export function decodeRemovedBlock(block: Block, diags: Diagnostic[]): Removed {
  const c = block.body.content(removedBlockSchema);
  diags.push(...c.diagnostics);
  const from = c.content.attributes.get("from")?.expr;
  const target = from ? decodeFrom(from, diags) : undefined;
  const lifecycle = c.content.blocks.find((b) => b.type === "lifecycle")?.body;
  let destroy = true;
  if (lifecycle) {
    const lc = lifecycle.content(lifecycleSchema);
    diags.push(...lc.diagnostics);
    const d = lc.content.attributes.get("destroy");
    if (d) destroy = decodeDestroy(d.expr, diags);
  }
  // Only a destroy-time provisioner can run for an object whose configuration is gone.
  for (const b of c.content.blocks) {
    if (b.type !== "provisioner") continue;
    const when = b.body.partialContent({ attributes: [{ name: "when" }] }).content.attributes.get("when");
    if (when?.expr.keyword() !== "destroy")
      diags.push(error("Invalid provisioner block", 'Only destroy-time provisioners are valid in "removed" blocks. To declare a destroy-time provisioner, use:\n    when = destroy', b.defRange));
  }
  return { ...(from ? { from } : {}), ...(target ? { target } : {}), ...(lifecycle ? { lifecycle } : {}), destroy, declRange: block.defRange };
}
