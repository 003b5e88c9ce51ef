// The account: created on first use of a TFSIM_HOME, like signing up; one account per home; the store's setup.
import Database from "better-sqlite3";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openCloud } from "../../../src/cloud/index.js";
import { openStore } from "../../../src/cloud/store/db.js";
import { migrateService } from "../../../src/cloud/store/schema.js";
import { tempDir } from "../../helpers/cli.js";

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

function home(): string {
  const h = tempDir("tfsim-account-");
  homes.push(h);
  return h;
}

describe("account", () => {
  it("is created on first use with a 12-digit id and root access keys", () => {
    const h = home();
    const cloud = openCloud({ home: h });
    expect(cloud.accountId).toMatch(/^[1-9]\d{11}$/);
    const keys = cloud.rootCredentials();
    expect(keys.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(keys.secretAccessKey).toHaveLength(40);
    const me = cloud.call({ credentials: keys, authenticatedBy: "secret", region: "us-east-1", service: "sts", action: "GetCallerIdentity", params: {} });
    expect(me).toMatchObject({ ok: true, output: { Account: cloud.accountId, Arn: `arn:aws:iam::${cloud.accountId}:root`, UserId: cloud.accountId } });
    cloud.close();
  });

  it("is the same account when the home is opened again, and another home is another account", () => {
    const h = home();
    const a = openCloud({ home: h });
    const first = { id: a.accountId, keys: a.rootCredentials() };
    a.close();
    const b = openCloud({ home: h });
    expect(b.accountId).toBe(first.id);
    expect(b.rootCredentials()).toEqual(first.keys);
    b.close();
    const c = openCloud({ home: home() });
    expect(c.accountId).not.toBe(first.id);
    c.close();
  });

  it("defaults its home to TFSIM_HOME", () => {
    const h = home();
    const saved = process.env.TFSIM_HOME;
    process.env.TFSIM_HOME = h;
    try {
      const cloud = openCloud();
      expect(cloud.home).toBe(h);
      cloud.close();
    } finally {
      if (saved === undefined) delete process.env.TFSIM_HOME;
      else process.env.TFSIM_HOME = saved;
    }
  });

  it("keeps its store in cloud.db with WAL and the latest schema", () => {
    const h = home();
    openCloud({ home: h }).close();
    const db = new Database(join(h, "cloud.db"), { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(4);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(["users", "roles", "policies", "access_keys", "sessions", "audit"]));
    db.close();
  });

  it("applies a service's own migrations once, in order, and later ones when they are added", () => {
    const db = openStore(home());
    try {
      migrateService(db, "demo", ["CREATE TABLE demo_a (x INTEGER)"]);
      migrateService(db, "demo", ["CREATE TABLE demo_a (x INTEGER)"]);
      migrateService(db, "demo", ["CREATE TABLE demo_a (x INTEGER)", "ALTER TABLE demo_a ADD COLUMN y TEXT"]);
      expect((db.prepare("SELECT version FROM schema_versions WHERE service = 'demo'").get() as { version: number }).version).toBe(2);
      expect((db.pragma("table_info(demo_a)") as { name: string }[]).map((c) => c.name)).toEqual(["x", "y"]);
    } finally {
      db.close();
    }
  });
});
