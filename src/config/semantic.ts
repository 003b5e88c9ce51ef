// Semantic validation of a root module, the part of `terraform validate` that looks past structure: every
// expression is evaluated with unknown values for everything not known before plan, and what Terraform
// reports about references is kept — undeclared input variables, locals, modules and resources (with "Did you
// mean" suggestions), `count.index` where `count` is not set, `each.*` where `for_each` is not set — plus the
// "count" with "for_each" conflict, which Terraform reports while loading (and then stops).
//
// API:
//   validateSemantics(config, baseDir, schemaOf?) → Diagnostic[]
//   schemaOf(mode, type): the provider's block schema of a resource type, when known; with it, resource
//   bodies, references past a resource address and ignore_changes paths are checked (semantic-schema.ts).
// Not yet: expressions inside nested blocks of resource bodies (only top-level arguments are evaluated).
import { importBlockProblems } from "./import-blocks.js";
import { error, type Diagnostic } from "../diag/diagnostic.js";
import type { Expression as AstExpression, Traverser } from "../hcl/ast.js";
import { expressionTraversals } from "../lang/expression-values.js";
import { parseRef } from "../addrs/parse-ref.js";
import { cycleDiagnostics, Graph } from "../graph/index.js";
import { describeExpression, type Scope } from "../lang/eval.js";
import { countInstances, forEachElements } from "../lang/repetition.js";
import { DynamicType, NumberType, StringType } from "../lang/types.js";
import { Sensitive, Value } from "../lang/value.js";
import type { Body, Expression } from "./body.js";
import type { Config, ModuleCall, Resource } from "./model.js";
import { staticValidateResourceReference, staticValidateTraversal, validateBodyAgainstSchema, type SchemaLookup } from "./semantic-schema.js";
import { moduleScope } from "./semantic-scope.js";
import { expressionAst } from "./expression-ast.js";
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
  'Reference to "each" in context without for_each',
  'Invalid "count" attribute',
  'Invalid "each" attribute',
  'Invalid "terraform" attribute',
  'Invalid "self" reference',
  "Self-referencing local value",
]);

function keep(d: Diagnostic): boolean {
  return referenceSummaries.has(d.summary) || /^each\.\w+ cannot be used in this context$/.test(d.summary);
}

/** What a block's expressions may refer to besides the module's objects: count, each, and (postconditions) self. */
type Repetition = { count: boolean; forEach: boolean; self?: boolean };

/**
 * A scope for one block: `count` and `each` exist only where the block sets count or for_each; elsewhere the
 * module scope reports them as Terraform does.
 */
