// Plan text against Terraform where the shape of a value decides the rendering: maps inside dynamically typed
// attributes (terraform_data's input and output), removed object attributes, and a plan that fails midway
// (Terraform shows what it planned, plans nothing for objects it never reached, and leaves out outputs that
// wait on the failure). On the way: a local over module outputs is final when a resource and an output read it.
import { describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair, type Pair } from "./engine/oracle.js";

const TIMEOUT = 180_000;

/** `unreached`: tfsim refreshes every object before planning, Terraform each as its walk reaches it, so a plan
 * that fails midway lists different "Refreshing state..." lines; those are left out of the comparison. */
function same(p: Pair, args: string[], unreached = false): void {
  const r = p.run(args);
  const step = args.join(" ");
  const out = (text: string): string => normalise(unreached ? text.replace(/^.*: Refreshing state\.\.\..*\n/gm, "") : text);
  expect({ step, code: r.tfsim.code, out: out(r.tfsim.stdout), err: normalise(r.tfsim.stderr) }).toEqual({ step, code: r.terraform.code, out: out(r.terraform.stdout), err: normalise(r.terraform.stderr) });
}

describe.skipIf(terraformMissing)("plan rendering by value shape, against Terraform", () => {
  it("maps, lists and objects in dynamic attributes and outputs: created, shrunk, destroyed", { timeout: TIMEOUT }, () => {
    const p = pair(tempDir());
    p.write(
      "main.tf",
      `resource "terraform_data" "o" {
  input = { a = "1", b = "2", c = { x = "1", y = "2" } }
}
resource "terraform_data" "m" {
  input = tomap({ a = "1", b = "2" })
}
resource "terraform_data" "l" {
  input = ["a", "b", "c"]
}
resource "terraform_data" "mo" {
  input = [tomap({ a = { x = "1" }, b = { x = "2" } })]
}
output "o" { value = { a = "1", b = "2" } }
output "m" { value = tomap({ a = "1", b = "2" }) }
`,
    );
    same(p, ["apply", "-no-color", "-auto-approve"]);
    p.write(
      "main.tf",
      `resource "terraform_data" "o" {
  input = { a = "1", c = { x = "1" } }
}
resource "terraform_data" "m" {
  input = tomap({ a = "1" })
}
resource "terraform_data" "l" {
  input = ["a", "c"]
}
resource "terraform_data" "mo" {
  input = [tomap({ a = { x = "1" } })]
}
output "o" { value = { a = "1" } }
output "m" { value = tomap({ a = "1" }) }
`,
    );
    same(p, ["plan", "-no-color"]);
    same(p, ["apply", "-no-color", "-auto-approve"]);
    same(p, ["plan", "-no-color", "-destroy"]);
  });

  it("a plan that fails in a module call's argument shows the partial plan", { timeout: TIMEOUT }, () => {
    const src = tempDir();
    mkdirSync(join(src, "modules/m"), { recursive: true });
    writeFileSync(
      join(src, "modules/m/main.tf"),
      `variable "in" { type = string }
resource "terraform_data" "x" {
  input = "\${var.in}-x"
}
output "out" { value = terraform_data.x.output }
`,
    );
    const config = (names: string) => `variable "names" {
  type    = set(string)
  default = [${names}]
}
resource "terraform_data" "each" {
  for_each = var.names
  input    = each.key
}
module "m" {
  source = "./modules/m"
  count  = 2
  in     = terraform_data.each["a"].output
}
locals {
  via_module = module.m[*].out
}
resource "terraform_data" "after" {
  input = local.via_module
}
output "mods" { value = local.via_module }
output "each" { value = { for k, v in terraform_data.each : k => v.output } }
output "plain" { value = "p" }
`;
    writeFileSync(join(src, "main.tf"), config(`"a", "b"`));
    const p = pair(src);
    same(p, ["init", "-no-color"]);
    same(p, ["apply", "-no-color", "-auto-approve"]);
    p.write("main.tf", config(`"b", "c"`));
    same(p, ["plan", "-no-color"], true);
  });

  it("show: an output's null object attributes are skipped, a resource's are shown", { timeout: TIMEOUT }, () => {
    const p = pair(tempDir());
    p.write(
      "main.tf",
      `resource "terraform_data" "nul" {
  input = { a = null, b = [{ c = null, d = 1 }] }
}
output "m" { value = { a = [1, { b = null }], c = true, d = tomap({ e = null }) } }
`,
    );
    same(p, ["apply", "-no-color", "-auto-approve"]);
    same(p, ["show", "-no-color"]);
  });
});
