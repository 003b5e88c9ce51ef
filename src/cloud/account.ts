// The simulated account: created on first use of a TFSIM_HOME, like signing up: a 12-digit account id, a root
// user and one pair of root access keys.
import type { Clock } from "./clock.js";
import { accessKeyId, newAccountId, secretAccessKey } from "./ids.js";
import type { Db } from "./store/db.js";

export interface Account {
  readonly accountId: string;
  readonly createdMs: number;
}

export interface RootCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The account of this store; made in one IMMEDIATE transaction so two first processes agree on one account. */
export function ensureAccount(db: Db, clock: Clock): Account {
  const read = db.prepare("SELECT key, value FROM meta WHERE key IN ('account_id', 'created')");
  const fromRows = (): Account | undefined => {
    const rows = read.all() as { key: string; value: string }[];
    const id = rows.find((r) => r.key === "account_id")?.value;
    const created = rows.find((r) => r.key === "created")?.value;
    return id && created ? { accountId: id, createdMs: Number(created) } : undefined;
  };
  const existing = fromRows();
  if (existing) return existing;
  return db.transaction((): Account => {
    const again = fromRows();
    if (again) return again;
    const now = clock.nowMs();
    const account: Account = { accountId: newAccountId(), createdMs: now };
    const put = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
    put.run("account_id", account.accountId);
    put.run("created", String(now));
    put.run("iam_generation", "0");
    db.prepare("INSERT INTO access_keys (id, secret, user_id, status, create_date) VALUES (?, ?, NULL, 'Active', ?)").run(
      accessKeyId("AKIA"),
      secretAccessKey(),
      now,
    );
    return account;
  }).immediate();
}

/** The root user's active access keys (the oldest pair), as `tfsim cloud credentials` prints them. */
export function rootCredentials(db: Db): RootCredentials | undefined {
  const row = db
    .prepare("SELECT id, secret FROM access_keys WHERE user_id IS NULL AND status = 'Active' ORDER BY create_date, id LIMIT 1")
    .get() as { id: string; secret: string } | undefined;
  return row ? { accessKeyId: row.id, secretAccessKey: row.secret } : undefined;
}
