// Lifecycle and replacement against Terraform 1.11: -replace, create_before_destroy, prevent_destroy,
// ignore_changes; plan text, exit codes and state compared.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { repoRoot } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair } from "./engine/oracle.js";

const TIMEOUT = 120_000;
const hello = join(repoRoot, "examples/hello-terraform-data");

function same(p: ReturnType<typeof pair>, args: string[]): void {
  const r = p.run(args);
  const strip = (s: string): string => normalise(s).replace(/deposed object [0-9a-f]{8}/g, "deposed object X");
  expect({ step: args.join(" "), code: r.tfsim.code, out: strip(r.tfsim.stdout), err: r.tfsim.stderr.replace(/Terraform/g, "tfsim") }).toEqual({
    step: args.join(" "),
    code: r.terraform.code,
    out: strip(r.terraform.stdout),
    err: r.terraform.stderr.replace(/Terraform/g, "tfsim"),
  });
}

describe.skipIf(terraformMissing)("lifecycle matches terraform", () => {
  it("-replace, create_before_destroy, ignore_changes, prevent_destroy", { timeout: TIMEOUT }, () => {
    const p = pair(hello);
    const cfg = (v: string, prevent: boolean) => `
resource "terraform_data" "cbd" {
  input = "a"
  triggers_replace = "${v}"
  lifecycle {
    create_before_destroy = true
  }
}
resource "terraform_data" "ign" {
  input = "${v}"
  lifecycle {
    ignore_changes = [input]
  }
}
resource "terraform_data" "keep" {
  input = "k"
  lifecycle {
    prevent_destroy = ${prevent}
  }
}
`;
    p.write("main.tf", cfg("1", true));
    same(p, ["apply", "-no-color", "-auto-approve"]);
    p.write("main.tf", cfg("2", true));
    same(p, ["plan", "-no-color", "-detailed-exitcode"]);
    same(p, ["apply", "-no-color", "-auto-approve"]);
    same(p, ["plan", "-no-color", "-replace=terraform_data.ign"]);
    same(p, ["apply", "-no-color", "-auto-approve", "-replace=terraform_data.ign"]);
    same(p, ["destroy", "-no-color", "-auto-approve"]);
    p.write("main.tf", cfg("2", false));
    same(p, ["destroy", "-no-color", "-auto-approve"]);
    const st = p.states();
    expect(st.tfsim).toEqual(st.terraform);
  });
});
