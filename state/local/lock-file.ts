// The local backend's lock: `.terraform.tfstate.lock.info`, created exclusively (O_EXCL) and holding Terraform's
// lock-info JSON plus the holder's PID. A lock whose holder process no longer exists on this host is cleared
// with a warning; a live holder makes lock() retry until -lock-timeout, then fail with Terraform's error.
import { hostname } from "node:os";
import { link, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { Diagnostics, error, warning } from "../../src/diag/diagnostic.js";
import { marshal } from "../json.js";
import { lockHeldDiagnostic, lockInfoBlock, newLockInfo, type LockInfo } from "../lock-info.js";
import type { LockOptions, LockResult } from "../backend.js";

export async function readLockInfo(path: string): Promise<LockInfo | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as LockInfo;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    if (e instanceof SyntaxError) return undefined; // being written right now; treated as held by the caller
    throw e;
  }
}

/** Whether the process that wrote `l` is known to be gone: same host, and no process with its PID. */
export function holderIsDead(l: LockInfo): boolean {
  if (typeof l.PID !== "number") return false;
  const host = l.Who.slice(l.Who.lastIndexOf("@") + 1);
  if (host !== hostname()) return false;
  try {
    process.kill(l.PID, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

export async function acquireLock(lockPath: string, statePath: string, opts: LockOptions): Promise<LockResult> {
  const diagnostics = new Diagnostics();
  const deadline = Date.now() + Math.max(0, opts.timeoutMs ?? 0);
  const info = newLockInfo(opts.operation, statePath, opts.info ?? "");
  for (let attempt = 0; ; attempt++) {
    const created = await tryCreate(lockPath, info);
    if (created) return { id: info.ID, diagnostics };
    const holder = await readLockInfo(lockPath);
    if (!holder && (await unreadableAndOld(lockPath))) {
      // A lock file its writer never finished (killed between create and write): nobody holds it.
      if (await removeUnreadable(lockPath)) {
        diagnostics.append(warning("Removed a stale state lock", "The lock file was empty or unreadable and older than 10 seconds."));
      }
      continue;
    }
    if (holder && holderIsDead(holder)) {
      if (await clearStale(lockPath, holder)) {
        diagnostics.append(
          warning(
            "Removed a stale state lock",
            `The state was locked by process ${holder.PID}, which no longer exists on this host.\n\n${lockInfoBlock(holder)}`,
          ),
        );
      }
      continue;
    }
    const left = deadline - Date.now();
    if (left <= 0 || opts.signal?.aborted) {
      diagnostics.append(lockHeldDiagnostic("resource temporarily unavailable", holder));
      return { id: undefined, diagnostics };
    }
    // Back off gently, like Terraform's lock retry, but never past the deadline.
    await sleep(Math.min(left, 50 * 2 ** Math.min(attempt, 4)), opts.signal);
  }
}

const UNREADABLE_GRACE_MS = 10_000;

async function unreadableAndOld(lockPath: string): Promise<boolean> {
  try {
    const st = await stat(lockPath);
    return Date.now() - st.mtimeMs > UNREADABLE_GRACE_MS;
  } catch {
    return false;
  }
}

/** Removes the unreadable lock file, unless it was replaced by a readable one meanwhile. */
async function removeUnreadable(lockPath: string): Promise<boolean> {
  const aside = `${lockPath}.stale-${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return false;
  }
  if (await readLockInfo(aside)) {
    await link(aside, lockPath).catch(() => undefined);
    await unlink(aside);
    return false;
  }
  await unlink(aside);
  return true;
}

async function tryCreate(lockPath: string, info: LockInfo): Promise<boolean> {
  let fh;
  try {
    fh = await open(lockPath, "wx", 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  // Not synced: the lock matters only among running processes, which all see the file at once; an OS crash
  // that loses it also ended its holder.
  try {
    await fh.writeFile(marshal(info));
  } finally {
    await fh.close();
  }
  return true;
}

/**
 * Moves the stale lock aside (only one contender can win the rename) and checks it is the one we judged
 * stale; if a live process's lock was taken by mistake, it is put back with link(), which never overwrites.
 */
async function clearStale(lockPath: string, stale: LockInfo): Promise<boolean> {
  const aside = `${lockPath}.stale-${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
  try {
    await rename(lockPath, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
  const moved = await readLockInfo(aside);
  if (moved?.ID !== stale.ID) {
    await link(aside, lockPath).catch(() => undefined);
    await unlink(aside);
    return false;
  }
  await unlink(aside);
  return true;
}

export async function releaseLock(lockPath: string, id: string, force: boolean): Promise<Diagnostics> {
  const diagnostics = new Diagnostics();
  const holder = await readLockInfo(lockPath);
  if (!holder) {
    diagnostics.append(error(force ? "Failed to unlock state" : "Error releasing the state lock", "The state is not locked."));
    return diagnostics;
  }
  if (holder.ID !== id) {
    diagnostics.append(
      error(
        force ? "Failed to unlock state" : "Error releasing the state lock",
        `lock id ${JSON.stringify(id)} does not match existing lock\n\n${lockInfoBlock(holder)}`,
      ),
    );
    return diagnostics;
  }
  // Not synced: a lock file that an OS crash brings back names a process that no longer exists, which blocks
  // no one (see acquireLock).
  await unlink(lockPath);
  return diagnostics;
}
