// lifecycle.replace_triggered_by, checked as Terraform's configs.decodeReplaceTriggeredBy does while loading: a
// static list whose every element references exactly one resource (or resource instance, or an attribute of
// one), where the only other references allowed are count.index and each.key (to pick the matching instance).
import { error, type Diagnostic } from "../diag/diagnostic.js";
import type { Expression as AstExpression, ScopeTraversalExpr } from "../hcl/ast.js";
import type { Expression } from "./body.js";

/** Roots that are never a managed resource type (addrs.ParseRef's reserved names). */
const NOT_RESOURCE = new Set(["var", "local", "module", "path", "self", "terraform", "template", "lazy", "arg", "ephemeral", "run", "resource"]);

function traversals(node: unknown, out: ScopeTraversalExpr[]): void {
  if (Array.isArray(node)) {
    for (const n of node) traversals(n, out);
    return;
  }
  if (typeof node !== "object" || node === null || typeof (node as { kind?: unknown }).kind !== "string") return;
  const e = node as AstExpression;
  if (e.kind === "ScopeTraversal") {
    out.push(e);
    return;
  }
  for (const [k, v] of Object.entries(e)) if (k !== "kind" && !/range$/i.test(k)) traversals(v, out);
}

/** The list's element expressions; diagnostics for the elements Terraform refuses. */
export function decodeReplaceTriggeredBy(expr: Expression): { exprs: AstExpression[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (expr.syntax !== "native") return { exprs: [], diagnostics };
  const node = expr.node as AstExpression;
  if (node.kind !== "Tuple") {
    diagnostics.push(error("Invalid expression", "A static list expression is required.", expr.range));
    return { exprs: [], diagnostics };
  }
  for (const e of node.exprs) {
    const refs: ScopeTraversalExpr[] = [];
    traversals(e, refs);
    let resources = 0;
    for (const ref of refs) {
      const [root, second] = ref.traversal;
      const name = root?.kind === "Root" ? root.name : "";
      const attr = second?.kind === "Attr" ? second.name : undefined;
      if (name === "each") {
        if (attr !== "key") diagnostics.push(error("Invalid each reference in replace_triggered_by expression", "Only each.key may be used in replace_triggered_by.", e.range));
      } else if (name === "count") {
        if (attr !== "index") diagnostics.push(error("Invalid count reference in replace_triggered_by expression", "Only count.index may be used in replace_triggered_by.", e.range));
      } else if (!NOT_RESOURCE.has(name) && attr !== undefined) resources++;
      else diagnostics.push(error("Invalid reference in replace_triggered_by expression", "Only resources, count.index, and each.key may be used in replace_triggered_by.", e.range));
    }
    if (resources === 0) diagnostics.push(error("Invalid replace_triggered_by expression", "Missing resource reference in replace_triggered_by expression.", e.range));
    else if (resources > 1) diagnostics.push(error("Invalid replace_triggered_by expression", "Multiple resource references in replace_triggered_by expression.", e.range));
    // Terraform reports only the first element with a problem (test/testdata/validate/rtb-multi*).
    if (diagnostics.length) break;
  }
  return { exprs: node.exprs, diagnostics };
}
