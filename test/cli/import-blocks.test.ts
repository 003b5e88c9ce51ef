// import blocks against Terraform 1.11 on the same terraform_data configurations: plans that import (alone,
// with an update, with a replacement), apply that records the imported objects, for_each on import blocks, ids
// from variables and locals, targets in module instances, the -json lines and `show -json PLANFILE`, and the
// errors Terraform reports (with their ranges).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair, type Pair } from "./engine/oracle.js";

const TIMEOUT = 120_000;

function configDir(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Runs `args` through both and expects the same exit code, output (normalised) and errors. */
function same(p: Pair, args: readonly string[]): void {
  const r = p.run([...args, "-no-color"]);
  // The product's name in a message changes where its lines wrap, so errors are compared unwrapped.
  const err = (s: string) => s.replace(/Terraform/g, "tfsim").replace(/terraform (apply|plan)/g, "tfsim $1").replace(/\s+/g, " ");
  expect({ args, code: r.tfsim.code, out: normalise(r.tfsim.stdout), err: err(r.tfsim.stderr) }).toEqual({ args, code: r.terraform.code, out: normalise(r.terraform.stdout), err: err(r.terraform.stderr) });
}

/** The -json lines of a run, without timestamps and version lines, in a stable order. */
function jsonLines(out: string): unknown[] {
  return out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l.replace(/Terraform/g, "tfsim").replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "ID")) as Record<string, unknown>)
    .filter((o) => o.type !== "version")
    .map((o) => ({ ...o, "@timestamp": "T" }))
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

const MIXED = `import {
  to = terraform_data.a
  id = "abc"
}
resource "terraform_data" "a" {}
import {
  to = terraform_data.u
  id = "uuu"
}
resource "terraform_data" "u" {
  input = "x"
}
import {
  to = terraform_data.r
  id = "rrr"
}
resource "terraform_data" "r" {
  triggers_replace = "y"
}
resource "terraform_data" "c" {
  input = "c"
}
`;

