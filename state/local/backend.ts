// Terraform's local backend: the state in terraform.tfstate (v4 JSON), the previous snapshot in
// terraform.tfstate.backup, the lock in .terraform.tfstate.lock.info, and tfsim's journal of completed changes
// in .terraform.tfstate.journal, replayed on load and compacted into the snapshot on put.
import { readFile, unlink } from "node:fs/promises";
import { basename, dirname, isAbsolute, join } from "node:path";
import { Diagnostics, error, warning } from "../../src/diag/diagnostic.js";
import type { Backend, GetResult, Journal, LockOptions, LockResult } from "../backend.js";
import type { LockInfo } from "../lock-info.js";
import type { State } from "../state.js";
import { decodeStateV4, encodeStateV4, withSerial } from "../v4.js";
import { removeOrphanTemps, writeFileAtomic } from "./atomic-file.js";
import { JournalFile, readJournal } from "./journal-file.js";
import { acquireLock, readLockInfo, releaseLock } from "./lock-file.js";

export interface LocalBackendOptions {
  /** Directory relative paths are resolved against; default process.cwd(). */
  readonly cwd?: string;
  /** Where the backup goes; default `<path>.backup`; false for none (Terraform's -backup=-). */
  readonly backupPath?: string | false;
}

export class LocalBackend implements Backend {
  /** The path as the user gave it (shown in lock info). */
  readonly path: string;
  readonly statePath: string;
  readonly backupPath: string | undefined;
  readonly lockPath: string;
  readonly journalPath: string;

  /** The snapshot file's text as this backend last read or wrote it, and its serial. */
  private snapshotText: string | undefined;
  private snapshotSerial = 0;
  private snapshotRead = false;
  /** The state file's bytes before this backend first wrote it, for the backup. */
  private originalText: string | undefined;
  private backedUp = false;
  private journal: JournalFile | undefined;
  private orphansRemoved = false;

  constructor(path = "terraform.tfstate", opts: LocalBackendOptions = {}) {
    this.path = path;
    this.statePath = isAbsolute(path) ? path : join(opts.cwd ?? process.cwd(), path);
    const dir = dirname(this.statePath);
    const base = basename(this.statePath);
    this.backupPath = opts.backupPath === false ? undefined : (opts.backupPath ?? `${this.statePath}.backup`);
    this.lockPath = join(dir, `.${base}.lock.info`);
    this.journalPath = join(dir, `.${base}.journal`);
  }

  async get(): Promise<GetResult> {
    const diagnostics = new Diagnostics();
    let text: string | undefined;
    try {
      text = await readFile(this.statePath, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") {
        diagnostics.append(error("Failed to load state", `Reading ${this.path}: ${(e as Error).message}`));
        return { state: undefined, diagnostics, replayed: 0 };
      }
    }
    if (!this.snapshotRead) {
      this.originalText = text;
      this.snapshotRead = true;
    }
    if (text === undefined || text.trim() === "") {
      this.snapshotText = undefined;
      this.snapshotSerial = 0;
      return { state: undefined, diagnostics, replayed: 0 };
    }
    const d = decodeStateV4(text, this.path);
    diagnostics.append(d.diagnostics);
    if (!d.state) return { state: undefined, diagnostics, replayed: 0 };
    this.snapshotText = text;
    this.snapshotSerial = d.state.serial;

    const state = d.state;
    const j = await readJournal(this.journalPath);
    let replayed = 0;
    if (j.header && j.header.lineage === state.lineage && j.header.serial === state.serial) {
      for (const change of j.changes) {
        const err = state.apply(change);
        if (err) {
          diagnostics.append(warning("Ignored a journal record", `${this.journalPath}: ${err}.`));
          continue;
        }
        replayed++;
      }
      if (j.corruptAt !== undefined) {
        diagnostics.append(
          warning(
            "Journal partly unreadable",
            `Line ${j.corruptAt} of ${this.journalPath} could not be read; the ${replayed} changes before it were recovered.`,
          ),
        );
      }
    }
    return { state, diagnostics, replayed };
  }

  async put(state: State): Promise<Diagnostics> {
    const diagnostics = new Diagnostics();
    try {
      if (!this.snapshotRead) await this.get();
      if (!this.orphansRemoved) {
        // A run killed while writing the snapshot or the journal's header left its temporary file behind.
        this.orphansRemoved = true;
        await removeOrphanTemps(this.statePath);
        await removeOrphanTemps(this.journalPath);
      }
      const write = async () => {
        // Unchanged content (at the snapshot's serial) encodes to the snapshot's exact text.
        const serial = state.serial;
        state.serial = this.snapshotSerial;
        const atSnapshotSerial = this.snapshotText !== undefined ? encodeStateV4(state) : undefined;
        if (atSnapshotSerial === undefined || atSnapshotSerial !== this.snapshotText) {
          state.serial = Math.max(serial, this.snapshotSerial) + 1;
          await this.backupOnce();
          const text = atSnapshotSerial !== undefined ? withSerial(atSnapshotSerial, state.serial) : encodeStateV4(state);
          await writeFileAtomic(this.statePath, text);
          this.snapshotText = text;
          this.snapshotSerial = state.serial;
        }
        // Everything journaled so far is now in the snapshot.
        if (this.journal) await this.journal.resetNow({ journal: 1, lineage: state.lineage, serial: state.serial });
        else await removeIfPresent(this.journalPath);
      };
      if (this.journal) await this.journal.exclusive(write);
      else await write();
    } catch (e) {
      diagnostics.append(error("Failed to save state", `Writing ${this.path}: ${(e as Error).message}`));
    }
    return diagnostics;
  }

  async openJournal(state: State): Promise<Journal> {
    if (this.journal) throw new Error("a journal is already open on this backend");
    // The snapshot must hold everything a previous journal recovered before that journal is replaced.
    const d = await this.put(state);
    if (d.hasErrors()) throw new Error(d.items[0]!.detail);
    const j = await JournalFile.create(this.journalPath, { journal: 1, lineage: state.lineage, serial: state.serial });
    this.journal = j;
    const close = j.close.bind(j);
    return {
      record: (c) => j.record(c),
      get length() {
        return j.length;
      },
      close: async () => {
        await close();
        if (this.journal === j) this.journal = undefined;
      },
    };
  }

  lock(options: LockOptions): Promise<LockResult> {
    return acquireLock(this.lockPath, this.path, options);
  }

  unlock(id: string): Promise<Diagnostics> {
    return releaseLock(this.lockPath, id, false);
  }

  forceUnlock(id: string): Promise<Diagnostics> {
    return releaseLock(this.lockPath, id, true);
  }

  lockInfo(): Promise<LockInfo | undefined> {
    return readLockInfo(this.lockPath);
  }

  // Terraform's backup is the state as it was before this run first changed it.
  private async backupOnce(): Promise<void> {
    if (this.backedUp || !this.backupPath) return;
    this.backedUp = true;
    if (this.originalText === undefined) return;
    await writeFileAtomic(this.backupPath, this.originalText);
  }
}

// Not synced: a journal that an OS crash brings back names an older snapshot (serial) than the state file, so it
// is never replayed; or, at the same serial, only repeats what that snapshot already holds.
async function removeIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
}
