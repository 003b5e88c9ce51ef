// Which changes force replacement, against the real hashicorp/aws provider: tfsim applies a config of the issue's
// resource types to its embedded cloud; then tfsim and terraform (with hashicorp/aws 5.100.0 from the local
// mirror, offline) each plan changed arguments against that same state without refreshing, and every resource
// must get the same actions and the same replace_paths from both. The plans are read as Terraform's JSON plan
// (`show -json PLANFILE`), which tfsim writes too.
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { amazonX86Ami, awsProviderMissing, offlineAwsProvider, realAwsDir, shareStateWithTerraform } from "../../helpers/aws-provider.js";
import { repoRoot, runTfsim, tempDir } from "../../helpers/cli.js";
import { runTerraform } from "../../helpers/terraform.js";

const variables: Record<string, string> = {
  vpc_cidr: "10.0.0.0/16",
  vpc_tenancy: "default",
  subnet_cidr: "10.0.1.0/24",
  subnet_az: "us-east-1a",
  sg_name: "web",
  sg_description: "web servers",
  rule_port: "443",
  rule_description: "https",
  key_name: "admin",
  instance_type: "t3.micro",
  user_data: "#!/bin/sh\necho one\n",
  volume_size: "8",
  volume_az: "us-east-1a",
  bucket: "tfsim-replace-oracle",
  object_content: "hello",
  object_key: "index.html",
  user_name: "alice",
  user_path: "/",
  group_path: "/",
  role_path: "/",
  role_service: "ec2.amazonaws.com",
  role_max_session: "3600",
  policy_description: "read",
  policy_action: "s3:GetObject",
  profile_path: "/",
  tag: "a",
  ebs_size: "10",
  ebs_tag: "data",
};

const resources = `
variable "ami" {}
${Object.entries(variables)
  .map(([k, v]) => `variable "${k}" {\n  default = ${JSON.stringify(v)}\n}`)
  .join("\n")}

resource "aws_vpc" "v" {
  cidr_block       = var.vpc_cidr
  instance_tenancy = var.vpc_tenancy
  tags             = { Name = var.tag }
}
resource "aws_subnet" "s" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = var.subnet_cidr
  availability_zone = var.subnet_az
}
resource "aws_security_group" "g" {
  name        = var.sg_name
  description = var.sg_description
  vpc_id      = aws_vpc.v.id
}
resource "aws_security_group_rule" "r" {
  type              = "ingress"
  security_group_id = aws_security_group.g.id
  from_port         = var.rule_port
  to_port           = var.rule_port
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}
resource "aws_vpc_security_group_ingress_rule" "i" {
  security_group_id = aws_security_group.g.id
  cidr_ipv4         = "10.0.0.0/8"
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
  description       = var.rule_description
}
resource "aws_key_pair" "k" {
  key_name   = var.key_name
  public_key = file("admin.pub")
}
resource "aws_instance" "w" {
  ami           = var.ami
  instance_type = var.instance_type
  subnet_id     = aws_subnet.s.id
  user_data     = var.user_data
  tags          = { Name = var.tag }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = var.ebs_size
    tags        = { Name = var.ebs_tag }
  }
}
resource "aws_ebs_volume" "d" {
  availability_zone = var.volume_az
  size              = var.volume_size
}
resource "aws_s3_bucket" "b" {
  bucket = var.bucket
}
resource "aws_s3_object" "o" {
  bucket  = aws_s3_bucket.b.id
  key     = var.object_key
  content = var.object_content
}
resource "aws_iam_user" "u" {
  name = var.user_name
  path = var.user_path
}
resource "aws_iam_group" "grp" {
  name = "devs"
  path = var.group_path
}
resource "aws_iam_role" "role" {
  name                 = "app"
  path                 = var.role_path
  max_session_duration = var.role_max_session
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = var.role_service }, Action = "sts:AssumeRole" }]
  })
}
resource "aws_iam_policy" "p" {
  name        = "read"
  description = var.policy_description
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.policy_action, Resource = "*" }]
  })
}
resource "aws_iam_instance_profile" "ip" {
  name = "app"
  path = var.profile_path
  role = aws_iam_role.role.name
}
`;

/** Sets of changes planned together: each argument of a set changed at once; replacements cascade to dependents in both. */
const changes: [string, Record<string, string>][] = [
  [
    "in_place",
    { instance_type: "t3.small", volume_size: "16", user_name: "alice2", user_path: "/team/", group_path: "/team/", role_max_session: "7200", role_service: "lambda.amazonaws.com", tag: "b", rule_description: "ssh", policy_action: "s3:PutObject", ebs_tag: "data2" },
  ],
  [
    "replaced",
    { subnet_cidr: "10.0.2.0/24", sg_description: "other", rule_port: "8443", key_name: "admin2", user_data: "#!/bin/sh\necho two\n", volume_az: "us-east-1b", object_key: "home.html", role_path: "/svc/", policy_description: "other", profile_path: "/svc/" },
  ],
  ["unchanged", { ebs_size: "20", ebs_tag: "other" }],
  ["replaced", { vpc_tenancy: "dedicated", bucket: "tfsim-replace-oracle-2", sg_name: "web2", object_content: "changed" }],
];

