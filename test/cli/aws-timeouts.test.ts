// `timeouts {}` blocks, on every type whose hashicorp/aws schema has one (test/testdata/aws-timeouts): accepted by
// validate, applied, kept in state so the next plan is clean, destroyed.
import { cpSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runTfsim, tempDir } from "../helpers/cli.js";

describe("timeouts blocks", () => {
  it("validate, apply, no changes, destroy", () => {
    const home = tempDir("tfsim-timeouts-home-");
    const cwd = join(tempDir("tfsim-timeouts-"), "cfg");
    cpSync(join(repoRoot, "test/testdata/aws-timeouts"), cwd, { recursive: true });
    const t = { cwd, env: { TFSIM_HOME: home, HOME: home } };
    const run = (...args: string[]) => {
      const r = runTfsim([...args, "-no-color"], t);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      return r.stdout;
    };
    expect(run("validate")).toContain("Success! The configuration is valid.");
    expect(run("apply", "-auto-approve")).toContain("Apply complete! Resources: 8 added, 0 changed, 0 destroyed.");
    expect(run("plan", "-detailed-exitcode")).toContain("No changes.");
    expect(run("destroy", "-auto-approve")).toContain("Destroy complete! Resources: 8 destroyed.");
  });
});
