// The parallel walk, as Terraform's dag walker: a vertex starts as soon as every dependency has finished, at
// most `concurrency` at a time (p-limit). A vertex that fails marks everything downstream "upstream-failed":
// those never run and report nothing, so the user sees only root causes. A stop signal (the first Ctrl-C)
// starts nothing new while running vertices finish. A vertex may expand into a subgraph (Terraform's
// DynamicExpand: `aws_instance.web (expand)` becomes its instances once count is known); the subgraph is
// walked under the same limit and the vertex finishes when it does. A vertex may also hand back the rest of
// its work as a completion that needs no slot (an apply's wait for its journal record to be durable): its slot
// goes to the next ready vertex at once, and it settles when the completion does. O(N + E): each vertex and
// edge is touched a fixed number of times, with no pass over all vertices per vertex.
import pLimit, { type LimitFunction } from "p-limit";
import { Diagnostics, error, type Diagnostic } from "../diag/diagnostic.js";
import { cycleDiagnostics } from "./cycles.js";
import type { Graph } from "./graph.js";

export type VertexStatus =
  /** visit returned no errors (and its expansion, if any, had no failures). */
  | "succeeded"
  /** visit returned an error diagnostic (or threw), or a vertex of its expansion failed. */
  | "failed"
  /** Not run because a dependency failed or was itself upstream-failed. */
  | "upstream-failed"
  /** Not run because the walk was stopped before it could start. */
  | "stopped";

/** An expansion: the vertex's diagnostics, and a subgraph to walk before the vertex counts as done. */
export interface Expansion<V> {
  readonly diagnostics?: readonly Diagnostic[];
  /** Its keys must not collide with other vertices' keys (instance addresses never do). */
  readonly expand: Graph<V>;
}

/** The end of a vertex's work, which runs outside the concurrency limit; the vertex settles with its result. */
export interface Completion {
  readonly completion: Promise<readonly Diagnostic[] | Diagnostics | void | undefined>;
}

/** What a visit may return: diagnostics (warnings alone mean success), an expansion, a completion, or nothing. */
export type VisitResult<V = unknown> = readonly Diagnostic[] | Diagnostics | Expansion<V> | Completion | void | undefined;

export type Visit<V> = (vertex: V, key: string) => Promise<VisitResult<V>> | VisitResult<V>;

export interface WalkOptions<V> {
  /** Most vertices running at once (Terraform's -parallelism); default 10. */
  readonly concurrency?: number;
  /** Once aborted, no vertex starts; vertices already running finish and are recorded. */
  readonly signal?: AbortSignal;
  /** Vertices that run even when a dependency failed (Terraform's TolerantVertex), e.g. state writers. */
  readonly tolerant?: (vertex: V, key: string) => boolean;
  /** Names a key in cycle errors; defaults to the key. */
  readonly name?: (key: string) => string;
}

export interface WalkResult {
  /** Every diagnostic from vertices that ran, sorted (deterministic whatever the timing). */
  readonly diagnostics: Diagnostics;
  /** Every vertex walked, including those of expansions. */
  readonly status: ReadonlyMap<string, VertexStatus>;
  readonly counts: Readonly<Record<VertexStatus, number>>;
}

const enum State {
  Pending,
  Succeeded,
  Failed,
  UpstreamFailed,
  Stopped,
}
const stateName: Record<State, VertexStatus | undefined> = {
  [State.Pending]: undefined,
  [State.Succeeded]: "succeeded",
  [State.Failed]: "failed",
  [State.UpstreamFailed]: "upstream-failed",
  [State.Stopped]: "stopped",
};

/** What one (sub)walk produced, before sorting. */
interface Collected {
  readonly status: Map<string, VertexStatus>;
  /** Diagnostics per vertex key. */
  readonly diagnostics: Map<string, readonly Diagnostic[]>;
  /** Cycle errors, which belong to no vertex. */
  readonly cycles: Diagnostic[];
}

/**
 * Walks `graph` in dependency order, calling `visit` for each vertex. A graph (or expansion) with a cycle is
 * not walked: the result holds one "Cycle: ..." error per cycle and its vertices are "stopped".
 */
export async function walk<V>(graph: Graph<V>, visit: Visit<V>, options: WalkOptions<V> = {}): Promise<WalkResult> {
  const limit = pLimit(Math.max(1, options.concurrency ?? 10));
  const out: Collected = { status: new Map(), diagnostics: new Map(), cycles: [] };
  await walkInto(graph, visit, options, limit, out);

  const counts: Record<VertexStatus, number> = { succeeded: 0, failed: 0, "upstream-failed": 0, stopped: 0 };
  for (const s of out.status.values()) counts[s]++;
  const diagnostics = new Diagnostics(out.cycles);
  const keys = [...out.diagnostics.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const k of keys) diagnostics.append(out.diagnostics.get(k)!);
  return { diagnostics: diagnostics.sort(), status: out.status, counts };
}

