// Plan and apply of one root module (Terraform's terraform.Context): expand each resource by count/for_each,
// evaluate its configuration in a scope of var/local/resource/count/each/path values, ask its provider for the
// planned object, and decide the action. Resource blocks and locals form an O(N+E) graph walked in dependency
// order; apply re-evaluates each instance with its dependencies' final values, as Terraform re-plans on apply.
import { rangeString, type Expression } from "../config/body.js";
import type { CheckRule, Config, ModuleCall, Resource as ConfigResource } from "../config/model.js";
import { Diagnostics, error, warning, type Diagnostic } from "../diag/diagnostic.js";
import type { Body as AstBody, Expression as AstExpression, Traverser } from "../hcl/ast.js";
import { describeExpression, evaluate, type Scope } from "../lang/eval.js";
import { DynamicType, StringType, objectOf } from "../lang/types.js";
import { countInstances, forEachElements, type RepetitionProblem } from "../lang/repetition.js";
import { Sensitive, Value } from "../lang/value.js";
import { convert, isConversionError } from "../lang/convert.js";
import { parseTypeConstraint, applyTypeConstraint, conversionErrorMessage } from "../lang/typeexpr.js";
import type { Range } from "../hcl/source.js";
import { variableValidations } from "../config/variable-validation.js";
import { moduleInputValue } from "../config/variables.js";
import { AbsResourceInstance, compareAbsResourceInstances, compareModuleInstances, parseAbsResourceInstance, instanceKeyString, ModuleInstance, Resource, type InstanceKey } from "../addrs/index.js";
import { ModuleLoader } from "./module-source.js";
import type { Provider } from "../provider/provider.js";
import { builtInProviders } from "../provider/registry.js";
import { decodeBody, proposedNewObject } from "./decode-body.js";
import { impliedType, type ResourceSchema } from "../provider/schema.js";
import { decodeStoredObject, encodeStoredObject } from "../provider/state-object.js";
import type { State, InstanceObject, OutputState } from "../../state/state.js";
import { sameSensitivePaths, typeFromJson, valueFromJson, withSensitivePathsOf } from "../provider/value-json.js";
import type { Journal } from "../../state/backend.js";
import { idAttribute, type Action, type OutputChange, type Plan, type RelevantAttribute, type ResourceInstanceChange } from "../plan/plan.js";
import { referencedNames } from "./references.js";
import { evaluateExpression, expressionAst } from "../config/expression-ast.js";
import { plannedDataObject } from "./planned-data-object.js";
import { decodeReplaceTriggeredBy } from "../config/replace-triggered-by.js";
import { refreshState } from "./refresh.js";
import { forgetWarning, planRefreshScope, removedBlockOf } from "./removed.js";
import { isTargeted } from "./targeting.js";
import { referencePath } from "../lang/reference-path.js";
import { importNode } from "../config/import-blocks.js";
import { evaluateImports, generateImportConfigs, importsByNode, resourceKey, type GeneratedConfig, missingInstance, missingModuleResource, type ImportTarget } from "./import.js";
import { importObject } from "./import-object.js";
import type { Import } from "../config/model.js";
import { instanceCycles, replaceTriggeredBySelf, resourceBodyExpressions, selfReferenceErrors } from "./self-reference.js";

const ROOT = new ModuleInstance([]);

export interface EngineOptions {
  readonly dir: string;
  readonly config: Config;
  readonly state: State;
  readonly variables: ReadonlyMap<string, Value>;
  /** Where each root variable's value was set (a .tfvars expression); the declaration when absent. */
  readonly variableRanges?: ReadonlyMap<string, Range>;
  /** Root variables whose values could not be prepared, and what was reported about them (with the plan's). */
  readonly invalidVariables?: ReadonlySet<string>;
  readonly variableDiagnostics?: readonly Diagnostic[];
  readonly destroy?: boolean;
  /** -target=ADDR: resources or instances to plan, with what they depend on; empty means all. */
  readonly targets?: readonly string[];
  /** -replace=ADDR: instances to replace even without a change. */
  readonly replace?: ReadonlySet<string>;
  /** Data resource results read during plan ("data.type.name"), so apply evaluates with the same values. */
  readonly dataValues?: ReadonlyMap<string, Value>;
  /** false (-refresh=false): plan against the stored state without reading the objects back. */
  readonly refresh?: boolean;
  /** -refresh-only: refresh and report drift, plan no action. */
  readonly refreshOnly?: boolean;
  /**
   * The refresh command: a refresh-only plan that, unlike -refresh-only, honours removed blocks as Terraform's
   * does: what they forget is not read, and is warned about (though it stays in state).
   */
  readonly refreshCommand?: boolean;
  /** -parallelism=N, bounding the refresh's concurrent reads. */
  readonly parallelism?: number;
  /** What `moved` blocks did to the state before planning (engine/moved.ts): previous addresses by new ones. */
  readonly moved?: { readonly previous: ReadonlyMap<string, string>; readonly diagnostics: readonly Diagnostic[] };
  /** Called when an import block's object has been imported and read during plan (the CLI's progress lines). */
  readonly onImport?: (addr: string, importId: string, objectId: string | undefined) => void;
  /** Called as a data resource instance is read during plan ("Reading...", then "Read complete"). */
  readonly onDataRead?: (addr: string, phase: "start" | "complete", id: string | undefined) => void;
  /** -generate-config-out=FILE: generate configuration for import targets that have none (FILE names it). */
  readonly generateConfigOut?: string;
}

interface ResourceNode {
  readonly key: string;
  readonly cfg: ConfigResource;
  readonly deps: Set<string>;
}

interface ProviderEntry {
  readonly provider: Provider;
  readonly stateName: string;
  /** Settles once provider.configure() has run with the matching `provider` block (errors go to diagnostics). */
  readonly configured: Promise<void>;
}

/** The native tree an expression of either syntax evaluates as. */
const exprNode = expressionAst;

/** One instance of a module call, as seen from the child module: its caller and its repetition values. */
export interface ModuleCallInstance {
  readonly parent: ModuleEvaluator;
  readonly call: ModuleCall;
  readonly countIndex?: number;
  readonly each?: { key: Value; value: Value };
  /** `providers = { aws = aws.west }`: the child's local provider name -> the parent's name and alias. */
  readonly providerMap: ReadonlyMap<string, readonly [string, string | undefined]>;
  /** Config-level resource addresses every resource of this instance waits for (the call's own dependencies). */
  readonly deps: ReadonlySet<string>;
}

interface SharedEvaluation {
  readonly providers: Map<string, ProviderEntry>;
  readonly registry: ReturnType<typeof builtInProviders>;
  readonly diagnostics: Diagnostics;
  readonly loader: ModuleLoader;
  /** Every module instance evaluator made so far, by module instance address ("" for the root). */
  readonly evaluators: Map<string, ModuleEvaluator>;
}

/** Everything the evaluation of one module instance needs; values are filled in as the walk proceeds. */
export class ModuleEvaluator {
  readonly locals = new Map<string, Value>();
  /** Resource values by "type.name": an object, a tuple (count) or an object of objects (for_each). */
  readonly resourceValues = new Map<string, Value>();
  /** The resources ("type.name") replaced create-before-destroy in this module instance, once it is planned. */
  readonly createBeforeDestroy = new Set<string>();
  readonly diagnostics: Diagnostics;
  /** A child's variables whose arguments could not be prepared (wrong type, null where not nullable). */
  readonly invalidArguments = new Set<string>();
  /** Module calls expanded so far, by call name: their instance keys (and for_each values). */
  readonly moduleKeys = new Map<string, { keys: (InstanceKey | undefined)[]; each?: Map<string, Value> }>();
  private readonly shared: SharedEvaluation;
  private readonly children = new Map<string, ModuleEvaluator | null>();
  private callAttrs: ReadonlyMap<string, { expr: Expression }> | undefined;

  private readonly dataReads = new Map<string, Promise<void>>();

  /** Reads data resource `key` ("data.type.name") now if its planned result was not wholly known. */
  ensureData(key: string): Promise<void> {
    const v = this.resourceValues.get(key);
    if (v && v.isWhollyKnown()) return Promise.resolve();
    const cfg = this.opts.config.data.get(key.slice(5));
    if (!cfg) return Promise.resolve();
    let p = this.dataReads.get(key);
    if (!p) this.dataReads.set(key, (p = readData(this, cfg, key, new Map())));
    return p;
  }

  constructor(
    readonly opts: EngineOptions,
    readonly path: ModuleInstance = ROOT,
    readonly caller?: ModuleCallInstance,
    shared?: SharedEvaluation,
    /** The module's directory relative to the root module's, as path.module shows it. */
    readonly relDir = ".",
  ) {
    this.shared = shared ?? { providers: new Map(), registry: builtInProviders(), diagnostics: new Diagnostics(), loader: new ModuleLoader(opts.dir), evaluators: new Map() };
    this.shared.evaluators.set(path.toString(), this);
    this.diagnostics = this.shared.diagnostics;
    if (!caller) for (const [k, v] of opts.dataValues ?? []) this.resourceValues.set(k, v);
  }

  get root(): ModuleEvaluator {
    return this.caller ? this.caller.parent.root : this;
  }

  /** Every module instance evaluator made so far, by module instance address ("" for the root). */
  get evaluators(): ReadonlyMap<string, ModuleEvaluator> {
    return this.shared.evaluators;
  }

  /** The configuration-level address prefix of this module's resources ("module.app." or ""). */
  configPrefix(): string {
    const m = this.path.module().toString();
    return m ? m + "." : "";
  }

