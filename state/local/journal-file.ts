// The journal file: a header line naming the snapshot it applies to (lineage and serial), then one JSON line
// per completed change. Appends are batched while an fsync is in flight (group commit), so N concurrent
// completions cost one fsync, and each record's promise resolves only after the fsync that covers it.
// A torn last line (a crash mid-append) is ignored on replay: it was never acknowledged.
import { open, readFile, type FileHandle } from "node:fs/promises";
import type { Journal } from "../backend.js";
import { marshal } from "../json.js";
import type { StateChange } from "../state.js";
import { writeFileAtomic } from "./atomic-file.js";

export interface JournalHeader {
  readonly journal: 1;
  readonly lineage: string;
  readonly serial: number;
}

export interface JournalContents {
  readonly header: JournalHeader | undefined;
  readonly changes: StateChange[];
  /** Set when a complete line could not be parsed: replay stopped there. */
  readonly corruptAt?: number;
}

/** Reads a journal; a missing file is an empty journal. */
export async function readJournal(path: string): Promise<JournalContents> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { header: undefined, changes: [] };
    throw e;
  }
  const lines = text.split("\n");
  lines.pop(); // "" after the final newline, or a torn record that was never acknowledged
  const changes: StateChange[] = [];
  let header: JournalHeader | undefined;
  for (let i = 0; i < lines.length; i++) {
    let v: unknown;
    try {
      v = JSON.parse(lines[i]!);
    } catch {
      return { header, changes, corruptAt: i + 1 };
    }
    if (i === 0) {
      const h = v as Partial<JournalHeader>;
      if (h.journal !== 1 || typeof h.lineage !== "string" || typeof h.serial !== "number") return { header: undefined, changes, corruptAt: 1 };
      header = h as JournalHeader;
    } else changes.push(v as StateChange);
  }
  return { header, changes };
}

interface Pending {
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/**
 * An open journal. Writes and resets run one at a time on a promise chain. Callers apply a change to their
 * in-memory state *before* recording it, so a snapshot taken inside `exclusive` (see LocalBackend.put) holds
 * every change whose record was written to the journal it replaces.
 */
export class JournalFile implements Journal {
  private fh: FileHandle | undefined;
  private pending: Pending[] = [];
  private scheduled = false;
  private tail: Promise<void> = Promise.resolve();
  private count = 0;
  private closed = false;

  private constructor(readonly path: string) {}

  /** Starts a new, empty journal for the snapshot `header` names, replacing any previous one atomically. */
  static async create(path: string, header: JournalHeader): Promise<JournalFile> {
    const j = new JournalFile(path);
    await j.exclusive(() => j.resetNow(header));
    return j;
  }

  get length(): number {
    return this.count;
  }

  record(change: StateChange): Promise<void> {
    if (this.closed) return Promise.reject(new Error("journal is closed"));
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ line: marshal(change) + "\n", resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        this.tail = this.tail.then(() => this.flush());
      }
    });
  }

  /** Runs `fn` after every write queued so far and before any queued later. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Empties the journal for a new snapshot; call only inside `exclusive`. */
  async resetNow(header: JournalHeader): Promise<void> {
    await this.fh?.close();
    await writeFileAtomic(this.path, marshal(header) + "\n", 0o600);
    this.fh = await open(this.path, "a");
  }

  async close(): Promise<void> {
    await this.exclusive(async () => {
      this.closed = true;
      await this.fh?.close();
      this.fh = undefined;
    });
  }

  // Group commit: everything recorded while the previous batch was being synced goes out in one write + fsync.
  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      // A crash mid-write leaves complete earlier lines (harmless: replay sets what memory already held) and a
      // torn last line, which replay ignores; nothing in the batch was acknowledged yet.
      await this.fh!.writeFile(batch.map((p) => p.line).join(""));
      await this.fh!.datasync();
      this.count += batch.length;
      for (const p of batch) p.resolve();
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  }
}
