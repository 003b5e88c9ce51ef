// `tfsim import ADDR ID` against `terraform import` on the same terraform_data config: same progress lines,
// same errors, same resources in state.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTfsim, tempDir } from "../helpers/cli.js";
import { runTerraform, terraformMissing } from "../helpers/terraform.js";

const CONFIG = `resource "terraform_data" "a" {}
resource "terraform_data" "b" { count = 2 }
resource "terraform_data" "c" { for_each = toset(["k"]) }
`;

function dirWithConfig(): string {
  const dir = tempDir();
  writeFileSync(join(dir, "main.tf"), CONFIG);
  return dir;
}

const asTfsim = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "").replace(/Terraform/g, "tfsim");

describe.skipIf(terraformMissing)("tfsim import matches terraform import", () => {
  it("imports into single, count and for_each instances; refuses an address already in state or not configured", () => {
    const tfDir = dirWithConfig();
    const ourDir = dirWithConfig();
    const steps: [string, string][] = [
      ["terraform_data.a", "abc"],
      ["terraform_data.b[1]", "xyz"],
      ['terraform_data.c["k"]', "kk"],
      ["terraform_data.a", "again"],
      ["terraform_data.zz", "nope"],
    ];
    for (const [addr, id] of steps) {
      const tf = runTerraform(["import", "-no-color", addr, id], { cwd: tfDir });
      const ours = runTfsim(["import", addr, id], { cwd: ourDir });
      expect(ours.code, addr).toBe(tf.code);
      expect(ours.stdout, addr).toBe(asTfsim(tf.stdout));
      if (tf.code !== 0) expect(/Error: (.*)/.exec(ours.stderr)?.[1], addr).toBe(/Error: (.*)/.exec(asTfsim(tf.stderr))?.[1]);
    }
    const resources = (d: string) => (JSON.parse(readFileSync(join(d, "terraform.tfstate"), "utf8")) as { resources: unknown }).resources;
    expect(resources(ourDir)).toEqual(resources(tfDir));
    // And terraform reads what tfsim wrote.
    expect(runTerraform(["state", "list"], { cwd: ourDir }).stdout).toBe(runTerraform(["state", "list"], { cwd: tfDir }).stdout);
  }, 60_000);
});
