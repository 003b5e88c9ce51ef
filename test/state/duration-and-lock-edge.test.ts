import { utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalBackend, parseDuration } from "../../state/index.js";
import { tempDir } from "../helpers/cli.js";

describe("parseDuration (Go's time.ParseDuration)", () => {
  it.each([
    ["0", 0],
    ["0s", 0],
    ["500ms", 500],
    ["1m30s", 90_000],
    ["1.5h", 5_400_000],
    ["10s", 10_000],
    ["-2s", -2000],
    ["1500us", 1.5],
  ])("%s", (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each([
    ["", 'time: invalid duration ""'],
    ["abc", 'time: invalid duration "abc"'],
    ["10", 'time: missing unit in duration "10"'],
    ["1d", 'time: unknown unit "d" in duration "1d"'],
  ])("%j is refused", (text, message) => expect(parseDuration(text)).toEqual({ error: message }));
});

describe("lock file edge cases", { timeout: 60_000 }, () => {
  it("an empty lock file is held while young, cleared with a warning once old", async () => {
    const dir = tempDir("tfsim-lock-");
    const lockPath = join(dir, ".terraform.tfstate.lock.info");
    writeFileSync(lockPath, "");
    const b = new LocalBackend("terraform.tfstate", { cwd: dir });
    const young = await b.lock({ operation: "OperationTypePlan" });
    expect(young.id).toBeUndefined();
    expect(young.diagnostics.items[0]!.summary).toBe("Error acquiring the state lock");
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(lockPath, old, old);
    const r = await b.lock({ operation: "OperationTypePlan" });
    expect(r.id).toBeDefined();
    expect(r.diagnostics.items.map((d) => d.summary)).toEqual(["Removed a stale state lock"]);
    expect((await b.lockInfo())!.ID).toBe(r.id);
    expect((await b.unlock(r.id!)).items).toEqual([]);
    expect(await b.lockInfo()).toBeUndefined();
  });
});