  /** The instance keys of module call `name`, evaluated once (count/for_each of the call). */
  expandCall(name: string): { keys: (InstanceKey | undefined)[]; each?: Map<string, Value> } | undefined {
    let k = this.moduleKeys.get(name);
    if (k) return k;
    const call = this.opts.config.modules.get(name);
    if (!call) return undefined;
    const exp = expand(this, call);
    if (exp) this.moduleKeys.set(name, (k = exp));
    return k;
  }

  /** The evaluator of instance `key` of module call `name` (null when its module cannot be loaded). */
  child(name: string, key: InstanceKey | undefined, deps: ReadonlySet<string> = new Set()): ModuleEvaluator | null {
    const ck = name + instanceKeyString(key);
    const got = this.children.get(ck);
    if (got !== undefined) return got;
    const call = this.opts.config.modules.get(name)!;
    const path = this.path.child(name, key);
    const loaded = this.shared.loader.load(path.module().names.join("."), call);
    if (Array.isArray(loaded)) {
      this.diagnostics.append(loaded);
      this.children.set(ck, null);
      return null;
    }
    const each = this.moduleKeys.get(name)?.each;
    const caller: ModuleCallInstance = {
      parent: this,
      call,
      ...(typeof key === "number" ? { countIndex: key } : {}),
      ...(each && key !== undefined ? { each: { key: Value.string(String(key)), value: each.get(String(key))! } } : {}),
      providerMap: providerMapOf(call),
      deps: new Set([...(this.caller?.deps ?? []), ...deps]),
    };
    const ev = new ModuleEvaluator({ ...this.opts, dir: loaded.dir, config: loaded.config, variables: new Map() }, path, caller, this.shared, loaded.relDir);
    this.children.set(ck, ev);
    return ev;
  }

  /** The evaluator of a module instance below this one, made (and its calls expanded) as needed. */
  descendant(path: ModuleInstance): ModuleEvaluator | null {
    let ev: ModuleEvaluator | null = this;
    for (const step of path.steps.slice(this.path.steps.length)) {
      // A module call gone from the configuration (an orphan's, or a removed block's) has no evaluator.
      if (!ev || !ev.opts.config.modules.has(step.name)) return null;
      ev.expandCall(step.name);
      ev = ev.child(step.name, step.key);
    }
    return ev;
  }

  /** The arguments of the module block that called this instance, by name. */
  callArguments(): ReadonlyMap<string, { expr: Expression }> {
    if (!this.callAttrs) this.callAttrs = this.caller ? this.caller.call.config.justAttributes().attributes : new Map();
    return this.callAttrs;
  }

  /** Where the calling module block's arguments for this instance are evaluated: the caller's scope with the
   *  instance's count.index or each. */
  callArgumentScope(): Scope {
    const c = this.caller!;
    return c.parent.scope({ ...(c.countIndex !== undefined ? { countIndex: c.countIndex } : {}), ...(c.each ? { each: c.each } : {}) });
  }

  /** var.NAME: the root's collected value, or for a child the caller's argument (else the default), converted. */
  variable(name: string): Value | undefined {
    if (!this.caller) return this.opts.variables.get(name);
    const decl = this.opts.config.variables.get(name);
    if (!decl) return undefined;
    // An argument planModuleCall found wrong was reported there once; whatever else reads it sees an unknown.
    if (this.invalidArguments.has(name)) return Value.unknown(DynamicType);
    const arg = this.callArguments().get(name);
    return moduleInputValue(`${this.path.toString()}.var.${name}`, decl, arg ? { value: this.caller.parent.eval(arg.expr, this.callArgumentScope()), range: arg.expr.range } : undefined).value;
  }

  /**
   * The subject of var.NAME's validation failures, as Terraform's: for the root where the value was set, for a
   * child the argument in the calling module block; undefined when a child's default was used (no source).
   */
  variableRange(name: string): Range | undefined {
    if (!this.caller) return this.opts.variableRanges?.get(name) ?? this.opts.config.variables.get(name)?.declRange;
    return this.callArguments().get(name)?.expr.range;
  }

  /** This instance's outputs as one object (module.NAME[KEY] in the parent). */
  outputsObject(): Value {
    return Value.object([...this.opts.config.outputs].map(([n, o]) => [n, this.eval(o.value, this.scope())] as [string, Value]));
  }

  /** module.NAME: one object, a tuple (count) or an object of objects (for_each); unknown until expanded. */
  moduleValue(name: string): Value {
    const k = this.moduleKeys.get(name);
    if (!k) return Value.unknown(DynamicType);
    const call = this.opts.config.modules.get(name)!;
    const values = new Map<string, Value>();
    for (const key of k.keys) {
      const c = this.child(name, key);
      values.set(String(key), c ? c.outputsObject() : Value.unknown(DynamicType));
    }
    return collect(k.keys, values, call, undefined);
  }

  /** The provider configuration `cfg` uses, instantiated (and its modules loaded) on first use. */
  async providerFor(cfg: ConfigResource): Promise<ProviderEntry | Diagnostic> {
    const addr = new Resource(cfg.mode === "data" ? "data" : "managed", cfg.type, cfg.name);
    // The `provider` meta-argument (`aws.west`) picks a configuration; otherwise the type's prefix does.
    const [ref] = cfg.provider ? referencedNames(cfg.provider) : [];
    let localName = ref?.[0] ?? addr.impliedProviderName();
    let alias: string | undefined = ref?.[1];
    // A child module uses its caller's configurations: those passed in `providers`, else the defaults.
    for (let ev: ModuleEvaluator = this; ev.caller; ev = ev.caller.parent) {
      const m = ev.caller.providerMap.get(alias ? `${localName}.${alias}` : localName);
      if (m) {
        localName = m[0];
        alias = m[1];
      }
    }
    const r = this.shared.registry.resolveLocalName(localName);
    if (!r.addr) return r.diagnostics.errors()[0] ?? error("Unknown provider", cfg.type);
    const k = `${r.addr.key()}${alias ? "." + alias : ""}`;
    let p = this.shared.providers.get(k);
    if (!p) {
      const inst = await this.shared.registry.instantiate(r.addr);
      if (!inst.provider) return inst.diagnostics.errors()[0]!;
      // Another instance of the same provider configuration may have got there while this one loaded.
      p = this.shared.providers.get(k);
      if (p) return p;
      const provider = inst.provider;
      const root = this.root;
      const block = root.opts.config.providers.find((pc) => pc.name === localName && pc.alias === alias);
      if (alias && !block) return error("Provider configuration not present", `To work with ${addr.toString()} its original provider configuration at provider["${r.addr.toString()}"].${alias} is required, but it has been removed.`, cfg.declRange);
      const schema = provider.getSchema().provider;
      const configured = (async () => {
        const d = new Diagnostics();
        const v = block ? decodeBody(block.config, schema, root.scope(), (e, s) => root.eval(e, s), d) : Value.null(impliedType(schema));
        this.diagnostics.append(d);
        if (d.hasErrors()) return;
        const [plain] = v.unmarkDeep();
        this.diagnostics.append(await provider.configure({ config: plain, terraformVersion: "1.11.0" }));
      })();
      p = { provider, configured, stateName: `provider[${JSON.stringify(r.addr.toString())}]${alias ? "." + alias : ""}` };
      this.shared.providers.set(k, p);
    }
    return p;
  }

  scope(extra?: { countIndex?: number; each?: { key: Value; value: Value }; self?: Value }): Scope {
    return {
      // file() and friends resolve relative paths against the module directory, not the process's (-chdir).
      callContext: { baseDir: this.root.opts.dir },
      resolveTraversal: (t: readonly Traverser[]) => {
        const root = t[0];
        if (!root || root.kind !== "Root") return undefined;
        const second = t[1];
        const name = second && second.kind === "Attr" ? second.name : undefined;
        switch (root.name) {
          case "var": {
            if (!name) return undefined;
            const v = this.variable(name);
            if (!v) return { value: Value.unknown(DynamicType), diagnostics: [error("Reference to undeclared input variable", `An input variable with the name "${name}" has not been declared.`, root.range)], consumed: 2 };
            return { value: v, diagnostics: [], consumed: 2 };
          }
          case "local": {
            if (!name) return undefined;
            return { value: this.locals.get(name) ?? Value.unknown(DynamicType), diagnostics: [], consumed: 2 };
          }
          case "self":
            // Only postconditions see `self`: the object just planned, applied or read.
            if (!extra?.self) return undefined;
            return { value: extra.self, diagnostics: [], consumed: 1 };
          case "count":
            if (extra?.countIndex === undefined) return undefined;
            return { value: Value.number(extra.countIndex), diagnostics: [], consumed: 2 };
          case "each":
            if (!extra?.each) return undefined;
            return { value: name === "key" ? extra.each.key : extra.each.value, diagnostics: [], consumed: 2 };
          case "path":
            // path.module and path.root are relative to the working directory (the root module is "."), path.cwd absolute.
            return { value: Value.string(name === "cwd" ? this.root.opts.dir : name === "module" ? this.relDir : "."), diagnostics: [], consumed: 2 };
          case "module":
            if (!name || !this.opts.config.modules.has(name)) return undefined;
            return { value: this.moduleValue(name), diagnostics: [], consumed: 2 };
          case "terraform":
            return { value: Value.string("default"), diagnostics: [], consumed: 2 };
          case "data": {
            const third = t[2];
            if (!name || !third || third.kind !== "Attr") return undefined;
            const k = `data.${name}.${third.name}`;
            const v = this.resourceValues.get(k);
            if (v) return { value: v, diagnostics: [], consumed: 3 };
            if (this.opts.config.data.has(`${name}.${third.name}`)) return { value: Value.unknown(DynamicType), diagnostics: [], consumed: 3 };
            return undefined;
          }
          default: {
            if (!name) return undefined;
            const v = this.resourceValues.get(`${root.name}.${name}`);
            if (v) return { value: v, diagnostics: [], consumed: 2 };
            if (this.opts.config.resources.has(`${root.name}.${name}`)) return { value: Value.unknown(DynamicType), diagnostics: [], consumed: 2 };
            return undefined;
          }
        }
      },
    };
  }

