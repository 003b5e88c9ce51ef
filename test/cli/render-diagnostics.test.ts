// The renderer against Terraform itself: for configs whose diagnostics have no "in <block>" context, we build
// the same diagnostics Terraform reports (same summary, detail and ranges) and check that our plain, coloured
// and JSON renderings are byte-identical to what `terraform validate` prints for them.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderDiagnostic, sortDiagnostics, validateJSON, wrapText } from "../../src/cli/render-diagnostics.js";
import { error, type Diagnostic } from "../../src/diag/diagnostic.js";
import { sourceFile, type Range, type SourceFile } from "../../src/hcl/source.js";
import { repoRoot } from "../helpers/cli.js";
import { copyToTemp, runTerraform, terraformEnv, terraformMissing } from "../helpers/terraform.js";

const casesDir = join(repoRoot, "test/testdata/validate");

function load(name: string, file = "main.tf"): SourceFile {
  return sourceFile(file, readFileSync(join(casesDir, name, file), "utf8"));
}

/** The range of the `nth` occurrence of `needle` in the file. */
function rangeOf(f: SourceFile, needle: string, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = f.text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in ${f.name}`);
  return { file: f, start: at, end: at + needle.length };
}

interface Case {
  readonly name: string;
  readonly diags: () => Diagnostic[];
}

const cases: Case[] = [
  {
    name: "unknown-block",
    diags: () => {
      const f = load("unknown-block");
      return [
        error("Unsupported block type", 'Blocks of type "foo" are not expected here.', rangeOf(f, "foo")),
        error(
          "Unsupported block type",
          'Blocks of type "resources" are not expected here. Did you mean "resource"?',
          rangeOf(f, "resources"),
        ),
      ];
    },
  },
  {
    name: "duplicate-resource",
    diags: () => {
      const f = load("duplicate-resource");
      return [
        error(
          'Duplicate resource "terraform_data" configuration',
          'A terraform_data resource named "x" was already declared at main.tf:1,1-30. Resource names must be unique per type in each module.',
          rangeOf(f, 'resource "terraform_data" "x"', 1),
        ),
      ];
    },
  },
  {
    name: "long-detail",
    diags: () => {
      const f = load("long-detail");
      const header = 'variable "a_really_long_variable_name_that_goes_on_and_on_forever_and_ever"';
      return [
        error(
          "Duplicate variable declaration",
          'A variable named "a_really_long_variable_name_that_goes_on_and_on_forever_and_ever" was already declared at main.tf:1,1-76. Variable names must be unique within a module.',
          rangeOf(f, header, 1),
        ),
      ];
    },
  },
  {
    name: "duplicate-provider",
    diags: () => {
      const f = load("duplicate-provider");
      return [
        error(
          "Duplicate provider configuration",
          'A default (non-aliased) provider configuration for "aws" was already given at main.tf:1,1-15. If multiple configurations are required, set the "alias" argument for alternative configurations.',
          rangeOf(f, 'provider "aws"', 1),
        ),
      ];
    },
  },
];

describe.skipIf(terraformMissing)("diagnostics rendered as terraform validate renders them", () => {
  for (const c of cases) {
    describe(c.name, () => {
      const dir = copyToTemp(join(casesDir, c.name));
      it("plain (-no-color), width 78 when not a terminal", () => {
        const tf = runTerraform(["validate", "-no-color"], { cwd: dir });
        expect(tf.code).toBe(1);
        const ours = sortDiagnostics(c.diags()).map((d) => renderDiagnostic(d, { color: false, width: 78 })).join("");
        expect(ours).toBe(tf.stderr);
      });
      it("coloured, framed", () => {
        const tf = runTerraform(["validate"], { cwd: dir });
        const ours = sortDiagnostics(c.diags()).map((d) => renderDiagnostic(d, { color: true, width: 78 })).join("");
        expect(ours).toBe(tf.stderr);
      });
      it("-json", () => {
        const tf = runTerraform(["validate", "-json"], { cwd: dir });
        expect(validateJSON(c.diags()) + "\n").toBe(tf.stdout);
      });
    });
  }

  it("wraps details at the terminal's width on a terminal", () => {
    const dir = copyToTemp(join(casesDir, "long-detail"));
    // `script` gives terraform a pseudo-terminal 50 columns wide.
    const r = spawnSync("script", ["-qec", "stty cols 50; terraform validate", "/dev/null"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, ...terraformEnv },
    });
    const ours = cases[2]!.diags().map((d) => renderDiagnostic(d, { color: true, width: 50 })).join("");
    expect(r.stdout.replace(/\r\n/g, "\n")).toBe(ours);
  });
});

describe("wrapText (go-wordwrap's rules)", () => {
  it("breaks at spaces within the limit and drops the spaces at the break", () => {
    expect(wrapText("aaa bbb ccc", 7)).toBe("aaa bbb\nccc");
  });
  it("never splits a word longer than the limit", () => {
    expect(wrapText("a bbbbbbbbbb c", 5)).toBe("a\nbbbbbbbbbb\nc");
  });
  it("keeps existing newlines", () => {
    expect(wrapText("aa bb\ncc dd", 5)).toBe("aa bb\ncc dd");
  });
});
