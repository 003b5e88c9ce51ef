// JSON and multi-line strings in the human plan, against terraform with the real hashicorp/aws provider
// (5.100.0, offline from the local mirror): tfsim applies IAM policies and a role to its embedded cloud; then
// tfsim and terraform each plan changed strings against that same state without refreshing, and show each
// string attribute the same way: policy documents as jsonencode(...) diffs, and an IAM policy's description
// (which forces replacement) as a heredoc or jsonencode(...) carrying "# forces replacement", or
// "# whitespace changes force replacement". Only the string attributes are compared: the two providers plan
// other attributes of a replaced policy differently (tags_all).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { awsProviderMissing, realAwsDir, shareStateWithTerraform } from "../../helpers/aws-provider.js";
import { runTfsim, tempDir } from "../../helpers/cli.js";
import { runTerraform } from "../../helpers/terraform.js";

const config = `
variable "lines" {
  default = "line one\\nline two\\n"
}
variable "doc" {
  default = "{\\"a\\": 1, \\"b\\": [1, 2]}"
}
variable "action" {
  default = "s3:GetObject"
}
variable "service" {
  default = "ec2.amazonaws.com"
}
resource "aws_iam_policy" "lines" {
  name        = "lines"
  description = var.lines
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = [var.action, "s3:ListBucket"], Resource = "*" }]
  })
}
resource "aws_iam_policy" "doc" {
  name        = "doc"
  description = var.doc
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
  })
}
resource "aws_iam_role" "role" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = var.service }, Action = "sts:AssumeRole" }]
  })
}
`;

const shown: [string, string][] = [
  ["aws_iam_policy.lines", "description"],
  ["aws_iam_policy.lines", "policy"],
  ["aws_iam_policy.doc", "description"],
  ["aws_iam_role.role", "assume_role_policy"],
];

/**
 * One attribute's lines in a human plan: its `name = ` line and the lines of its value, or "" when not shown.
 * The lines are found in the text without its colour codes and returned as printed, codes included.
 */
