// Terraform's validateSelfRef / validateSelfRefInExpr, checked when an instance is planned: a resource's body
// may not refer to the resource or to the instance being planned. The reference graph leaves such an edge out
// (a vertex never waits for itself), so this, not a "Cycle" error, is what Terraform reports.
//
// API:
//   resourceBodyExpressions(body) → the expressions of a resource block's own arguments and nested blocks
//   selfReferenceErrors(subjects, exprs) → one "Self-referential block" per reference naming one of subjects
//   instanceCycles(own, keys, exprs, name) → "Cycle: a[0], a[1]" when instances refer to one another
import type { Body as AstBody, Expression as AstExpression } from "../hcl/ast.js";
import { instanceKeyString, type InstanceKey } from "../addrs/instance-key.js";
import { parseRef, referenceableString } from "../addrs/parse-ref.js";
import { cycleDiagnostics, Graph } from "../graph/index.js";
import { error, type Diagnostic } from "../diag/diagnostic.js";
import { expressionTraversals } from "../lang/expression-values.js";

/** Meta-arguments of a resource block: they are not part of the configuration the provider sees. */
const META_ATTRIBUTES = new Set(["count", "for_each", "provider", "depends_on"]);
const META_BLOCKS = new Set(["lifecycle", "provisioner", "connection"]);

/** Every expression of the body a provider is given (attributes and nested blocks, dynamic ones included). */
export function resourceBodyExpressions(body: AstBody): AstExpression[] {
  const out: AstExpression[] = [];
  const walk = (b: AstBody, top: boolean): void => {
    for (const a of b.attributes) if (!top || !META_ATTRIBUTES.has(a.name)) out.push(a.expr);
    for (const nested of b.blocks) if (!top || !META_BLOCKS.has(nested.type)) walk(nested.body, false);
  };
  walk(body, true);
  return out;
}

/**
 * A "Self-referential block" error for each reference (in source order) whose subject prints as one of
 * `subjects`, once per matching subject: an instance without a key is named twice (as the instance and as
 * its resource), and Terraform reports it twice.
 */
export function selfReferenceErrors(subjects: readonly string[], exprs: Iterable<AstExpression>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of exprs) {
    for (const t of expressionTraversals(e)) {
      const { ref } = parseRef(t.traversal);
      if (!ref) continue;
      const name = referenceableString(ref.subject);
      for (const s of subjects) {
        if (name === s) out.push(error("Self-referential block", `Configuration for ${s} may not refer to itself.`, ref.range));
      }
    }
  }
  return out;
}

/**
 * The instances of one resource wait for the instances their bodies refer to (the whole resource means every
 * instance): Terraform checks that subgraph for cycles before planning any of them. `own` is the resource
 * ("terraform_data.a"), `instances` its instances' keys in order, `name` how a key's instance is printed.
 */
export function instanceCycles(own: string, instances: readonly (InstanceKey | undefined)[], exprs: readonly AstExpression[], name: (key: InstanceKey | undefined) => string): Diagnostic[] {
  if (instances.length < 2) return [];
  const all = new Set<string>();
  const some = new Set<string>();
  for (const e of exprs) {
    for (const t of expressionTraversals(e)) {
      const { ref } = parseRef(t.traversal);
      const s = ref?.subject;
      if (s?.kind === "resource" && s.resource.toString() === own) all.add("*");
      else if (s?.kind === "resource_instance" && s.instance.resource.toString() === own) (s.instance.key === undefined ? all : some).add(instanceKeyString(s.instance.key));
    }
  }
  if (all.size === 0 && some.size < 2) return [];
  const graph = new Graph<undefined>();
  const byKey = new Map(instances.map((k) => [instanceKeyString(k), name(k)]));
  for (const n of byKey.values()) graph.add(n, undefined);
  for (const from of byKey.values()) {
    for (const [k, to] of byKey) if (to !== from && (all.size > 0 || some.has(k))) graph.connect(from, to);
  }
  return cycleDiagnostics(graph);
}

/**
 * replace_triggered_by naming the resource itself: Terraform looks for the planned change of the object it
 * names while planning that very object and finds none ("no change found for terraform_data.a in the root
 * module"). The subjects named, in order.
 */
export function replaceTriggeredBySelf(own: string, exprs: readonly AstExpression[]): string[] {
  const out: string[] = [];
  for (const e of exprs) {
    for (const t of expressionTraversals(e)) {
      const { ref } = parseRef(t.traversal);
      const s = ref?.subject;
      const resource = s?.kind === "resource" ? s.resource : s?.kind === "resource_instance" ? s.instance.resource : undefined;
      if (s && resource?.toString() === own) out.push(referenceableString(s));
    }
  }
  return out;
}
