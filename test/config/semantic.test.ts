// Semantic validation against `terraform validate` (Terraform 1.11, offline; terraform_data is built in):
// the same exit code and byte-identical -no-color output for configurations with bad references.
// Terraform runs at test time; nothing it printed is stored here.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTfsim, tempDir } from "../helpers/cli.js";
import { runTerraform, terraformMissing } from "../helpers/terraform.js";

const cases: Record<string, string> = {
  "undeclared variable with suggestion": `
variable "name" { default = "x" }
locals { a = var.nme }
`,
  "undeclared variable without suggestion": `
locals { a = "\${var.zzzzzzzz}-x" }
`,
  "undeclared local, single candidate": `
locals {
  greeting = "hi"
  b        = local.greting
}
`,
  "undeclared module": `
output "o" { value = module.network.vpc_id }
`,
  "undeclared managed and data resources": `
resource "terraform_data" "one" {
  input = terraform_data.tw.output
}
output "o" { value = data.terraform_remote_state.s.outputs }
`,
  "count.index without count": `
resource "terraform_data" "one" {
  input = count.index
}
`,
  "count.index with count": `
resource "terraform_data" "one" {
  count = 2
  input = "n-\${count.index}"
}
`,
  "each without for_each": `
resource "terraform_data" "one" {
  input = [each.key, each.value]
}
`,
  "each with for_each": `
resource "terraform_data" "one" {
  for_each = toset(["a"])
  input    = each.value
}
`,
  "count and for_each": `
resource "terraform_data" "one" {
  count    = 1
  for_each = {}
  input    = var.nope
}
`,
  "references inside for and conditionals": `
variable "list" { default = [1, 2] }
locals {
  doubled = [for x in var.list : x * 2 if x > local.min]
  pick    = var.list == null ? local.doubled : var.lst
}
`,
  "valid references": `
variable "v" {
  type = string
  validation {
    condition     = length(var.v) > 0
    error_message = "Must not be empty."
  }
}
locals { l = upper(var.v) }
resource "terraform_data" "a" { input = local.l }
resource "terraform_data" "b" {
  input = terraform_data.a.output
  lifecycle {
    precondition {
      condition     = terraform_data.a.id != ""
      error_message = "a first."
    }
  }
}
output "o" { value = [terraform_data.b.id, path.module, terraform.workspace] }
`,
};

describe.skipIf(terraformMissing)("tfsim validate's semantic checks match terraform validate", () => {
  for (const [name, text] of Object.entries(cases)) {
    it(name, { timeout: 120_000 }, () => {
      const dir = join(tempDir("tfsim-semantic-"), "cfg");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "main.tf"), text);
      // init fails on configurations Terraform cannot load; validate then reports why.
      runTerraform(["init", "-input=false", "-no-color"], { cwd: dir });
      const want = runTerraform(["validate", "-no-color"], { cwd: dir });
      const got = runTfsim(["validate", "-no-color"], { cwd: dir });
      expect({ code: got.code, stdout: got.stdout, stderr: got.stderr }).toEqual(want);
    });
  }
});
