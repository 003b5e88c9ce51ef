// Cycle detection: Tarjan's strongly connected components, iterative so a 100,000-long chain cannot overflow
// the stack, O(N + E). Every member of every cycle is named, as Terraform's "Cycle: a, b, c" error does.
import { error, type Diagnostic } from "../diag/diagnostic.js";
import type { Graph, IndexedGraph } from "./graph.js";

/**
 * Each cycle's members, in a deterministic order: starting from its smallest key and following dependents
 * round the cycle (the order Terraform prints one of its rotations in). Cycles are sorted by first member.
 * A vertex that depends on itself is a cycle of one.
 */
export function findCycles<V>(graph: Graph<V> | IndexedGraph): string[][] {
  const ig = "indexed" in graph ? graph.indexed() : graph;
  const cycles = stronglyConnected(ig)
    .filter((c) => c.length > 1 || ig.dependencies[c[0]!]!.includes(c[0]!))
    .map((c) => orderCycle(ig, c));
  return cycles.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
}

/** One "Cycle: a, b, c" error per cycle, no diagnostics when the graph is acyclic. */
export function cycleDiagnostics<V>(graph: Graph<V> | IndexedGraph, name: (key: string) => string = (k) => k): Diagnostic[] {
  return findCycles(graph).map((c) => error(`Cycle: ${c.map(name).join(", ")}`));
}

function stronglyConnected(g: IndexedGraph): number[][] {
  const n = g.keys.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  // Explicit DFS frames: vertex and position in its dependency list.
  const frameV: number[] = [];
  const frameI: number[] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    frameV.push(root);
    frameI.push(0);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frameV.length) {
      const top = frameV.length - 1;
      const v = frameV[top]!;
      const deps = g.dependencies[v]!;
      const i = frameI[top]!;
      if (i < deps.length) {
        frameI[top] = i + 1;
        const w = deps[i]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frameV.push(w);
          frameI.push(0);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      frameV.pop();
      frameI.pop();
      if (frameV.length) {
        const parent = frameV[frameV.length - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        out.push(comp);
      }
    }
  }
  return out;
}

function orderCycle(g: IndexedGraph, comp: number[]): string[] {
  const members = new Set(comp);
  const name = (i: number) => g.keys[i]!;
  const sorted = [...comp].sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
  const seen = new Set<number>();
  const order: string[] = [];
  let cur: number | undefined = sorted[0];
  while (cur !== undefined) {
    seen.add(cur);
    order.push(name(cur));
    let next: number | undefined;
    for (const d of g.dependents[cur]!) {
      if (members.has(d) && !seen.has(d) && (next === undefined || name(d) < name(next))) next = d;
    }
    cur = next;
  }
  for (const m of sorted) if (!seen.has(m)) order.push(name(m));
  return order;
}
