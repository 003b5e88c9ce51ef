// Progress lines written together once per turn of the event loop. An apply prints two lines per change
// ("Creating...", "Creation complete"), and many changes run in one turn: one write for all of them instead
// of one each (a write to a file or pipe is a system call; 1,000 changes made ~2,000). Nothing is written
// earlier than it would have been, only later, by at most one turn; callers flush before writing otherwise.
import type { Writable } from "node:stream";

export interface LineBuffer {
  /** Queues `text` and a newline. */
  line(text: string): void;
  /** Writes what is queued now. */
  flush(): void;
}

export function lineBuffer(out: Writable): LineBuffer {
  let pending: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join("\n") + "\n";
    pending = [];
    out.write(text);
  };
  return {
    line(text) {
      pending.push(text);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
