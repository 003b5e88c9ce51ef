// Object bytes on disk (bodies over INLINE_MAX_BYTES; smaller ones live in their SQLite row), one file per stored body, named by a random id. A body is written to a temp file,
// fsynced and renamed BEFORE the metadata row that names it commits, so a crash can leave an orphan file but
// never a row without its bytes. Files no row names any more are removed after the call (collect()).
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";

export class BlobStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Writes bytes durably; returns the blob's id. */
  put(bytes: Buffer): string {
    const id = randomBytes(16).toString("hex");
    const tmp = join(this.dir, `${id}.tmp`);
    const fd = openSync(tmp, "w");
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(this.dir, id));
    return id;
  }

  get(id: string): Buffer {
    return readFileSync(join(this.dir, id));
  }

  remove(id: string): void {
    try {
      unlinkSync(join(this.dir, id));
    } catch {
      // Already gone: nothing to reclaim.
    }
  }
}
