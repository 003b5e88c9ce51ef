// plan and apply's edges against Terraform 1.11: approval prompts, -detailed-exitcode, unknown for_each keys.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { repoRoot } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair } from "./engine/oracle.js";

const TIMEOUT = 120_000;
const hello = join(repoRoot, "examples/hello-terraform-data");

describe.skipIf(terraformMissing)("plan and apply edges match terraform", () => {
  it("apply asks for approval: anything but yes cancels, yes applies", { timeout: TIMEOUT }, () => {
    const p = pair(hello);
    for (const answer of ["no\n", "yes\n"]) {
      const r = p.run(["apply", "-no-color"], answer);
      expect({ code: r.tfsim.code, out: normalise(r.tfsim.stdout), err: r.tfsim.stderr }).toEqual({ code: r.terraform.code, out: normalise(r.terraform.stdout), err: r.terraform.stderr });
    }
    const st = p.states();
    expect(st.tfsim).toEqual(st.terraform);
    const r = p.run(["destroy", "-no-color"], "yes\n");
    expect({ code: r.tfsim.code, out: normalise(r.tfsim.stdout) }).toEqual({ code: r.terraform.code, out: normalise(r.terraform.stdout) });
  });

  it("for_each over keys known only after apply is Terraform's error", { timeout: TIMEOUT }, () => {
    const p = pair(hello);
    p.write("main.tf", `resource "terraform_data" "a" {\n  input = "x"\n}\nresource "terraform_data" "b" {\n  for_each = toset([terraform_data.a.id])\n  input = each.key\n}\n`);
    const r = p.run(["plan", "-no-color", "-detailed-exitcode"]);
    expect(r.tfsim.code).toBe(r.terraform.code);
    const summary = (s: string): string[] => s.split("\n").filter((l) => l.startsWith("Error: ") || l.includes("for_each = "));
    expect(summary(r.tfsim.stderr)).toEqual(summary(r.terraform.stderr));
  });

  it("depends_on orders creates and destroys; removed resources are destroyed", { timeout: TIMEOUT }, () => {
    const p = pair(hello);
    p.write("main.tf", `resource "terraform_data" "a" {\n  input = "a"\n}\nresource "terraform_data" "b" {\n  input = "b"\n  depends_on = [terraform_data.a]\n}\nresource "terraform_data" "c" {\n  count = 2\n  input = count.index\n}\n`);
    let r = p.run(["apply", "-no-color", "-auto-approve"]);
    expect({ code: r.tfsim.code, out: normalise(r.tfsim.stdout) }).toEqual({ code: r.terraform.code, out: normalise(r.terraform.stdout) });
    const lines = r.tfsim.stdout.split("\n");
    expect(lines.findIndex((l) => l.startsWith("terraform_data.a: Creation complete"))).toBeLessThan(lines.findIndex((l) => l.startsWith("terraform_data.b: Creating")));
    p.write("main.tf", `resource "terraform_data" "a" {\n  input = "a"\n}\n`);
    r = p.run(["plan", "-no-color", "-detailed-exitcode"]);
    expect({ code: r.tfsim.code, out: normalise(r.tfsim.stdout) }).toEqual({ code: r.terraform.code, out: normalise(r.terraform.stdout) });
    r = p.run(["apply", "-no-color", "-auto-approve"]);
    expect({ code: r.tfsim.code, out: normalise(r.tfsim.stdout) }).toEqual({ code: r.terraform.code, out: normalise(r.terraform.stdout) });
    const st = p.states();
    expect(st.tfsim).toEqual(st.terraform);
  });
});

describe.skipIf(terraformMissing)("targeting and refresh-only match terraform", () => {
  it("-target applies the target and its dependencies, with Terraform's warnings; -refresh-only finds no drift", { timeout: TIMEOUT }, () => {
    const p = pair(hello);
    p.write("main.tf", `resource "terraform_data" "a" {\n  input = "a"\n}\nresource "terraform_data" "b" {\n  input = terraform_data.a.output\n}\nresource "terraform_data" "c" {\n  input = "c"\n}\n`);
    // Words wrap differently once "Terraform" reads "tfsim": compare with whitespace collapsed.
    const flat = (s: string): string => normalise(s).replace(/\s+/g, " ");
    for (const args of [
      ["plan", "-no-color", "-target=terraform_data.b"],
      ["apply", "-no-color", "-auto-approve", "-target=terraform_data.b"],
      ["plan", "-no-color", "-refresh-only", "-detailed-exitcode"],
      ["apply", "-no-color", "-auto-approve", "-refresh-only"],
      ["plan", "-no-color", "-detailed-exitcode"],
    ]) {
      const r = p.run(args);
      expect({ step: args.join(" "), code: r.tfsim.code, out: flat(r.tfsim.stdout) }).toEqual({ step: args.join(" "), code: r.terraform.code, out: flat(r.terraform.stdout) });
    }
    const st = p.states();
    expect(st.tfsim).toEqual(st.terraform);
  });
});

describe.skipIf(terraformMissing)("saved plans match terraform", () => {
  it("plan -out then apply FILE applies it without asking; a second apply of it is stale", { timeout: TIMEOUT }, () => {
    const p = pair(hello);
    for (const args of [
      ["plan", "-no-color", "-out=tfplan", "-var", "greeting=yo"],
      ["apply", "-no-color", "tfplan"],
      ["apply", "-no-color", "tfplan"],
    ]) {
      const r = p.run(args);
      expect({ step: args.join(" "), code: r.tfsim.code, out: normalise(r.tfsim.stdout), err: r.tfsim.stderr.replace(/Terraform/g, "tfsim") }).toEqual({
        step: args.join(" "),
        code: r.terraform.code,
        out: normalise(r.terraform.stdout),
        err: r.terraform.stderr.replace(/Terraform/g, "tfsim"),
      });
    }
    const st = p.states();
    expect(st.tfsim).toEqual(st.terraform);
  });
});

describe.skipIf(terraformMissing)("input variables match terraform", () => {
  it("default < terraform.tfvars < *.auto.tfvars < -var-file/-var in order (TF_VAR_ not yet compared)", { timeout: TIMEOUT }, () => {
    const p = pair(hello);
    p.write("main.tf", `variable "a" {\n  default = "default"\n}\nvariable "b" {\n  default = "default"\n}\nvariable "c" {\n  default = "default"\n}\nvariable "d" {\n  default = "default"\n}\nvariable "n" {\n  type = number\n  default = 1\n}\nvariable "l" {\n  type = list(string)\n  default = []\n}\noutput "all" {\n  value = [var.a, var.b, var.c, var.d, var.n, var.l]\n}\n`);
    p.write("terraform.tfvars", `b = "tfvars"\nc = "tfvars"\n`);
    p.write("x.auto.tfvars", `c = "auto"\nd = "auto"\n`);
    p.write("more.tfvars", `d = "file"\n`);
    const args = ["apply", "-no-color", "-auto-approve", "-var", "d=flag", "-var-file=more.tfvars", "-var", "n=3", "-var", 'l=["x","y"]'];
    const r = p.run(args);
    expect({ code: r.tfsim.code, out: normalise(r.tfsim.stdout) }).toEqual({ code: r.terraform.code, out: normalise(r.terraform.stdout) });
    const st = p.states();
    expect(st.tfsim).toEqual(st.terraform);
  });
});
