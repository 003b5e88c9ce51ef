// The references an expression makes, as Terraform's lang.ReferencesInExpr: every ScopeTraversal in the AST,
// found by a generic walk so no expression kind is missed.
import type { Expression } from "../config/body.js";
import type { Expression as AstExpression, Traverser } from "../hcl/ast.js";
import { expressionAst } from "../config/expression-ast.js";

/**
 * Each traversal's leading names (three for data: ["data","aws_ami","ubuntu"]): ["var","x"], ["terraform_data","a"],
 * ["local","n"], ["count","index"]; withAttribute adds the attribute named next, if any (["aws_instance","a","id"]).
 */
export function referencedNames(expr: Expression | undefined, withAttribute = false): readonly (readonly string[])[] {
  if (!expr) return [];
  // Several passes ask for the same expression's references (the graph, the plan's order, provider lookup):
  // each AST node is walked once per form. A JSON expression is walked as the native tree it reads as.
  const node = expressionAst(expr);
  let memo = memos.get(node);
  if (!memo) memos.set(node, (memo = {}));
  const key = withAttribute ? "withAttribute" : "plain";
  return (memo[key] ??= walk(node, withAttribute));
}

const memos = new WeakMap<object, { plain?: readonly (readonly string[])[]; withAttribute?: readonly (readonly string[])[] }>();

function walk(root: AstExpression, withAttribute: boolean): string[][] {
  const out: string[][] = [];
  const seen = new Set<unknown>();
  const visit = (n: unknown): void => {
    if (n === null || typeof n !== "object" || seen.has(n)) return;
    seen.add(n);
    const node = n as { kind?: string; traversal?: Traverser[] };
    if (node.kind === "ScopeTraversal" && node.traversal) {
      const names: string[] = [];
      const lead = node.traversal[0]?.kind === "Root" && node.traversal[0].name === "data" ? 3 : 2;
      for (const t of node.traversal) {
        // withAttribute: the attribute after the leading names, past any instance key (aws_instance.a[0].id).
        if (t.kind === "Index") {
          if (withAttribute && names.length === lead) continue;
          break;
        }
        names.push(t.name);
        if (names.length === lead + (withAttribute ? 1 : 0)) break;
      }
      out.push(names);
    }
    // for…in rather than Object.entries: no array of pairs is made per node (AST nodes are plain objects).
    for (const k in n) {
      // Ranges point into the source file (its text and line table): nothing to find there, and walking
      // them made each expression's walk cost as much as the whole file.
      if (k === "range" || k.endsWith("Range") || k.endsWith("Ranges")) continue;
      const v = (n as Record<string, unknown>)[k];
      if (Array.isArray(v)) for (const x of v) visit(x);
      else if (v && typeof v === "object") visit(v);
    }
  };
  visit(root);
  return out;
}
