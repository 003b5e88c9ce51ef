// Sensitive values inside resource arguments, against Terraform: the plan shows (sensitive value) where the
// configuration's value is sensitive (whole, in an object, in a list), the state records sensitive_attributes,
// downstream references stay sensitive, and a change of sensitivity alone is an in-place update with
// Terraform's warning.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { repoRoot } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair } from "./engine/oracle.js";

const TIMEOUT = 180_000;

const config = (sensitive: boolean, secret: string) => `variable "secret" {
  type      = string
  default   = "${secret}"
  sensitive = ${sensitive}
}
resource "terraform_data" "whole" {
  input = var.secret
}
resource "terraform_data" "in_object" {
  input = { name = "n", pw = var.secret }
}
resource "terraform_data" "in_list" {
  input = [var.secret, "x"]
}
resource "terraform_data" "downstream" {
  input = { from = terraform_data.in_object.input.pw, plain = "p" }
}
`;

describe.skipIf(terraformMissing)("sensitive values in resource arguments, against Terraform", () => {
  it("plan text, state sensitive_attributes, and sensitivity changes", { timeout: TIMEOUT }, () => {
    const p = pair(join(repoRoot, "examples/hello-terraform-data"));
    const steps: [string[], string][] = [
      [["apply", "-no-color", "-auto-approve"], config(true, "hunter2")],
      [["plan", "-no-color", "-detailed-exitcode"], config(true, "hunter2")],
      [["apply", "-no-color", "-auto-approve"], config(false, "hunter2")],
      [["plan", "-no-color", "-detailed-exitcode"], config(true, "hunter2")],
      [["plan", "-no-color", "-detailed-exitcode"], config(true, "hunter3")],
    ];
    for (const [args, cfg] of steps) {
      p.write("main.tf", cfg);
      const r = p.run(args);
      const step = `${args.join(" ")} (sensitive: ${cfg.includes("sensitive = true")})`;
      expect({ step, code: r.tfsim.code, out: normalise(r.tfsim.stdout), err: r.tfsim.stderr }).toEqual({ step, code: r.terraform.code, out: normalise(r.terraform.stdout), err: r.terraform.stderr });
      if (args[0] === "apply") {
        const st = p.states();
        expect(st.tfsim, step).toEqual(st.terraform);
      }
    }
  });
});
