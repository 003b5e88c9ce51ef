// moved blocks against Terraform 1.11: whole resources and instances move in the state before planning ("has
// moved to", "(moved from ...)"), a plan of moves only, and the errors for a move from a still-declared resource.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { repoRoot } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair } from "./engine/oracle.js";

const TIMEOUT = 120_000;
const hello = join(repoRoot, "examples/hello-terraform-data");

describe.skipIf(terraformMissing)("moved blocks match terraform", () => {
  it("moves resources and instances; a moves-only plan applies; a later plan has no changes", { timeout: TIMEOUT }, () => {
    const p = pair(hello);
    p.write("main.tf", `resource "terraform_data" "a" {\n  input = "x"\n}\nresource "terraform_data" "c" {\n  count = 2\n  input = "c"\n}\nresource "terraform_data" "u" {\n  input = "u"\n}\n`);
    let r = p.run(["apply", "-no-color", "-auto-approve"]);
    expect(r.tfsim.code).toBe(0);
    const moves = `resource "terraform_data" "b" {\n  input = "x"\n}\nmoved {\n  from = terraform_data.a\n  to   = terraform_data.b\n}\nresource "terraform_data" "c" {\n  count = 1\n  input = "c"\n}\nmoved {\n  from = terraform_data.c[1]\n  to   = terraform_data.d\n}\nresource "terraform_data" "d" {\n  input = "c"\n}\nresource "terraform_data" "v" {\n  input = "changed"\n}\nmoved {\n  from = terraform_data.u\n  to   = terraform_data.v\n}\n`;
    p.write("main.tf", moves);
    for (const cmd of [["plan", "-detailed-exitcode"], ["apply", "-auto-approve"], ["plan", "-detailed-exitcode"]]) {
      r = p.run([...cmd, "-no-color"]);
      expect({ cmd, code: r.tfsim.code, out: normalise(r.tfsim.stdout), err: r.tfsim.stderr }).toEqual({ cmd, code: r.terraform.code, out: normalise(r.terraform.stdout), err: r.terraform.stderr });
    }
    expect(p.states().tfsim).toEqual(p.states().terraform);
    // Moves only.
    p.write("main.tf", moves.replace(/"b"/, '"e"').replace("to   = terraform_data.b", "to   = terraform_data.b\n}\nmoved {\n  from = terraform_data.b\n  to   = terraform_data.e"));
    for (const cmd of [["plan", "-detailed-exitcode"], ["apply", "-auto-approve"]]) {
      r = p.run([...cmd, "-no-color"]);
      expect({ cmd, code: r.tfsim.code, out: normalise(r.tfsim.stdout), err: r.tfsim.stderr }).toEqual({ cmd, code: r.terraform.code, out: normalise(r.terraform.stdout), err: r.terraform.stderr });
    }
    expect(p.states().tfsim).toEqual(p.states().terraform);
  });

  it("a move from a resource still declared is Terraform's error", { timeout: TIMEOUT }, () => {
    const p = pair(hello);
    p.write("main.tf", `resource "terraform_data" "a" {\n  input = "x"\n}\nresource "terraform_data" "b" {\n  input = "x"\n}\nmoved {\n  from = terraform_data.a\n  to   = terraform_data.b\n}\n`);
    const r = p.run(["plan", "-no-color"]);
    expect({ code: r.tfsim.code, err: r.tfsim.stderr }).toEqual({ code: r.terraform.code, err: r.terraform.stderr });
  });
});
