// A reader that goes away early (`tfsim apply | head -1`): no crash or stack trace, and the apply still
// finishes, so the state holds every resource and the next plan has nothing to do.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTfsim, tempDir, tfsimBin } from "../helpers/cli.js";

describe("stdout closed by its reader", () => {
  it("apply | head -1 completes the apply silently", { timeout: 120_000 }, () => {
    const dir = tempDir();
    let cfg = "";
    for (let i = 0; i < 300; i++) cfg += `resource "terraform_data" "r${i}" {\n  input = "v${i}"\n}\n`;
    writeFileSync(join(dir, "main.tf"), cfg);
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${tfsimBin}" apply -auto-approve -no-color 2>err.txt | head -1; cat err.txt`], { cwd: dir, encoding: "utf8" });
    // The plan's first line (blank), then nothing at all on stderr.
    expect(r.stdout).toBe("\n");
    const list = runTfsim(["state", "list"], { cwd: dir });
    expect(list.stdout.trim().split("\n")).toHaveLength(300);
    const plan = runTfsim(["plan", "-no-color", "-detailed-exitcode"], { cwd: dir });
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(0);
  });
});
