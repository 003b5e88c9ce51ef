// Opens the account's SQLite store (TFSIM_HOME/cloud.db) so that several processes (two applies and a server)
// can share it: WAL journal, a busy timeout instead of SQLITE_BUSY errors, foreign keys on.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { migrate } from "./schema.js";

export type Db = Database.Database;

export function openStore(home: string): Db {
  mkdirSync(home, { recursive: true });
  const db = new Database(join(home, "cloud.db"));
  // busy_timeout first: switching to WAL itself needs a lock another process may hold.
  db.pragma("busy_timeout = 10000");
  db.pragma("journal_mode = WAL");
  // NORMAL in WAL mode: a committed transaction survives a crash of the process (kill -9); only a power loss
  // can drop the last commits. The audit insert of every read call stays cheap this way.
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  migrate(db);
  return db;
}