function isExpansion<V>(r: VisitResult<V>): r is Expansion<V> {
  return typeof r === "object" && r !== null && "expand" in r;
}

function isCompletion<V>(r: VisitResult<V>): r is Completion {
  return typeof r === "object" && r !== null && "completion" in r;
}

/** What follows a vertex's visit once its slot is released. */
type Continuation<V> = { readonly expand: Graph<V> } | Completion | undefined;

/** Walks one graph into `out`; resolves true when any vertex failed or was upstream-failed. */
async function walkInto<V>(graph: Graph<V>, visit: Visit<V>, options: WalkOptions<V>, limit: LimitFunction, out: Collected): Promise<{ failed: boolean; stopped: boolean }> {
  const ig = graph.indexed();
  const n = ig.keys.length;
  const cycles = cycleDiagnostics(ig, options.name);
  if (cycles.length > 0) {
    for (const k of ig.keys) out.status.set(k, "stopped");
    out.cycles.push(...cycles);
    return { failed: true, stopped: false };
  }

  const state = new Uint8Array(n); // State per vertex
  const remaining = new Int32Array(n); // dependencies not yet settled
  const blocked = new Uint8Array(n); // worst settled dependency: 0 none, 1 stopped, 2 failed
  const values: V[] = ig.keys.map((k) => graph.get(k));
  const ready: number[] = [];
  let settled = 0;
  let draining = false;
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));

  for (let i = 0; i < n; i++) {
    remaining[i] = ig.dependencies[i]!.length;
    if (remaining[i] === 0) ready.push(i);
  }

  const settle = (i: number, s: State) => {
    state[i] = s;
    settled++;
    const mark = s === State.Failed || s === State.UpstreamFailed ? 2 : s === State.Stopped ? 1 : 0;
    for (const d of ig.dependents[i]!) {
      if (mark > blocked[d]!) blocked[d] = mark;
      if (--remaining[d]! === 0) ready.push(d);
    }
  };

  const unexpected = (i: number, e: unknown): Diagnostic[] => [
    error("Unexpected error", `${ig.keys[i]}: ${e instanceof Error ? e.message : String(e)}`, undefined, { address: ig.keys[i]! }),
  ];
  /** Records a vertex's diagnostics; true when they hold an error. */
  const report = (i: number, diags: readonly Diagnostic[]): boolean => {
    if (diags.length) out.diagnostics.set(ig.keys[i]!, diags);
    return diags.some((d) => d.severity === "error");
  };

  // Runs under the limit; an expansion or a completion is returned, to be awaited after this vertex's slot is
  // released (a subgraph walked while holding a slot could wait forever for slots its own parents hold).
  const run = async (i: number): Promise<Continuation<V>> => {
    if (options.signal?.aborted) {
      settle(i, State.Stopped);
      return undefined;
    }
    let diags: Diagnostic[];
    let expansion: Graph<V> | undefined;
    try {
      const r = await visit(values[i]!, ig.keys[i]!);
      if (isCompletion(r)) return r;
      if (isExpansion(r)) {
        diags = [...(r.diagnostics ?? [])];
        expansion = r.expand;
      } else diags = r === undefined ? [] : [...r];
    } catch (e) {
      diags = unexpected(i, e);
    }
    const failed = report(i, diags);
    if (failed || !expansion) {
      settle(i, failed ? State.Failed : State.Succeeded);
      return undefined;
    }
    return { expand: expansion };
  };

  const start = (i: number) => {
    void limit(run, i).then(async (next) => {
      if (next && "expand" in next) {
        const r = await walkInto(next.expand, visit, options, limit, out);
        settle(i, r.failed ? State.Failed : r.stopped ? State.Stopped : State.Succeeded);
      } else if (next) {
        let diags: Diagnostic[];
        try {
          const r = await next.completion;
          diags = r === undefined ? [] : [...r];
        } catch (e) {
          diags = unexpected(i, e);
        }
        settle(i, report(i, diags) ? State.Failed : State.Succeeded);
      }
      drain();
    });
  };

  // Iterative so that a long chain of upstream-failed or stopped vertices never deepens the call stack.
  const drain = () => {
    if (draining) return;
    draining = true;
    while (ready.length) {
      const i = ready.pop()!;
      const tolerant = blocked[i] === 2 && options.tolerant?.(values[i]!, ig.keys[i]!) === true;
      if (blocked[i] === 2 && !tolerant) settle(i, State.UpstreamFailed);
      else if (blocked[i] === 1 || options.signal?.aborted) settle(i, State.Stopped);
      else start(i);
    }
    draining = false;
    if (settled === n) finish();
  };

  drain();
  await done;

  let failed = false;
  let stopped = false;
  for (let i = 0; i < n; i++) {
    const s = stateName[state[i] as State]!;
    out.status.set(ig.keys[i]!, s);
    if (s === "failed" || s === "upstream-failed") failed = true;
    if (s === "stopped") stopped = true;
  }
  return { failed, stopped };
}
