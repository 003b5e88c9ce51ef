// The values Terraform shows under a diagnostic's snippet (viewsjson.NewDiagnostic): every reference in the
// failing expression that evaluates without error, longest such prefix first, as "is <compact value>" —
// never unknown or sensitive values, which Terraform leaves out unless they caused the problem.
//
// API:
//   expressionTraversals(expr) → ScopeTraversalExpr[]  hclsyntax Variables(): minus names a for expression binds
//   expressionValues(expr, evalTraversal) → ExpressionValue[] sorted by traversal
//   compactValueStr(v) / traversalStr(t)          Terraform's wording
import type { ExpressionValue } from "../diag/diagnostic.js";
import type { Expression, ScopeTraversalExpr, Traverser } from "../hcl/ast.js";
import { friendlyName } from "./types.js";
import { Sensitive, type Value } from "./value.js";

export function expressionTraversals(root: Expression): ScopeTraversalExpr[] {
  const out: ScopeTraversalExpr[] = [];
  const visit = (node: unknown, bound: ReadonlySet<string>): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, bound);
      return;
    }
    if (typeof node !== "object" || node === null || typeof (node as { kind?: unknown }).kind !== "string") return;
    const e = node as Expression;
    if (e.kind === "ScopeTraversal") {
      const first = e.traversal[0];
      if (first && first.kind === "Root" && !bound.has(first.name)) out.push(e);
      return;
    }
    if (e.kind === "ForExpr") {
      visit(e.collExpr, bound);
      const inner = new Set(bound);
      inner.add(e.valVar);
      if (e.keyVar !== undefined) inner.add(e.keyVar);
      visit([e.keyExpr, e.valExpr, e.condExpr], inner);
      return;
    }
    for (const [k, v] of Object.entries(e)) {
      if (k === "kind" || /range$/i.test(k)) continue;
      visit(v, bound);
    }
  };
  visit(root, new Set());
  return out;
}

/** Go's strconv 'g' format with 10 significant digits (big.Float.Text('g', 10)). */
function goG10(n: number): string {
  if (n === 0) return "0";
  if (!Number.isFinite(n)) return n > 0 ? "+Inf" : "-Inf";
  const [mant, expText] = n.toExponential(9).split("e");
  const exp = Number(expText);
  const trim = (s: string) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);
  if (exp < -4 || exp >= 10) return `${trim(mant!)}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return trim(n.toFixed(Math.max(0, 9 - exp)));
}

export function compactValueStr(marked: Value): string {
  if (marked.hasMark(Sensitive)) return "(sensitive value)";
  const [v] = marked.unmark();
  const t = v.type;
  if (v.isNull()) return "null";
  if (!v.isKnown()) return "(not yet known)";
  switch (t.kind) {
    case "bool":
      return v.asBool() ? "true" : "false";
    case "number":
      return goG10(v.asNumber().toFloat64());
    case "string":
      return JSON.stringify(v.asString());
    case "list":
    case "set":
    case "map":
    case "tuple": {
      const l = v.length();
      return l === 0 ? `empty ${friendlyName(t)}` : l === 1 ? `${friendlyName(t)} with 1 element` : `${friendlyName(t)} with ${l} elements`;
    }
    case "object": {
      const names = [...t.attrs.keys()];
      return names.length === 0 ? "object with no attributes" : names.length === 1 ? `object with 1 attribute ${JSON.stringify(names[0])}` : `object with ${names.length} attributes`;
    }
    default:
      return friendlyName(t);
  }
}

export function traversalStr(t: readonly Traverser[]): string {
  let out = "";
  for (const s of t) {
    if (s.kind === "Root") out += s.name;
    else if (s.kind === "Attr") out += `.${s.name}`;
    else {
      const k = s.key;
      out += `[${k.type === "string" ? JSON.stringify(k.value) : k.type === "number" ? goG10(k.value) : k.type === "bool" ? String(k.value) : k.type === "null" ? "null" : "..."}]`;
    }
  }
  return out;
}

/** What a diagnostic says caused it (Terraform's DiagnosticCausedByUnknown / DiagnosticCausedBySensitive). */
export type ExpressionValueCause = "unknown" | "sensitive";

/**
 * `evalTraversal` gives a traversal's value, or undefined when evaluating it fails. Unknown and sensitive values
 * are shown only for a diagnostic they caused ("known only after apply", "has a sensitive value").
 */
export function expressionValues(expr: Expression, evalTraversal: (t: Traverser[]) => Value | undefined, cause?: ExpressionValueCause): ExpressionValue[] {
  const seen = new Set<string>();
  const out: ExpressionValue[] = [];
  for (const { traversal: full } of expressionTraversals(expr)) {
    for (let t = full; t.length > 1; t = t.slice(0, -1)) {
      const v = evalTraversal(t);
      if (v === undefined) continue;
      const name = traversalStr(t);
      const sensitive = v.hasMark(Sensitive);
      if (seen.has(name) || (sensitive && cause !== "sensitive") || (!sensitive && !v.isKnown() && cause !== "unknown")) break;
      seen.add(name);
      const statement = sensitive
        ? "has a sensitive value"
        : v.isKnown()
          ? `is ${compactValueStr(v)}`
          : v.type.kind === "dynamic"
            ? "will be known only after apply"
            : `is ${withArticle(friendlyName(v.type))}, known only after apply`;
      out.push({ traversal: name, statement });
      break;
    }
  }
  return out.sort((a, b) => (a.traversal < b.traversal ? -1 : a.traversal > b.traversal ? 1 : 0));
}

/** cty's FriendlyName with its article ("a string", "an object"), as Terraform's diagnostics print it. */
function withArticle(name: string): string {
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}
