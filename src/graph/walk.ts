// The parallel walk, as Terraform's dag walker: a vertex starts as soon as every dependency has finished, at
// most `concurrency` at a time (p-limit). A vertex that fails marks everything downstream "upstream-failed":
// those never run and report nothing, so the user sees only root causes. A stop signal (the first Ctrl-C)
// starts nothing new while running vertices finish. O(N + E): each vertex and edge is touched a fixed number
// of times, with no pass over all vertices per vertex.
import pLimit from "p-limit";
import { Diagnostics, error, type Diagnostic } from "../diag/diagnostic.js";
import { cycleDiagnostics } from "./cycles.js";
import type { Graph } from "./graph.js";

export type VertexStatus =
  /** visit returned no errors. */
  | "succeeded"
  /** visit returned an error diagnostic (or threw). */
  | "failed"
  /** Not run because a dependency failed or was itself upstream-failed. */
  | "upstream-failed"
  /** Not run because the walk was stopped before it could start. */
  | "stopped";

/** What a visit may return: diagnostics (warnings alone mean success), or nothing. */
export type VisitResult = readonly Diagnostic[] | Diagnostics | void | undefined;

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

/**
 * Walks `graph` in dependency order, calling `visit` for each vertex. A graph with a cycle is not walked: the
 * result holds one "Cycle: ..." error per cycle and every vertex is "stopped".
 */
export async function walk<V>(
  graph: Graph<V>,
  visit: (vertex: V, key: string) => Promise<VisitResult> | VisitResult,
  options: WalkOptions<V> = {},
): Promise<WalkResult> {
  const ig = graph.indexed();
  const n = ig.keys.length;
  const cycles = cycleDiagnostics(ig, options.name);
  if (cycles.length > 0) {
    const status = new Map<string, VertexStatus>(ig.keys.map((k) => [k, "stopped"]));
    return { diagnostics: new Diagnostics(cycles), status, counts: { succeeded: 0, failed: 0, "upstream-failed": 0, stopped: n } };
  }

  const limit = pLimit(Math.max(1, options.concurrency ?? 10));
  const state = new Uint8Array(n); // State per vertex
  const remaining = new Int32Array(n); // dependencies not yet settled
  const blocked = new Uint8Array(n); // worst settled dependency: 0 none, 1 stopped, 2 failed
  const perVertex = new Map<number, Diagnostic[]>();
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

  const run = async (i: number) => {
    if (options.signal?.aborted) return settle(i, State.Stopped);
    let diags: Diagnostic[];
    try {
      const r = await visit(values[i]!, ig.keys[i]!);
      diags = r === undefined ? [] : [...r];
    } catch (e) {
      diags = [error("Unexpected error", `${ig.keys[i]}: ${e instanceof Error ? e.message : String(e)}`, undefined, { address: ig.keys[i]! })];
    }
    if (diags.length) perVertex.set(i, diags);
    settle(i, diags.some((d) => d.severity === "error") ? State.Failed : State.Succeeded);
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
      else void limit(run, i).then(drain);
    }
    draining = false;
    if (settled === n) finish();
  };

  drain();
  await done;

  const status = new Map<string, VertexStatus>();
  const counts: Record<VertexStatus, number> = { succeeded: 0, failed: 0, "upstream-failed": 0, stopped: 0 };
  for (let i = 0; i < n; i++) {
    const s = stateName[state[i] as State]!;
    status.set(ig.keys[i]!, s);
    counts[s]++;
  }
  const withDiags = [...perVertex.keys()].sort((a, b) => (ig.keys[a]! < ig.keys[b]! ? -1 : 1));
  const diagnostics = new Diagnostics();
  for (const i of withDiags) diagnostics.append(perVertex.get(i)!);
  return { diagnostics: diagnostics.sort(), status, counts };
}
