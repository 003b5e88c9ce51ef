// Terraform itself with the real hashicorp/aws provider (Go's HTTP client, the AWS SDK for Go v2) against a real
// `tfsim cloud serve`: apply, a no-change plan (-detailed-exitcode 0), destroy. The provider's own calls decide
// what is asked: an S3 object (aws-chunked, with a trailing checksum), an IAM user, and a security group, whose
// deletion first lists the network interfaces that use it.
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

it.skipIf(awsProviderMissing !== undefined)("applies, plans no change and destroys S3, IAM and EC2 resources over HTTP", () => {
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
resource "aws_security_group" "ssh" {
  name        = "ssh"
  description = "ssh from the office"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
`,
  );
  const env = { TF_CLI_CONFIG_FILE: join(dir, "cli.tfrc"), AWS_ACCESS_KEY_ID: keys.AccessKeyId, AWS_SECRET_ACCESS_KEY: keys.SecretAccessKey };
  const tf = (args: string[]) => runTerraform(args, { cwd: dir, env });
  const init = tf(["init", "-input=false", "-no-color"]);
  expect(init.code, init.stderr).toBe(0);
  const apply = tf(["apply", "-auto-approve", "-input=false", "-no-color"]);
  expect(apply.code, apply.stdout + apply.stderr).toBe(0);
  expect(apply.stdout).toContain("Apply complete! Resources: 4 added, 0 changed, 0 destroyed.");
  const plan = tf(["plan", "-detailed-exitcode", "-input=false", "-no-color"]);
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  const destroy = tf(["destroy", "-auto-approve", "-input=false", "-no-color"]);
  expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
  expect(destroy.stdout).toContain("Destroy complete! Resources: 4 destroyed.");
});