function attributeText(plan: string, addr: string, name: string): string {
  const printed = plan.split("\n");
  const all = plan.replace(/\u001b\[[0-9;]*m/g, "").split("\n");
  const start = all.findIndex((l) => l.startsWith(`  # ${addr} `));
  if (start < 0) return "";
  const end = all.indexOf("    }", start);
  const lines = all.slice(start, end);
  const at = lines.findIndex((l) => new RegExp(`^ {6}[-+~ ] ${name} +=`).test(l));
  if (at < 0) return "";
  const rest = lines.slice(at + 1).findIndex((l) => /^ {6}[-+~ ] \S+ +=/.test(l) || /^ {8}# \(/.test(l));
  return printed.slice(start + at, start + (rest < 0 ? lines.length : at + 1 + rest)).join("\n");
}

describe.skipIf(awsProviderMissing !== undefined)("strings in plans as terraform prints them with hashicorp/aws", () => {
  let tfsimDir: string;
  let tfDir: string;
  let tfEnv: NodeJS.ProcessEnv;
  let tfsimEnv: NodeJS.ProcessEnv;
  /** Each shown string attribute as tfsim and as terraform print it, planned with `vars` (HCL tfvars text). */
  // In colour (no -no-color), tfsim runs with NO_COLOR unset, as terraform colours by default.
  const plan = (vars: string, destroy = false, color = false): { ours: string[]; theirs: string[] } => {
    for (const dir of [tfsimDir, tfDir]) writeFileSync(join(dir, "change.tfvars"), vars);
    const args = ["plan", "-refresh=false", ...(color ? [] : ["-no-color"]), "-input=false", "-var-file=change.tfvars", ...(destroy ? ["-destroy"] : [])];
    const ours = runTfsim(args, { cwd: tfsimDir, env: { ...tfsimEnv, ...(color ? { NO_COLOR: "" } : {}) } });
    expect(ours.code, ours.stdout + ours.stderr).toBe(0);
    const theirs = runTerraform(args, { cwd: tfDir, env: tfEnv });
    expect(theirs.code, theirs.stderr).toBe(0);
    return { ours: shown.map(([a, n]) => attributeText(ours.stdout, a, n)), theirs: shown.map(([a, n]) => attributeText(theirs.stdout, a, n)) };
  };

  beforeAll(() => {
    const home = tempDir("tfsim-strings-home-");
    tfsimEnv = { TFSIM_HOME: home, HOME: home };
    tfsimDir = tempDir("tfsim-strings-cfg-");
    writeFileSync(join(tfsimDir, "main.tf"), `provider "aws" {\n  region = "us-east-1"\n}\n${config}`);
    const applied = runTfsim(["apply", "-auto-approve", "-no-color"], { cwd: tfsimDir, env: tfsimEnv });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);

    ({ dir: tfDir, env: tfEnv } = realAwsDir("tfsim-strings-tf-", config));
    expect(runTerraform(["init", "-input=false"], { cwd: tfDir, env: tfEnv }).code).toBe(0);
    shareStateWithTerraform(tfsimDir, tfDir);
  }, 180_000);

  it("changed lines and members force replacement; policy documents change in place", () => {
    const { ours, theirs } = plan(`lines = "line one\\nline three\\n"\ndoc = "{\\"a\\": 2, \\"b\\": [1, 2]}"\naction = "s3:PutObject"\nservice = "lambda.amazonaws.com"\n`);
    expect(ours[0]).toContain("description      = <<-EOT # forces replacement\n");
    expect(ours[2]).toContain("            } # forces replacement\n");
    expect(ours).toEqual(theirs);
  }, 120_000);

  it("whitespace only: the heredoc's lines unchanged, jsonencode(...) with # whitespace changes force replacement", () => {
    const { ours, theirs } = plan(`lines = "  line one\\nline two\\n\\n"\ndoc = "{ \\"a\\": 1, \\"b\\": [1, 2] }"\n`);
    expect(ours[2]).toContain("jsonencode( # whitespace changes force replacement\n");
    expect(ours).toEqual(theirs);
  }, 120_000);

  it("multi-line to JSON and JSON to one line: the old value removed and the new one added", () => {
    const { ours, theirs } = plan(`lines = "{\\"a\\": 1}"\ndoc = "plain"\n`);
    expect(ours[0]).toContain("        EOT -> jsonencode(\n");
    expect(ours).toEqual(theirs);
  }, 120_000);

  it("in colour: the markers inside heredocs and jsonencode(...), # forces replacement in red, -> null in dark gray", () => {
    const changed = plan(`lines = "line one\\nline three\\n"\ndoc = "{\\"a\\": 2, \\"b\\": [1, 2]}"\naction = "s3:PutObject"\nservice = "lambda.amazonaws.com"\n`, false, true);
    expect(changed.ours[0]).toContain("<<-EOT \u001b[31m# forces replacement\u001b[0m\u001b[0m\n");
    expect(changed.ours).toEqual(changed.theirs);
    const spaces = plan(`lines = "  line one\\nline two\\n\\n"\ndoc = "{ \\"a\\": 1, \\"b\\": [1, 2] }"\n`, false, true);
    expect(spaces.ours).toEqual(spaces.theirs);
    const retyped = plan(`lines = "{\\"a\\": 1}"\ndoc = "plain"\n`, false, true);
    expect(retyped.ours).toEqual(retyped.theirs);
    const destroyed = plan("", true, true);
    expect(destroyed.ours).toEqual(destroyed.theirs);
  }, 240_000);

  it("a destroy: every string removed, -> null after a heredoc and a multi-line jsonencode(...)", () => {
    const { ours, theirs } = plan("", true);
    expect(ours[0]).toContain("        EOT -> null");
    expect(ours).toEqual(theirs);
  }, 120_000);
});
