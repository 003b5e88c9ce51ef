// The configuration's operation graph as Terraform's plan graph builder makes it (what `terraform graph
// -type=plan` prints): one vertex per resource and data source block ("(expand)"), local, variable, output,
// module call ("(expand)" and "(close)") and provider (and its "(close)"), plus "root"; edges from references,
// depends_on, module nesting and provider use. Built in O(N + E): each declaration is visited once and each
// reference resolved with map lookups. The default `terraform graph` summary is derived from it.
import type { Config, ModuleCall, Resource } from "../config/model.js";
import type { Expression } from "../config/body.js";
import { impliedProvider } from "../addrs/index.js";
import type { Diagnostic } from "../diag/diagnostic.js";
import { GraphBuilder } from "../graph/builder.js";
import { Graph, type IndexedGraph } from "../graph/graph.js";
import { cycleDiagnostics } from "../graph/cycles.js";
import type { State } from "../../state/state.js";
import { ModuleLoader } from "./module-source.js";
import { referencedNames } from "./references.js";
import { bodyExpressions, resourceExpressions } from "./plan.js";

export type OperationVertexKind = "resource" | "local" | "variable" | "output" | "removed-output" | "module-expand" | "module-close" | "provider" | "provider-close" | "root";

export interface OperationVertex {
  readonly kind: OperationVertexKind;
  /** The module path without instance keys ("" for the root, `module.app.module.db`). */
  readonly module: string;
  /** For resources: the address within the module (`terraform_data.a`, `data.x.y`); else the vertex key. */
  readonly name: string;
  /** For a destroy graph's resources: how many instances the vertex stands for (Terraform declares each). */
  readonly instances?: number;
}

/** Where one module's declarations live in the graph: its path, configuration and the call that made it. */
interface ModuleScope {
  readonly path: string;
  readonly config: Config;
  readonly parent?: ModuleScope;
  readonly call?: ModuleCall;
}

const prefixOf = (path: string): string => (path ? `${path}.` : "");

/** The key of a resource block's vertex, as Terraform names it (`module.app.terraform_data.x (expand)`). */
export const resourceVertexKey = (modulePath: string, resource: string): string => `${prefixOf(modulePath)}${resource} (expand)`;

/**
 * Builds the graph of the configuration at `rootDir` (child modules as `init` installed them). Module
 * loading problems come back as diagnostics, and the modules concerned are left out.
 */