  eval(e: Expression | undefined, scope: Scope): Value {
    if (!e) return Value.null(DynamicType);
    const r = evaluateExpression(e, scope);
    this.diagnostics.append(r.diagnostics);
    return r.value;
  }

  /** The configuration object of one instance, per the resource schema (null for unset attributes). */
  configValue(cfg: ConfigResource, schema: ResourceSchema, scope: Scope): Value {
    return decodeBody(cfg.config, schema.block, scope, (e, s) => this.eval(e, s), this.diagnostics);
  }
}

/** Whether a resource's own lifecycle sets create_before_destroy. */
export function ownCreateBeforeDestroy(ev: ModuleEvaluator, cfg: ConfigResource): boolean {
  return cfg.lifecycle.createBeforeDestroy !== undefined && ev.eval(cfg.lifecycle.createBeforeDestroy, ev.scope()).rawEquals(Value.bool(true));
}

/**
 * The resources create_before_destroy is on for: those whose lifecycle sets it, and everything they depend on
 * (Terraform's ForcedCBDTransformer: a dependency replaced destroy-first would have to wait for its dependent's
 * replacement to be created, a cycle). `deps` are transitive.
 */
export function createBeforeDestroySet(resources: Iterable<{ readonly addr: string; readonly deps: Iterable<string>; readonly own: boolean }>): Set<string> {
  const out = new Set<string>();
  for (const r of resources) {
    if (!r.own) continue;
    out.add(r.addr);
    for (const d of r.deps) out.add(d);
  }
  return out;
}

/** Every expression of a resource block that can reference something. */
export function resourceExpressions(r: ConfigResource): (Expression | undefined)[] {
  const exprs: (Expression | undefined)[] = [r.count, r.forEach, r.dependsOn, r.lifecycle.replaceTriggeredBy];
  for (const c of [...r.lifecycle.preconditions, ...r.lifecycle.postconditions]) exprs.push(c.condition, c.errorMessage);
  exprs.push(...bodyExpressions(r.config, r.declRange));
  return exprs;
}

/** Expressions covering every reference a block body makes, nested and dynamic blocks included. */
export function bodyExpressions(body: ConfigResource["config"], range: ConfigResource["declRange"]): Expression[] {
  // A native body is walked whole, so references inside nested and dynamic blocks count too.
  const node = (body as { node?: unknown }).node;
  if (body.syntax === "native" && node) return [{ syntax: "native", node, range, quotedString: () => undefined, keyword: () => undefined, references: () => [] }];
  return [...body.justAttributes().attributes.values()].map((a) => a.expr);
}

/** `providers = { aws = aws.west }` of a module call: child name (with alias) -> parent name and alias. */
function providerMapOf(call: ModuleCall): Map<string, readonly [string, string | undefined]> {
  const m = new Map<string, readonly [string, string | undefined]>();
  const node = call.providers?.node as AstExpression | undefined;
  if (!node || node.kind !== "Object") return m;
  const nameOf = (e: AstExpression): string[] => {
    const x = e.kind === "ObjectConsKey" ? e.wrapped : e;
    if (x.kind !== "ScopeTraversal") return [];
    return x.traversal.filter((t): t is Extract<Traverser, { name: string }> => "name" in t).map((t) => t.name);
  };
  for (const item of node.items) {
    const k = nameOf(item.key);
    const v = nameOf(item.value);
    if (k.length && v.length) m.set(k.join("."), [v[0]!, v[1]]);
  }
  return m;
}

/** Resource blocks and locals in dependency order (Kahn's algorithm over the reference graph). */
/** The module's nodes (local.x, module.m, data.t.n, t.n) that expressions refer to, added to `d`. */
function nodeReferences(config: Config, exprs: readonly (Expression | undefined)[], d = new Set<string>()): Set<string> {
  for (const e of exprs)
    for (const [root, name, third] of e ? referencedNames(e) : []) {
      if (!name) continue;
      // A variable is a node of its own: what refers to it waits for (and fails with) its validation rules.
      if (root === "var" && config.variables.has(name)) d.add(`var.${name}`);
      else if (root === "local") d.add(`local.${name}`);
      else if (root === "module" && config.modules.has(name)) d.add(`module.${name}`);
      else if (root === "data" && third && config.data.has(`${name}.${third}`)) d.add(`data.${name}.${third}`);
      else if (config.resources.has(`${root}.${name}`)) d.add(`${root}.${name}`);
    }
  return d;
}

export function orderedNodes(config: Config): { order: string[]; deps: Map<string, Set<string>>; diagnostics: Diagnostic[] } {
  const deps = new Map<string, Set<string>>();
  const refs = (exprs: (Expression | undefined)[], d = new Set<string>()): Set<string> => nodeReferences(config, exprs, d);
  // A block never waits for itself: a self-reference is reported when it is planned (self-reference.ts).
  const add = (key: string, exprs: (Expression | undefined)[]): void => {
    const d = refs(exprs);
    d.delete(key);
    deps.set(key, d);
  };
  for (const [n, l] of config.locals) add(`local.${n}`, [l.expr]);
  for (const [n, v] of config.variables) add(`var.${n}`, v.validations.flatMap((r) => [r.condition, r.errorMessage]));
  const resourceNode = (k: string, r: ConfigResource): void => add(k, resourceExpressions(r));
  for (const [k, r] of config.resources) resourceNode(k, r);
  for (const [k, r] of config.data) resourceNode(`data.${k}`, r);
  for (const [n, m] of config.modules) add(`module.${n}`, [m.count, m.forEach, m.dependsOn, ...[...m.config.justAttributes().attributes.values()].map((a) => a.expr)]);
  // An import block is evaluated with the node it targets, so that node waits for what the block references.
  for (const imp of config.imports) {
    const node = importNode(imp);
    const d = node ? deps.get(node) : undefined;
    if (!d) continue;
    refs([imp.id, imp.forEach], d);
    // `to` references its own target; only the keys' references count.
    for (const r of refs([imp.to])) if (r !== node) d.add(r);
  }
  const order: string[] = [];
  const indeg = new Map<string, number>();
  const rev = new Map<string, string[]>();
  for (const [k, d] of deps) {
    indeg.set(k, d.size);
    for (const x of d) {
      let l = rev.get(x);
      if (!l) rev.set(x, (l = []));
      l.push(k);
    }
  }
  const queue = [...deps.keys()].filter((k) => indeg.get(k) === 0);
  while (queue.length) {
    const k = queue.pop()!;
    order.push(k);
    for (const x of rev.get(k) ?? []) {
      const n = indeg.get(x)! - 1;
      indeg.set(x, n);
      if (n === 0) queue.push(x);
    }
  }
  const diagnostics: Diagnostic[] = [];
  if (order.length < deps.size) {
    const done = new Set(order);
    const members = [...deps.keys()].filter((k) => !done.has(k));
    diagnostics.push(error("Cycle: " + members.sort().join(", ")));
  }
  return { order, deps, diagnostics };
}

/** The expressions of a resource body the provider is given (a JSON body's as the trees they read as). */
function ownBody(cfg: ConfigResource): AstExpression[] | undefined {
  const node = (cfg.config as { node?: AstBody }).node;
  if (cfg.config.syntax === "json") return [...cfg.config.justAttributes().attributes.values()].map((a) => expressionAst(a.expr));
  return node ? resourceBodyExpressions(node) : undefined;
}

/** expand, unless count or for_each refers to the resource itself (`key`), which Terraform reports instead. */
function expandOwn(ev: ModuleEvaluator, cfg: ConfigResource, key: string): ReturnType<typeof expand> {
  const repetition = [cfg.count, cfg.forEach].filter((e): e is Expression => e !== undefined).map(exprNode);
  const selfRefs = selfReferenceErrors([key], repetition);
  if (selfRefs.length) {
    ev.diagnostics.append(selfRefs);
    return undefined;
  }
  return expand(ev, cfg);
}

/** The instance keys of a resource: undefined (single), numbers (count), strings (for_each). */
function expand(ev: ModuleEvaluator, cfg: Pick<ConfigResource, "count" | "forEach">): { keys: (InstanceKey | undefined)[]; each?: Map<string, Value> } | undefined {
  const scope = ev.scope();
  if (cfg.count) {
    const errors = ev.diagnostics.errors().length;
    const n = countInstances(ev.eval(cfg.count, scope));
    if (ev.diagnostics.errors().length > errors) return undefined;
    if (n === "unknown") {
      ev.diagnostics.append(error("Invalid count argument", 'The "count" value depends on resource attributes that cannot be determined until apply, so Terraform cannot predict how many instances will be created. To work around this, use the -target argument to first apply only the resources that the count depends on.', cfg.count.range));
      return undefined;
    }
    if (typeof n !== "number") {
      ev.diagnostics.append(repetitionError(n, cfg.count, scope));
      return undefined;
    }
    return { keys: Array.from({ length: n }, (_, i) => i) };
  }
  if (cfg.forEach) {
    const errors = ev.diagnostics.errors().length;
    const each = forEachElements(ev.eval(cfg.forEach, scope), false);
    if (ev.diagnostics.errors().length > errors) return undefined;
    if (!(each instanceof Map)) {
      if (each !== "unknown") ev.diagnostics.append(repetitionError(each, cfg.forEach, scope));
      return undefined;
    }
    return { keys: [...each.keys()].sort(), each };
  }
  return { keys: [undefined] };
}

