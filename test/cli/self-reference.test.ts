// Self-references and cycles against Terraform 1.11, through validate, plan and apply: a resource body or its
// count/for_each naming the resource ("Self-referential block", at plan), a condition naming its own resource
// ("Invalid reference in precondition", at load), replace_triggered_by naming itself, a local using itself,
// `self` outside postconditions, `count`/`each` outside repeated blocks, and cycles ("Cycle: local.a (expand),
// ..." from validate's graph).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair } from "./engine/oracle.js";

const TIMEOUT = 120_000;

const cases: Record<string, string> = {
  "resource body": `resource "terraform_data" "a" {\n  input = terraform_data.a.output\n}\n`,
  "one instance of a counted resource": `resource "terraform_data" "a" {\n  count = 2\n  input = terraform_data.a[0].output\n}\n`,
  "whole counted resource": `resource "terraform_data" "a" {\n  count = 2\n  input = length(terraform_data.a)\n}\n`,
  count: `resource "terraform_data" "a" {\n  count = length(terraform_data.a)\n}\n`,
  for_each: `resource "terraform_data" "a" {\n  for_each = terraform_data.a\n}\n`,
  "replace_triggered_by itself": `resource "terraform_data" "a" {\n  input = "x"\n  lifecycle {\n    replace_triggered_by = [terraform_data.a.input]\n  }\n}\n`,
  "replace_triggered_by its own counted resource": `resource "terraform_data" "a" {\n  count = 2\n  input = "x"\n  lifecycle {\n    replace_triggered_by = [terraform_data.a]\n  }\n}\n`,
  "depends_on itself is allowed": `resource "terraform_data" "a" {\n  input      = "x"\n  depends_on = [terraform_data.a]\n}\n`,
  precondition: `resource "terraform_data" "a" {\n  input = "x"\n  lifecycle {\n    precondition {\n      condition     = terraform_data.a.input == "x"\n      error_message = "no"\n    }\n  }\n}\n`,
  postcondition: `resource "terraform_data" "a" {\n  input = "x"\n  lifecycle {\n    postcondition {\n      condition     = terraform_data.a.input == "x"\n      error_message = "no \${terraform_data.a.input}"\n    }\n  }\n}\n`,
  "self in a postcondition is allowed": `resource "terraform_data" "a" {\n  input = "x"\n  lifecycle {\n    postcondition {\n      condition     = self.input == "x"\n      error_message = "no"\n    }\n  }\n}\n`,
  "self outside a postcondition": `resource "terraform_data" "a" {\n  input = self.id\n}\nlocals {\n  x = self.id\n}\noutput "o" {\n  value = self\n}\n`,
  "a local using itself": `locals {\n  a = local.a\n}\noutput "o" {\n  value = local.a\n}\n`,
  "count and each outside repeated blocks": `output "a" {\n  value = count.index\n}\noutput "b" {\n  value = count.foo\n}\noutput "c" {\n  value = each.key\n}\noutput "d" {\n  value = each.value\n}\noutput "e" {\n  value = each.foo\n}\noutput "f" {\n  value = terraform.foo\n}\noutput "g" {\n  value = path.foo\n}\n`,
  "a cycle of locals": `locals {\n  a = local.b\n  b = local.a\n}\nresource "terraform_data" "x" {\n  input = local.a\n}\n`,
  "a cycle of resources": `resource "terraform_data" "a" {\n  input = terraform_data.b.output\n}\nresource "terraform_data" "b" {\n  input = terraform_data.a.output\n}\n`,
  "a cycle through a local": `resource "terraform_data" "a" {\n  input = local.x\n}\nlocals {\n  x = terraform_data.a.id\n}\n`,
  "two cycles": `locals {\n  a = local.b\n  b = local.a\n  c = local.d\n  d = local.c\n  e = var.nope\n}\n`,
};

/** Terraform names cycles and their members in an order that changes from run to run: compare them sorted. */
function canonicalCycles(text: string): string {
  const lines = normalise(text).replace(/^Error: Cycle: (.*)$/gm, (_, members: string) => `Error: Cycle: ${members.split(", ").sort().join(", ")}`).split("\n");
  const cycles = lines.filter((l) => l.startsWith("Error: Cycle: ")).sort();
  return lines.map((l) => (l.startsWith("Error: Cycle: ") ? cycles.shift()! : l)).join("\n");
}

describe.skipIf(terraformMissing)("self-references and cycles match terraform", () => {
  const empty = mkdtempSync(join(tmpdir(), "tfsim-selfref-"));
  for (const [name, config] of Object.entries(cases)) {
    it(name, { timeout: TIMEOUT }, () => {
      const p = pair(empty);
      p.write("main.tf", config);
      for (const args of [["validate", "-no-color"], ["plan", "-no-color", "-input=false"], ["apply", "-no-color", "-input=false", "-auto-approve"]]) {
        const r = p.run(args);
        const got = { args, code: r.tfsim.code, stdout: canonicalCycles(r.tfsim.stdout), stderr: canonicalCycles(r.tfsim.stderr) };
        const want = { args, code: r.terraform.code, stdout: canonicalCycles(r.terraform.stdout), stderr: canonicalCycles(r.terraform.stderr) };
        expect(got).toEqual(want);
      }
    });
  }
});
