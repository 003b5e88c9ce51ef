// The references an expression makes, as Terraform's lang.ReferencesInExpr: every ScopeTraversal in the AST,
// found by a generic walk so no expression kind is missed.
import type { Expression } from "../config/body.js";
import type { Traverser } from "../hcl/ast.js";

/** Each traversal's leading names (three for data: ["data","aws_ami","ubuntu"]): ["var","x"], ["terraform_data","a"], ["local","n"], ["count","index"]. */
export function referencedNames(expr: Expression | undefined): string[][] {
  const out: string[][] = [];
  if (!expr || expr.syntax !== "native") return out;
  const seen = new Set<unknown>();
  const visit = (n: unknown): void => {
    if (n === null || typeof n !== "object" || seen.has(n)) return;
    seen.add(n);
    const node = n as { kind?: string; traversal?: Traverser[] };
    if (node.kind === "ScopeTraversal" && node.traversal) {
      const names: string[] = [];
      for (const t of node.traversal) {
        if (t.kind === "Index") break;
        names.push(t.name);
        if (names.length === (names[0] === "data" ? 3 : 2)) break;
      }
      out.push(names);
    }
    for (const [k, v] of Object.entries(n)) {
      if (k === "range" || k === "srcRange") continue;
      if (Array.isArray(v)) for (const x of v) visit(x);
      else if (v && typeof v === "object") visit(v);
    }
  };
  visit(expr.node);
  return out;
}