/** A count or for_each problem as a diagnostic at the expression, with its values when Terraform shows them. */
function repetitionError(p: RepetitionProblem, expr: Expression, scope: Scope): Diagnostic {
  const values = p.showValues ? describeExpression(exprNode(expr), scope, p.cause) : [];
  return { ...error(p.summary, p.detail, expr.range), ...(values.length ? { values } : {}) };
}

function collect(keys: (InstanceKey | undefined)[], values: Map<string, Value>, cfg: Pick<ConfigResource, "count" | "forEach">, t: Value | undefined): Value {
  if (cfg.count) return Value.tuple(keys.map((k) => values.get(String(k))!));
  if (cfg.forEach) return Value.object(keys.map((k) => [String(k), values.get(String(k))!] as [string, Value]));
  return values.get("undefined") ?? t ?? Value.null(DynamicType);
}

export interface PlannedInstance {
  readonly change: ResourceInstanceChange;
  readonly cfg: ConfigResource | undefined;
  readonly each?: { key: Value; value: Value };
  readonly countIndex?: number;
  /** Resource-level dependencies ("type.name"). */
  readonly deps: ReadonlySet<string>;
}

function instanceState(addr: AbsResourceInstance, state: State): InstanceObject | undefined {
  return state.current(addr);
}

/** Plans every resource instance and output of the root module. */
interface PlanSink {
  readonly instances: PlannedInstance[];
  /** Instance addresses the configuration declares. */
  readonly inConfig: Set<string>;
  readonly dataValues: Map<string, Value>;
  /** The refreshed prior state. */
  readonly state: State;
  /** Root import blocks by the root node they target, evaluated when the walk reaches it (none in destroy mode). */
  readonly importBlocks: ReadonlyMap<string, readonly Import[]>;
  /** Evaluated import targets by instance address, and those the walk planned or found in state. */
  readonly imports: Map<string, ImportTarget>;
  /** The same, by resource in its module instance (import.ts's resourceKey). */
  readonly importsByResource: Map<string, Map<string, ImportTarget>>;
  readonly importsPlanned: Set<string>;
  /** Resource blocks generated for import targets (-generate-config-out), by instance address. */
  readonly generated: ReadonlyMap<string, GeneratedConfig>;
  /** The imported objects as the state records them, for the plan's prior state. */
  readonly imported: Map<string, { addr: AbsResourceInstance; provider: string; object: InstanceObject }>;
  /**
   * The resources and module calls the walk expanded, as `MODULE-INSTANCE|resource-or-module.NAME`. An object in
   * state under one it never expanded (an error stopped it first) is not planned at all, as in Terraform's
   * partial plan, rather than planned for deletion as if its configuration were gone.
   */
  readonly expanded: Set<string>;
  /** The root module's nodes that failed, or depend on one that did: outputs that refer to them are not planned. */
  readonly failed: Set<string>;
}

/**
 * Plans one module instance and, at each module call in dependency order, its child instances. Returns the
 * root's resource-level dependencies (through locals), or undefined after a cycle.
 */
async function planModuleInstance(ev: ModuleEvaluator, sink: PlanSink): Promise<Map<string, Set<string>> | undefined> {
  const { opts } = ev;
  const { config } = opts;
  const { instances, inConfig, state } = sink;
  const dataValues = ev.caller ? new Map<string, Value>() : sink.dataValues;
  const { order, deps, diagnostics: cycleDiags } = orderedNodes(config);
  ev.diagnostics.append(cycleDiags);
  if (cycleDiags.length) return undefined;
  // Resource-level deps flattened through locals and variables, so apply edges link resources directly, and
  // transitive, as Terraform records a resource's dependencies (every resource among its ancestors in the
  // graph). Through data resources too: a resource waits for what its data sources depend on, so a data source
  // unknown at plan can be read during apply once those are done.
  const flat = new Map<string, Set<string>>();
  for (const k of order) {
    const out = new Set<string>();
    for (const d of deps.get(k)!) {
      for (const x of flat.get(d)!) out.add(x);
      if (!d.startsWith("local.") && !d.startsWith("var.")) out.add(d);
    }
    flat.set(k, out);
  }
  for (const r of createBeforeDestroySet([...config.resources].map(([k, cfg]) => ({ addr: k, deps: flat.get(k) ?? [], own: ownCreateBeforeDestroy(ev, cfg) })))) {
    if (config.resources.has(r)) ev.createBeforeDestroy.add(r);
  }
  // Config-level addresses ("module.app.terraform_data.x") an instance's resource waits for: its own
  // dependencies prefixed with this module's path, every resource of a module call it uses, the caller's.
  const prefix = ev.configPrefix();
  const absDeps = (k: string): Set<string> => {
    const out = new Set<string>(ev.caller?.deps ?? []);
    for (const d of flat.get(k) ?? []) {
      // A module's resources, and what the call itself waits for (as Terraform records in dependencies).
      if (d.startsWith("module.")) for (const r of [...moduleResources(ev, d.slice(7)), ...absDeps(d)]) out.add(r);
      else out.add(prefix + d);
    }
    return out;
  };
  const failed = ev.caller ? new Set<string>() : sink.failed;
  for (const k of order) {
    // Import blocks targeting this node; an error in one fails the node, as Terraform's import evaluation does.
    const blocks = ev.caller ? undefined : sink.importBlocks.get(k);
    const upstreamFailed = [...deps.get(k)!].some((d) => failed.has(d));
    if (k.startsWith("var.")) {
      const name = k.slice(4);
      // A value that could not be prepared was reported already (the root's with the variables, a child's by
      // planModuleCall); what refers to it is not planned.
      const invalid = ev.caller ? ev.invalidArguments.has(name) : opts.invalidVariables?.has(name) === true;
      const errors = ev.diagnostics.errors().length;
      if (!upstreamFailed && !invalid) ev.diagnostics.append(variableValidations(config.variables.get(name)!, ev.scope(), ev.variableRange(name), ev.variable(name)));
      if (ev.diagnostics.errors().length > errors || upstreamFailed || invalid) failed.add(k);
      continue;
    }
    if (k.startsWith("local.")) {
      const l = config.locals.get(k.slice(6))!;
      const errors = ev.diagnostics.errors().length;
      ev.locals.set(l.name, ev.eval(l.expr, ev.scope()));
      if (ev.diagnostics.errors().length > errors || upstreamFailed) failed.add(k);
      continue;
    }
    if (k.startsWith("module.")) {
      if (upstreamFailed) {
        failed.add(k);
        continue;
      }
      const errors = ev.diagnostics.errors().length;
      if (blocks) ev.diagnostics.append(evaluateImports(ev, config, blocks, sink.imports, sink.importsByResource));
      if (!opts.destroy) await planModuleCall(ev, k.slice(7), absDeps(k), sink);
      if (ev.diagnostics.errors().length > errors) failed.add(k);
      continue;
    }
    if (k.startsWith("data.")) {
      if (upstreamFailed) {
        failed.add(k);
        continue;
      }
      const errors = ev.diagnostics.errors().length;
      const dcfg = config.data.get(k.slice(5))!;
      if (!opts.destroy) await readData(ev, dcfg, k, dataValues, { instances, deps: absDeps(k), dependencyPending: dependencyPending(ev, dcfg, instances, flat.get(k)!), ...(opts.onDataRead ? { onRead: opts.onDataRead } : {}) });
      if (ev.diagnostics.errors().length > errors) failed.add(k);
      continue;
    }
    const cfg = config.resources.get(k)!;
    // As Terraform's walk: what depends on a failed resource is not planned (and reports nothing more).
    if (upstreamFailed || [...flat.get(k)!].some((d) => failed.has(d))) {
      failed.add(k);
      continue;
    }
    const errorsBefore = ev.diagnostics.errors().length;
    if (blocks) {
      const d = evaluateImports(ev, config, blocks, sink.imports, sink.importsByResource);
      ev.diagnostics.append(d);
      if (d.some((x) => x.severity === "error")) {
        failed.add(k);
        continue;
      }
    }
    const pe = await ev.providerFor(cfg);
    if ("severity" in pe) {
      ev.diagnostics.append(pe);
      continue;
    }
    await pe.configured;
    const schema = pe.provider.getSchema().resourceTypes[cfg.type];
    if (!schema) {
      ev.diagnostics.append(error("Invalid resource type", `The provider does not support resource type "${cfg.type}".`, cfg.typeRange));
      continue;
    }
    const exp = opts.destroy ? { keys: [] as (InstanceKey | undefined)[] } : expandOwn(ev, cfg, k);
    if (!exp) continue;
    sink.expanded.add(`${ev.path.toString()}|${k}`);
    const values = new Map<string, Value>();
    const raddr = new Resource("managed", cfg.type, cfg.name);
    // Import targets of this resource whose instance the expansion lacks (Terraform reports them without a range).
    const ownImports = sink.importsByResource.get(resourceKey(ev.path.toString(), k));
    if (ownImports) {
      const keys = new Set(exp.keys.map((x) => String(x)));
      for (const t of ownImports.values()) {
        if (keys.has(String(t.addr.resource.key))) continue;
        sink.importsPlanned.add(t.addr.toString());
        ev.diagnostics.append(missingInstance(t));
      }
    }
    const body = ownBody(cfg);
    const triggers = cfg.lifecycle.replaceTriggeredBy ? decodeReplaceTriggeredBy(cfg.lifecycle.replaceTriggeredBy).exprs : [];
    const cycles = instanceCycles(k, exp.keys, [...(body ?? []), ...triggers], (key) => AbsResourceInstance.of(ev.path, raddr, key).toString());
    const selfTriggers = replaceTriggeredBySelf(k, triggers);
    if (cycles.length || (selfTriggers.length && exp.keys.length > 0)) {
      const where = ev.path.isRoot() ? "the root module" : ev.path.toString();
      ev.diagnostics.append(cycles.length ? cycles : selfTriggers.map((s) => error(`no change found for ${s} in ${where}`)));
      failed.add(k);
      continue;
    }
    for (const key of exp.keys) {
      const addr = AbsResourceInstance.of(ev.path, raddr, key);
      inConfig.add(addr.toString());
      if (body) {
        const selfRefs = selfReferenceErrors([addr.resource.toString(), k], body);
        if (selfRefs.length) {
          ev.diagnostics.append(selfRefs);
          values.set(String(key), Value.unknown(impliedType(schema.block)));
          continue;
        }
      }
      const each = exp.each && key !== undefined ? { key: Value.string(String(key)), value: exp.each.get(String(key))! } : undefined;
      const countIndex = typeof key === "number" ? key : undefined;
      const scope = ev.scope({ ...(countIndex !== undefined ? { countIndex } : {}), ...(each ? { each } : {}) });
      ev.diagnostics.append(checkConditions(ev, cfg, scope, "precondition"));
      const fullConfig = ev.configValue(cfg, schema, scope);
      let cv = fullConfig;
      const stored = instanceState(addr, state);
      let prior = Value.null(impliedType(schema.block));
      if (stored) {
        const d = decodeStoredObject(pe.provider, cfg.type, stored);
        ev.diagnostics.append(d.diagnostics);
        if (d.value) prior = d.value;
      }
      // An import block's object becomes the prior object (a target already in state keeps its object).
      const target = sink.imports.get(addr.toString());
      if (target) sink.importsPlanned.add(addr.toString());
      // With -target, only the targeted instances are imported (Terraform leaves the others out of its walk).
      const targeted = !opts.targets?.length || opts.targets.some((t) => isTargeted(t, { addr: addr.toString(), module: ev.path.toString(), resourceAddr: raddr.toString() }));
      const importing = target && !stored && targeted ? target : undefined;
      if (importing) {
        const got = await importObject(pe.provider, cfg.type, addr.toString(), importing.id);
        ev.diagnostics.append(got.diagnostics);
        if (!got.value) {
          values.set(String(key), Value.unknown(DynamicType));
          continue;
        }
        prior = got.value;
        opts.onImport?.(addr.toString(), importing.id, idAttribute(got.value));
        const enc = encodeStoredObject(got.value, schema, got.private !== undefined ? { private: got.private } : {});
        if ("error" in enc) ev.diagnostics.append(error("Failed to encode the imported object", enc.error));
        else sink.imported.set(addr.toString(), { addr, provider: pe.stateName, object: enc });
      }
      if (!prior.isNull() && cfg.lifecycle.ignoreChanges) cv = ignoreChanges(cfg.lifecycle.ignoreChanges, cv, prior);
      const proposed = proposedNew(schema, prior, cv);
      const [uProposed] = proposed.unmarkDeep();
      const [uPrior] = prior.unmarkDeep();
      const [uConfig] = cv.unmarkDeep();
      let resp = await pe.provider.planResourceChange({ typeName: cfg.type, priorState: uPrior, proposedNewState: uProposed, config: uConfig });
      let markedBy = cv;
      ev.diagnostics.append(resp.diagnostics);
      // A tainted object (a create that failed after the object existed) is always replaced, as Terraform does.
      const tainted = !prior.isNull() && stored?.status === "tainted";
      const requested = !prior.isNull() && opts.replace?.has(addr.toString()) === true;
      const triggered = !prior.isNull() && !requested && !tainted && resp.requiresReplace.length === 0 && replaceTriggered(ev, cfg, scope, instances);
      const forced = tainted || requested || triggered;
      if (forced || (!prior.isNull() && resp.requiresReplace.length > 0)) {
        // A replacement is planned as a create: from no prior object, so computed values become unknown.
        const nullPrior = Value.null(impliedType(schema.block));
        // ignore_changes does not apply to a new object: it is created from the whole configuration.
        const [p2] = proposedNew(schema, nullPrior, fullConfig).unmarkDeep();
        const [fc] = fullConfig.unmarkDeep();
        const again = await pe.provider.planResourceChange({ typeName: cfg.type, priorState: nullPrior, proposedNewState: p2, config: fc });
        resp = { ...again, requiresReplace: resp.requiresReplace };
        markedBy = fullConfig;
      }
      const after = withSensitivePathsOf(resp.plannedState, markedBy);
      let action: Action;
      if (prior.isNull()) action = "create";
      else if (forced || resp.requiresReplace.length > 0) action = ev.createBeforeDestroy.has(`${cfg.type}.${cfg.name}`) ? "create-then-delete" : "delete-then-create";
      // Writing a value as sensitive that was not (or the reverse) changes the state: an update, as Terraform.
      else action = resp.plannedState.rawEquals(uPrior) && sameSensitivePaths(after, prior) ? "no-op" : "update";
      ev.diagnostics.append(checkConditions(ev, cfg, ev.scope({ ...(countIndex !== undefined ? { countIndex } : {}), ...(each ? { each } : {}), self: after }), "postcondition"));
      values.set(String(key), after);
      instances.push({
        change: {
          addr: addr.toString(),
          resourceAddr: raddr.toString(),
          mode: "managed",
          type: cfg.type,
          name: cfg.name,
          ...(key !== undefined ? { index: key } : {}),
          module: ev.path.toString(),
          provider: pe.stateName,
          action,
          before: prior,
          after,
          requiresReplace: resp.requiresReplace,
          ...(opts.moved?.previous.has(addr.toString()) ? { previousAddr: opts.moved.previous.get(addr.toString())! } : {}),
          ...(importing ? { importing: { id: importing.id } } : {}),
          ...(importing && sink.generated.has(addr.toString()) ? { generatedConfig: sink.generated.get(addr.toString())!.text.trimEnd() } : {}),
          ...(action === "delete-then-create" || action === "create-then-delete" ? { actionReason: tainted ? "replace_because_tainted" : requested ? "replace_by_request" : triggered ? "replace_by_triggers" : "replace_because_cannot_update" } : {}),
        },
        cfg,
        ...(each ? { each } : {}),
        ...(countIndex !== undefined ? { countIndex } : {}),
        deps: absDeps(k),
      });
    }
    ev.resourceValues.set(k, collect(exp.keys, values, cfg, undefined));
    if (ev.diagnostics.errors().length > errorsBefore) {
      failed.add(k);
      for (let j = instances.length - 1; j >= 0 && instances[j]!.change.resourceAddr === k && instances[j]!.change.module === ev.path.toString(); j--) instances.pop();
    }
  }
  return flat;
}