describe.skipIf(terraformMissing)("import blocks match terraform", () => {
  it("plans imports alone, with an update and with a replacement; apply records them; then no changes", { timeout: TIMEOUT }, () => {
    const p = pair(configDir({ "main.tf": MIXED }));
    same(p, ["plan", "-detailed-exitcode"]);
    same(p, ["apply", "-auto-approve"]);
    expect(p.states().tfsim).toEqual(p.states().terraform);
    same(p, ["plan", "-detailed-exitcode"]);
    // An import block whose target is already in state is left alone, whatever its id.
    p.write("main.tf", MIXED.replace('"abc"', '"other"'));
    same(p, ["plan", "-detailed-exitcode"]);
  });

  it("an import-only plan: the text, -json lines, a saved plan, show -json of it, and its apply", { timeout: TIMEOUT }, () => {
    const p = pair(configDir({ "main.tf": `import {\n  to = terraform_data.a\n  id = "abc"\n}\nresource "terraform_data" "a" {}\n` }));
    same(p, ["plan"]);
    const j = p.run(["plan", "-json"]);
    expect(jsonLines(j.tfsim.stdout)).toEqual(jsonLines(j.terraform.stdout));
    const saved = p.run(["plan", "-out=p.plan", "-no-color"]);
    expect(saved.tfsim.code).toBe(0);
    const shown = p.run(["show", "-json", "p.plan"]);
    const doc = (s: string) => {
      const d = JSON.parse(s) as Record<string, unknown>;
      return { resource_changes: d.resource_changes, prior_state: d.prior_state, planned_values: d.planned_values, applyable: d.applyable };
    };
    expect(doc(shown.tfsim.stdout)).toEqual(doc(shown.terraform.stdout));
    same(p, ["apply", "p.plan"]);
    expect(p.states().tfsim).toEqual(p.states().terraform);
  });

  it("apply -json and plan -json with imports that update and replace", { timeout: TIMEOUT }, () => {
    const p = pair(configDir({ "main.tf": MIXED }));
    const plan = p.run(["plan", "-json"]);
    expect(jsonLines(plan.tfsim.stdout)).toEqual(jsonLines(plan.terraform.stdout));
    const apply = p.run(["apply", "-json", "-auto-approve"]);
    const summary = (s: string) => jsonLines(s).filter((o) => (o as { type: string }).type === "change_summary");
    expect(summary(apply.tfsim.stdout)).toEqual(summary(apply.terraform.stdout));
  });

  it("for_each on import blocks, ids from variables and locals, targets in module instances", { timeout: TIMEOUT }, () => {
    const p = pair(
      configDir({
        "modules/m/main.tf": `variable "n" {\n  default = 1\n}\nresource "terraform_data" "x" {\n  count = var.n\n}\n`,
        "main.tf": `variable "ids" {
  default = { a = "ida", b = "idb" }
}
locals {
  pre = "p-"
}
import {
  for_each = var.ids
  to       = terraform_data.r[each.key]
  id       = "\${local.pre}\${each.value}"
}
resource "terraform_data" "r" {
  for_each = var.ids
}
import {
  for_each = toset(["k1", "k2"])
  to       = module.m[each.key].terraform_data.x[0]
  id       = each.key
}
module "m" {
  source   = "./modules/m"
  for_each = toset(["k1", "k2", "k3"])
}
import {
  to = module.single.terraform_data.x[1]
  id = "s1"
}
module "single" {
  source = "./modules/m"
  n      = 2
}
`,
      }),
    );
    expect(p.run(["init", "-no-color"]).tfsim.code).toBe(0);
    same(p, ["plan", "-detailed-exitcode"]);
    same(p, ["apply", "-auto-approve"]);
    expect(p.states().tfsim).toEqual(p.states().terraform);
    same(p, ["plan", "-detailed-exitcode"]);
  });

  it("-target: only the targeted import targets are imported", { timeout: TIMEOUT }, () => {
    const p = pair(configDir({ "main.tf": `import {\n  to = terraform_data.a\n  id = "aaa"\n}\nresource "terraform_data" "a" {}\nimport {\n  to = terraform_data.b\n  id = "bbb"\n}\nresource "terraform_data" "b" {}\n` }));
    same(p, ["plan", "-target=terraform_data.a"]);
    // The -target warning wraps where the product's name falls; compare the apply unwrapped.
    const r = p.run(["apply", "-auto-approve", "-no-color", "-target=terraform_data.a"]);
    const flat = (x: string) => normalise(x).replace(/\s+/g, " ");
    expect({ code: r.tfsim.code, out: flat(r.tfsim.stdout) }).toEqual({ code: r.terraform.code, out: flat(r.terraform.stdout) });
    expect(p.states().tfsim).toEqual(p.states().terraform);
    same(p, ["plan"]);
  });

  it("-generate-config-out writes the blocks of import targets without configuration, then plans them", { timeout: TIMEOUT }, () => {
    const p = pair(configDir({ "main.tf": `variable "v" {\n  default = "zz"\n}\nimport {\n  to = terraform_data.a\n  id = var.v\n}\nimport {\n  to = terraform_data.b\n  id = "bbb"\n}\nresource "terraform_data" "c" {}\n` }));
    // Terraform prints the experimental warning and the closing paragraph only now and then (a race in its
    // walk); compare without them, and check that tfsim always prints them.
    const NOTE = /\nWarning: Config generation is experimental\n\n[\s\S]*?versions\.\n|tfsim has generated configuration[\s\S]*?control\.\n\n/g;
    const strip = (s: string) => normalise(s).replace(NOTE, "");
    const first = p.run(["plan", "-no-color", "-generate-config-out=gen.tf"]);
    expect({ code: first.tfsim.code, out: strip(first.tfsim.stdout), err: first.tfsim.stderr }).toEqual({ code: first.terraform.code, out: strip(first.terraform.stdout), err: first.terraform.stderr });
    expect(first.tfsim.stdout.replace(/\s+/g, " ")).toContain("Warning: Config generation is experimental Generating configuration during import is currently experimental, and the generated configuration format may change in future versions.");
    expect(first.tfsim.stdout.replace(/\s+/g, " ")).toContain("tfsim has generated configuration and written it to gen.tf. Please review the configuration and edit it as necessary before adding it to version control.");
    // The same blocks (Terraform writes them in the order its walk met them).
    const blocks = (dir: string) => readFileSync(join(dir, "gen.tf"), "utf8").replace(/Terraform/g, "tfsim").split("\n\n").map((b) => b.trim()).sort();
    expect(blocks(p.tfsim)).toEqual(blocks(p.terraform));
    const r = p.run(["plan", "-no-color", "-generate-config-out=gen.tf"]);
    expect({ code: r.tfsim.code, err: r.tfsim.stderr.replace(/\s+/g, " ") }).toEqual({ code: r.terraform.code, err: r.terraform.stderr.replace(/Terraform/g, "tfsim").replace(/\s+/g, " ") });
    // With the generated file in place, the imports apply and the configuration then matches.
    same(p, ["apply", "-auto-approve"]);
    same(p, ["plan", "-detailed-exitcode"]);
    const j = p.run(["plan", "-json"]);
    expect(jsonLines(j.tfsim.stdout)).toEqual(jsonLines(j.terraform.stdout));
  });

  it("-generate-config-out in -json: planned_change carries generated_config", { timeout: TIMEOUT }, () => {
    const p = pair(configDir({ "main.tf": `import {\n  to = terraform_data.a\n  id = "abc"\n}\n` }));
    const j = p.run(["plan", "-json", "-generate-config-out=gen.tf"]);
    // Terraform emits the experimental warning only now and then (see above).
    const lines = (s: string) => jsonLines(s).filter((o) => (o as { type: string }).type !== "diagnostic");
    expect(lines(j.tfsim.stdout)).toEqual(lines(j.terraform.stdout));
  });

  it("errors as terraform: an import block in a child module", { timeout: TIMEOUT }, () => {
    const p = pair(configDir({ "main.tf": `module "m" {\n  source = "./m"\n}\n`, "m/main.tf": `import {\n  to = terraform_data.x\n  id = "a"\n}\nresource "terraform_data" "x" {}\n` }));
    expect(p.run(["init", "-no-color"]).tfsim.code).toBe(0);
    same(p, ["plan"]);
  });

  const errors: [string, string][] = [
    ["no configuration for the target", `import {\n  to = terraform_data.zz\n  id = "abc"\n}\nresource "terraform_data" "a" {}\n`],
    ["duplicate targets", `import {\n  to = terraform_data.a\n  id = "abc"\n}\nimport {\n  to = terraform_data.a\n  id = "def"\n}\nresource "terraform_data" "a" {}\n`],
    ["a count key for a resource without count", `import {\n  to = terraform_data.a[0]\n  id = "abc"\n}\nresource "terraform_data" "a" {}\n`],
    ["a for_each key for a resource with count", `import {\n  to = terraform_data.a["x"]\n  id = "abc"\n}\nresource "terraform_data" "a" {\n  count = 1\n}\n`],
    ["an instance out of range", `import {\n  to = terraform_data.a[3]\n  id = "abc"\n}\nresource "terraform_data" "a" {\n  count = 1\n}\n`],
    ["a module that is not declared", `import {\n  to = module.m.terraform_data.a\n  id = "abc"\n}\n`],
    ["an undeclared variable in id", `import {\n  to = terraform_data.a\n  id = var.nope\n}\nresource "terraform_data" "a" {}\n`],
    ["an id known only after apply", `import {\n  to = terraform_data.a\n  id = terraform_data.b.output\n}\nresource "terraform_data" "a" {}\nresource "terraform_data" "b" {\n  input = "q"\n}\n`],
    ["an empty id", `import {\n  to = terraform_data.a\n  id = ""\n}\nresource "terraform_data" "a" {}\n`],
    ["a null id", `import {\n  to = terraform_data.a\n  id = null\n}\nresource "terraform_data" "a" {}\n`],
    ["an empty id from a variable", `variable "v" {\n  default = ""\n}\nimport {\n  to = terraform_data.a\n  id = var.v\n}\nresource "terraform_data" "a" {}\n`],
    ["a for_each that is not a collection", `import {\n  for_each = 3\n  to       = terraform_data.a\n  id       = "x"\n}\nresource "terraform_data" "a" {}\n`],
    ["duplicates across for_each blocks", `import {\n  for_each = toset(["a"])\n  to       = terraform_data.a\n  id       = each.key\n}\nimport {\n  for_each = toset(["b"])\n  to       = terraform_data.a\n  id       = each.key\n}\nresource "terraform_data" "a" {}\n`],
    ["the last of one block's for_each instances wins", `import {\n  for_each = toset(["a", "b"])\n  to       = terraform_data.a\n  id       = each.key\n}\nresource "terraform_data" "a" {}\n`],
  ];
  for (const [name, config] of errors) {
    it(`errors as terraform: ${name}`, { timeout: TIMEOUT }, () => {
      const p = pair(configDir({ "main.tf": config }));
      same(p, ["plan"]);
    });
  }
});
