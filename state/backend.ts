// The state backend contract. A backend stores one state snapshot (get/put), guards it with a lock for the
// whole of a plan or apply, and offers a journal: an append-only log of completed changes, each durable before
// `record` resolves, replayed by the next `get` so that a crash at any instant loses no completed change.
// Implementations: state/local (Terraform's local backend: terraform.tfstate in the working directory).
import type { Diagnostics } from "../src/diag/diagnostic.js";
import type { LockInfo, LockOperation } from "./lock-info.js";
import type { State, StateChange } from "./state.js";

export interface GetResult {
  /** Undefined when there is no state yet (and no error). */
  readonly state: State | undefined;
  readonly diagnostics: Diagnostics;
  /** How many journaled changes were replayed on top of the last snapshot. */
  readonly replayed: number;
}

export interface LockOptions {
  readonly operation: LockOperation;
  /** How long to keep retrying while another live process holds the lock (Terraform's -lock-timeout); 0: once. */
  readonly timeoutMs?: number;
  readonly info?: string;
  /** Aborting stops the retries (Ctrl-C while waiting). */
  readonly signal?: AbortSignal;
}

export interface LockResult {
  /** The lock id to pass to unlock; undefined when the lock was not acquired (see diagnostics). */
  readonly id: string | undefined;
  /** Errors when the lock is held; a warning when a stale lock of a dead process was cleared. */
  readonly diagnostics: Diagnostics;
}

export interface Journal {
  /** Durably appends one completed change; resolves only once it would survive kill -9 or power loss. */
  record(change: StateChange): Promise<void>;
  /** Number of records appended through this journal. */
  readonly length: number;
  close(): Promise<void>;
}

export interface Backend {
  /** The latest state: the snapshot plus every journaled change since. */
  get(): Promise<GetResult>;
  /**
   * Persists `state` as the new snapshot, atomically, and empties the journal. The serial is incremented when
   * the content differs from the snapshot last read or written (the state object is updated in place).
   */
  put(state: State): Promise<Diagnostics>;
  lock(options: LockOptions): Promise<LockResult>;
  /** Releases a lock this process holds. */
  unlock(id: string): Promise<Diagnostics>;
  /** Releases a lock whatever holds it, if its id is `id` (tfsim force-unlock ID). */
  forceUnlock(id: string): Promise<Diagnostics>;
  /** The lock's holder, if locked. */
  lockInfo(): Promise<LockInfo | undefined>;
  /** Starts a journal of changes on top of `state` (which should be the result of get(), or a put()). */
  openJournal(state: State): Promise<Journal>;
}
