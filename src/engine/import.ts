// Config-driven import (Terraform's `import` blocks, 1.5+; `for_each` 1.7+): each block of the root module,
// expanded by its for_each, names a resource instance (`to`) and the ID of an existing remote object (`id`).
// The plan imports that object (./import-object.ts) and plans against it as the prior object; apply records
// it. A block is evaluated when the walk reaches the root node its target lives under (the resource, or the
// module call), after what its expressions reference. A target already in state is left alone, as Terraform
// leaves it. Errors use Terraform's words and the `to`/`id` ranges.
import type { Expression } from "../config/body.js";
import { duplicateImport, forEachNotCollection, importIdOf, importKeyProblem, importNode, missingConfig } from "../config/import-blocks.js";
import type { Config, Import, Resource as ConfigResource } from "../config/model.js";
import { error, type Diagnostic } from "../diag/diagnostic.js";
import type { Expression as AstExpression } from "../hcl/ast.js";
import { expressionAst } from "../config/expression-ast.js";
import { evaluate, type Scope } from "../lang/eval.js";
import { Value } from "../lang/value.js";
import { AbsResourceInstance, ModuleInstance, Resource, type InstanceKey } from "../addrs/index.js";
import { referencePath } from "../lang/reference-path.js";
import { DynamicType } from "../lang/types.js";
import type { Provider } from "../provider/provider.js";
import { generateResourceConfig, parseGenerated } from "./generate-config.js";
import { importObject } from "./import-object.js";

/** One import block instance: where the object goes and the ID the provider imports it by. */
export interface ImportTarget {
  readonly addr: AbsResourceInstance;
  readonly id: string;
  readonly block: Import;
}

/** What evaluating an import block needs of the root module's evaluator. */
export interface ImportScope {
  scope(extra?: { each?: { key: Value; value: Value } }): Scope;
  eval(e: Expression | undefined, scope: Scope): Value;
}

function astOf(e: Expression | undefined): AstExpression | undefined {
  return e && expressionAst(e);
}

/** The import blocks by the root node they target; blocks whose target the root module lacks, as errors. */
export function importsByNode(config: Config): { byNode: Map<string, Import[]>; diagnostics: Diagnostic[] } {
  const byNode = new Map<string, Import[]>();
  const diagnostics: Diagnostic[] = [];
  for (const imp of config.imports) {
    const node = importNode(imp);
    if (!node) {
      diagnostics.push(error("Invalid import address", "The import block's \"to\" argument must be a resource instance address.", imp.to?.range ?? imp.declRange));
      continue;
    }
    // A missing module call is a load-time error (config/import-blocks.ts); a missing root resource, this one.
    if (node.startsWith("module.") ? !config.modules.has(node.slice(7)) : !config.resources.has(node)) {
      if (!node.startsWith("module.") && imp.to) diagnostics.push(missingConfig(imp, toText(imp.to), true));
      continue;
    }
    let l = byNode.get(node);
    if (!l) byNode.set(node, (l = []));
    l.push(imp);
  }
  return { byNode, diagnostics };
}

/** The source text of an expression (the `to` address as written). */
function toText(e: Expression): string {
  return e.range.file.text.slice(e.range.start, e.range.end);
}

/** The instance of an import target whose configuration is missing: Terraform reports it without a range. */
export function missingInstance(t: ImportTarget): Diagnostic {
  return error("Configuration for import target does not exist", `The configuration for the given import ${t.addr.toString()} does not exist. All target instances must have an associated configuration to be imported.`);
}

/** A resource in a child module that an import block names, when that module's configuration lacks it. */
export function missingModuleResource(t: ImportTarget): Diagnostic {
  return missingConfig(t.block, t.addr.toString(), false);
}

function instanceKey(v: Value): InstanceKey | undefined {
  if (!v.isKnown() || v.isNull()) return undefined;
  if (v.type.kind === "number") return Number(v.asNumber().toString());
  if (v.type.kind === "string") return v.asString();
  return undefined;
}

/** `module.a["x"].type.name[0]` from a reference path, or undefined when the path is not such an address. */
function targetAddress(path: readonly (string | Value)[]): AbsResourceInstance | undefined {
  let i = 0;
  let mod = ModuleInstance.root;
  const keyAt = (): InstanceKey | undefined | null => {
    const p = path[i];
    if (!(p instanceof Value)) return undefined;
    i++;
    return instanceKey(p) ?? null;
  };
  while (path[i] === "module") {
    const name = path[i + 1];
    if (typeof name !== "string") return undefined;
    i += 2;
    const key = keyAt();
    if (key === null) return undefined;
    mod = mod.child(name, key);
  }
  const type = path[i];
  const name = path[i + 1];
  if (typeof type !== "string" || typeof name !== "string" || type === "data") return undefined;
  i += 2;
  const key = keyAt();
  if (key === null || i !== path.length) return undefined;
  return AbsResourceInstance.of(mod, new Resource("managed", type, name), key);
}

/** The repetition values of an import block's for_each: one undefined for a block without it. */
function expandImport(ev: ImportScope, imp: Import, diags: Diagnostic[]): ({ key: Value; value: Value } | undefined)[] | undefined {
  if (!imp.forEach) return [undefined];
  const v = ev.eval(imp.forEach, ev.scope());
  const [plain] = v.unmarkDeep();
  if (!plain.isWhollyKnown()) {
    diags.push(error("Invalid for_each argument", 'The "for_each" value depends on resource attributes that cannot be determined until apply, so tfsim cannot determine the full set of keys that will identify the import targets.', imp.forEach.range));
    return undefined;
  }
  const k = plain.type.kind;
  if (k === "set") return plain.elements().map((e) => ({ key: e, value: e }));
  if (k === "list" || k === "tuple") return plain.elements().map((e, i) => ({ key: Value.number(i), value: e }));
  if (k === "map" || k === "object") return [...plain.entries()].map(([key, value]) => ({ key: Value.string(key), value }));
  diags.push(forEachNotCollection(imp.forEach.range));
  return undefined;
}

