// The real hashicorp/aws provider (5.100.0) from the local plugin mirror, for oracle tests: a temp directory
// whose CLI configuration installs it offline, and a provider block that needs no network (fake keys, every
// credentials and metadata check skipped), enough for its schema and for offline data sources.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openCloud } from "../../src/cloud/index.js";
import { tempDir } from "./cli.js";
import { terraformMissing } from "./terraform.js";

const mirror = "/opt/tf-plugins";

/** Why oracle tests against hashicorp/aws are skipped, or undefined when terraform and the mirror are here. */
export const awsProviderMissing: string | undefined =
  terraformMissing ?? (existsSync(join(mirror, "registry.terraform.io/hashicorp/aws")) ? undefined : "no local mirror of hashicorp/aws");

export const offlineAwsProvider = `terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
provider "aws" {
  region = "us-east-1"
  access_key = "AKIAEXAMPLE"
  secret_key = "x"
  skip_credentials_validation = true
  skip_requesting_account_id = true
  skip_metadata_api_check = true
}
`;

/** A temp directory with `main.tf` = the offline provider block + `body`; `env` for runTerraform there. */
export function realAwsDir(prefix: string, body = ""): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir(prefix);
  writeFileSync(join(dir, "cli.tfrc"), `provider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`);
  writeFileSync(join(dir, "main.tf"), offlineAwsProvider + body);
  return { dir, env: { TF_CLI_CONFIG_FILE: join(dir, "cli.tfrc") } };
}

/** An x86_64 Amazon image of the simulated cloud in `home`, for aws_instance.ami in oracle configs. */
export function amazonX86Ami(home: string): string {
  const cloud = openCloud({ home });
  const images = cloud.call({ credentials: cloud.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "ec2", action: "DescribeImages", params: { Owners: ["amazon"] } });
  cloud.close();
  return ((images.ok ? images.output.Images : []) as { ImageId: string; Architecture: string }[]).find((i) => i.Architecture === "x86_64")!.ImageId;
}

/**
 * Copies the state tfsim recorded in `from` to `to`, for terraform to plan against. tfsim does not keep
 * aws_iam_role's deprecated managed_policy_arns (the real provider reads it back, which shows attachments made by
 * other resources as drift); the copy gets the value the real provider would have recorded, no attached policies.
 */
export function shareStateWithTerraform(from: string, to: string): void {
  const state = JSON.parse(readFileSync(join(from, "terraform.tfstate"), "utf8")) as { resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[] };
  for (const r of state.resources) if (r.type === "aws_iam_role") for (const i of r.instances) i.attributes.managed_policy_arns = [];
  writeFileSync(join(to, "terraform.tfstate"), JSON.stringify(state));
}