/**
 * Whether the walk got as far as deciding an object's fate: its resource was expanded (when its configuration
 * is there), or else the nearest module instance that exists expanded the call that would contain it.
 */
/** The outermost module instance of `module` that has no evaluator (its parent has one), and its call's name. */
function outermostMissing(root: ModuleEvaluator, module: ModuleInstance): { parent: ModuleEvaluator; at: ModuleInstance; call: string } {
  let m = module;
  while (!root.evaluators.has(m.parent().toString())) m = m.parent();
  return { parent: root.evaluators.get(m.parent().toString())!, at: m.parent(), call: m.steps[m.steps.length - 1]!.name };
}

/**
 * Terraform's reason for destroying an orphan: the resource is gone (with its module call, or under a removed
 * block), its module instance is gone while the call stays (a count index or for_each key), or its own key is.
 */
function orphanReason(root: ModuleEvaluator, module: ModuleInstance, mev: ModuleEvaluator | undefined, cfg: ConfigResource | undefined, removed: boolean): string {
  if (removed || (mev && !cfg)) return "delete_because_no_resource_config";
  if (mev) return "delete_because_count_index";
  const { parent, call } = outermostMissing(root, module);
  return parent.opts.config.modules.has(call) ? "delete_because_no_module" : "delete_because_no_resource_config";
}

function expandedBy(root: ModuleEvaluator, expanded: ReadonlySet<string>, module: ModuleInstance, resource: string | undefined): boolean {
  if (resource !== undefined) return expanded.has(`${module.toString()}|${resource}`);
  // The resource left the configuration of a module instance that is still there.
  if (root.evaluators.has(module.toString())) return true;
  // The outermost module instance missing: the walk reached its parent, but did it expand the call?
  const { parent, at, call } = outermostMissing(root, module);
  return !parent.opts.config.modules.has(call) || expanded.has(`${at.toString()}|module.${call}`);
}

