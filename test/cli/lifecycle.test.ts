// lifecycle blocks against Terraform 1.11: replace_triggered_by (whole resources, attributes, count.index) and
// its load-time validation errors; resource postconditions.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { repoRoot } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair } from "./engine/oracle.js";

const TIMEOUT = 120_000;
const hello = join(repoRoot, "examples/hello-terraform-data");

const triggers = `variable "x" {
  default = "1"
}
variable "y" {
  default = "1"
}
resource "terraform_data" "a" {
  input = var.x
}
resource "terraform_data" "n" {
  count = 2
  input = count.index == 1 ? var.y : "fixed"
}
resource "terraform_data" "b" {
  input = "b"
  lifecycle {
    replace_triggered_by = [terraform_data.a]
  }
}
resource "terraform_data" "c" {
  input = "c"
  lifecycle {
    replace_triggered_by = [terraform_data.a.output]
  }
}
resource "terraform_data" "d" {
  count = 2
  input = "d"
  lifecycle {
    replace_triggered_by = [terraform_data.n[count.index].input]
  }
}
`;

describe.skipIf(terraformMissing)("lifecycle matches terraform", () => {
  it("replace_triggered_by replaces when the referenced resource or attribute changes", { timeout: TIMEOUT }, () => {
    const p = pair(hello);
    p.write("main.tf", triggers);
    let r = p.run(["apply", "-no-color", "-auto-approve"]);
    expect(r.tfsim.code).toBe(0);
    for (const vars of [["-var", "x=2"], ["-var", "y=2"], []]) {
      r = p.run(["plan", "-no-color", "-detailed-exitcode", ...vars]);
      expect({ code: r.tfsim.code, out: normalise(r.tfsim.stdout), err: r.tfsim.stderr }).toEqual({ code: r.terraform.code, out: normalise(r.terraform.stdout), err: r.terraform.stderr });
      expect(r.tfsim.stdout.includes("will be replaced due to changes in replace_triggered_by")).toBe(vars.length > 0);
    }
    r = p.run(["apply", "-no-color", "-auto-approve", "-var", "y=2"]);
    expect({ code: r.tfsim.code, out: normalise(r.tfsim.stdout) }).toEqual({ code: r.terraform.code, out: normalise(r.terraform.stdout) });
    const st = p.states();
    expect(st.tfsim).toEqual(st.terraform);
  });

  it("replace_triggered_by without a resource reference is Terraform's error", { timeout: TIMEOUT }, () => {
    const p = pair(hello);
    for (const e of ["var.x", '"foo"', "terraform_data.a.output, local.y", "each.value", "terraform_data.a.output, terraform_data.a.id"]) {
      p.write("main.tf", `variable "x" {\n  default = "1"\n}\nlocals {\n  y = 1\n}\nresource "terraform_data" "a" {\n  input = var.x\n}\nresource "terraform_data" "b" {\n  input = "b"\n  lifecycle {\n    replace_triggered_by = [${e}]\n  }\n}\n`);
      for (const cmd of ["validate", "plan"]) {
        const r = p.run([cmd, "-no-color"]);
        expect({ e, code: r.tfsim.code, err: normalise(r.tfsim.stderr) }).toEqual({ e, code: r.terraform.code, err: normalise(r.terraform.stderr) });
      }
    }
  });

  it("postconditions see self after apply (and at plan when known); output preconditions", { timeout: TIMEOUT }, () => {
    const p = pair(hello);
    p.write(
      "main.tf",
      `variable "x" {
  default = "1"
}
resource "terraform_data" "a" {
  input = var.x
  lifecycle {
    postcondition {
      condition     = self.output != "bad"
      error_message = "Output is \${self.output}."
    }
    postcondition {
      condition     = self.input != "early"
      error_message = "Input is early."
    }
  }
}
resource "terraform_data" "b" {
  input = terraform_data.a.output
}
output "o" {
  value = terraform_data.a.output
  precondition {
    condition     = terraform_data.a.output != "nope"
    error_message = "Nope."
  }
}
`,
    );
    const errs = (t: string): string[] => t.split("\n").filter((l) => /^(Error|Warning): |^[A-Z][a-z]+\.$|^Output is/.test(l));
    for (const x of ["bad", "nope", "early", "ok"]) {
      const r = p.run(["apply", "-no-color", "-auto-approve", "-var", `x=${x}`]);
      expect({ x, code: r.tfsim.code, err: errs(r.tfsim.stderr), out: errs(r.tfsim.stdout) }).toEqual({ x, code: r.terraform.code, err: errs(r.terraform.stderr), out: errs(r.terraform.stdout) });
      const st = p.states();
      expect(st.tfsim).toEqual(st.terraform);
    }
  });
});
