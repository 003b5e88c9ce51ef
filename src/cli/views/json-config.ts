// The `configuration` of Terraform's JSON plan (jsonconfig): the root module's providers, resources, outputs and
// variables, each expression as its constant value or as the references it makes (Terraform's
// lang.ReferencesInExpr, every prefix of each reference that names an object: `terraform_data.b[0].output`,
// `terraform_data.b[0]`, `terraform_data.b`).
import type { Config } from "../../config/model.js";
import type { Expression } from "../../config/body.js";
import { evalConfigExpression } from "../../config/variables.js";
import { expressionAst, literalString } from "../../config/expression-ast.js";
import { applyTypeConstraint, parseTypeConstraint } from "../../lang/typeexpr.js";
import { isConversionError } from "../../lang/convert.js";
import type { Traverser } from "../../hcl/ast.js";
import { valueToPlainJson } from "../../engine/plan.js";
import type { JsonObject, JsonValue } from "../../../state/index.js";
import { ModuleLoader } from "../../engine/module-source.js";

function traverserText(t: Traverser): string {
  if (t.kind === "Root") return t.name;
  if (t.kind === "Attr") return `.${t.name}`;
  const k = t.key;
  return k.type === "string" ? `[${JSON.stringify(k.value)}]` : k.type === "number" ? `[${k.text}]` : "";
}

/**
 * Terraform's references of one traversal (jsonconfig's marshalExpression): the reference with each shorter
 * form of what follows its subject (each.value.a, then each.value), then the subject's container (a resource
 * instance's resource, a module output's call).
 */
function referenceStrings(traversal: readonly Traverser[]): string[] {
  const root = traversal[0]?.kind === "Root" ? traversal[0].name : "";
  const text = (n: number): string => traversal.slice(0, n).map(traverserText).join("");
  if (root === "self") return [...Array.from({ length: traversal.length - 1 }, (_, i) => text(traversal.length - i)), "self"];
  // How many steps name the subject: var.x, local.x, count.index, each.key, path.module → 2; data.t.n → 3; t.n → 2.
  const lead = root === "data" ? 3 : 2;
  if (traversal.length < lead) return [];
  let subject = lead;
  let container: string | undefined;
  if (!["var", "local", "count", "each", "path", "terraform"].includes(root)) {
    // A resource or module call with an instance key is an instance of it; a module call's output is part of the subject.
    if (traversal[subject]?.kind === "Index") {
      subject++;
      if (root !== "module") container = text(lead);
    }
    if (root === "module" && traversal[subject]?.kind === "Attr") {
      container = text(subject);
      subject++;
    }
  }
  const out: string[] = [];
  for (let n = traversal.length; n > subject; n--) out.push(text(n));
  out.push(text(subject));
  if (container !== undefined) out.push(container);
  return out;
}

/** depends_on's addresses as written (`terraform_data.a`, `module.m`). */
function traversalStrings(expr: Expression | undefined): string[] {
  const node = expr && expressionAst(expr);
  if (!node || node.kind !== "Tuple") return [];
  return node.exprs.flatMap((e) => (e.kind === "ScopeTraversal" ? [e.traversal.map(traverserText).join("")] : []));
}

export function expressionJson(expr: Expression | undefined): JsonObject {
  if (!expr) return {};
  const refs: string[] = [];
  let calls = false;
  const seen = new Set<unknown>();
  // A for expression's key and value names are not references inside it (hcl's Variables()).
  const visit = (n: unknown, bound: ReadonlySet<string> = new Set()): void => {
    if (n === null || typeof n !== "object" || seen.has(n)) return;
    seen.add(n);
    const node = n as { kind?: string; traversal?: Traverser[]; keyVar?: string; valVar?: string; collExpr?: unknown };
    if (node.kind === "ScopeTraversal" && node.traversal) {
      const root = node.traversal[0];
      if (root?.kind === "Root" && bound.has(root.name)) return;
      // Every reference, as many times as it is made (Terraform's jsonconfig does not deduplicate).
      refs.push(...referenceStrings(node.traversal));
      return;
    }
    if (node.kind === "FunctionCall") calls = true;
    let inner = bound;
    if (node.kind === "ForExpr") {
      visit(node.collExpr, bound);
      inner = new Set([...bound, ...[node.keyVar, node.valVar].filter((x): x is string => x !== undefined)]);
    }
    for (const [k, v] of Object.entries(n)) {
      if (k === "range" || k === "srcRange") continue;
      if (Array.isArray(v)) for (const x of v) visit(x, inner);
      else if (v && typeof v === "object") visit(v, inner);
    }
  };
  visit(expressionAst(expr));
  if (expr.syntax === "json") {
    // Terraform reads a JSON expression's constant with no context (its strings taken literally), so it has
    // one even when it also makes references.
    const r = evalConfigExpression(expr);
    return { constant_value: valueToPlainJson(r.value), ...(refs.length ? { references: refs } : {}) };
  }
  if (refs.length) return { references: refs };
  // Terraform evaluates constants without functions, so a call leaves the expression empty.
  if (calls) return {};
  const r = evalConfigExpression(expr);
  if (r.diagnostics.some((d) => d.severity === "error") || !r.value.isWhollyKnown()) return {};
  return { constant_value: valueToPlainJson(r.value.unmarkDeep()[0]) };
}