export async function planModule(given: EngineOptions): Promise<{ plan?: Plan; refreshedState?: State; generated?: ReadonlyMap<string, GeneratedConfig>; instances: PlannedInstance[]; diagnostics: Diagnostics; dataValues: Map<string, Value> }> {
  const dataValues = new Map<string, Value>();
  // -generate-config-out: the blocks generated for import targets join the configuration planned.
  let opts = given;
  let generation: Awaited<ReturnType<typeof generateImportConfigs>> | undefined;
  if (given.generateConfigOut !== undefined && !given.destroy && !given.refreshOnly) {
    generation = await generateImportConfigs(new ModuleEvaluator(given), given.config, given.generateConfigOut);
    opts = { ...given, config: generation.config };
  }
  const ev = new ModuleEvaluator(opts);
  ev.diagnostics.append(generation?.diagnostics ?? []);
  const { config } = opts;
  ev.diagnostics.append(opts.moved?.diagnostics ?? []);
  if (ev.diagnostics.hasErrors()) return { instances: [], diagnostics: ev.diagnostics, dataValues };
  const refreshed = opts.refresh === false ? { state: opts.state, drift: [], diagnostics: new Diagnostics() } : await refreshState(ev, config, opts.state, opts.parallelism ?? 10, planRefreshScope(opts.dir, config, opts.targets ?? [], opts.refreshOnly === true && !opts.refreshCommand));
  ev.diagnostics.append(refreshed.diagnostics);
  if (ev.diagnostics.hasErrors()) return { instances: [], diagnostics: ev.diagnostics, dataValues };
  ev.diagnostics.append(opts.variableDiagnostics ?? []);
  const state = refreshed.state;
  if (opts.refreshOnly) {
    if (opts.refreshCommand) {
      const removedBlock = removedBlockOf(opts.dir, config);
      const forgets = state.instances().filter((i) => i.current && removedBlock(i.addr)?.destroy === false);
      if (forgets.length) ev.diagnostics.append(forgetWarning(forgets.map((i) => i.addr.toString())));
    }
    const plan: Plan = { mode: "refresh-only", changes: [], outputChanges: [], priorState: state, variables: opts.variables, drift: refreshed.drift, targets: opts.targets ?? [], applyable: refreshed.drift.length > 0 };
    return { plan, instances: [], diagnostics: ev.diagnostics, dataValues };
  }
  const instances: PlannedInstance[] = [];
  const inConfig = new Set<string>();
  const importBlocks = opts.destroy ? { byNode: new Map<string, Import[]>(), diagnostics: [] } : importsByNode(config);
  const sink: PlanSink = { instances, inConfig, dataValues, state, importBlocks: importBlocks.byNode, imports: new Map(), importsByResource: new Map(), importsPlanned: new Set(), imported: new Map(), generated: generation?.generated ?? new Map(), expanded: new Set(), failed: new Set() };
  const flat = await planModuleInstance(ev, sink);
  if (!flat) return { instances: [], diagnostics: ev.diagnostics, dataValues };
  // Import targets the walk never reached: their module or resource has no configuration (when nothing failed first).
  const unreached = ev.diagnostics.hasErrors() ? [] : [...sink.imports.values()];
  ev.diagnostics.append(importBlocks.diagnostics);
  for (const t of unreached) {
    if (sink.importsPlanned.has(t.addr.toString())) continue;
    const mev = ev.evaluators.get(t.addr.module.toString());
    ev.diagnostics.append(mev && !mev.opts.config.resources.has(t.addr.resource.resource.toString()) ? missingModuleResource(t) : missingInstance(t));
  }
  // Orphans: in state, not in configuration. Those a `removed` block with destroy = false covers are forgotten.
  const removedBlock = removedBlockOf(opts.dir, config);
  for (const inst of state.instances()) {
    const a = inst.addr.toString();
    if (inConfig.has(a) || !inst.current) continue;
    const r = state.resource(inst.addr.containingResource());
    // A module instance that is no longer in the configuration (or was never reached) has no evaluator.
    const mev = ev.evaluators.get(inst.addr.module.toString());
    const cfg = mev?.opts.config.resources.get(inst.addr.resource.resource.toString());
    if (!opts.destroy && !expandedBy(ev, sink.expanded, inst.addr.module, cfg ? inst.addr.resource.resource.toString() : undefined)) continue;
    const pe = await ev.providerFor(cfg ?? ({ mode: "managed", type: inst.addr.resource.resource.type, name: inst.addr.resource.resource.name } as ConfigResource));
    if ("severity" in pe) {
      ev.diagnostics.append(pe);
      continue;
    }
    const d = decodeStoredObject(pe.provider, inst.addr.resource.resource.type, inst.current);
    ev.diagnostics.append(d.diagnostics);
    const key = inst.addr.resource.key;
    // Under a removed block (whatever its destroy), the reason is the resource's absence, even in a removed module.
    const removed = opts.destroy ? undefined : removedBlock(inst.addr);
    const forget = removed?.destroy === false;
    instances.push({
      change: {
        addr: a,
        resourceAddr: inst.addr.resource.resource.toString(),
        mode: "managed",
        type: inst.addr.resource.resource.type,
        name: inst.addr.resource.resource.name,
        ...(key !== undefined ? { index: key } : {}),
        module: inst.addr.module.toString(),
        provider: r?.provider ?? pe.stateName,
        action: forget ? "forget" : "delete",
        before: d.value ?? Value.null(DynamicType),
        after: Value.null(DynamicType),
        requiresReplace: [],
        actionReason: opts.destroy ? "" : orphanReason(ev, inst.addr.module, mev, cfg, removed !== undefined),
        ...(opts.moved?.previous.has(a) ? { previousAddr: opts.moved.previous.get(a)! } : {}),
      },
      cfg,
      deps: new Set(inst.current.dependencies ?? []),
    });
  }
  if (opts.targets && opts.targets.length > 0) {
    // Keep the targets and, transitively, the resources they depend on (Terraform's targeting).
    const keepRes = new Set<string>();
    const keepInst = new Set<string>();
    const stack: string[] = [];
    const depsByConfig = new Map<string, Set<string>>();
    for (const i of instances) {
      const c = configAddr(i.change);
      let d = depsByConfig.get(c);
      if (!d) depsByConfig.set(c, (d = new Set()));
      for (const x of i.deps) d.add(x);
    }
    // A destroy keeps what depends on the targets instead: they cannot outlive what they refer to.
    const dependentsByConfig = new Map<string, Set<string>>();
    if (opts.destroy) {
      for (const i of instances) {
        for (const d of i.deps) {
          let l = dependentsByConfig.get(d);
          if (!l) dependentsByConfig.set(d, (l = new Set()));
          l.add(configAddr(i.change));
        }
      }
    }
    const next = (r: string): Iterable<string> => (opts.destroy ? (dependentsByConfig.get(r) ?? []) : (depsByConfig.get(r) ?? []));
    for (const t of opts.targets) {
      for (const i of instances) {
        if (isTargeted(t, i.change)) {
          keepInst.add(i.change.addr);
          stack.push(...(opts.destroy ? next(configAddr(i.change)) : i.deps));
        }
      }
    }
    while (stack.length) {
      const r = stack.pop()!;
      if (keepRes.has(r)) continue;
      keepRes.add(r);
      stack.push(...next(r));
    }
    const kept = instances.filter((i) => keepInst.has(i.change.addr) || keepRes.has(configAddr(i.change)));
    instances.length = 0;
    instances.push(...kept);
    ev.diagnostics.append(
      warning(
        "Resource targeting is in effect",
        "You are creating a plan with the -target option, which means that the result of this plan may not represent all of the changes requested by the current configuration.\n\nThe -target option is not for routine use, and is provided only for exceptional situations such as recovering from errors or mistakes, or when tfsim specifically suggests to use it as part of an error message.",
      ),
    );
  }
  // The forgotten objects the plan keeps (-target may leave them out) are warned about, after -target's warning.
  const forgets = instances.filter((i) => i.change.action === "forget").map((i) => i.change.addr);
  if (forgets.length) ev.diagnostics.append(forgetWarning(forgets));
  // prevent_destroy is checked on what the plan keeps: -target can leave a protected object out of it. As in
  // Terraform's walk, what depends on a refused instance is not planned (nor shown) at all.
  const refused = new Set<string>();
  for (const i of instances) {
    const a = i.change.action;
    if ((a === "delete" || a === "delete-then-create" || a === "create-then-delete") && i.cfg?.lifecycle.preventDestroy && ev.eval(i.cfg.lifecycle.preventDestroy, ev.scope()).rawEquals(Value.bool(true))) {
      refused.add(configAddr(i.change));
      ev.diagnostics.append(
        error(
          "Instance cannot be destroyed",
          `Resource ${i.change.addr} has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed. To avoid this error and continue with the plan, either disable lifecycle.prevent_destroy or reduce the scope of the plan using the -target option.`,
          i.cfg.declRange,
        ),
      );
    }
  }
  if (refused.size > 0) {
    let grew = true;
    while (grew) {
      grew = false;
      for (const i of instances) {
        const c = configAddr(i.change);
        if (!refused.has(c) && [...i.deps].some((d) => refused.has(d))) (refused.add(c), (grew = true));
      }
    }
    const kept = instances.filter((i) => !(i.change.action !== "delete" && [...i.deps].some((d) => refused.has(d))));
    instances.length = 0;
    instances.push(...kept);
  }
  // Terraform's order: module instance by module instance (shallower first), then by address.
  const modOf = new Map<string, ModuleInstance>();
  const modKey = (c: ResourceInstanceChange): ModuleInstance => {
    let m = modOf.get(c.module);
    if (!m) modOf.set(c.module, (m = c.module ? parseAbsResourceInstance(c.addr).addr?.module ?? ROOT : ROOT));
    return m;
  };
  // Within a module instance, by resource and then by instance key as Terraform compares them (u[2] before u[10]).
  const parsedAddr = new Map<string, AbsResourceInstance | undefined>();
  const addrOf = (c: ResourceInstanceChange): AbsResourceInstance | undefined => {
    if (!parsedAddr.has(c.addr)) parsedAddr.set(c.addr, parseAbsResourceInstance(c.addr).addr);
    return parsedAddr.get(c.addr);
  };
  const byAddr = (a: ResourceInstanceChange, b: ResourceInstanceChange): number => {
    const x = addrOf(a);
    const y = addrOf(b);
    return x && y ? compareAbsResourceInstances(x, y) : a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0;
  };
  instances.sort((a, b) => (a.change.module !== b.change.module ? compareModuleInstances(modKey(a.change), modKey(b.change)) : 0) || byAddr(a.change, b.change));
  // A targeted plan leaves the outputs alone, even when it destroys (Terraform's targeting prunes them).
  const outputChanges = opts.targets?.length ? [] : opts.destroy ? destroyOutputs(state) : planOutputs(ev, state, sink.failed);
  const changes = instances.map((i) => i.change);
  const applyable = changes.some((c) => c.action !== "no-op" || c.previousAddr !== undefined || c.importing !== undefined) || outputChanges.some((o) => o.action !== "no-op");
  const relevantAttributes = refreshed.drift.length > 0 ? relevantTo(config, changes, outputChanges) : [];
  return {
    refreshedState: state,
    ...(generation?.generated.size ? { generated: generation.generated } : {}),
    plan: { mode: opts.destroy ? "destroy" : "normal", changes, outputChanges, priorState: withImports(state, sink.imported, changes), variables: opts.variables, drift: refreshed.drift, relevantAttributes, targets: opts.targets ?? [], applyable },
    instances,
    diagnostics: ev.diagnostics,
    dataValues,
  };
}

