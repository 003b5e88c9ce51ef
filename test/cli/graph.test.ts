// `tfsim graph` against `terraform graph`: the default summary and every -type, on root-module configurations
// (no init needed) and on module trees (after each tool's init), with and without a state.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTfsim, tempDir } from "../helpers/cli.js";
import { runTerraform, terraformMissing } from "../helpers/terraform.js";

const configs: Record<string, string> = {
  "references, depends_on, locals and data sources (transitively reduced)": `
locals { l = terraform_data.a.output }
resource "terraform_data" "a" { input = "x" }
resource "terraform_data" "b" { input = local.l }
resource "terraform_data" "c" {
  depends_on = [terraform_data.b, terraform_data.a]
}
data "terraform_remote_state" "r" {
  backend = "local"
  config  = { path = terraform_data.c.id }
}
`,
  "count, for_each and references to instances": `
resource "terraform_data" "z" { count = 2 }
resource "terraform_data" "y" {
  for_each = toset(["a"])
  input    = terraform_data.z[0].id
}
resource "terraform_data" "x" {
  input            = [for k, v in terraform_data.y : v.id]
  triggers_replace = terraform_data.z[*].id
}
resource "terraform_data" "w" {}
`,
  "a chain of ten": Array.from({ length: 10 }, (_, i) => `resource "terraform_data" "r${i}" { input = ${i ? `terraform_data.r${i - 1}.output` : '"start"'} }\n`).join(""),
  "no resources": `output "o" { value = 1 }\n`,
};

