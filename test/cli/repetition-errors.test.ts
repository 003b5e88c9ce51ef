// count and for_each values Terraform refuses, against terraform itself: validate and plan give the same errors
// (wording, ranges, and the values shown under the snippet: "known only after apply", "has a sensitive value"),
// and nothing is planned past a value validate can already refuse.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair } from "./engine/oracle.js";

const cases: Record<string, string> = {
  "unknown values": `resource "terraform_data" "a" {
  input = "a"
}
resource "terraform_data" "b" {
  count = length(terraform_data.a.output)
}
resource "terraform_data" "c" {
  for_each = toset([terraform_data.a.id])
}
resource "terraform_data" "d" {
  for_each = { for x in [terraform_data.a.id] : x => 1 }
}
module "m" {
  source   = "./m"
  for_each = toset([terraform_data.a.id])
}
`,
  "sensitive, null and tuple for_each": `variable "s" {
  default   = { a = 1 }
  sensitive = true
}
resource "terraform_data" "s" {
  for_each = var.s
}
resource "terraform_data" "n" {
  for_each = null
}
resource "terraform_data" "l" {
  for_each = ["a"]
}
`,
  "count values": `variable "n" {
  default   = 2
  sensitive = true
}
resource "terraform_data" "a" {
  count = null
}
resource "terraform_data" "b" {
  count = -1
}
resource "terraform_data" "c" {
  count = 1.5
}
resource "terraform_data" "d" {
  count = "abc"
}
resource "terraform_data" "e" {
  count = "2"
}
resource "terraform_data" "f" {
  count = var.n
}
`,
  "sets of numbers and with nulls, empty collections": `variable "maybe" {
  type    = string
  default = null
}
resource "terraform_data" "a" {
  for_each = toset([1, 2])
}
resource "terraform_data" "b" {
  for_each = toset(["a", var.maybe])
}
resource "terraform_data" "c" {
  for_each = {}
}
resource "terraform_data" "e" {
  count = 0
}
`,
  "accepted: empty, string counts, sensitive map values": `variable "n" {
  default   = 2
  sensitive = true
}
resource "terraform_data" "c" {
  for_each = {}
}
resource "terraform_data" "d" {
  for_each = toset([])
}
resource "terraform_data" "e" {
  count = "2"
}
resource "terraform_data" "f" {
  count = var.n
}
resource "terraform_data" "g" {
  for_each = { a = sensitive("x") }
  input    = each.value
}
`,
};

describe.skipIf(terraformMissing)("count and for_each values, against Terraform", () => {
  for (const [name, config] of Object.entries(cases)) {
    it(name, { timeout: 120_000 }, () => {
      const src = tempDir();
      mkdirSync(join(src, "m"));
      writeFileSync(join(src, "m/main.tf"), 'resource "terraform_data" "z" {}\n');
      writeFileSync(join(src, "main.tf"), config);
      const p = pair(src);
      for (const args of [["init", "-no-color"], ["validate", "-no-color"], ["plan", "-no-color"]]) {
        const r = p.run(args);
        const step = args.join(" ");
        expect({ step, code: r.tfsim.code, out: normalise(r.tfsim.stdout), err: normalise(r.tfsim.stderr) }).toEqual({ step, code: r.terraform.code, out: normalise(r.terraform.stdout), err: normalise(r.terraform.stderr) });
      }
    });
  }
});