/** Terraform's prior state: the refreshed state and the objects the plan imports (apply records them itself). */
function withImports(state: State, imported: PlanSink["imported"], changes: readonly ResourceInstanceChange[]): State {
  // Only what the plan still imports (-target may have left some out).
  const kept = changes.filter((c) => c.importing && imported.has(c.addr));
  if (kept.length === 0) return state;
  const s = state.clone();
  for (const c of kept) {
    const { addr, provider, object } = imported.get(c.addr)!;
    s.setCurrent(addr, provider, object);
  }
  return s;
}

/**
 * Terraform's relevantResourceAttrsForPlan: the resource attributes the changed instances and changed outputs
 * reference, through locals and transitively through the referenced resources' own configuration. An attribute
 * of "" means the whole resource (a reference without an attribute, as `aws_instance.a` or a splat).
 */
export function relevantTo(config: Config, changes: readonly ResourceInstanceChange[], outputs: readonly OutputChange[]): RelevantAttribute[] {
  const out = new Map<string, RelevantAttribute>();
  const seen = new Set<string>();
  const stack: (Expression | undefined)[] = [];
  const expand = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    if (key.startsWith("local.")) stack.push(config.locals.get(key.slice(6))?.expr);
    else {
      const r = key.startsWith("data.") ? config.data.get(key.slice(5)) : config.resources.get(key);
      if (r) stack.push(...resourceExpressions(r));
    }
  };
  for (const c of changes) if (c.action !== "no-op") expand(c.resourceAddr);
  for (const o of outputs) if (o.action !== "no-op") stack.push(config.outputs.get(o.name)?.value);
  while (stack.length) {
    for (const [root, name, third] of referencedNames(stack.pop(), true)) {
      if (!name) continue;
      if (root === "local") expand(`local.${name}`);
      else if (root === "data" && third) expand(`data.${name}.${third}`);
      else if (config.resources.has(`${root}.${name}`)) {
        const resource = `${root}.${name}`;
        const attribute = third ?? "";
        out.set(`${resource} ${attribute}`, { resource, attribute });
        expand(resource);
      }
    }
  }
  return [...out.values()].sort((x, y) => (x.resource + " " + x.attribute < y.resource + " " + y.attribute ? -1 : 1));
}

/** The configuration-level resource address of a change ("module.app.terraform_data.x"): keys dropped. */
export function configAddr(c: Pick<ResourceInstanceChange, "module" | "resourceAddr">): string {
  return c.module ? `${c.module.replace(/\[("(?:[^"\\]|\\.)*"|\d+)\]/g, "")}.${c.resourceAddr}` : c.resourceAddr;
}


/** Every managed resource of module call `name` of `ev`'s module and its descendants, config-level. */
function moduleResources(ev: ModuleEvaluator, name: string): string[] {
  const out: string[] = [];
  const k = ev.moduleKeys.get(name);
  const seen = new Set<Config>();
  for (const key of k?.keys ?? []) {
    const c = ev.child(name, key);
    if (!c || seen.has(c.opts.config)) continue;
    seen.add(c.opts.config);
    const p = c.configPrefix();
    for (const r of c.opts.config.resources.keys()) out.push(p + r);
    for (const n of c.opts.config.modules.keys()) out.push(...moduleResources(c, n));
  }
  return out;
}

/** Plans module call `name` of `ev`: its instances (count/for_each), their arguments, and their resources. */
async function planModuleCall(ev: ModuleEvaluator, name: string, deps: ReadonlySet<string>, sink: PlanSink): Promise<void> {
  const exp = ev.expandCall(name);
  if (!exp) return;
  sink.expanded.add(`${ev.path.toString()}|module.${name}`);
  for (const key of exp.keys) {
    const child = ev.child(name, key, deps);
    if (!child) continue;
    // Each argument prepared as the child will see it: what is wrong with one is reported once, here.
    const args = child.callArguments();
    const scope = child.callArgumentScope();
    for (const [n, v] of child.opts.config.variables) {
      const arg = args.get(n);
      const errors = ev.diagnostics.errors().length;
      const value = arg ? ev.eval(arg.expr, scope) : undefined;
      const evaluationFailed = ev.diagnostics.errors().length > errors;
      const d = moduleInputValue(`${child.path.toString()}.var.${n}`, v, arg && value ? { value, range: arg.expr.range } : undefined).diagnostics;
      ev.diagnostics.append(d);
      if (evaluationFailed || d.some((x) => x.severity === "error")) child.invalidArguments.add(n);
    }
    await planModuleInstance(child, sink);
  }
}

/**
 * What a plan's data reads need: the deferred reads' changes (action "read") are collected here, and a read whose
 * depends_on names a managed resource with a pending change is deferred too (Terraform's
 * dependenciesHavePendingChanges). Absent at apply, where every read happens.
 */
interface DataReadPlan {
  readonly instances: PlannedInstance[];
  /** The data resource's dependencies, as its planned instances record them for the apply walk. */
  readonly deps: ReadonlySet<string>;
  readonly dependencyPending: boolean;
  readonly onRead?: EngineOptions["onDataRead"];
}

/** Reads a data resource during plan when its configuration is wholly known and nothing it depends on is pending; else plans the read for apply. */
async function readData(ev: ModuleEvaluator, cfg: ConfigResource, key: string, out: Map<string, Value>, plan?: DataReadPlan): Promise<void> {
  const pe = await ev.providerFor(cfg);
  if ("severity" in pe) {
    ev.diagnostics.append(pe);
    return;
  }
  await pe.configured;
  const schema = pe.provider.getSchema().dataSources[cfg.type];
  if (!schema) {
    ev.diagnostics.append(error("Invalid data source", `The provider does not support data source "${cfg.type}".`, cfg.typeRange));
    return;
  }
  const exp = expandOwn(ev, cfg, key);
  if (!exp) return;
  const values = new Map<string, Value>();
  const body = ownBody(cfg);
  for (const k of exp.keys) {
    if (body) {
      const selfRefs = selfReferenceErrors([`${key}${instanceKeyString(k)}`, key], body);
      if (selfRefs.length) {
        ev.diagnostics.append(selfRefs);
        values.set(String(k), Value.unknown(impliedType(schema.block)));
        continue;
      }
    }
    const each = exp.each && k !== undefined ? { key: Value.string(String(k)), value: exp.each.get(String(k))! } : undefined;
    const scope = ev.scope({ ...(typeof k === "number" ? { countIndex: k } : {}), ...(each ? { each } : {}) });
    const pre = checkConditions(ev, cfg, scope, "precondition");
    ev.diagnostics.append(pre);
    if (pre.length) continue;
    const [cv] = ev.configValue(cfg, schema, scope).unmarkDeep();
    if (!cv.isWhollyKnown() || plan?.dependencyPending) {
      const after = plannedDataObject(schema.block, cv);
      values.set(String(k), after);
      if (plan) {
        const raddr = new Resource("data", cfg.type, cfg.name);
        const change: ResourceInstanceChange = {
          addr: `${ev.path.isRoot() ? "" : `${ev.path.toString()}.`}${raddr.toString()}${instanceKeyString(k)}`,
          resourceAddr: raddr.toString(),
          mode: "data",
          type: cfg.type,
          name: cfg.name,
          ...(k !== undefined ? { index: k } : {}),
          module: ev.path.toString(),
          provider: pe.stateName,
          action: "read",
          before: Value.null(impliedType(schema.block)),
          after,
          requiresReplace: [],
          actionReason: cv.isWhollyKnown() ? "read_because_dependency_pending" : "read_because_config_unknown",
        };
        plan.instances.push({ change, cfg, ...(each ? { each: { key: each.key, value: each.value } } : {}), ...(typeof k === "number" ? { countIndex: k } : {}), deps: plan.deps });
      }
      continue;
    }
    const addr = `${ev.path.isRoot() ? "" : `${ev.path.toString()}.`}data.${cfg.type}.${cfg.name}${instanceKeyString(k)}`;
    plan?.onRead?.(addr, "start", undefined);
    const r = await pe.provider.readDataSource({ typeName: cfg.type, config: cv });
    ev.diagnostics.append(r.diagnostics);
    if (!r.diagnostics.some((d) => d.severity === "error")) plan?.onRead?.(addr, "complete", idAttribute(r.state));
    ev.diagnostics.append(checkConditions(ev, cfg, ev.scope({ ...(typeof k === "number" ? { countIndex: k } : {}), ...(each ? { each } : {}), self: r.state }), "postcondition"));
    values.set(String(k), r.state);
  }
  const v = collect(exp.keys, values, cfg, undefined);
  ev.resourceValues.set(key, v);
  out.set(key, v);
}

/**
 * Whether a managed resource the data resource's depends_on names has a change planned in this module instance;
 * with custom conditions, any managed resource it depends on at all (an upstream change may be what makes a
 * condition pass), as Terraform's dependenciesHavePendingChanges.
 */
