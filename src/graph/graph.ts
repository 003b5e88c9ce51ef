// The dependency graph: vertices keyed by a unique string (an address's key()), and edges from a dependent to
// each of its dependencies (Terraform's orientation: `b -> a` when b refers to a). Built on @dagrejs/graphlib;
// every operation here is O(1) per vertex or edge added, and whole-graph passes are O(N + E).
import { Graph as GraphLib } from "@dagrejs/graphlib";

export class Graph<V> {
  // Vertices are stored in a box so any V (even undefined) is a valid graphlib label.
  private readonly g = new GraphLib<undefined, { readonly v: V }, undefined>({ directed: true });

  /** Adds (or replaces) the vertex stored under `key`. */
  add(key: string, vertex: V): this {
    this.g.setNode(key, { v: vertex });
    return this;
  }

  has(key: string): boolean {
    return this.g.hasNode(key);
  }

  /** The vertex under `key`; throws for an unknown key, which is a bug in the caller, not a user error. */
  get(key: string): V {
    if (!this.g.hasNode(key)) throw new Error(`graph has no vertex ${JSON.stringify(key)}`);
    return this.g.node(key).v;
  }

  /**
   * Records that `dependent` depends on `dependency`: the walk finishes `dependency` before starting `dependent`.
   * Both must already be vertices. Adding the same edge twice is harmless.
   */
  connect(dependent: string, dependency: string): this {
    if (!this.g.hasNode(dependent)) throw new Error(`graph has no vertex ${JSON.stringify(dependent)}`);
    if (!this.g.hasNode(dependency)) throw new Error(`graph has no vertex ${JSON.stringify(dependency)}`);
    this.g.setEdge(dependent, dependency);
    return this;
  }

  hasEdge(dependent: string, dependency: string): boolean {
    return this.g.hasEdge(dependent, dependency);
  }

  disconnect(dependent: string, dependency: string): this {
    this.g.removeEdge(dependent, dependency);
    return this;
  }

  remove(key: string): this {
    this.g.removeNode(key);
    return this;
  }

  /** Keys of all vertices, in insertion order. */
  keys(): string[] {
    return this.g.nodes();
  }

  get size(): number {
    return this.g.nodeCount();
  }

  get edgeCount(): number {
    return this.g.edgeCount();
  }

  /** What `key` depends on (direct). */
  dependencies(key: string): string[] {
    return this.g.successors(key) ?? [];
  }

  /** What depends on `key` (direct). */
  dependents(key: string): string[] {
    return this.g.predecessors(key) ?? [];
  }

  /** Every edge as [dependent, dependency]. */
  edges(): [string, string][] {
    return this.g.edges().map((e) => [e.v, e.w]);
  }

  /** A copy with every edge turned around: the order of a destroy walk. */
  reversed(): Graph<V> {
    const r = new Graph<V>();
    for (const k of this.keys()) r.add(k, this.get(k));
    for (const [a, b] of this.edges()) r.connect(b, a);
    return r;
  }

  /** `keys` and everything they depend on, directly or not (what -target selects). */
  withDependencies(keys: Iterable<string>): Set<string> {
    return this.closure(keys, (k) => this.dependencies(k));
  }

  /** `keys` and everything that depends on them, directly or not. */
  withDependents(keys: Iterable<string>): Set<string> {
    return this.closure(keys, (k) => this.dependents(k));
  }

  /** A new graph holding only the vertices in `keep` and the edges between them. */
  subgraph(keep: ReadonlySet<string>): Graph<V> {
    const s = new Graph<V>();
    for (const k of keep) s.add(k, this.get(k));
    for (const k of keep) for (const d of this.dependencies(k)) if (keep.has(d)) s.connect(k, d);
    return s;
  }

  /**
   * The graph as integer adjacency lists, for passes that must be O(N + E) without string lookups:
   * `dependencies[i]` and `dependents[i]` hold indices into `keys`.
   */
  indexed(): IndexedGraph {
    const keys = this.keys();
    const index = new Map<string, number>();
    for (let i = 0; i < keys.length; i++) index.set(keys[i]!, i);
    const dependencies: number[][] = keys.map(() => []);
    const dependents: number[][] = keys.map(() => []);
    for (const e of this.g.edges()) {
      const a = index.get(e.v)!;
      const b = index.get(e.w)!;
      dependencies[a]!.push(b);
      dependents[b]!.push(a);
    }
    return { keys, index, dependencies, dependents };
  }

  private closure(start: Iterable<string>, next: (k: string) => string[]): Set<string> {
    const seen = new Set<string>();
    const stack: string[] = [];
    for (const k of start) if (!seen.has(k)) (seen.add(k), stack.push(k));
    while (stack.length) {
      for (const n of next(stack.pop()!)) if (!seen.has(n)) (seen.add(n), stack.push(n));
    }
    return seen;
  }
}

export interface IndexedGraph {
  readonly keys: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly dependencies: readonly (readonly number[])[];
  readonly dependents: readonly (readonly number[])[];
}
