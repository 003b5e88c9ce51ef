// `tfsim graph` against `terraform graph` (no init needed) on root-module configurations.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTfsim, tempDir } from "../helpers/cli.js";
import { runTerraform, terraformMissing } from "../helpers/terraform.js";

const configs: Record<string, string> = {
  "references, depends_on, locals and data sources (transitively reduced)": `
locals { l = terraform_data.a.output }
resource "terraform_data" "a" { input = "x" }
resource "terraform_data" "b" { input = local.l }
resource "terraform_data" "c" {
  depends_on = [terraform_data.b, terraform_data.a]
}
data "terraform_remote_state" "r" {
  backend = "local"
  config  = { path = terraform_data.c.id }
}
`,
  "count, for_each and references to instances": `
resource "terraform_data" "z" { count = 2 }
resource "terraform_data" "y" {
  for_each = toset(["a"])
  input    = terraform_data.z[0].id
}
resource "terraform_data" "x" {
  input            = [for k, v in terraform_data.y : v.id]
  triggers_replace = terraform_data.z[*].id
}
resource "terraform_data" "w" {}
`,
  "a chain of ten": Array.from({ length: 10 }, (_, i) => `resource "terraform_data" "r${i}" { input = ${i ? `terraform_data.r${i - 1}.output` : '"start"'} }\n`).join(""),
  "no resources": `output "o" { value = 1 }\n`,
};

describe.skipIf(terraformMissing)("tfsim graph matches terraform graph", () => {
  for (const [name, text] of Object.entries(configs)) {
    it(name, () => {
      const dir = tempDir();
      writeFileSync(join(dir, "main.tf"), text);
      const tf = runTerraform(["graph"], { cwd: dir });
      const ours = runTfsim(["graph"], { cwd: dir });
      // tfsim names itself in the empty graph's hint; the padding of that comment follows.
      const hint = (t: string) => t.replace(/terraform graph/g, "tfsim graph").replace(/ +\*\//g, " */");
      expect(hint(ours.stdout)).toBe(hint(tf.stdout));
      expect(ours.code).toBe(tf.code);
    });
  }
});
