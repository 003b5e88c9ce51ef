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

  it("-no-color still prints plain text", () => {
    const p = colored({ "main.tf": 'resource "terraform_data" "a" {\n  input = var.nope\n}\n' });
    expect(same(p, ["validate", "-no-color"])).not.toContain(ESC);
  });
});
