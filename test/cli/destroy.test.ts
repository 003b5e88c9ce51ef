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

describe.skipIf(terraformMissing)("a failure stops only its dependents", () => {
  it("a precondition failing at apply: siblings are created and in state, dependents are not", { timeout: TIMEOUT }, () => {
    const p = pair(hello);
    p.write(
      "main.tf",
      `resource "terraform_data" "a" {\n  input = "a"\n}\nresource "terraform_data" "b" {\n  input = "b"\n  lifecycle {\n    precondition {\n      condition     = terraform_data.a.output == "nope"\n      error_message = "a's output must be nope."\n    }\n  }\n}\nresource "terraform_data" "c" {\n  input = terraform_data.b.output\n}\nresource "terraform_data" "d" {\n  input = "d"\n}\n`,
    );
    const r = p.run(["apply", "-no-color", "-auto-approve"]);
    expect(r.tfsim.code).toBe(r.terraform.code);
    expect(normalise(r.tfsim.stdout)).toBe(normalise(r.terraform.stdout));
    const firstLines = (s: string): string[] => s.split("\n").filter((l) => l.startsWith("Error: ") || /^\s+\d+:/.test(l) || l.startsWith("a's"));
    expect(firstLines(r.tfsim.stderr)).toEqual(firstLines(r.terraform.stderr));
    // Terraform leaves an empty entry (no instances) for the failed resource; tfsim's state prunes it.
    const nonEmpty = (x: unknown): unknown => {
      const o = x as { resources: { instances: unknown[] }[] };
      return { ...o, resources: o.resources.filter((r) => r.instances.length > 0) };
    };
    const st = p.states();
    expect(nonEmpty(st.tfsim)).toEqual(nonEmpty(st.terraform));
    // The next plan fails the same way, now at plan time.
    const again = p.run(["plan", "-no-color"]);
    expect(again.tfsim.code).toBe(again.terraform.code);
    expect(normalise(again.tfsim.stdout)).toBe(normalise(again.terraform.stdout));
  });
});

describe.skipIf(terraformMissing)("refresh matches terraform", () => {
  it("refresh lists every object and prints the outputs; with no state it warns", { timeout: TIMEOUT }, () => {
    const p = pair(hello);
    for (const args of [["refresh", "-no-color"], ["apply", "-no-color", "-auto-approve"], ["refresh", "-no-color"]]) {
      const r = p.run(args);
      expect({ step: args.join(" "), code: r.tfsim.code, out: normalise(r.tfsim.stdout) }).toEqual({ step: args.join(" "), code: r.terraform.code, out: normalise(r.terraform.stdout) });
    }
  });
});
