// -target: which changes a target selects, and which objects a targeted plan refreshes. Terraform refreshes
// only the part of the graph the targets keep: the targeted instances and every resource they depend on, or
// for a destroy, every resource that depends on them.
import type { AbsResourceInstance } from "../addrs/index.js";
import type { Config } from "../config/model.js";
import type { ResourceInstanceChange } from "../plan/plan.js";
import { buildOperationGraph, resourceDependencyMap, resourceVertexKey } from "./operation-graph.js";

/** -target=ADDR selects a change: its instance, its resource, its module instance or module call, or an ancestor. */
export function isTargeted(t: string, c: Pick<ResourceInstanceChange, "addr" | "module" | "resourceAddr">): boolean {
  if (c.addr === t) return true;
  const abs = c.module ? `${c.module}.${c.resourceAddr}` : c.resourceAddr;
  if (abs === t) return true;
  if (!t.startsWith("module.") || !c.module) return false;
  // module.app selects every instance of the call; module.app["a"] only its own; both their descendants.
  return c.module === t || c.module.startsWith(t + ".") || c.module.startsWith(t + "[") || withoutKeys(c.module) === t;
}

/** An address with its instance keys dropped: `module.app["a"].x.y[0]` -> `module.app.x.y`. */
const withoutKeys = (addr: string): string => addr.replace(/\[("(?:[^"\\]|\\.)*"|[^\]]*)\]/g, "");

/**
 * The instances a plan with -target refreshes, or undefined when every one is (no targets): those a target
 * selects, and the instances of the resources they depend on (a destroy plan refreshes the same, before it
 * plans to destroy the dependents too). Within a targeted module instance only its own instances count.
 */
export function refreshScope(dir: string, config: Config, targets: readonly string[]): ((addr: AbsResourceInstance) => boolean) | undefined {
  if (targets.length === 0) return undefined;
  const { graph } = buildOperationGraph(dir, config);
  const deps = resourceDependencyMap(graph);
  const next = new Map<string, string[]>();
  for (const [k, ds] of deps) {
    for (const d of ds) {
      let l = next.get(k);
      if (!l) next.set(k, (l = []));
      l.push(d);
    }
  }
  const stripped = targets.map(withoutKeys);
  const reached = new Set<string>();
  const stack: string[] = [];
  for (const k of deps.keys()) {
    const v = graph.get(k);
    const full = v.module ? `${v.module}.${v.name}` : v.name;
    if (stripped.some((t) => full === t || full.startsWith(t + "."))) stack.push(...(next.get(k) ?? []));
  }
  while (stack.length) {
    const k = stack.pop()!;
    if (reached.has(k)) continue;
    reached.add(k);
    stack.push(...(next.get(k) ?? []));
  }
  const moduleTargets = targets.filter((t) => t.startsWith("module.")).map((t) => ({ t, path: withoutKeys(t) }));
  return (addr) => {
    const c = { addr: addr.toString(), module: addr.module.toString(), resourceAddr: addr.resource.resource.toString() };
    if (targets.some((t) => isTargeted(t, c))) return true;
    const path = addr.module.module().toString();
    if (!reached.has(resourceVertexKey(path, c.resourceAddr))) return false;
    // Inside a module a target names by instance (module.app["a"]), the other instances are not reached.
    const within = moduleTargets.filter((m) => path === m.path || path.startsWith(m.path + "."));
    return within.length === 0 || within.some((m) => isTargeted(m.t, { addr: "", module: c.module, resourceAddr: "" }));
  };
}
