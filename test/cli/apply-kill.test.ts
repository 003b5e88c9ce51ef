// kill -9 during an apply of thousands of terraform_data: the state loads, holds every create reported
// complete, and the next plan succeeds and creates exactly the rest.
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { onEachLine, runTfsim, tempDir, tfsimBin } from "../helpers/cli.js";
import { LocalBackend } from "../../state/local/backend.js";

const N = 3000;

describe("apply killed with SIGKILL", () => {
  it("loses no reported create", { timeout: 180_000 }, async () => {
    const dir = tempDir();
    let cfg = "";
    for (let i = 0; i < N; i++) cfg += `resource "terraform_data" "r${i}" {\n  input = "v${i}"\n}\n`;
    writeFileSync(join(dir, "main.tf"), cfg);
    // A seeded "random" moment: somewhere in the first half of the creates. Not later: when the kill lands, the
    // child may be ahead of what this test has read by a pipe's worth of lines (64 KiB, ~500 creates) plus a
    // journal batch, and the apply must not have finished by then.
    const killAfter = 200 + Math.floor(Math.random() * (N / 2 - 200));
    const reported = new Set<string>();
    await new Promise<void>((res) => {
      const child = spawn(process.execPath, [tfsimBin, "apply", "-auto-approve", "-no-color"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
      let killed = false;
      onEachLine(child.stdout, (line) => {
        const m = /^(terraform_data\.r\d+): Creation complete/.exec(line);
        if (m && !killed) {
          reported.add(m[1]!);
          if (reported.size >= killAfter) {
            killed = true;
            child.kill("SIGKILL");
          }
        }
      });
      child.on("exit", () => res());
    });
    expect(reported.size).toBeGreaterThanOrEqual(killAfter);
    const got = await new LocalBackend("terraform.tfstate", { cwd: dir }).get();
    expect(got.diagnostics.hasErrors()).toBe(false);
    const inState = new Set(got.state!.instances().map((i) => i.addr.toString()));
    for (const r of reported) expect(inState.has(r)).toBe(true);
    // The dead process's lock does not block (it no longer exists on this host); the plan adds the rest.
    const plan = runTfsim(["plan", "-no-color", "-detailed-exitcode"], { cwd: dir });
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain(`Plan: ${N - inState.size} to add, 0 to change, 0 to destroy.`);
  });
});
