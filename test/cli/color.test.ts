// Terraform colours its human output by default, even into a pipe; tfsim must print the same bytes, escape codes
// included. Each case runs the same configuration through both without -no-color and compares the raw output
// (normalise() keeps escape codes; only ids, the product's name and the order of parallel progress lines differ).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair, type Pair } from "./engine/oracle.js";

function colored(files: Record<string, string>): Pair {
  const dir = tempDir("tfsim-color-");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return pair(dir, { color: true });
}

/** Both runs' exit code, stdout and stderr, normalised; the suggested commands named for tfsim. */
function same(p: Pair, args: readonly string[], input?: string): string {
  const r = p.run(args, input);
  const text = (s: string): string => normalise(s).replace(/terraform (refresh|console|init)/g, "tfsim $1");
  expect({ code: r.tfsim.code, stdout: text(r.tfsim.stdout), stderr: text(r.tfsim.stderr) }).toEqual({ code: r.terraform.code, stdout: text(r.terraform.stdout), stderr: text(r.terraform.stderr) });
  return r.tfsim.stdout + r.tfsim.stderr;
}

const ESC = "\u001b[";

describe.skipIf(terraformMissing)("colour by default, as terraform", () => {
  it("an error diagnostic with a snippet, framed and underlined", () => {
    const p = colored({ "main.tf": 'resource "terraform_data" "a" {\n  input = var.nope\n}\n' });
    expect(same(p, ["validate"])).toContain(`${ESC}31m╷`);
    same(p, ["plan"]);
  });

  it("a warning, framed in yellow, and validate's bold green Success!", () => {
    const p = colored({ "main.tf": 'provider "terraform" {\n  version = "1"\n}\nresource "terraform_data" "x" {}\n' });
    expect(same(p, ["validate"])).toContain(`${ESC}33m╷`);
    const ok = colored({ "main.tf": 'resource "terraform_data" "x" {}\n' });
    expect(same(ok, ["validate"])).toContain(`${ESC}32m${ESC}1mSuccess!`);
  });

  it("a diagnostic without a source (output with no state: a warning)", () => {
    const p = colored({ "main.tf": 'output "o" {\n  value = "x"\n}\n' });
    same(p, ["output", "-raw", "nope"]);
  });

  const v1 = `resource "terraform_data" "a" {
  input = { s = "x", n = 1, l = ["a", "b"], m = { k = "v" }, z = null, ml = "line1\\nline2\\n" }
}
resource "terraform_data" "b" {
  input            = "keep"
  triggers_replace = "t1"
}
resource "terraform_data" "c" {
  input            = "c"
  triggers_replace = "t1"
  lifecycle {
    create_before_destroy = true
  }
}
resource "terraform_data" "d" {
  input = "gone"
}
output "o1" {
  value = "x"
}
output "o2" {
  value = [1, 2]
}
output "o3" {
  value     = "s"
  sensitive = true
}
output "o4" {
  value = "del"
}
`;
  // In place, -/+ and +/- replacements, a destroy, nested changes with hidden members, and every kind of output change.
  const v2 = `resource "terraform_data" "a" {
  input = { s = "y", n = 2, l = ["a", "c"], m = { k = "v2" }, z = null, ml = "line1\\nline3\\n", extra = true }
}
resource "terraform_data" "b" {
  input            = "keep"
  triggers_replace = "t2"
}
resource "terraform_data" "c" {
  input            = "c"
  triggers_replace = "t2"
  lifecycle {
    create_before_destroy = true
  }
}
output "o1" {
  value = "y"
}
output "o2" {
  value = [1, 3]
}
output "o3" {
  value     = "s2"
  sensitive = true
}
output "o5" {
  value = terraform_data.b.output
}
`;

  it("init, plan (create), apply with its progress and outputs, and a plan with no changes", () => {
    const p = colored({ "main.tf": v1 });
    expect(same(p, ["init"])).toContain(`${ESC}0m${ESC}1mInitializing the backend...`);
    expect(same(p, ["plan"])).toContain(`${ESC}1m  # terraform_data.a${ESC}0m will be created`);
    expect(same(p, ["apply", "-auto-approve"])).toContain(`${ESC}0m${ESC}1m${ESC}32m\nApply complete!`);
    same(p, ["plan"]);
  });

  it("plan of updates, replacements, a destroy and output changes; the approval prompt; show, output, state show", () => {
    const p = colored({ "main.tf": v1 });
    same(p, ["apply", "-auto-approve", "-no-color"]);
    same(p, ["show"]);
    same(p, ["state", "show", "terraform_data.a"]);
    same(p, ["output"]);
    same(p, ["output", "o2"]);
    p.write("main.tf", v2);
    expect(same(p, ["plan"])).toContain(`${ESC}31m-${ESC}0m/${ESC}32m+${ESC}0m${ESC}0m resource "terraform_data" "b"`);
    expect(same(p, ["apply"], "no\n")).toContain(`${ESC}1mEnter a value:${ESC}0m ${ESC}0m`);
    same(p, ["plan", "-out=p.tfplan", "-no-color"]);
    same(p, ["show", "p.tfplan"]);
  });

  it("destroy: the prompt, its plan, progress, Destroy complete! and then No changes", () => {
    const p = colored({ "main.tf": 'resource "terraform_data" "a" {\n  input = "x"\n}\n' });
    same(p, ["apply", "-auto-approve", "-no-color"]);
    same(p, ["destroy"], "no\n");
    same(p, ["plan", "-destroy"]);
    expect(same(p, ["destroy", "-auto-approve"])).toContain("Destroy complete!");
    same(p, ["plan", "-destroy"]);
  });

  it("init in an empty directory; import's progress and Import successful!", () => {
    same(colored({}), ["init"]);
    const p = colored({ "main.tf": 'resource "terraform_data" "a" {}\n' });
    expect(same(p, ["import", "terraform_data.a", "some-id"])).toContain(`${ESC}0m${ESC}32m\nImport successful!`);
  });

  it("fmt's errors through the older UI, wrapped in red", () => {
    const p = colored({ "main.tf": 'locals {\n  a = "${}"\n}\n' });
    expect(same(p, ["fmt"])).toContain(`${ESC}31m${ESC}31m╷`);
  });

  it("-no-color still prints plain text", () => {
    const p = colored({ "main.tf": 'resource "terraform_data" "a" {\n  input = var.nope\n}\n' });
    expect(same(p, ["validate", "-no-color"])).not.toContain(ESC);
    // -json output never has colour, init's included (tfsim prints its human text there).
    for (const args of [["validate", "-json"], ["plan", "-json"], ["init", "-json"]]) expect(p.run(args).tfsim.stdout).not.toContain(ESC);
  });
});