/**
 * Evaluates `blocks` in the root module's scope into `out` (by instance address): each for_each instance's
 * target address and ID, checked against the root configuration and against the blocks evaluated before.
 * Each target set is also indexed in `byResource` (by `resourceKey`), so a resource finds its own in O(1).
 */
export function evaluateImports(ev: ImportScope, config: Config, blocks: readonly Import[], out: Map<string, ImportTarget>, byResource: Map<string, Map<string, ImportTarget>>): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const imp of blocks) {
    const to = astOf(imp.to);
    if (!to || !imp.to) continue;
    for (const each of expandImport(ev, imp, diags) ?? []) {
      const scope = ev.scope(each ? { each } : {});
      const path = referencePath(to, (k) => {
        const r = evaluate(k, scope);
        diags.push(...r.diagnostics);
        return r.value;
      });
      const addr = path && targetAddress(path);
      if (!addr) {
        diags.push(error("Invalid import address", "The import block's \"to\" argument must be a resource instance address whose keys are known.", imp.to.range));
        continue;
      }
      const key = addr.resource.key;
      const cfg = addr.module.isRoot() ? config.resources.get(addr.resource.resource.toString()) : undefined;
      const bad = cfg && importKeyProblem(cfg, key, imp.to.range);
      if (bad) {
        diags.push(bad);
        continue;
      }
      const id = importId(ev.eval(imp.id, scope), imp, diags);
      if (id === undefined) continue;
      const prev = out.get(addr.toString());
      // Within one block a later for_each instance wins, as in Terraform; across blocks it is an error.
      if (prev && prev.block !== imp) {
        diags.push(duplicateImport(addr.toString(), prev.block, imp.to.range));
        continue;
      }
      const t = { addr, id, block: imp };
      out.set(addr.toString(), t);
      const rk = resourceKey(addr.module.toString(), addr.resource.resource.toString());
      let m = byResource.get(rk);
      if (!m) byResource.set(rk, (m = new Map()));
      m.set(addr.toString(), t);
    }
  }
  return diags;
}

/** The index key of a resource in a module instance ("module.a[0]|aws_iam_user.u"). */
export function resourceKey(module: string, resource: string): string {
  return `${module}|${resource}`;
}

/** The `id` as a non-empty string known at plan time, else undefined with Terraform's error. */
function importId(v: Value, imp: Import, diags: Diagnostic[]): string | undefined {
  if (!v.isWhollyKnown()) {
    diags.push(error("Invalid import id argument", 'The import block "id" argument depends on resource attributes that cannot be determined until apply, so tfsim cannot plan to import this resource.', imp.id?.range));
    return undefined;
  }
  const id = importIdOf(v, imp.id?.range);
  if (typeof id === "string") return id;
  diags.push(id);
  return undefined;
}

/** What generating configuration needs of the root module's evaluator, beyond evaluating import blocks. */
export interface GenerationScope extends ImportScope {
  providerFor(cfg: ConfigResource): Promise<{ provider: Provider; configured: Promise<void> } | Diagnostic>;
}

/** A generated resource block: the import ID it came from and its text (formatted, ending in a newline). */
export interface GeneratedConfig {
  readonly id: string;
  readonly text: string;
}

/**
 * -generate-config-out: for each import block (without for_each or instance key) whose root resource has no
 * configuration, imports the object and generates its resource block, which the plan then plans as
 * configuration (`file` names it in diagnostics). Returns the configuration with those blocks added.
 */
export async function generateImportConfigs(ev: GenerationScope, config: Config, file: string): Promise<{ config: Config; generated: Map<string, GeneratedConfig>; diagnostics: Diagnostic[] }> {
  const generated = new Map<string, GeneratedConfig>();
  const diagnostics: Diagnostic[] = [];
  const resources = new Map(config.resources);
  for (const imp of config.imports) {
    const node = importNode(imp);
    const to = astOf(imp.to);
    if (!node || !to || node.startsWith("module.") || resources.has(node) || imp.forEach) continue;
    const path = referencePath(to, () => Value.unknown(DynamicType));
    const addr = path && targetAddress(path);
    if (!addr || addr.resource.key !== undefined) continue;
    const id = importId(ev.eval(imp.id, ev.scope()), imp, diagnostics);
    if (id === undefined) continue;
    const { type, name } = addr.resource.resource;
    const pe = await ev.providerFor({ mode: "managed", type, name } as ConfigResource);
    if ("severity" in pe) {
      diagnostics.push(pe);
      continue;
    }
    await pe.configured;
    const schema = pe.provider.getSchema().resourceTypes[type];
    if (!schema) {
      diagnostics.push(error("Invalid resource type", `The provider does not support resource type "${type}".`, imp.to?.range));
      continue;
    }
    const got = await importObject(pe.provider, type, addr.toString(), id);
    diagnostics.push(...got.diagnostics);
    if (!got.value) continue;
    const text = generateResourceConfig(type, name, schema.block, got.value);
    const parsed = parseGenerated(file, text);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.resource) continue;
    resources.set(node, parsed.resource);
    generated.set(addr.toString(), { id, text });
  }
  return { config: generated.size ? { ...config, resources } : config, generated, diagnostics };
}