function dependencyPending(ev: ModuleEvaluator, cfg: ConfigResource, instances: readonly PlannedInstance[], deps: ReadonlySet<string>): boolean {
  const named = new Set<string>();
  if (cfg.lifecycle.preconditions.length || cfg.lifecycle.postconditions.length) {
    for (const d of deps) if (ev.opts.config.resources.has(d)) named.add(d);
  } else if (cfg.dependsOn) {
    for (const [root, name] of referencedNames(cfg.dependsOn)) if (name && root !== "data" && ev.opts.config.resources.has(`${root}.${name}`)) named.add(`${root}.${name}`);
  }
  const mod = ev.path.toString();
  if (named.size && instances.some((i) => i.change.module === mod && named.has(i.change.resourceAddr) && i.change.action !== "no-op")) return true;
  // The depends_on of each module call the data resource is inside, config-level (as Terraform attaches them).
  const inherited = new Set<string>();
  for (let c = ev.caller; c; c = c.parent.caller) {
    if (!c.call.dependsOn) continue;
    const parentPrefix = c.parent.configPrefix();
    for (const [root, name] of referencedNames(c.call.dependsOn)) {
      if (!name) continue;
      if (root === "module") for (const r of moduleResources(c.parent, name)) inherited.add(r);
      else if (root !== "data" && c.parent.opts.config.resources.has(`${root}.${name}`)) inherited.add(`${parentPrefix}${root}.${name}`);
    }
  }
  return inherited.size > 0 && instances.some((i) => i.change.mode === "managed" && i.change.action !== "no-op" && inherited.has(configAddr(i.change)));
}

function destroyOutputs(state: State): OutputChange[] {
  return [...state.outputs.keys()].sort().map((name) => ({ name, action: "delete" as Action, before: outputValue(state.outputs.get(name)!), after: Value.null(DynamicType), sensitive: state.outputs.get(name)!.sensitive === true }));
}

export function evalOutputs(ev: ModuleEvaluator, reached: (name: string) => boolean = () => true): Map<string, { value: Value; sensitive: boolean }> {
  const out = new Map<string, { value: Value; sensitive: boolean }>();
  for (const [name, o] of ev.opts.config.outputs) {
    if (!reached(name)) continue;
    const failed = checkRules(o.preconditions, ev.scope(), "Module output value precondition failed");
    ev.diagnostics.append(failed);
    const sensitive = o.sensitive ? ev.eval(o.sensitive, ev.scope()).rawEquals(Value.bool(true)) : false;
    // An output whose precondition failed gets no value (Terraform leaves it out of the state).
    out.set(name, { value: failed.length ? Value.unknown(DynamicType) : ev.eval(o.value, ev.scope()), sensitive });
  }
  return out;
}

function planOutputs(ev: ModuleEvaluator, state: State, failed: ReadonlySet<string>): OutputChange[] {
  const out: OutputChange[] = [];
  // As Terraform's walk, an output that waits on a failed node is never evaluated: the partial plan omits it.
  const reached = (name: string): boolean => failed.size === 0 || ![...nodeReferences(ev.opts.config, [ev.opts.config.outputs.get(name)!.value])].some((n) => failed.has(n));
  const now = evalOutputs(ev, reached);
  for (const [name, { value, sensitive }] of now) {
    const prev = state.outputs.get(name);
    const before = prev ? outputValue(prev) : Value.null(DynamicType);
    const [u] = value.unmarkDeep();
    const action: Action = !prev ? "create" : u.isWhollyKnown() && jsonEqual(valueToPlainJson(u), prev.value) ? "no-op" : "update";
    out.push({ name, action, before, after: value, sensitive: sensitive || value.containsMarked() });
  }
  for (const name of state.outputs.keys()) if (!ev.opts.config.outputs.has(name)) out.push({ name, action: "delete", before: outputValue(state.outputs.get(name)!), after: Value.null(DynamicType), sensitive: false });
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * lifecycle preconditions (or postconditions, with `self`): a known false condition is Terraform's "Resource
 * precondition failed" with the error_message; an unknown one is checked again during apply.
 */
export function checkConditions(_ev: ModuleEvaluator, cfg: ConfigResource, scope: Scope, kind: "precondition" | "postcondition"): Diagnostic[] {
  return checkRules(kind === "precondition" ? cfg.lifecycle.preconditions : cfg.lifecycle.postconditions, scope, kind === "precondition" ? "Resource precondition failed" : "Resource postcondition failed");
}

/** Each known-false `condition` as an error with `summary` and the rule's error_message. */
function checkRules(rules: readonly CheckRule[], scope: Scope, summary: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    if (!rule.condition) continue;
    const r = evaluateExpression(rule.condition, scope);
    if (r.diagnostics.some((d) => d.severity === "error")) {
      out.push(...r.diagnostics);
      continue;
    }
    const [v] = r.value.unmarkDeep();
    if (!v.isKnown() || v.isNull() || v.type.kind !== "bool" || v.asBool()) continue;
    const msg = rule.errorMessage ? evaluateExpression(rule.errorMessage, scope).value : Value.string("");
    const [m] = msg.unmarkDeep();
    out.push(error(summary, m.isKnown() && m.type.kind === "string" && !m.isNull() ? m.asString() : "", rule.condition.range));
  }
  return out;
}

/** lifecycle.ignore_changes: the listed attributes (or `all`) keep their prior values. */
export function ignoreChanges(expr: Expression, config: Value, prior: Value): Value {
  const all = expr.keyword() === "all";
  const names = new Set<string>();
  if (!all) for (const [root] of referencedNames(expr)) names.add(root!);
  const m = new Map(config.entries());
  for (const k of m.keys()) if (all || names.has(k)) m.set(k, prior.entries().get(k) ?? m.get(k)!);
  return Value.of(config.type, m);
}

/** objchange.ProposedNew (see decode-body.ts). */
export function proposedNew(schema: ResourceSchema, prior: Value, config: Value): Value {
  return proposedNewObject(schema.block, prior, config);
}

/** A stored root output as a Value of its recorded type. */
export function outputValue(o: OutputState): Value {
  try {
    return valueFromJson(o.value, typeFromJson(o.type));
  } catch {
    return jsonToValue(o.value);
  }
}

// JSON <-> Value for outputs, which the state keeps as plain JSON with a type.
import type { JsonValue } from "../../state/json.js";
export function jsonToValue(j: JsonValue): Value {
  if (j === null) return Value.null(DynamicType);
  if (typeof j === "string") return Value.string(j);
  if (typeof j === "number") return Value.number(j);
  if (typeof j === "boolean") return Value.bool(j);
  if (Array.isArray(j)) return Value.tuple(j.map(jsonToValue));
  return Value.object(Object.entries(j).map(([k, v]) => [k, jsonToValue(v)] as [string, Value]));
}
export function valueToPlainJson(v: Value): JsonValue {
  if (v.isNull()) return null;
  const k = v.type.kind;
  if (k === "string") return v.asString();
  if (k === "number") return Number(v.asNumber().toString());
  if (k === "bool") return v.asBool();
  if (k === "list" || k === "set" || k === "tuple") return v.elements().map(valueToPlainJson);
  const o: { [k: string]: JsonValue } = {};
  for (const [n, x] of v.entries()) o[n] = valueToPlainJson(x);
  return o;
}
function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
export { objectOf, StringType, applyTypeConstraint, parseTypeConstraint, encodeStoredObject };
export type { Journal };

/**
 * lifecycle.replace_triggered_by (Terraform's EvaluateReplaceTriggeredBy): true when an element's resource
 * instance is planned to change at all, or, for an attribute reference, when that attribute's planned value
 * differs from its prior one or is unknown. The referenced resources are planned first (they are dependencies).
 */
export function replaceTriggered(ev: ModuleEvaluator, cfg: ConfigResource, scope: Scope, planned: readonly PlannedInstance[]): boolean {
  if (!cfg.lifecycle.replaceTriggeredBy) return false;
  const { exprs } = decodeReplaceTriggeredBy(cfg.lifecycle.replaceTriggeredBy);
  for (const e of exprs) {
    const path = referencePath(e, (k) => {
      const r = evaluate(k, scope);
      ev.diagnostics.append(r.diagnostics);
      return r.value;
    });
    if (!path || typeof path[0] !== "string" || typeof path[1] !== "string") continue;
    const resourceKey = `${path[0]}.${path[1]}`;
    if (!ev.opts.config.resources.has(resourceKey)) {
      ev.diagnostics.append(error("Reference to undeclared resource", `A resource ${resourceKey} has not been declared in the root module.`, e.range));
      continue;
    }
    let rest = path.slice(2);
    let key: string | undefined;
    if (rest[0] instanceof Value) {
      const k = rest[0];
      key = k.type.kind === "string" ? k.asString() : k.asNumber().toString();
      rest = rest.slice(1);
    }
    for (const p of planned) {
      const c = p.change;
      if (c.resourceAddr !== resourceKey || (key !== undefined && String(c.index) !== key)) continue;
      if (rest.length === 0) {
        if (c.action !== "no-op") return true;
        continue;
      }
      const before = applyPath(c.before, rest);
      const after = applyPath(c.after, rest);
      if (!after.isWhollyKnown() || !after.rawEquals(before)) return true;
    }
  }
  return false;
}

function applyPath(v: Value, path: readonly (string | Value)[]): Value {
  let cur = v.unmarkDeep()[0];
  for (const step of path) {
    if (!cur.isKnown()) return cur;
    if (cur.isNull()) return cur;
    if (typeof step === "string") cur = cur.entries().get(step) ?? Value.null(DynamicType);
    else if (cur.type.kind === "list" || cur.type.kind === "tuple") cur = cur.elements()[Number(step.asNumber().toString())] ?? Value.null(DynamicType);
    else cur = cur.entries().get(step.type.kind === "string" ? step.asString() : step.asNumber().toString()) ?? Value.null(DynamicType);
  }
  return cur;
}
