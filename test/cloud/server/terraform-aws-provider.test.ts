// Terraform itself with the real hashicorp/aws provider (Go's HTTP client, the AWS SDK for Go v2) against a real
// `tfsim cloud serve`: apply, a no-change plan (-detailed-exitcode 0), destroy. The provider's own calls decide
// what is asked: an S3 object, an IAM user, a role and instance profile, the default VPC (data source) and a
// security group in it, a VPC with a subnet and a security group
// (whose deletion first lists the network interfaces that use it), a key pair, a t3.micro instance (its CPU credit
// option is read back; its Placement zone is sent empty) and a volume attached to it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { awsProviderMissing } from "../../helpers/aws-provider.js";
import { tempDir } from "../../helpers/cli.js";
import { runTerraform } from "../../helpers/terraform.js";
import { rootKeys, serve, type Keys, type Served } from "./serve.js";

let server: Served;
let keys: Keys;

beforeAll(async () => {
  if (awsProviderMissing) return;
  const home = tempDir("tfsim-tf-aws-");
  server = await serve(home);
  keys = rootKeys(home);
});

afterAll(async () => {
  await server?.stop();
});

it.skipIf(awsProviderMissing !== undefined)("applies, plans no change and destroys S3, IAM and EC2 resources over HTTP", { timeout: 600_000 }, () => {
  const dir = tempDir("tfsim-tf-aws-cfg-");
  writeFileSync(join(dir, "cli.tfrc"), `provider_installation {\n  filesystem_mirror {\n    path = "/opt/tf-plugins"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`);
  writeFileSync(
    join(dir, "main.tf"),
    `terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
provider "aws" {
  region                      = "us-east-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  s3_use_path_style           = true
  endpoints {
    s3  = "${server.url}"
    iam = "${server.url}"
    sts = "${server.url}"
    ec2 = "${server.url}"
  }
}
resource "aws_s3_bucket" "site" { bucket = "tf-http-check" }
resource "aws_s3_object" "page" {
  bucket  = aws_s3_bucket.site.id
  key     = "index.html"
  content = join("", [for i in range(1000) : "0123456789abcdefghij"])
}
resource "aws_iam_user" "dev" { name = "dev" }
data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}
data "aws_vpc" "default" { default = true }
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "us-east-1a"
}
resource "aws_security_group" "in_default_vpc" {
  name   = "in-default-vpc"
  vpc_id = data.aws_vpc.default.id
}
resource "aws_security_group" "ssh" {
  name        = "ssh"
  description = "ssh from the office"
  vpc_id      = aws_vpc.main.id
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_instance_profile" "app" {
  name = "app"
  role = aws_iam_role.app.name
}
resource "aws_key_pair" "me" {
  key_name   = "me"
  public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ1mR2x6V7i1QpZk1k4WmJpPzVZlq0mE9m9gq2m5p5kD me@laptop"
}
resource "aws_instance" "web" {
  ami                    = data.aws_ami.al2023.id
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.a.id
  vpc_security_group_ids = [aws_security_group.ssh.id]
  key_name               = aws_key_pair.me.key_name
  iam_instance_profile   = aws_iam_instance_profile.app.name
  tags                   = { Name = "web" }
}
resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 10
  type              = "gp3"
}
resource "aws_volume_attachment" "data" {
  device_name = "/dev/sdf"
  volume_id   = aws_ebs_volume.data.id
  instance_id = aws_instance.web.id
}
`,
  );
  const env = { TF_CLI_CONFIG_FILE: join(dir, "cli.tfrc"), AWS_ACCESS_KEY_ID: keys.AccessKeyId, AWS_SECRET_ACCESS_KEY: keys.SecretAccessKey };
  const tf = (args: string[]) => runTerraform(args, { cwd: dir, env });
  const init = tf(["init", "-input=false", "-no-color"]);
  expect(init.code, init.stderr).toBe(0);
  const apply = tf(["apply", "-auto-approve", "-input=false", "-no-color"]);
  expect(apply.code, apply.stdout + apply.stderr).toBe(0);
  expect(apply.stdout).toContain("Apply complete! Resources: 13 added, 0 changed, 0 destroyed.");
  const plan = tf(["plan", "-detailed-exitcode", "-input=false", "-no-color"]);
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  const destroy = tf(["destroy", "-auto-approve", "-input=false", "-no-color"]);
  expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
  expect(destroy.stdout).toContain("Destroy complete! Resources: 13 destroyed.");
});