export function blockScope(base: Scope, rep: Repetition): Scope {
  return {
    ...base,
    resolveTraversal(traversal, range) {
      const root = traversal[0];
      if (root?.kind === "Root" && root.name === "count" && rep.count) return { value: Value.object({ index: Value.unknown(NumberType) }), diagnostics: [] };
      if (root?.kind === "Root" && root.name === "each" && rep.forEach) {
        return { value: Value.object({ key: Value.unknown(StringType), value: Value.unknown(DynamicType) }), diagnostics: [] };
      }
      if (root?.kind === "Root" && root.name === "self" && rep.self) return { value: Value.unknown(DynamicType), diagnostics: [] };
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

export type { SchemaLookup };

/** lifecycle.ignore_changes: `all`, or a list of attribute paths relative to the resource. */
function ignoreChangesPaths(expr: Expression): Traverser[][] {
  if (expr.syntax !== "native" || expr.keyword() === "all") return [];
  const node = expr.node as AstExpression;
  if (node.kind !== "Tuple") return [];
  return node.exprs.flatMap((e) => (e.kind === "ScopeTraversal" ? [e.traversal.map((s): Traverser => (s.kind === "Root" ? { kind: "Attr", name: s.name, range: s.range } : s))] : []));
}

/**
 * configs.DecodeDependsOn (at load time): a static list of references. Quoted legacy references are not handled.
 * lifecycle.ignore_changes (unless `all`) is decoded the same way.
 */
function dependsOnProblems(expr: Expression): Diagnostic[] {
  if (expr.syntax !== "native" || expr.keyword() === "all") return [];
  const node = expr.node as AstExpression;
  if (node.kind !== "Tuple") return [error("Invalid expression", "A static list expression is required.", expr.range)];
  return node.exprs
    .filter((e) => e.kind !== "ScopeTraversal" && e.kind !== "TemplateExpr" && e.kind !== "TemplateWrap")
    .map((e) =>
      error(
        "Invalid expression",
        "A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.",
        e.range,
      ),
    );
}

/**
 * configs' CheckRule.validateSelfReferences, at load time: a resource's precondition or postcondition may not
 * refer to the resource itself (postconditions use `self`); one error per expression, on the expression.
 */
function conditionSelfReferences(r: Resource, kind: "precondition" | "postcondition"): Diagnostic[] {
  const own = `${r.mode === "data" ? "data." : ""}${r.type}.${r.name}`;
  const out: Diagnostic[] = [];
  for (const rule of kind === "precondition" ? r.lifecycle.preconditions : r.lifecycle.postconditions) {
    for (const expr of [rule.condition, rule.errorMessage]) {
      if (!expr) continue;
      for (const t of expressionTraversals(expressionAst(expr))) {
        const { ref } = parseRef(t.traversal);
        const s = ref?.subject;
        const target = s?.kind === "resource" ? s.resource : s?.kind === "resource_instance" ? s.instance.resource : undefined;
        if (target?.toString() === own) {
          out.push(error(`Invalid reference in ${kind}`, `Configuration for ${own} may not refer to itself.`, expr.range));
          break;
        }
      }
    }
  }
  return out;
}

/** evaluateLocalValue's check: each reference a local makes to itself. */
function localSelfReferences(name: string, expr: Expression): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of expressionTraversals(expressionAst(expr))) {
    const { ref } = parseRef(t.traversal);
    if (ref?.subject.kind === "local_value" && ref.subject.name === name) {
      out.push(error("Self-referencing local value", `Local value local.${name} cannot use its own result as part of its expression.`, ref.range));
    }
  }
  return out;
}

/** Whether a diagnostic is about `expr` itself (not about a local it refers to, reported by that local). */
function within(d: Diagnostic, expr: Expression): boolean {
  return !d.subject || (d.subject.file === expr.range.file && d.subject.start >= expr.range.start && d.subject.end <= expr.range.end);
}

/** Root variables before plan: unknown, but a variable declared sensitive is already sensitive (for_each refuses it at validate). */
export function unknownRootVariables(config: Config): Map<string, Value> {
  const variables = new Map<string, Value>();
  for (const [name, v] of config.variables) {
    const sensitive = v.sensitive !== undefined && evalConfigExpression(v.sensitive).value.rawEquals(Value.bool(true));
    variables.set(name, sensitive ? Value.unknown(DynamicType).mark(Sensitive) : Value.unknown(DynamicType));
  }
  return variables;
}

export function validateSemantics(config: Config, baseDir: string, schemaOf?: SchemaLookup): Diagnostic[] {
  // Terraform finds this while loading the configuration and stops there.
  const loading: Diagnostic[] = [];
  for (const r of [...config.resources.values(), ...config.data.values()]) {
    const d = conflict("resource", r);
    if (d) loading.push(d);
    if (r.dependsOn) loading.push(...dependsOnProblems(r.dependsOn));
    if (r.lifecycle.ignoreChanges) loading.push(...dependsOnProblems(r.lifecycle.ignoreChanges));
    loading.push(...conditionSelfReferences(r, "precondition"), ...conditionSelfReferences(r, "postcondition"));
  }
  for (const m of config.modules.values()) {
    const d = conflict("module", m);
    if (d) loading.push(d);
  }
  loading.push(...importBlockProblems(config));
  if (loading.length) return loading;

  const base = moduleScope(config, { variables: unknownRootVariables(config), baseDir });
  const plain = blockScope(base, { count: false, forEach: false });

  // One node per graph vertex Terraform walks; a node that depends on a failed one is never visited.
  interface Node {
    readonly deps: Set<string>;
    readonly diags: Diagnostic[];
  }
  const nodes = new Map<string, Node>();
  const check = (id: string, expr: Expression | undefined, scope: Scope) => {
    let node = nodes.get(id);
    if (!node) nodes.set(id, (node = { deps: new Set(), diags: [] }));
    if (!expr) return;
    // Checked statically, as Terraform does, so that references in parts evaluation skips (a for over an
    // unknown list, the other arm of a conditional) are checked too.
    for (const t of expressionTraversals(expressionAst(expr))) {
      const steps = t.traversal.map((s) => (s.kind === "Index" ? "" : s.name));
      if (steps[0] === "local" && steps[1]) node.deps.add(`local.${steps[1]}`);
      else if (steps[0] === "data" && steps[2]) node.deps.add(`data.${steps[1]}.${steps[2]}`);
      else if (steps[0] === "module" && steps[1]) node.deps.add(`module.${steps[1]}`);
      else if (steps[0] && steps[1] && !["var", "path", "terraform", "count", "each", "self"].includes(steps[0])) node.deps.add(`${steps[0]}.${steps[1]}`);
      const r = scope.resolveTraversal?.(t.traversal, t.range);
      node.diags.push(...staticValidateResourceReference(config, t.traversal, schemaOf));
      // A referenced local's own diagnostics belong to that local's node.
      for (const d of r?.diagnostics ?? []) {
        if (keep(d) && within(d, expr)) node.diags.push(d);
      }
    }
    // Then the expression is evaluated, with unknowns for what is not known before plan: what fails even so
    // (a function given known bad arguments, an operator given the wrong types) fails validate too.
    if (node.diags.some((d) => d.severity === "error")) return;
    // A local is evaluated once, through the scope that caches it for the expressions referring to it.
    const local = id.startsWith("local.") ? id.slice(6) : undefined;
    const evaluated = local
      ? (scope.resolveTraversal?.([{ kind: "Root", name: "local", range: expr.range }, { kind: "Attr", name: local, range: expr.range }], expr.range)?.diagnostics ?? [])
      : evalConfigExpression(expr, scope).diagnostics;
    node.diags.push(...evaluated.filter((d) => d.severity === "error" && !keep(d) && within(d, expr)));
  };

  for (const [name, l] of config.locals) check(`local.${name}`, l.expr, plain);
  for (const [name, v] of config.variables) {
    for (const rule of v.validations) {
      check(`var.${name}`, rule.condition, plain);
      // A JSON message that does not evaluate is read literally, with a warning (config/variable-validation.ts).
      if (rule.errorMessage?.syntax === "native") check(`var.${name}`, rule.errorMessage, plain);
    }
  }
  for (const [name, o] of config.outputs) {
    check(`output.${name}`, o.value, plain);
    for (const rule of o.preconditions) {
      check(`output.${name}`, rule.condition, plain);
      check(`output.${name}`, rule.errorMessage, plain);
    }
  }
  // Import blocks' id and for_each (their `to` names a target, checked by config/import-blocks.ts).
  config.imports.forEach((imp, n) => {
    check(`import.${n}`, imp.forEach, plain);
    check(`import.${n}`, imp.id, blockScope(base, { count: false, forEach: imp.forEach !== undefined }));
  });
  const blocks: [string, Resource | ModuleCall, Body][] = [
    ...[...config.resources].map(([k, r]): [string, Resource, Body] => [k, r, r.config]),
    ...[...config.data].map(([k, r]): [string, Resource, Body] => [`data.${k}`, r, r.config]),
    ...[...config.modules].map(([k, m]): [string, ModuleCall, Body] => [`module.${k}`, m, m.config]),
  ];
  // count's and for_each's values as Terraform's validate walk checks them, unknowns allowed.
  const repetition = (id: string, expr: Expression | undefined, of: "count" | "for_each") => {
    const node = nodes.get(id)!;
    if (!expr || node.diags.some((d) => d.severity === "error")) return;
    const r = evalConfigExpression(expr, plain);
    if (r.diagnostics.some((d) => d.severity === "error")) return;
    const got = of === "count" ? countInstances(r.value) : forEachElements(r.value, true);
    if (typeof got === "number" || got === "unknown" || got instanceof Map) return;
    const values = got.showValues ? describeExpression(expressionAst(expr), plain, got.cause) : [];
    node.diags.push({ ...error(got.summary, got.detail, expr.range), ...(values.length ? { values } : {}) });
  };
  for (const [id, b, body] of blocks) {
    check(id, b.count, plain);
    check(id, b.forEach, plain);
    repetition(id, b.count, "count");
    repetition(id, b.forEach, "for_each");
    if ("dependsOn" in b) check(id, b.dependsOn, plain);
    const scope = blockScope(base, { count: b.count !== undefined, forEach: b.forEach !== undefined });
    const schema = "lifecycle" in b ? schemaOf?.(b.mode, b.type) : undefined;
    if (schema) {
      check(id, undefined, scope);
      nodes.get(id)!.diags.push(...validateBodyAgainstSchema(body, schema));
    }
    for (const e of bodyExpressions(body)) check(id, e, scope);
    if ("lifecycle" in b) {
      if (schema && b.lifecycle.ignoreChanges) {
        for (const path of ignoreChangesPaths(b.lifecycle.ignoreChanges)) nodes.get(id)!.diags.push(...staticValidateTraversal(schema, path));
      }
      for (const rule of b.lifecycle.preconditions) {
        check(id, rule.condition, scope);
        check(id, rule.errorMessage, scope);
      }
      const post = blockScope(base, { count: b.count !== undefined, forEach: b.forEach !== undefined, self: true });
      for (const rule of b.lifecycle.postconditions) {
        check(id, rule.condition, post);
        check(id, rule.errorMessage, post);
      }
    }
  }

  // Terraform reports a local that uses itself instead of evaluating it.
  for (const [name, l] of config.locals) {
    const own = localSelfReferences(name, l.expr);
    if (own.length) nodes.get(`local.${name}`)!.diags.splice(0, Infinity, ...own);
  }
  // A cycle makes the graph invalid: Terraform reports it and walks nothing.
  const graph = new Graph<undefined>();
  for (const id of nodes.keys()) graph.add(id, undefined);
  for (const [id, n] of nodes) for (const dep of n.deps) if (dep !== id && graph.has(dep)) graph.connect(id, dep);
  const cycles = cycleDiagnostics(graph, (id) => (id.startsWith("local.") ? `${id} (expand)` : id));
  if (cycles.length) return cycles;

  const blocked = new Map<string, boolean>();
  const upstreamFailed = (id: string, visiting: Set<string>): boolean => {
    const known = blocked.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return false;
    visiting.add(id);
    let failed = false;
    for (const dep of nodes.get(id)?.deps ?? []) {
      const n = nodes.get(dep);
      if (n && dep !== id && (n.diags.some((d) => d.severity === "error") || upstreamFailed(dep, visiting))) failed = true;
    }
    visiting.delete(id);
    blocked.set(id, failed);
    return failed;
  };
  const out: Diagnostic[] = [];
  for (const [id, n] of nodes) if (!upstreamFailed(id, new Set())) out.push(...n.diags);
  return out;
}