export function buildOperationGraph(rootDir: string, root: Config, state?: State, options: { orphans?: boolean } = {}): { graph: GraphBuilder<OperationVertex>; diagnostics: Diagnostic[] } {
  const g = new GraphBuilder<OperationVertex>();
  const diagnostics: Diagnostic[] = [];
  const loader = new ModuleLoader(rootDir);
  const scopes: ModuleScope[] = [];
  const collect = (s: ModuleScope): void => {
    scopes.push(s);
    for (const [name, call] of s.config.modules) {
      const path = `${prefixOf(s.path)}module.${name}`;
      const l = loader.load(path.replace(/(^|\.)module\./g, "$1").replace(/^\./, ""), call);
      if (Array.isArray(l)) diagnostics.push(...l);
      else collect({ path, config: l.config, parent: s, call });
    }
  };
  collect({ path: "", config: root });

  const add = (key: string, v: OperationVertex): string => g.add(key, v);
  const providerKey = (r: Resource): string => {
    const [ref] = r.provider ? referencedNames(r.provider) : [];
    const local = ref?.[0] ?? (r.type.split("_")[0] ?? r.type);
    const alias = ref?.[1];
    return `provider[${JSON.stringify(impliedProvider(local).toString())}]${alias ? "." + alias : ""}`;
  };
  const addProvider = (key: string): string => {
    add(key, { kind: "provider", module: "", name: key });
    add(`${key} (close)`, { kind: "provider-close", module: "", name: `${key} (close)` });
    return key;
  };

  // Vertices first, so that references can be checked against what exists.
  for (const s of scopes) {
    const p = prefixOf(s.path);
    const vertex = (kind: OperationVertexKind, name: string): OperationVertex => ({ kind, module: s.path, name });
    for (const k of s.config.resources.keys()) add(resourceVertexKey(s.path, k), vertex("resource", k));
    for (const k of s.config.data.keys()) add(resourceVertexKey(s.path, `data.${k}`), vertex("resource", `data.${k}`));
    for (const n of s.config.locals.keys()) add(`${p}local.${n} (expand)`, vertex("local", `${p}local.${n} (expand)`));
    for (const n of s.config.variables.keys()) {
      const key = s.path ? `${p}var.${n} (expand)` : `var.${n}`;
      add(key, vertex("variable", key));
    }
    for (const n of s.config.outputs.keys()) add(`${p}output.${n} (expand)`, vertex("output", `${p}output.${n} (expand)`));
    if (s.path) {
      add(`${s.path} (expand)`, vertex("module-expand", `${s.path} (expand)`));
      add(`${s.path} (close)`, vertex("module-close", `${s.path} (close)`));
    }
  }
  const rootProviders = root.providers.map((pc) => ({ pc, key: addProvider(`provider[${JSON.stringify(impliedProvider(pc.name).toString())}]${pc.alias ? "." + pc.alias : ""}`) }));

  const byPath = new Map(scopes.map((s) => [s.path, s]));
  /** The vertex a reference made in module `s` points at, if it names a declaration. */
  const target = (s: ModuleScope, names: readonly string[]): string | undefined => {
    const [a, b, c] = names;
    if (!b) return undefined;
    const p = prefixOf(s.path);
    switch (a) {
      case "var":
        return s.config.variables.has(b) ? (s.path ? `${p}var.${b} (expand)` : `var.${b}`) : undefined;
      case "local":
        return s.config.locals.has(b) ? `${p}local.${b} (expand)` : undefined;
      case "module": {
        const child = byPath.get(`${p}module.${b}`);
        if (!child) return undefined;
        return c && child.config.outputs.has(c) ? `${child.path}.output.${c} (expand)` : `${child.path} (close)`;
      }
      case "data":
        return c && s.config.data.has(`${b}.${c}`) ? resourceVertexKey(s.path, `data.${b}.${c}`) : undefined;
      case "count":
      case "each":
      case "path":
      case "terraform":
      case "self":
        return undefined;
      default:
        return s.config.resources.has(`${a}.${b}`) ? resourceVertexKey(s.path, `${a}.${b}`) : undefined;
    }
  };
  const refs = (from: string, s: ModuleScope, exprs: readonly (Expression | undefined)[]): void => {
    for (const e of exprs) {
      for (const names of referencedNames(e, true)) {
        const t = target(s, names);
        // A block referring to itself is validation's "Self-referential block", not a cycle.
        if (t && t !== from) g.connect(from, t);
      }
    }
  };

  for (const s of scopes) {
    const p = prefixOf(s.path);
    const expandKey = s.path ? `${s.path} (expand)` : undefined;
    const inModule = (key: string): void => {
      if (expandKey) g.connect(key, expandKey);
      if (s.path) g.connect(`${s.path} (close)`, key);
    };
    const resource = (key: string, r: Resource): void => {
      refs(key, s, resourceExpressions(r));
      const pk = addProvider(providerKey(r));
      g.connect(key, pk);
      g.connect(`${pk} (close)`, key);
      inModule(key);
    };
    for (const [k, r] of s.config.resources) resource(resourceVertexKey(s.path, k), r);
    for (const [k, r] of s.config.data) resource(resourceVertexKey(s.path, `data.${k}`), r);
    for (const [n, l] of s.config.locals) {
      const key = `${p}local.${n} (expand)`;
      refs(key, s, [l.expr]);
      inModule(key);
    }
    for (const n of s.config.variables.keys()) {
      if (!s.path) continue;
      const key = `${p}var.${n} (expand)`;
      // A module's input is evaluated in its caller, from the call's argument.
      const arg = s.call!.config.justAttributes().attributes.get(n);
      if (arg) refs(key, s.parent!, [arg.expr]);
      inModule(key);
    }
    for (const [n, o] of s.config.outputs) {
      const key = `${p}output.${n} (expand)`;
      refs(key, s, [o.value, o.dependsOn, ...o.preconditions.flatMap((c) => [c.condition, c.errorMessage])]);
      inModule(key);
    }
    if (s.path) {
      const call = s.call!;
      refs(`${s.path} (expand)`, s.parent!, [call.count, call.forEach, call.dependsOn]);
      if (s.parent!.path) {
        g.connect(`${s.path} (expand)`, `${s.parent!.path} (expand)`);
        g.connect(`${s.parent!.path} (close)`, `${s.path} (close)`);
      }
    }
  }
  // Resources the state has and the configuration no longer declares: Terraform's "(orphan)" vertices, which
  // need only their provider.
  for (const r of options.orphans === false ? [] : (state?.resources.values() ?? [])) {
    if (r.addr.resource.mode !== "managed") continue;
    const path = r.addr.module.module().toString();
    const name = r.addr.resource.toString();
    if (g.has(resourceVertexKey(path, name))) continue;
    const key = add(`${prefixOf(path)}${name} (orphan)`, { kind: "resource", module: path, name });
    const pk = addProvider(r.provider);
    g.connect(key, pk);
    g.connect(`${pk} (close)`, key);
  }
  // Root outputs the state has and the configuration dropped are removed by an "output.x (destroy)" vertex.
  for (const n of state?.outputs.keys() ?? []) if (!root.outputs.has(n)) add(`output.${n} (destroy)`, { kind: "removed-output", module: "", name: `output.${n} (destroy)` });
  for (const { pc, key } of rootProviders) refs(key, scopes[0]!, bodyExpressions(pc.config, pc.declRange));
  const top = add("root", { kind: "root", module: "", name: "root" });
  for (const k of g.keys()) if (k !== top && !g.hasDependents(k)) g.connect(top, k);
  return { graph: g, diagnostics };
}