interface ChangeSummary {
  [address: string]: { actions: string[]; replace_paths?: unknown };
}

function summary(planJson: string): ChangeSummary {
  const plan = JSON.parse(planJson) as { resource_changes?: { address: string; change: { actions: string[]; replace_paths?: unknown } }[] };
  return Object.fromEntries(
    (plan.resource_changes ?? []).map((r) => [
      r.address,
      // The order of replace_paths is the provider's own and means nothing.
      { actions: r.change.actions, ...(r.change.replace_paths ? { replace_paths: [...(r.change.replace_paths as unknown[])].map((p) => JSON.stringify(p)).sort() } : {}) },
    ]),
  );
}

function varArgs(vars: Record<string, string>): string[] {
  return Object.entries(vars).map(([k, v]) => `-var=${k}=${v}`);
}

describe.skipIf(awsProviderMissing !== undefined)("forces replacement as hashicorp/aws 5.100.0 does", () => {
  let tfsimDir: string;
  let tfDir: string;
  let tfEnv: NodeJS.ProcessEnv;
  let tfsimEnv: NodeJS.ProcessEnv;
  let ami: string;

  beforeAll(() => {
    const home = tempDir("tfsim-replace-home-");
    tfsimEnv = { TFSIM_HOME: home, HOME: home };
    ami = amazonX86Ami(home);

    tfsimDir = tempDir("tfsim-replace-cfg-");
    writeFileSync(join(tfsimDir, "main.tf"), `provider "aws" {\n  region = "us-east-1"\n}\n${resources}`);
    cpSync(join(repoRoot, "examples/quickstart/admin.pub"), join(tfsimDir, "admin.pub"));
    const applied = runTfsim(["apply", "-auto-approve", "-no-color", `-var=ami=${ami}`], { cwd: tfsimDir, env: tfsimEnv });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);

    ({ dir: tfDir, env: tfEnv } = realAwsDir("tfsim-replace-tf-", resources));
    expect(offlineAwsProvider).toContain("skip_credentials_validation");
    cpSync(join(repoRoot, "examples/quickstart/admin.pub"), join(tfDir, "admin.pub"));
    expect(runTerraform(["init", "-input=false"], { cwd: tfDir, env: tfEnv }).code).toBe(0);
    // The same state for both: what tfsim recorded after applying.
    shareStateWithTerraform(tfsimDir, tfDir);
  }, 180_000);

  it("with nothing changed, neither plans a change", () => {
    const ours = runTfsim(["plan", "-refresh=false", "-no-color", "-detailed-exitcode", `-var=ami=${ami}`], { cwd: tfsimDir, env: tfsimEnv });
    expect(ours.code, ours.stdout + ours.stderr).toBe(0);
    const theirs = runTerraform(["plan", "-refresh=false", "-no-color", "-input=false", `-var=ami=${ami}`, "-out=none.tfplan"], { cwd: tfDir, env: tfEnv });
    expect(theirs.code, theirs.stderr).toBe(0);
    const changed = Object.entries(summary(runTerraform(["show", "-json", "none.tfplan"], { cwd: tfDir, env: tfEnv }).stdout)).filter(([, c]) => c.actions.join() !== "no-op");
    expect(changed).toEqual([]);
  }, 120_000);

  for (const [label, vars] of changes) {
    it(`${label}: ${Object.keys(vars).join(", ")}`, () => {
      const args = ["plan", "-refresh=false", "-no-color", "-input=false", `-var=ami=${ami}`, ...varArgs(vars), "-out=x.tfplan"];
      const ours = runTfsim(args, { cwd: tfsimDir, env: tfsimEnv });
      expect(ours.code, ours.stdout + ours.stderr).toBe(0);
      const theirs = runTerraform(args, { cwd: tfDir, env: tfEnv });
      expect(theirs.code, theirs.stderr).toBe(0);
      const a = summary(runTfsim(["show", "-json", "x.tfplan"], { cwd: tfsimDir, env: tfsimEnv }).stdout);
      const b = summary(runTerraform(["show", "-json", "x.tfplan"], { cwd: tfDir, env: tfEnv }).stdout);
      expect(a).toEqual(b);
    }, 120_000);
  }
});
