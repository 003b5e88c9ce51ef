// import blocks with the aws provider against the embedded cloud: an IAM user made outside tfsim (as with the
// aws CLI) is imported by its name, recorded by apply and then managed; an ID with no object behind it is
// Terraform's "Cannot import non-existent remote object" for the target's address. (The same configuration
// run by terraform with hashicorp/aws 5.100.0 against `tfsim cloud serve` prints the same plan shape.)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openCloud } from "../../src/cloud/index.js";
import { runTfsim, tempDir } from "../helpers/cli.js";

const PROVIDER = `provider "aws" {\n  region = "us-east-1"\n}\n`;

describe("import blocks with the aws provider", () => {
  it("imports an existing IAM user, applies, then plans no changes; a missing one is Terraform's error", { timeout: 120_000 }, () => {
    const home = tempDir("tfsim-import-home-");
    const cwd = tempDir("tfsim-import-cfg-");
    const env = { TFSIM_HOME: home, HOME: home };
    const cloud = openCloud({ home });
    try {
      const made = cloud.call({ credentials: cloud.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "iam", action: "CreateUser", params: { UserName: "alice", Tags: [{ Key: "team", Value: "web" }] } });
      expect(made.ok).toBe(true);
    } finally {
      cloud.close();
    }
    const user = `resource "aws_iam_user" "u" {\n  name = "alice"\n  tags = {\n    team = "web"\n  }\n}\n`;
    writeFileSync(join(cwd, "main.tf"), `${PROVIDER}variable "who" {\n  default = "alice"\n}\nimport {\n  to = aws_iam_user.u\n  id = var.who\n}\n${user}`);
    const plan = runTfsim(["plan", "-no-color", "-detailed-exitcode"], { cwd, env });
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain("aws_iam_user.u: Preparing import... [id=alice]\naws_iam_user.u: Refreshing state... [id=alice]\n");
    expect(plan.stdout).toContain('  # aws_iam_user.u will be imported\n    resource "aws_iam_user" "u" {\n        arn ');
    expect(plan.stdout).toContain("Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.");
    const apply = runTfsim(["apply", "-auto-approve", "-no-color"], { cwd, env });
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain("aws_iam_user.u: Importing... [id=alice]\naws_iam_user.u: Import complete [id=alice]\n");
    expect(apply.stdout).toContain("Apply complete! Resources: 1 imported, 0 added, 0 changed, 0 destroyed.");
    const state = JSON.parse(readFileSync(join(cwd, "terraform.tfstate"), "utf8")) as { resources: { type: string; instances: { attributes: { id: string; arn: string } }[] }[] };
    expect(state.resources.map((r) => [r.type, r.instances[0]!.attributes.id])).toEqual([["aws_iam_user", "alice"]]);
    expect(state.resources[0]!.instances[0]!.attributes.arn).toMatch(/^arn:aws:iam::\d{12}:user\/alice$/);
    expect(runTfsim(["plan", "-no-color", "-detailed-exitcode"], { cwd, env }).code).toBe(0);

    writeFileSync(join(cwd, "main.tf"), `${PROVIDER}${user}import {\n  to = aws_iam_user.v\n  id = "nobody"\n}\nresource "aws_iam_user" "v" {\n  name = "nobody"\n}\n`);
    // `tfsim import` configures the provider from the provider block too, and says the same of a missing object.
    const cmd = runTfsim(["import", "aws_iam_user.v", "nobody"], { cwd, env });
    expect(cmd.code).toBe(1);
    expect(cmd.stdout).toContain("aws_iam_user.v: Importing from ID \"nobody\"...\naws_iam_user.v: Import prepared!\n  Prepared aws_iam_user for import\n");
    expect(cmd.stderr).toContain("Error: Cannot import non-existent remote object");
    const missing = runTfsim(["plan", "-no-color"], { cwd, env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Error: Cannot import non-existent remote object");
    expect(missing.stderr.replace(/\s+/g, " ")).toContain('While attempting to import an existing object to "aws_iam_user.v", the provider detected that no object exists with the given id.');
  });
});
