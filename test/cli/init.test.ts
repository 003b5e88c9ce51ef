// `tfsim init` prints Terraform's text (with tfsim's name) and records the providers it found.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, runTfsim } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { pair } from "./engine/oracle.js";

describe.skipIf(terraformMissing)("init", () => {
  it("matches terraform init on a terraform_data configuration", { timeout: 60_000 }, () => {
    const p = pair(join(repoRoot, "examples/hello-terraform-data"));
    const r = p.run(["init", "-no-color"]);
    expect(r.tfsim.code).toBe(r.terraform.code);
    expect(r.tfsim.stdout.replace(/"tfsim /g, "\"terraform ").replace(/tfsim/g, "Terraform")).toBe(r.terraform.stdout);
    expect(JSON.parse(readFileSync(join(p.tfsim, ".terraform", "tfsim-init.json"), "utf8"))).toEqual({ providers: ["terraform.io/builtin/terraform"] });
  });

  it("reports a broken configuration and prepares nothing", () => {
    const p = pair(join(repoRoot, "examples/hello-terraform-data"));
    p.write("main.tf", "resource \"terraform_data\" {\n");
    const r = runTfsim(["init", "-no-color"], { cwd: p.tfsim });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Error: ");
    expect(existsSync(join(p.tfsim, ".terraform"))).toBe(false);
  });
});