/** An expression field Terraform leaves out when empty (its Go map is omitempty). */
function putExpression(out: JsonObject, key: string, expr: Expression): void {
  const e = expressionJson(expr);
  if (Object.keys(e).length) out[key] = e;
}

/** The configuration object; providers maps each provider local name to its full name (from the plan). */
export function configurationJson(config: Config, providers: ReadonlyMap<string, string>, rootDir: string): JsonObject {
  const used = new Map<string, JsonObject>();
  const loader = new ModuleLoader(rootDir);
  const root = moduleJson(config, "", "", providers, used, loader);
  const providerConfig: JsonObject = {};
  for (const k of [...used.keys()].sort()) providerConfig[k] = used.get(k)!;
  return { provider_config: providerConfig, root_module: root };
}

function moduleJson(config: Config, path: string, loaderKey: string, providers: ReadonlyMap<string, string>, used: Map<string, JsonObject>, loader: ModuleLoader): JsonObject {
  const root: JsonObject = {};
  if (config.outputs.size) {
    const outputs: JsonObject = {};
    for (const name of [...config.outputs.keys()].sort()) {
      const o = config.outputs.get(name)!;
      const out: JsonObject = {};
      const sensitive = o.sensitive ? expressionJson(o.sensitive).constant_value : undefined;
      if (sensitive === true) out.sensitive = true;
      out.expression = expressionJson(o.value);
      const dependsOn = traversalStrings(o.dependsOn);
      if (dependsOn.length) out.depends_on = dependsOn;
      const description = o.description ? expressionJson(o.description).constant_value : undefined;
      if (typeof description === "string") out.description = description;
      outputs[name] = out;
    }
    root.outputs = outputs;
  }
  const resources: JsonObject[] = [];
  for (const r of [...config.resources.values()].sort((a, b) => (`${a.type}.${a.name}` < `${b.type}.${b.name}` ? -1 : 1))) {
    const us = r.type.indexOf("_");
    const local = us < 0 ? r.type : r.type.slice(0, us);
    const providerKey = path ? `${path}:${local}` : local;
    if (!used.has(providerKey)) used.set(providerKey, { name: local, full_name: providers.get(local) ?? local, ...(path ? { module_address: path } : {}) });
    const expressions: JsonObject = {};
    const attrs = r.config.justAttributes().attributes;
    for (const name of [...attrs.keys()].sort()) expressions[name] = expressionJson(attrs.get(name)!.expr);
    const out: JsonObject = { address: `${r.mode === "data" ? "data." : ""}${r.type}.${r.name}`, mode: r.mode, type: r.type, name: r.name, provider_config_key: providerKey };
    if (Object.keys(expressions).length) out.expressions = expressions;
    out.schema_version = 0;
    if (r.count) putExpression(out, "count_expression", r.count);
    if (r.forEach) putExpression(out, "for_each_expression", r.forEach);
    const dependsOn = traversalStrings(r.dependsOn);
    if (dependsOn.length) out.depends_on = dependsOn;
    resources.push(out);
  }
  if (resources.length) root.resources = resources;
  if (config.modules.size) {
    const calls: JsonObject = {};
    for (const name of [...config.modules.keys()].sort()) {
      const call = config.modules.get(name)!;
      const out: JsonObject = {};
      const source = literalString(call.source);
      if (source !== undefined) out.source = source;
      const expressions: JsonObject = {};
      const attrs = call.config.justAttributes().attributes;
      for (const a of [...attrs.keys()].sort()) expressions[a] = expressionJson(attrs.get(a)!.expr);
      if (Object.keys(expressions).length) out.expressions = expressions;
      if (call.count) putExpression(out, "count_expression", call.count);
      if (call.forEach) putExpression(out, "for_each_expression", call.forEach);
      const key = loaderKey ? `${loaderKey}.${name}` : name;
      const loaded = loader.load(key, call);
      if (!Array.isArray(loaded)) out.module = moduleJson(loaded.config, path ? `${path}.module.${name}` : `module.${name}`, key, providers, used, loader);
      calls[name] = out;
    }
    root.module_calls = calls;
  }
  if (config.variables.size) {
    const vars: JsonObject = {};
    for (const name of [...config.variables.keys()].sort()) {
      const v = config.variables.get(name)!;
      const out: JsonObject = {};
      if (v.default) {
        // The default as Terraform keeps it: converted to the variable's type (map(number) turns "2" into 2).
        const r = evalConfigExpression(v.default);
        const c = v.type ? parseTypeConstraint(expressionAst(v.type)).constraint : undefined;
        const typed = c ? applyTypeConstraint(r.value, c) : r.value;
        const failed = isConversionError(typed) || r.diagnostics.some((x) => x.severity === "error") || !r.value.isWhollyKnown();
        const d = failed ? expressionJson(v.default) : { constant_value: valueToPlainJson((typed as typeof r.value).unmarkDeep()[0]) };
        if ("constant_value" in d) out.default = d.constant_value as JsonValue;
      }
      const description = v.description ? expressionJson(v.description).constant_value : undefined;
      if (typeof description === "string") out.description = description;
      if (v.sensitive && expressionJson(v.sensitive).constant_value === true) out.sensitive = true;
      vars[name] = out;
    }
    root.variables = vars;
  }
  return root;
}
