// Several processes share one account (two applies and a server): none of their writes is lost, and two
// processes opening a fresh home at once agree on one account. Runs the built cloud (dist/) in child processes.
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openCloud } from "../../../src/cloud/index.js";
import { openStore } from "../../../src/cloud/store/db.js";
import { repoRoot, tempDir } from "../../helpers/cli.js";

const home = tempDir("tfsim-concurrency-");
afterAll(() => rmSync(home, { recursive: true, force: true }));

const worker = `
import { openCloud } from ${JSON.stringify(join(repoRoot, "dist/src/cloud/index.js"))};
const [prefix, count] = process.argv.slice(1);
const cloud = openCloud({ home: process.env.TFSIM_HOME });
const credentials = cloud.rootCredentials();
let failed = 0;
for (let i = 0; i < Number(count); i++) {
  const r = cloud.call({ credentials, authenticatedBy: "secret", region: "us-east-1", service: "iam", action: "CreateUser", params: { UserName: prefix + i } });
  if (!r.ok) { failed++; console.error(r.error.code, r.error.message); }
}
cloud.close();
console.log(JSON.stringify({ account: cloud.accountId, failed }));
`;

function run(prefix: string, count: number): Promise<{ account: string; failed: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", worker, prefix, String(count)], {
      env: { ...process.env, TFSIM_HOME: home },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out) as { account: string; failed: number }) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}

describe("two processes on one account", () => {
  it("lose no write and agree on the account they created together", async () => {
    const [a, b] = await Promise.all([run("alpha", 150), run("beta", 150)]);
    expect(a.failed).toBe(0);
    expect(b.failed).toBe(0);
    expect(a.account).toBe(b.account);
    const cloud = openCloud({ home });
    try {
      expect(cloud.accountId).toBe(a.account);
      const credentials = cloud.rootCredentials();
      const names: string[] = [];
      let marker: string | undefined;
      do {
        const r = cloud.call({
          credentials,
          authenticatedBy: "secret",
          region: "us-east-1",
          service: "iam",
          action: "ListUsers",
          params: { MaxItems: 1000, ...(marker ? { Marker: marker } : {}) },
        });
        if (!r.ok) throw new Error(r.error.message);
        names.push(...(r.output.Users as { UserName: string }[]).map((u) => u.UserName));
        marker = r.output.Marker as string | undefined;
      } while (marker);
      expect(names).toHaveLength(300);
      expect(new Set(names).size).toBe(300);
      // Every write has its audit record, in the same transaction.
      expect(cloud.audit.list({ action: "iam:CreateUser" })).toHaveLength(300);
    } finally {
      cloud.close();
    }
  });
});

describe("a new store another process is writing", () => {
  it("is opened once that write ends (SQLite refuses the switch to WAL at once, without waiting)", async () => {
    const fresh = tempDir("tfsim-concurrency-wal-");
    const file = join(fresh, "cloud.db");
    const setup = new Database(file);
    setup.exec("CREATE TABLE t (x)");
    setup.close();
    // Another process holds a write lock on the store, still in rollback mode, for a moment.
    const holder = spawn(
      process.execPath,
      ["-e", `const D = require(${JSON.stringify(join(repoRoot, "node_modules/better-sqlite3"))}); const db = new D(${JSON.stringify(file)});
       db.exec("BEGIN IMMEDIATE"); db.exec("INSERT INTO t VALUES (1)"); console.log("locked");
       setTimeout(() => { db.exec("COMMIT"); db.close(); }, 300);`],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) => holder.stdout.once("data", () => resolve()));
    const db = openStore(fresh);
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.prepare("SELECT COUNT(*) AS n FROM t").get()).toEqual({ n: 1 });
    } finally {
      db.close();
      await new Promise<void>((resolve) => (holder.exitCode !== null ? resolve() : holder.on("exit", () => resolve())));
    }
  });
});
