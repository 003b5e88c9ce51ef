// The config loader on real configurations: Terraform (which declarations are valid, which files a module
// is made of) and hcl2-parser (which declarations a file holds) are the oracles.
import { createRequire } from "node:module";
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configFileNames, loadConfig } from "../../src/config/load.js";
import type { Config } from "../../src/config/model.js";
import { repoRoot, runTfsim, tempDir } from "../helpers/cli.js";
import { runTerraform, terraformMissing } from "../helpers/terraform.js";

const require = createRequire(import.meta.url);
const hcl2 = require("hcl2-parser") as { parseToObject(src: string): [Record<string, unknown> | null, unknown] };

const corpusDir = join(repoRoot, "test/testdata/hcl/corpus");
const corpus = (() => {
  try {
    return readdirSync(corpusDir).filter((f) => f.endsWith(".tf")).sort();
  } catch {
    return [];
  }
})();

/** Every directory under examples/ that holds .tf files (modules included). */
function exampleDirs(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    const entries = readdirSync(d);
    if (entries.some((e) => e.endsWith(".tf"))) out.push(d);
    for (const e of entries) if (statSync(join(d, e)).isDirectory()) walk(join(d, e));
  };
  walk(join(repoRoot, "examples"));
  return out.sort();
}

function singleFileDir(file: string): string {
  const dir = tempDir();
  cpSync(file, join(dir, "main.tf"));
  return dir;
}

/**
 * Diagnostics that terraform validate gives only after the configuration has loaded (no providers installed,
 * modules not installed, references checked by core): seeing only these means Terraform found the file's
 * structure valid.
 */
const afterLoading = new Set([
  "Missing required provider",
  "Module not installed",
  "Reference to undeclared input variable",
  "Reference to undeclared resource",
  "Reference to undeclared local value",
  "Reference to undeclared module",
  "Unknown variable",
  "Invalid function argument",
]);

describe.skipIf(terraformMissing)("structurally valid configurations stay valid", () => {
  const dirs = [...corpus.map((f) => singleFileDir(join(corpusDir, f))), ...exampleDirs()];
  const names = [...corpus, ...exampleDirs().map((d) => d.slice(repoRoot.length + 1))];
  dirs.forEach((dir, i) => {
    it(names[i]!, () => {
      const tf = runTerraform(["validate", "-json"], { cwd: dir });
      const summaries = (JSON.parse(tf.stdout) as { diagnostics: { summary: string }[] }).diagnostics.map((d) => d.summary);
      expect(summaries.filter((s) => !afterLoading.has(s))).toEqual([]);
      const ours = loadConfig(dir);
      expect(ours.diagnostics.filter((d) => d.severity === "error").map((d) => d.summary)).toEqual([]);
    });
  });
});

/** The declarations hcl2-parser sees in a file, named as our Config names them. */
function hcl2Declarations(text: string): Record<string, string[]> | undefined {
  const [obj, err] = hcl2.parseToObject(text);
  if (!obj || err) return undefined;
  const keysOf = (v: unknown) => Object.keys((v as Record<string, unknown> | undefined) ?? {});
  const nested = (v: unknown) => keysOf(v).flatMap((t) => keysOf((v as Record<string, unknown>)[t]).map((n) => `${t}.${n}`));
  const locals = ((obj.locals as Record<string, unknown>[] | undefined) ?? []).flatMap((b) => Object.keys(b));
  return {
    resources: nested(obj.resource),
    data: nested(obj.data),
    variables: keysOf(obj.variable),
    outputs: keysOf(obj.output),
    modules: keysOf(obj.module),
    locals,
  };
}

function ourDeclarations(c: Config): Record<string, string[]> {
  return {
    resources: [...c.resources.keys()],
    data: [...c.data.keys()],
    variables: [...c.variables.keys()],
    outputs: [...c.outputs.keys()],
    modules: [...c.modules.keys()],
    locals: [...c.locals.keys()],
  };
}

const sorted = (r: Record<string, string[]>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [...v].sort()]));

describe("the typed Config holds what hcl2-parser sees", () => {
  for (const f of corpus) {
    it(f, () => {
      const text = readFileSync(join(corpusDir, f), "utf8");
      const theirs = hcl2Declarations(text);
      if (!theirs) return; // hcl2-parser cannot read it; the terraform test above covers the file.
      const { config } = loadConfig(singleFileDir(join(corpusDir, f)));
      expect(sorted(ourDeclarations(config))).toEqual(sorted(theirs));
    });
  }

  it("declaration ranges are the block headers and local definitions", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "main.tf"),
      'variable "v" {\n  default = 1\n}\n\nlocals {\n  a = var.v + 1\n}\n\nresource "terraform_data" "x" {\n  input = local.a\n}\n',
    );
    const { config } = loadConfig(dir);
    const text = (r: { file: { text: string }; start: number; end: number }) => r.file.text.slice(r.start, r.end);
    expect(text(config.variables.get("v")!.declRange)).toBe('variable "v"');
    expect(text(config.locals.get("a")!.declRange)).toBe("a = var.v + 1");
    expect(text(config.resources.get("terraform_data.x")!.declRange)).toBe('resource "terraform_data" "x"');
    const input = config.resources.get("terraform_data.x")!.config.justAttributes().attributes.get("input")!;
    expect(text(input.expr.range)).toBe("local.a");
    expect(input.expr.references().map((r) => r.root)).toEqual(["local"]);
  });
});

describe("which files make a module", () => {
  it("lists .tf and .tf.json in byte order, skipping hidden files and editor leftovers", () => {
    const dir = tempDir();
    for (const n of ["b.tf", "a.tf.json", "B.tf", ".hidden.tf", "x.tf~", "#x.tf#", "notes.txt", "main.tfvars"]) {
      writeFileSync(join(dir, n), "");
    }
    mkdirSync(join(dir, "dir.tf"));
    expect(configFileNames(dir)).toEqual(["B.tf", "a.tf.json", "b.tf"]);
  });

  it.skipIf(terraformMissing)("ignored files and override files are treated as terraform treats them", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "main.tf"), 'resource "terraform_data" "x" {\n  input = 1\n}\n');
    // An override file redefines without being a duplicate; the leftovers would be errors if read.
    writeFileSync(join(dir, "override.tf"), 'resource "terraform_data" "x" {\n  input = 2\n}\n');
    writeFileSync(join(dir, "extra_override.tf"), 'resource "terraform_data" "x" {\n  input = 3\n}\n');
    writeFileSync(join(dir, ".#main.tf"), "this is not { valid");
    writeFileSync(join(dir, "main.tf~"), "this is not { valid");
    const tf = runTerraform(["validate", "-no-color"], { cwd: dir });
    const ours = runTfsim(["validate", "-no-color"], { cwd: dir });
    expect({ code: ours.code, stdout: ours.stdout, stderr: ours.stderr }).toEqual({ code: tf.code, stdout: tf.stdout, stderr: tf.stderr });
  });
});