describe.skipIf(terraformMissing)("tfsim graph matches terraform graph", () => {
  for (const [name, text] of Object.entries(configs)) {
    it(name, () => {
      const dir = tempDir();
      writeFileSync(join(dir, "main.tf"), text);
      const tf = runTerraform(["graph"], { cwd: dir });
      const ours = runTfsim(["graph"], { cwd: dir });
      // tfsim names itself in the empty graph's hint; the padding of that comment follows.
      const hint = (t: string) => t.replace(/terraform graph/g, "tfsim graph").replace(/ +\*\//g, " */");
      expect(hint(ours.stdout)).toBe(hint(tf.stdout));
      expect(ours.code).toBe(tf.code);
    });
  }
});

/** A module tree: file path -> text. */
type Tree = Record<string, string>;

const moduleTrees: Record<string, Tree> = {
  "modules with count and for_each, nested modules, whole-module references, depends_on, locals, variables": {
    "main.tf": `variable "v" { default = "x" }
locals {
  l      = terraform_data.a.output
  unused = 1
}
resource "terraform_data" "a" { input = var.v }
module "app" {
  source     = "./modules/m"
  count      = 2
  in         = local.l
  depends_on = [terraform_data.z]
}
module "each" {
  source   = "./modules/m/modules/n"
  for_each = toset(["a", "b"])
  v        = each.key
}
resource "terraform_data" "z" {}
resource "terraform_data" "b" { input = module.app[0].out }
resource "terraform_data" "c" { input = module.app }
data "terraform_remote_state" "r" {
  backend = "local"
  config  = { path = module.each["a"].w }
}
output "o" { value = terraform_data.b.output }
`,
    "modules/m/main.tf": `variable "in" {}
variable "unused" { default = 1 }
locals { twice = "\${var.in}\${var.in}" }
resource "terraform_data" "x" { input = local.twice }
module "n" {
  source = "./modules/n"
  v      = terraform_data.x.id
}
output "out" { value = module.n.w }
output "other" { value = 1 }
`,
    "modules/m/modules/n/main.tf": `variable "v" {}
resource "terraform_data" "y" { input = var.v }
output "w" { value = terraform_data.y.output }
`,
  },
  "the aws provider: provider blocks, an alias, a variable in the provider, data sources": {
    "main.tf": `variable "region" { default = "us-east-1" }
provider "aws" { region = var.region }
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
data "aws_caller_identity" "me" {}
resource "aws_iam_user" "u" {
  provider = aws.west
  name     = "u-\${data.aws_caller_identity.me.account_id}"
}
module "m" {
  source   = "./m"
  for_each = toset(["a"])
  name     = each.key
  user     = aws_iam_user.u.name
}
resource "terraform_data" "t" {
  input      = [for k, v in module.m : v.out]
  depends_on = [module.m]
}
output "o" {
  value      = terraform_data.t.output
  depends_on = [aws_iam_user.u]
}
`,
    "m/main.tf": `variable "name" {}
variable "user" {}
locals { full = "\${var.name}-\${var.user}" }
resource "aws_iam_group" "g" { name = local.full }
output "out" { value = aws_iam_group.g.arn }
`,
  },
};

const mirror = "/opt/tf-plugins";
const TYPES = ["", "plan", "apply", "plan-refresh-only", "plan-destroy"];

function writeTree(dir: string, tree: Tree): void {
  for (const [p, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
}

/** Two copies of a tree, one initialised by terraform (offline, the aws provider from the mirror), one by tfsim. */
function initialised(tree: Tree): { tf: string; ours: string; env: NodeJS.ProcessEnv } {
  const base = tempDir();
  const tf = join(base, "tf");
  const ours = join(base, "ours");
  writeTree(tf, tree);
  cpSync(tf, ours, { recursive: true });
  writeFileSync(join(base, "cli.tfrc"), `provider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`);
  const env = { TF_CLI_CONFIG_FILE: join(base, "cli.tfrc"), TFSIM_HOME: join(base, "home") };
  expect(runTerraform(["init", "-input=false"], { cwd: tf, env }).code).toBe(0);
  expect(runTfsim(["init", "-input=false"], { cwd: ours, env }).code).toBe(0);
  return { tf, ours, env };
}

function expectSameGraphs(tf: string, ours: string, env: NodeJS.ProcessEnv, types = TYPES): void {
  for (const t of types) {
    const args = t ? ["graph", `-type=${t}`] : ["graph"];
    const theirs = runTerraform(args, { cwd: tf, env });
    const got = runTfsim(args, { cwd: ours, env });
    expect(got.stdout, `graph ${t}`).toBe(theirs.stdout);
    expect(got.code, `graph ${t}`).toBe(theirs.code);
  }
}

describe.skipIf(terraformMissing)("tfsim graph matches terraform graph on module trees", { timeout: 180_000 }, () => {
  for (const [name, tree] of Object.entries(moduleTrees)) {
    it(name, () => {
      const { tf, ours, env } = initialised(tree);
      expectSameGraphs(tf, ours, env);
    });
  }

  it("with a state: orphans in the plan graph, destroy vertices per instance in the plan-destroy graph", () => {
    const { tf, ours, env } = initialised({
      "main.tf": `resource "terraform_data" "a" { count = 2 }
resource "terraform_data" "old" { input = terraform_data.a[0].id }
module "m" {
  source = "./m"
  v      = terraform_data.old.id
}
output "o" { value = module.m.w }
`,
      "m/main.tf": `variable "v" {}
resource "terraform_data" "y" {
  count = 2
  input = var.v
}
output "w" { value = terraform_data.y[0].output }
`,
    });
    expect(runTerraform(["apply", "-auto-approve"], { cwd: tf, env }).code).toBe(0);
    expect(runTfsim(["apply", "-auto-approve"], { cwd: ours, env }).code).toBe(0);
    expectSameGraphs(tf, ours, env);
    // terraform_data.old leaves the configuration but stays in the state.
    const smaller = `resource "terraform_data" "a" { count = 1 }
module "m" {
  source = "./m"
  v      = "x"
}
`;
    writeFileSync(join(tf, "main.tf"), smaller);
    writeFileSync(join(ours, "main.tf"), smaller);
    expectSameGraphs(tf, ours, env);
  });

  it("an unknown or retired graph type, and a module added but not installed, fail as terraform does", () => {
    const { tf, ours, env } = initialised({ "main.tf": 'resource "terraform_data" "a" {}\n', "m/main.tf": 'resource "terraform_data" "x" {}\n' });
    for (const t of ["foo", "validate"]) {
      const a = runTerraform(["graph", `-type=${t}`, "-no-color"], { cwd: tf, env });
      const b = runTfsim(["graph", `-type=${t}`, "-no-color"], { cwd: ours, env });
      expect(b.stderr, t).toBe(a.stderr);
      expect(b.code, t).toBe(a.code);
    }
    const added = 'module "late" {\n  source = "./m"\n}\n';
    writeFileSync(join(tf, "late.tf"), added);
    writeFileSync(join(ours, "late.tf"), added);
    const theirs = runTerraform(["graph", "-no-color"], { cwd: tf, env });
    const got = runTfsim(["graph", "-no-color"], { cwd: ours, env });
    expect(got.code).toBe(1);
    expect(theirs.code).toBe(1);
    expect(got.stderr).toBe(theirs.stderr.replace(/terraform init/g, "tfsim init").replace(tf, ours));
  });

  it("a cycle is an error naming every member, and only them, in graph, validate and plan", () => {
    const cyclic = `resource "terraform_data" "a" { input = terraform_data.c.output }
resource "terraform_data" "b" { input = terraform_data.a.output }
resource "terraform_data" "c" { input = local.x }
locals { x = terraform_data.b.output }
resource "terraform_data" "d" { input = terraform_data.a.output }
`;
    const { tf, ours, env } = initialised({ "main.tf": cyclic });
    // Terraform starts the cycle at a random member; the members and the rest of the text are what must match.
    const members = (text: string): string[] => {
      const m = /Error: Cycle: (.*)/.exec(text);
      return m ? m[1]!.split(", ").sort() : [];
    };
    for (const cmd of [["graph"], ["graph", "-type=plan"], ["validate"], ["plan"]]) {
      const a = runTerraform([...cmd, "-no-color"], { cwd: tf, env });
      const b = runTfsim([...cmd, "-no-color"], { cwd: ours, env });
      expect(members(b.stderr), cmd.join(" ")).toEqual(members(a.stderr));
      expect(members(b.stderr).length, cmd.join(" ")).toBe(4);
      expect(b.stderr.replace(/Cycle: .*/, ""), cmd.join(" ")).toBe(a.stderr.replace(/Cycle: .*/, ""));
      expect(b.stdout, cmd.join(" ")).toBe(a.stdout);
      expect(b.code, cmd.join(" ")).toBe(1);
    }
  });
});
