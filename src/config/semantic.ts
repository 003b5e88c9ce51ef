// Semantic validation of a root module, the part of `terraform validate` that looks past structure: every
// expression is evaluated with unknown values for everything not known before plan, and what Terraform
// reports about references is kept — undeclared input variables, locals, modules and resources (with "Did you
// mean" suggestions), `count.index` where `count` is not set, `each.*` where `for_each` is not set — plus the
// "count" with "for_each" conflict, which Terraform reports while loading (and then stops).
//
// API:
//   validateSemantics(config, baseDir) → Diagnostic[]
// Not yet: nested blocks of resource bodies (only top-level arguments are evaluated), provider schemas
// ("Unsupported attribute"), ignore_changes paths.
import { error, type Diagnostic } from "../diag/diagnostic.js";
import { unionRange } from "../hcl/source.js";
import type { Scope } from "../lang/eval.js";
import { DynamicType, NumberType, StringType } from "../lang/types.js";
import { Value } from "../lang/value.js";
import type { Body, Expression } from "./body.js";
import type { Config, ModuleCall, Resource } from "./model.js";
import { moduleScope } from "./semantic-scope.js";
import { evalConfigExpression } from "./variables.js";

/** The diagnostics validate keeps: what references mean, never values (those are unknown here). */
const referenceSummaries = new Set([
  "Reference to undeclared input variable",
  "Reference to undeclared local value",
  "Reference to undeclared module",
  "Reference to undeclared resource",
  "Reference to \"count\" in non-counted context",
  "Invalid reference",
  "Invalid \"path\" attribute",
]);

function keep(d: Diagnostic): boolean {
  return referenceSummaries.has(d.summary) || /^each\.\w+ cannot be used in this context$/.test(d.summary) || d.summary === "Invalid \"each\" attribute";
}

type Repetition = { count: boolean; forEach: boolean };

/** A scope for one block: `count` and `each` exist only where the block sets count or for_each. */
function blockScope(base: Scope, rep: Repetition): Scope {
  return {
    ...base,
    resolveTraversal(traversal, range) {
      const root = traversal[0];
      if (root?.kind === "Root" && root.name === "count") {
        if (!rep.count) {
          return {
            value: Value.unknown(DynamicType),
            diagnostics: [
              error(
                "Reference to \"count\" in non-counted context",
                'The "count" object can only be used in "module", "resource", and "data" blocks, and only when the "count" argument is set.',
                traversal[1] ? unionRange(root.range, traversal[1].range) : root.range,
              ),
            ],
          };
        }
        return { value: Value.object({ index: Value.unknown(NumberType) }), diagnostics: [] };
      }
      if (root?.kind === "Root" && root.name === "each") {
        const attr = traversal[1]?.kind === "Attr" ? traversal[1].name : undefined;
        if (!rep.forEach && attr !== undefined) {
          return {
            value: Value.unknown(DynamicType),
            diagnostics: [
              error(
                `each.${attr} cannot be used in this context`,
                `A reference to "each.${attr}" has been used in a context in which it is unavailable, such as when the configuration no longer contains the value in its "for_each" expression. Remove this reference to each.${attr} in your configuration to work around this error.`,
                unionRange(root.range, traversal[1]!.range),
              ),
            ],
          };
        }
        return { value: Value.object({ key: Value.unknown(StringType), value: Value.unknown(DynamicType) }), diagnostics: [] };
      }
      return base.resolveTraversal?.(traversal, range);
    },
  };
}

/** Top-level arguments of a body whose schema is not known here. */
function bodyExpressions(body: Body): Expression[] {
  return [...body.justAttributes().attributes.values()].map((a) => a.expr);
}

function conflict(kind: "resource" | "module", r: Resource | ModuleCall): Diagnostic | undefined {
  if (!r.count || !r.forEach) return undefined;
  const what = kind === "resource" ? "resources" : "module instances";
  return error(
    'Invalid combination of "count" and "for_each"',
    `The "count" and "for_each" meta-arguments are mutually-exclusive, only one should be used to be explicit about the number of ${what} to be created.`,
    r.forEach.range,
  );
}

export function validateSemantics(config: Config, baseDir: string): Diagnostic[] {
  // Terraform finds this while loading the configuration and stops there.
  const loading: Diagnostic[] = [];
  for (const r of [...config.resources.values(), ...config.data.values()]) {
    const d = conflict("resource", r);
    if (d) loading.push(d);
  }
  for (const m of config.modules.values()) {
    const d = conflict("module", m);
    if (d) loading.push(d);
  }
  if (loading.length) return loading;

  const variables = new Map<string, Value>();
  for (const [name] of config.variables) variables.set(name, Value.unknown(DynamicType));
  const base = moduleScope(config, { variables, baseDir });
  const plain = blockScope(base, { count: false, forEach: false });

  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const check = (expr: Expression | undefined, scope: Scope) => {
    if (!expr) return;
    for (const d of evalConfigExpression(expr, scope).diagnostics) {
      if (!keep(d)) continue;
      // A local's diagnostics come once, from its own definition, however often it is referenced.
      const key = `${d.summary}\u0000${d.subject?.file.name}\u0000${d.subject?.start}\u0000${d.subject?.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(d);
    }
  };

  for (const l of config.locals.values()) check(l.expr, plain);
  for (const v of config.variables.values()) {
    for (const rule of v.validations) {
      check(rule.condition, plain);
      check(rule.errorMessage, plain);
    }
  }
  for (const o of config.outputs.values()) {
    check(o.value, plain);
    for (const rule of o.preconditions) {
      check(rule.condition, plain);
      check(rule.errorMessage, plain);
    }
  }
  const blocks: [Resource | ModuleCall, Body][] = [
    ...[...config.resources.values(), ...config.data.values()].map((r): [Resource, Body] => [r, r.config]),
    ...[...config.modules.values()].map((m): [ModuleCall, Body] => [m, m.config]),
  ];
  for (const [b, body] of blocks) {
    check(b.count, plain);
    check(b.forEach, plain);
    const scope = blockScope(base, { count: b.count !== undefined, forEach: b.forEach !== undefined });
    for (const e of bodyExpressions(body)) check(e, scope);
    if ("lifecycle" in b) {
      for (const rule of [...b.lifecycle.preconditions, ...b.lifecycle.postconditions]) {
        check(rule.condition, scope);
        check(rule.errorMessage, scope);
      }
    }
  }
  return out;
}
