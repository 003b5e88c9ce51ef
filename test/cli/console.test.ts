// `tfsim console` against `terraform console` (Terraform 1.11, offline, no providers): the same stdout,
// stderr and exit code for piped input in configurations with variables (defaults, tfvars, auto.tfvars,
// TF_VAR_, -var, -var-file) and locals. Terraform runs at test time; nothing it printed is stored here.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTfsim, tempDir } from "../helpers/cli.js";
import { terraformEnv, terraformMissing } from "../helpers/terraform.js";

interface Case {
  readonly files: Record<string, string>;
  readonly input: string;
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

const mainTf = `
variable "name" {
  type    = string
  default = "world"
}
variable "n" { type = number }
variable "tags" {
  type    = map(string)
  default = { a = "b" }
}
variable "untyped" {
  default = null
}
variable "obj" {
  type = object({ a = string, b = optional(number, 5) })
  default = { a = "x" }
}
variable "secret" {
  type      = string
  default   = "hunter2"
  sensitive = true
}
locals {
  greeting = "hello \${var.name}"
  nums     = [for i in range(3) : i * var.n]
  upper    = { for k, v in var.tags : upper(k) => v }
  chained  = "\${local.greeting}!"
  cwdbase  = path.module
}
`;

const cases: Record<string, Case> = {
  "locals and defaults": { files: { "main.tf": mainTf, "terraform.tfvars": "n = 2\n" }, input: "local.greeting\nlocal.nums\nlocal.upper\n" },
  "last value only": { files: { "main.tf": mainTf, "terraform.tfvars": "n = 2\n" }, input: "local.greeting\nlocal.chained\n" },
  "empty last line": { files: { "main.tf": mainTf }, input: '"a"\n\n' },
  "exit": { files: { "main.tf": mainTf }, input: "1\nexit\n2\n" },
  "missing required is unknown": { files: { "main.tf": mainTf }, input: "var.n\n" },
  "unknown flows through locals": { files: { "main.tf": mainTf }, input: "local.nums\n" },
  "optional attribute default": { files: { "main.tf": mainTf }, input: "var.obj\n" },
  "sensitive": { files: { "main.tf": mainTf }, input: "var.secret\n" },
  "null default": { files: { "main.tf": mainTf }, input: "var.untyped\n" },
  "path.module": { files: { "main.tf": mainTf }, input: "local.cwdbase\n" },
  "workspace": { files: { "main.tf": mainTf }, input: "terraform.workspace\n" },
  "tfvars.json over tfvars": {
    files: { "main.tf": mainTf, "terraform.tfvars": 'name = "tfvars"\n', "terraform.tfvars.json": '{"name": "json"}' },
    input: "var.name\n",
  },
  "auto.tfvars in lexical order": {
    files: { "main.tf": mainTf, "terraform.tfvars.json": '{"name": "json"}', "b.auto.tfvars": 'name = "b"\n', "a.auto.tfvars.json": '{"name": "a"}' },
    input: "var.name\n",
  },
  "env below files": { files: { "main.tf": mainTf, "terraform.tfvars": 'name = "file"\n' }, input: "var.name\n", env: { TF_VAR_name: "env" } },
  "env over default": { files: { "main.tf": mainTf }, input: "var.name\nvar.n\n", env: { TF_VAR_name: "env", TF_VAR_n: "7" } },
  "env map parsed as HCL": { files: { "main.tf": mainTf }, input: "var.tags\n", env: { TF_VAR_tags: '{ x = "y" }' } },
  "untyped -var is a literal string": { files: { "main.tf": mainTf }, input: "var.untyped\n", args: ["-var", "untyped=[1]"] },
  "-var over files": { files: { "main.tf": mainTf, "x.auto.tfvars": 'name = "auto"\n' }, input: "var.name\n", args: ["-var", "name=cli"] },
  "-var then -var-file": { files: { "main.tf": mainTf, "f.tfvars": 'name = "file"\n' }, input: "var.name\n", args: ["-var", "name=cli", "-var-file", "f.tfvars"] },
  "-var-file then -var": { files: { "main.tf": mainTf, "f.tfvars": 'name = "file"\n' }, input: "var.name\n", args: ["-var-file=f.tfvars", "-var=name=cli"] },
  "-var-file": { files: { "main.tf": mainTf, "extra.tfvars": 'tags = { k = "v" }\nn = 3\n' }, input: "var.tags\nlocal.nums\n", args: ["-var-file=extra.tfvars"] },
  "-var map": { files: { "main.tf": mainTf }, input: "var.tags\n", args: ["-var", 'tags={c="d"}'] },
  "undeclared variable in auto.tfvars warns": { files: { "main.tf": mainTf, "a.auto.tfvars": "zz = 1\n" }, input: "var.name\n" },
  "undeclared -var": { files: { "main.tf": mainTf }, input: "1\n", args: ["-var", "nope=abc"] },
  "bad -var syntax": { files: { "main.tf": mainTf }, input: "1\n", args: ["-var", "x"] },
  "undeclared variable reference": { files: { "main.tf": mainTf }, input: "local.greeting\nvar.namee\nlocal.nums\n" },
  // (A typo within Levenshtein distance 3 of two names, "nme" of n and name, gets whichever terraform meets first
  // in a Go map walk: a different suggestion from run to run, so the case above has one candidate.)
  "undeclared variable, no suggestion": { files: { "main.tf": mainTf }, input: "var.zzzzzz\n" },
  "undeclared local": { files: { "main.tf": mainTf }, input: "local.greting\n" },
  "undeclared resource": { files: { "main.tf": mainTf }, input: "aws_instance.web.id\n" },
  "var object": { files: { "main.tf": mainTf }, input: "var\n" },
  "syntax error": { files: { "main.tf": mainTf }, input: "1 +\n" },
  "invalid index": { files: { "main.tf": mainTf, "terraform.tfvars": "n = 2\n" }, input: "local.nums[7]\n" },
  "error after values": { files: { "main.tf": mainTf }, input: 'upper("a")\nlocal.nope\n' },
};

function write(files: Record<string, string>): string {
  const dir = join(tempDir("tfsim-console-"), "cfg");
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function terraformConsole(c: Case, dir: string) {
  const r = spawnSync("terraform", ["console", "-no-color", ...(c.args ?? [])], {
    cwd: dir,
    input: c.input,
    encoding: "utf8",
    env: { ...process.env, ...terraformEnv, ...c.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(terraformMissing)("tfsim console matches terraform console (piped)", () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, { timeout: 60_000 }, () => {
      const dir = write(c.files);
      const want = terraformConsole(c, dir);
      const got = runTfsim(["console", "-no-color", ...(c.args ?? [])], { cwd: dir, input: c.input, env: c.env ?? {} });
      expect({ code: got.code, stdout: got.stdout, stderr: got.stderr }).toEqual(want);
    });
  }
});

const stateTf = `
resource "terraform_data" "one" {
  input = { a = "b", n = [1, 2] }
}
resource "terraform_data" "many" {
  count = 2
  input = "n-\${count.index}"
}
resource "terraform_data" "each" {
  for_each = toset(["x", "y"])
  input    = sensitive(each.key)
}
`;

describe.skipIf(terraformMissing)("tfsim console reads resource values from the state terraform apply wrote", () => {
  const exprs = [
    "terraform_data.one",
    "terraform_data.one.input.n",
    "terraform_data.many",
    "terraform_data.many[1].output",
    "terraform_data.each",
    'terraform_data.each["x"].input',
    "terraform_data.added",
    "terraform_data.added.id",
  ];
  let dir = "";
  it("applies with terraform", { timeout: 120_000 }, () => {
    dir = write({ "main.tf": stateTf });
    const env = { ...process.env, ...terraformEnv };
    expect(spawnSync("terraform", ["init", "-input=false"], { cwd: dir, env }).status).toBe(0);
    expect(spawnSync("terraform", ["apply", "-auto-approve", "-input=false"], { cwd: dir, env }).status).toBe(0);
    // Declared after apply: in the configuration, not in the state.
    writeFileSync(join(dir, "added.tf"), 'resource "terraform_data" "added" {}\n');
  });
  for (const e of exprs) {
    it(e, { timeout: 60_000 }, () => {
      const c: Case = { files: {}, input: `${e}\n` };
      const want = terraformConsole(c, dir);
      const got = runTfsim(["console", "-no-color"], { cwd: dir, input: c.input });
      expect({ code: got.code, stdout: got.stdout, stderr: got.stderr }).toEqual(want);
    });
  }
});
