// The dependency graph: vertices keyed by a unique string (an address's key()), and edges from a dependent to
// each of its dependencies (Terraform's orientation: `b -> a` when b refers to a). Plain Maps: adding a vertex
// or an edge is a couple of Map operations (graphlib's string edge ids cost more than the rest of a 1,000
// resource apply's graph work), and whole-graph passes are O(N + E). Orders are insertion orders, as graphlib
// gave them: keys() by vertex, edges() by edge, dependencies() and dependents() per vertex.

interface Vertex<V> {
  value: V;
  /** Dependency key → the edge's sequence number (for edges() in insertion order). */
  readonly dependencies: Map<string, number>;
  readonly dependents: Set<string>;
}

export class Graph<V> {
  private readonly vertices = new Map<string, Vertex<V>>();
  private edgeTotal = 0;
  private nextEdge = 0;

  /** Adds (or replaces) the vertex stored under `key`. */
  add(key: string, vertex: V): this {
    const v = this.vertices.get(key);
    if (v) v.value = vertex;
    else this.vertices.set(key, { value: vertex, dependencies: new Map(), dependents: new Set() });
    return this;
  }

  has(key: string): boolean {
    return this.vertices.has(key);
  }

  /** The vertex under `key`; throws for an unknown key, which is a bug in the caller, not a user error. */
  get(key: string): V {
    return this.vertex(key).value;
  }

  /**
   * Records that `dependent` depends on `dependency`: the walk finishes `dependency` before starting `dependent`.
   * Both must already be vertices. Adding the same edge twice is harmless.
   */
  connect(dependent: string, dependency: string): this {
    const a = this.vertex(dependent);
    const b = this.vertex(dependency);
    if (!a.dependencies.has(dependency)) {
      a.dependencies.set(dependency, this.nextEdge++);
      b.dependents.add(dependent);
      this.edgeTotal++;
    }
    return this;
  }

  hasEdge(dependent: string, dependency: string): boolean {
    return this.vertices.get(dependent)?.dependencies.has(dependency) ?? false;
  }

  disconnect(dependent: string, dependency: string): this {
    const a = this.vertices.get(dependent);
    if (a?.dependencies.delete(dependency)) {
      this.vertices.get(dependency)!.dependents.delete(dependent);
      this.edgeTotal--;
    }
    return this;
  }

  remove(key: string): this {
    const v = this.vertices.get(key);
    if (!v) return this;
    for (const d of [...v.dependencies.keys()]) this.disconnect(key, d);
    for (const d of [...v.dependents]) this.disconnect(d, key);
    this.vertices.delete(key);
    return this;
  }

  /** Keys of all vertices, in insertion order. */
  keys(): string[] {
    return [...this.vertices.keys()];
  }

  get size(): number {
    return this.vertices.size;
  }

  get edgeCount(): number {
    return this.edgeTotal;
  }

  /** What `key` depends on (direct). */
  dependencies(key: string): string[] {
    const v = this.vertices.get(key);
    return v ? [...v.dependencies.keys()] : [];
  }

  /** What depends on `key` (direct). */
  dependents(key: string): string[] {
    const v = this.vertices.get(key);
    return v ? [...v.dependents] : [];
  }

  /** Every edge as [dependent, dependency], in the order they were added. */
  edges(): [string, string][] {
    const all: [string, string, number][] = [];
    for (const [k, v] of this.vertices) for (const [d, n] of v.dependencies) all.push([k, d, n]);
    all.sort((x, y) => x[2] - y[2]);
    return all.map(([a, b]) => [a, b]);
  }

  /** A copy with every edge turned around: the order of a destroy walk. */
  reversed(): Graph<V> {
    const r = new Graph<V>();
    for (const [k, v] of this.vertices) r.add(k, v.value);
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
    for (const [v, w] of this.edges()) {
      const a = index.get(v)!;
      const b = index.get(w)!;
      dependencies[a]!.push(b);
      dependents[b]!.push(a);
    }
    return { keys, index, dependencies, dependents };
  }

  private vertex(key: string): Vertex<V> {
    const v = this.vertices.get(key);
    if (!v) throw new Error(`graph has no vertex ${JSON.stringify(key)}`);
    return v;
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
