// A static reference whose index keys may be expressions (`module.m[each.key].aws_iam_user.u[0]`,
// `aws_instance.a[count.index].id`) as one path of names and evaluated keys. The parser splits such a
// reference into ScopeTraversal, Index and RelativeTraversal nodes; replace_triggered_by and import blocks'
// `to` both need it whole.
import type { Expression as AstExpression } from "../hcl/ast.js";
import { DynamicType } from "./types.js";
import { Value } from "./value.js";

/** The names and keys of reference `n`, each key from `evalKey`; undefined when `n` is not a reference. */
export function referencePath(n: AstExpression, evalKey: (key: AstExpression) => Value): (string | Value)[] | undefined {
  const path: (string | Value)[] = [];
  const walk = (e: AstExpression): boolean => {
    if (e.kind === "ScopeTraversal" || e.kind === "RelativeTraversal") {
      if (e.kind === "RelativeTraversal" && !walk(e.source)) return false;
      for (const t of e.traversal) path.push(t.kind === "Index" ? (t.key.type === "string" ? Value.string(t.key.value) : t.key.type === "number" ? Value.number(t.key.value) : Value.null(DynamicType)) : t.name);
      return true;
    }
    if (e.kind === "Index") {
      if (!walk(e.collection)) return false;
      path.push(evalKey(e.key).unmarkDeep()[0]);
      return true;
    }
    return false;
  };
  return walk(n) ? path : undefined;
}
