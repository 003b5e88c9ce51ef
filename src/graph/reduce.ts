// Transitive reduction, as Terraform's dag.TransitiveReduction before it prints a graph: an edge a -> c is
// dropped when a reaches c through another of its dependencies. Only for display: O(V * E) in the worst case,
// with each vertex's reach computed once (iteratively, so long chains cannot overflow the stack).
import { Graph } from "./graph.js";

/** A copy of an acyclic `graph` without the edges implied by longer paths. */
export function transitiveReduction<V>(graph: Graph<V>): Graph<V> {
  const ig = graph.indexed();
  const n = ig.keys.length;
  const reach: (Set<number> | undefined)[] = new Array(n);
  // Post-order over dependencies: a vertex's reach is the union of its dependencies' reach and themselves.
  for (let s = 0; s < n; s++) {
    if (reach[s]) continue;
    const stack: [number, number][] = [[s, 0]];
    const onPath = new Set<number>([s]);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const [v, i] = top;
      const deps = ig.dependencies[v]!;
      if (i < deps.length) {
        top[1] = i + 1;
        const w = deps[i]!;
        if (!reach[w] && !onPath.has(w)) {
          onPath.add(w);
          stack.push([w, 0]);
        }
        continue;
      }
      stack.pop();
      onPath.delete(v);
      const r = new Set<number>();
      for (const w of deps) {
        r.add(w);
        for (const x of reach[w] ?? []) r.add(x);
      }
      reach[v] = r;
    }
  }
  const out = new Graph<V>();
  for (const k of ig.keys) out.add(k, graph.get(k));
  for (let v = 0; v < n; v++) {
    const deps = ig.dependencies[v]!;
    const implied = new Set<number>();
    for (const w of deps) for (const x of reach[w]!) implied.add(x);
    for (const w of deps) if (!implied.has(w)) out.connect(ig.keys[v]!, ig.keys[w]!);
  }
  return out;
}

/** The same for a plain map of dependencies (key -> keys it depends on). */
export function reduceDependencyMap(deps: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> {
  const g = new Graph<undefined>();
  for (const k of deps.keys()) g.add(k, undefined);
  for (const [k, d] of deps) for (const x of d) if (g.has(x)) g.connect(k, x);
  const r = transitiveReduction(g);
  return new Map([...deps.keys()].map((k) => [k, new Set(r.dependencies(k))]));
}