/**
 * The default `terraform graph` summary: for each resource block, the resource blocks it reaches through
 * vertices that are not resources (locals, variables, outputs, module boundaries, providers).
 */
export function resourceDependencyMap(g: Pick<Graph<OperationVertex>, "get" | "dependencies"> & { keys(): readonly string[] }): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const k of g.keys()) {
    if (g.get(k).kind !== "resource") continue;
    const found = new Set<string>();
    const seen = new Set<string>([k]);
    const stack = [...g.dependencies(k)];
    while (stack.length) {
      const d = stack.pop()!;
      if (seen.has(d)) continue;
      seen.add(d);
      if (g.get(d).kind === "resource") found.add(d);
      else stack.push(...g.dependencies(d));
    }
    out.set(k, found);
  }
  return out;
}

/**
 * `terraform graph -type=plan-destroy`: a "(destroy)" vertex per resource with objects in the state, each
 * destroyed before what it depended on when applied, providers around them, and the root outputs.
 */
export function buildDestroyGraph(root: Config, state: State): Graph<OperationVertex> {
  const g = new GraphBuilder<OperationVertex>();
  const deps = new Map<string, readonly string[]>();
  for (const r of state.resources.values()) {
    if (r.addr.resource.mode !== "managed") continue;
    const path = r.addr.module.module().toString();
    const name = r.addr.resource.toString();
    const key = `${prefixOf(path)}${name} (destroy)`;
    const all = new Set<string>(deps.get(key) ?? []);
    for (const i of r.instances.values()) for (const d of i.current?.dependencies ?? []) all.add(d);
    const prior = g.has(key) ? (g.get(key).instances ?? 0) : 0;
    g.add(key, { kind: "resource", module: path, name });
    g.set(key, { kind: "resource", module: path, name, instances: prior + r.instances.size });
    deps.set(key, [...all]);
    if (!g.has(r.provider)) {
      g.add(r.provider, { kind: "provider", module: "", name: r.provider });
      g.add(`${r.provider} (close)`, { kind: "provider-close", module: "", name: `${r.provider} (close)` });
    }
    g.connect(key, r.provider);
    g.connect(`${r.provider} (close)`, key);
  }
  // Dependencies recorded in the state name resources (or instances) by their absolute address.
  for (const [key, ds] of deps) {
    for (const d of ds) {
      const target = `${d.replace(/\[[^\]]*\]/g, "")} (destroy)`;
      if (target !== key && g.has(target)) g.connect(target, key);
    }
  }
  for (const n of root.outputs.keys()) g.add(`output.${n} (expand)`, { kind: "output", module: "", name: `output.${n} (expand)` });
  for (const n of state.outputs.keys()) if (!root.outputs.has(n)) g.add(`output.${n} (destroy)`, { kind: "removed-output", module: "", name: `output.${n} (destroy)` });
  const top = "root";
  g.add(top, { kind: "root", module: "", name: top });
  for (const k of g.keys()) if (k !== top && !g.hasDependents(k)) g.connect(top, k);
  return g.graph();
}

/**
 * Terraform's "Cycle: ..." errors for the configuration, found before anything is planned (plan, apply and
 * validate): every member named, resources by address and the rest by vertex name (`local.x (expand)`).
 */
export function configCycles(rootDir: string, config: Config): Diagnostic[] {
  const { graph } = buildOperationGraph(rootDir, config);
  const ig: IndexedGraph = graph.indexed();
  return cycleDiagnostics(ig, (k) => (graph.get(k).kind === "resource" && k.endsWith(" (expand)") ? k.slice(0, -" (expand)".length) : k));
}
