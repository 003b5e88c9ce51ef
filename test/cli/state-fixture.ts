// A state that Terraform itself writes, made at test time: `terraform apply` (offline: only the built-in
// terraform_data provider) of a config covering what state rendering must get right (count past 10,
// for_each, nested modules, a tainted instance, sensitive values, multi-line strings, maps, nulls, Go's HTML escaping).
// Each test then works in its own directory holding only a copy of that state file, where tfsim and
// terraform run the same state commands.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../helpers/cli.js";
import { runTerraform } from "../helpers/terraform.js";

const MAIN = `
resource "terraform_data" "a" {
  input = "hello <b> & \\"q\\""
}
resource "terraform_data" "b" {
  count = 11
  input = { n = count.index, name = "x\${count.index}", list = [1, 2.5, null], nested = { k = true, "odd key" = "v" }, empty = [], m = tomap({ "a b" = 1, c = 2 }) }
  triggers_replace = [terraform_data.a.output]
}
resource "terraform_data" "c" {
  for_each = toset(["k1", "k2"])
  input    = "line one\\nline \${each.key}\\n"
}
resource "terraform_data" "s" {
  input = sensitive({ secret = "pw", list = ["x"] })
}
module "m" {
  source = "./m"
  count  = 1
}
output "str" { value = terraform_data.a.output }
output "num" { value = 1.5 }
output "obj" { value = terraform_data.b[0].output }
output "lst" { value = [1, "a", true] }
output "map" { value = tomap({ x = "1", "y z" = "2" }) }
output "sec" {
  value     = "pw"
  sensitive = true
}
output "multi" { value = "line1\\nline2" }
output "nul" { value = null }
`;
const MODULE_M = `
resource "terraform_data" "y" {
  input = 7
}
module "n" {
  source = "./n"
}
`;
const MODULE_N = `
resource "terraform_data" "z" {
  input = ["deep"]
}
`;

let made: string | undefined;

/** The path of a terraform.tfstate written by `terraform apply` (made once per test file). */
export function terraformState(): string {
  if (made) return made;
  const dir = tempDir("tfsim-state-fixture-");
  writeFileSync(join(dir, "main.tf"), MAIN);
  mkdirSync(join(dir, "m/n"), { recursive: true });
  writeFileSync(join(dir, "m/main.tf"), MODULE_M);
  writeFileSync(join(dir, "m/n/main.tf"), MODULE_N);
  for (const args of [["init", "-input=false", "-no-color"], ["apply", "-auto-approve", "-input=false", "-no-color"], ["taint", "-no-color", "terraform_data.a"]]) {
    const r = runTerraform(args, { cwd: dir });
    if (r.code !== 0) throw new Error(`terraform ${args[0]} failed: ${r.stderr}`);
  }
  made = join(dir, "terraform.tfstate");
  return made;
}

/** A new directory holding only a copy of `state` as terraform.tfstate. */
export function workspace(state: string): string {
  const dir = tempDir("tfsim-state-ws-");
  copyFileSync(state, join(dir, "terraform.tfstate"));
  return dir;
}
