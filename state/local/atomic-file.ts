// Replacing a file so that a crash at any instant leaves either the old content or the new, never a mix:
// write a temporary file in the same directory, fsync it, rename it over the target, fsync the directory.
import { open, readdir, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export async function writeFileAtomic(path: string, data: string, mode = 0o644): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `${tempPrefix(path)}${process.pid}-${crypto.randomUUID().slice(0, 8)}`);
  const fh = await open(tmp, "wx", mode);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fh.close();
  await rename(tmp, path);
  await syncDir(dir);
}

/** Makes a rename or unlink in `dir` durable. */
export async function syncDir(dir: string): Promise<void> {
  const d = await open(dir, "r");
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}

/** The name writeFileAtomic's temporary files for `path` start with; the writer's PID follows. */
function tempPrefix(path: string): string {
  return `.${basename(path)}.tmp-`;
}

/**
 * Removes the temporary files writeFileAtomic left for `path` in processes that no longer exist (killed
 * mid-write). Another live process's are left alone: it may be about to rename one.
 */
export async function removeOrphanTemps(path: string): Promise<void> {
  const prefix = tempPrefix(path);
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length, name.indexOf("-", prefix.length)));
    if (!Number.isInteger(pid) || pid === process.pid || processExists(pid)) continue;
    await unlink(join(dirname(path), name)).catch(() => undefined);
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== "ESRCH";
  }
}
