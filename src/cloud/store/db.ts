// Opens the account's SQLite store (TFSIM_HOME/cloud.db) so that several processes (two applies and a server)
// can share it: WAL journal, a busy timeout instead of SQLITE_BUSY errors, foreign keys on.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { migrate } from "./schema.js";

export type Db = Database.Database;

const BUSY_RETRY_MS = 10_000;

/**
 * PRAGMA journal_mode = WAL, waiting for the lock it needs. SQLite answers SQLITE_BUSY at once, without its busy
 * handler, when another process holds a write lock on a store still in rollback mode (two processes opening a new
 * TFSIM_HOME together: waiting inside SQLite could deadlock), so the switch is retried here until that write ends.
 */
function switchToWal(db: Db): void {
  const deadline = Date.now() + BUSY_RETRY_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (e) {
      if ((e as { code?: unknown }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw e;
      Atomics.wait(pause, 0, 0, 5 + Math.random() * 20);
    }
  }
}

export function openStore(home: string): Db {
  mkdirSync(home, { recursive: true });
  const db = new Database(join(home, "cloud.db"));
  // busy_timeout first: switching to WAL itself needs a lock another process may hold.
  db.pragma("busy_timeout = 10000");
  switchToWal(db);
  // NORMAL in WAL mode: a committed transaction survives a crash of the process (kill -9); only a power loss
  // can drop the last commits. The audit insert of every read call stays cheap this way.
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  migrate(db);
  return db;
}
