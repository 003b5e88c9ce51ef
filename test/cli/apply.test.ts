// plan / apply / destroy through the real CLI, against Terraform 1.11 on the same configurations: the same
// plan text, summary lines, exit codes and state contents (ids, lineage and timing aside).
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { repoRoot } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair } from "./engine/oracle.js";

const TIMEOUT = 120_000;

describe.skipIf(terraformMissing)("plan/apply/destroy match terraform", () => {
  it("hello-terraform-data: create, no-op, update + replace, destroy", { timeout: TIMEOUT }, () => {
    const p = pair(join(repoRoot, "examples/hello-terraform-data"));
    const steps: string[][] = [
      ["plan", "-no-color", "-detailed-exitcode"],
      ["apply", "-no-color", "-auto-approve"],
      ["plan", "-no-color", "-detailed-exitcode"],
      ["plan", "-no-color", "-detailed-exitcode", "-var", "greeting=hi"],
      ["apply", "-no-color", "-auto-approve", "-var=greeting=hi"],
      ["apply", "-no-color", "-auto-approve", "-var=greeting=hi"],
    ];
    for (const s of steps) {
      const r = p.run(s);
      expect({ step: s.join(" "), code: r.tfsim.code, out: normalise(r.tfsim.stdout) }).toEqual({ step: s.join(" "), code: r.terraform.code, out: normalise(r.terraform.stdout) });
      if (s[0] === "apply") {
        const st = p.states();
        expect(st.tfsim).toEqual(st.terraform);
      }
    }
    for (const s of [["destroy", "-no-color", "-auto-approve"], ["destroy", "-no-color", "-auto-approve"], ["plan", "-no-color", "-detailed-exitcode"]]) {
      const r = p.run(s);
      expect({ step: s.join(" "), code: r.tfsim.code, out: normalise(r.tfsim.stdout) }).toEqual({ step: s.join(" "), code: r.terraform.code, out: normalise(r.terraform.stdout) });
    }
    const st = p.states();
    expect(st.tfsim).toEqual(st.terraform);
  });

  it("count and removed instances, outputs, sensitive", { timeout: TIMEOUT }, () => {
    const p = pair(join(repoRoot, "examples/hello-terraform-data"));
    const cfg = (n: number, v: string) => `
variable "n" {
  type = number
  default = ${n}
}
locals {
  items = [for i in range(var.n) : "item-\${i}"]
}
resource "terraform_data" "c" {
  count = var.n
  input = { name = local.items[count.index], tags = ["a", "${v}"] }
}
resource "terraform_data" "after" {
  input = [for x in terraform_data.c : x.output.name]
  triggers_replace = "${v}"
}
output "names" {
  value = terraform_data.after.output
}
output "secret" {
  value = "s3cr3t-${v}"
  sensitive = true
}
`;
    p.write("main.tf", cfg(3, "x"));
    for (const [s, c] of [[["apply", "-no-color", "-auto-approve"], cfg(3, "x")], [["plan", "-no-color", "-detailed-exitcode"], cfg(2, "y")], [["apply", "-no-color", "-auto-approve"], cfg(2, "y")], [["plan", "-no-color", "-detailed-exitcode"], cfg(2, "y")]] as [string[], string][]) {
      p.write("main.tf", c);
      const r = p.run(s);
      expect({ step: s.join(" "), code: r.tfsim.code, out: normalise(r.tfsim.stdout), err: r.tfsim.stderr }).toEqual({ step: s.join(" "), code: r.terraform.code, out: normalise(r.terraform.stdout), err: r.terraform.stderr });
    }
    const st = p.states();
    expect(st.tfsim).toEqual(st.terraform);
  });
  it("object diffs hide unchanged attributes but id, name and tags; output maps render as objects", { timeout: TIMEOUT }, () => {
    const p = pair(join(repoRoot, "examples/hello-terraform-data"));
    p.write(
      "main.tf",
      `variable "b" {
  default = "2"
}
resource "terraform_data" "p" { input = { name = "n", t = var.b } }
resource "terraform_data" "l" { input = { name = "n", tags = ["a", var.b] } }
resource "terraform_data" "m" { input = { name = "n", tags = { x = var.b } } }
resource "terraform_data" "s" { input = { name = "n", tags = ["a", var.b], z = "z" } }
resource "terraform_data" "h" { input = { a = "1", b = var.b, c = "3" } }
output "o" { value = { a = "1", b = var.b, c = "3" } }
output "m" { value = tomap({ a = "1", b = var.b, c = "3" }) }
`,
    );
    for (const s of [["apply", "-no-color", "-auto-approve"], ["plan", "-no-color", "-var=b=5"]]) {
      const r = p.run(s);
      expect({ step: s.join(" "), code: r.tfsim.code, out: normalise(r.tfsim.stdout) }).toEqual({ step: s.join(" "), code: r.terraform.code, out: normalise(r.terraform.stdout) });
    }
  });
  it("count beyond ten: instances in index order (u[2] before u[10]) in plans and in the tuple a splat gives apply", { timeout: TIMEOUT }, () => {
    const p = pair(join(repoRoot, "examples/hello-terraform-data"));
    p.write(
      "main.tf",
      `resource "terraform_data" "u" {
  count = 12
  input = "user-\${count.index}"
}
resource "terraform_data" "after" {
  input = terraform_data.u[*].output
}
`,
    );
    for (const s of [["plan", "-no-color"], ["apply", "-no-color", "-auto-approve"], ["plan", "-no-color", "-detailed-exitcode"]]) {
      const r = p.run(s);
      expect({ step: s.join(" "), code: r.tfsim.code, out: normalise(r.tfsim.stdout) }).toEqual({ step: s.join(" "), code: r.terraform.code, out: normalise(r.terraform.stdout) });
    }
    expect(p.states().tfsim).toEqual(p.states().terraform);
  });
});
