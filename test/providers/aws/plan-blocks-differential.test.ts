// Nested blocks in the human plan, against terraform with the real hashicorp/aws provider (5.100.0, offline from
// the local mirror): tfsim applies an aws_instance with root_block_device and ebs_block_device to its embedded
// cloud; then tfsim and terraform each plan against that same state without refreshing, and print the blocks the
// same way (`- ebs_block_device {`, `~ root_block_device {`, `# (1 unchanged block hidden)`). The two schemas
// differ in their top-level attributes, so an update compares what follows them: the blocks. `state show` of that
// state prints the same text.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { amazonX86Ami, awsProviderMissing, realAwsDir } from "../../helpers/aws-provider.js";
import { runTfsim, tempDir } from "../../helpers/cli.js";
import { runTerraform } from "../../helpers/terraform.js";

const config = `
variable "ami" {}
variable "root_size" {
  default = 10
}
resource "aws_instance" "w" {
  ami           = var.ami
  instance_type = "t3.micro"
  root_block_device {
    volume_size           = var.root_size
    delete_on_termination = true
  }
  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 10
    tags        = { Name = "data" }
  }
}
`;

/** The resource block of a human plan, from its `# aws_instance.w` line to its closing brace. */
function resourceBlock(plan: string): string {
  const start = plan.indexOf("  # aws_instance.w");
  return plan.slice(start, plan.indexOf("\n    }\n", start) + 6);
}

/** The nested blocks of a resource block: what follows the blank line after its attributes. */
function nestedBlocks(block: string): string {
  return block.slice(block.indexOf("\n\n"));
}

describe.skipIf(awsProviderMissing !== undefined)("nested blocks in plans as terraform prints them with hashicorp/aws", () => {
  let tfsimDir: string;
  let tfDir: string;
  let tfEnv: NodeJS.ProcessEnv;
  let tfsimEnv: NodeJS.ProcessEnv;
  let ami: string;
  // In colour (no -no-color), tfsim runs with NO_COLOR unset, as terraform colours by default.
  const plan = (vars: string[], destroy = false, color = false): [string, string] => {
    const args = ["plan", "-refresh=false", ...(color ? [] : ["-no-color"]), "-input=false", `-var=ami=${ami}`, ...vars, ...(destroy ? ["-destroy"] : [])];
    const ours = runTfsim(args, { cwd: tfsimDir, env: { ...tfsimEnv, ...(color ? { NO_COLOR: "" } : {}) } });
    expect(ours.code, ours.stdout + ours.stderr).toBe(0);
    const theirs = runTerraform(args, { cwd: tfDir, env: tfEnv });
    expect(theirs.code, theirs.stderr).toBe(0);
    return [resourceBlock(ours.stdout), resourceBlock(theirs.stdout)];
  };

  beforeAll(() => {
    const home = tempDir("tfsim-blocks-home-");
    tfsimEnv = { TFSIM_HOME: home, HOME: home };
    ami = amazonX86Ami(home);

    tfsimDir = tempDir("tfsim-blocks-cfg-");
    writeFileSync(join(tfsimDir, "main.tf"), `provider "aws" {\n  region = "us-east-1"\n}\n${config}`);
    const applied = runTfsim(["apply", "-auto-approve", "-no-color", `-var=ami=${ami}`], { cwd: tfsimDir, env: tfsimEnv });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);

    ({ dir: tfDir, env: tfEnv } = realAwsDir("tfsim-blocks-tf-", config));
    expect(runTerraform(["init", "-input=false"], { cwd: tfDir, env: tfEnv }).code).toBe(0);
    // One state for both. Where tfsim records null and the real provider plans a value (an EBS volume's
    // throughput 0), the state gets the provider's value, so that neither plans a change the other does not.
    const state = JSON.parse(readFileSync(join(tfsimDir, "terraform.tfstate"), "utf8")) as { resources: { instances: { attributes: Record<string, { [k: string]: unknown }[]> }[] }[] };
    const attrs = state.resources[0]!.instances[0]!.attributes;
    attrs.ebs_block_device![0]!.throughput = 0;
    for (const dir of [tfsimDir, tfDir]) writeFileSync(join(dir, "terraform.tfstate"), JSON.stringify(state));
  }, 180_000);

  it("a destroy: every block deleted, its attributes `-> null`, empty strings counted as unchanged", () => {
    const [ours, theirs] = plan([], true);
    expect(ours).toContain("      - ebs_block_device {\n");
    expect(ours).toContain("            # (2 unchanged attributes hidden)\n");
    expect(ours).toBe(theirs);
  }, 120_000);

  it("an update of one block: `~ root_block_device {`, its unchanged attributes and the other block hidden", () => {
    const [ours, theirs] = plan(["-var=root_size=20"]);
    expect(nestedBlocks(ours)).toContain("      ~ root_block_device {\n");
    expect(nestedBlocks(ours)).toContain("\n        # (1 unchanged block hidden)\n");
    // hashicorp/aws plans a root volume's unset tags as {} (shown, as tags always are); tfsim's provider keeps
    // them null: a difference of providers, not of rendering, so that one line is left out of terraform's.
    expect(nestedBlocks(ours)).toBe(nestedBlocks(theirs).replace(/\n {10}\+ tags {18}= \{\}(?=\n)/, ""));
  }, 120_000);

  it("state show: the blocks after the attributes, every attribute shown, map keys quoted", () => {
    const ours = runTfsim(["state", "show", "-no-color", "aws_instance.w"], { cwd: tfsimDir, env: tfsimEnv });
    expect(ours.code, ours.stderr).toBe(0);
    const theirs = runTerraform(["state", "show", "-no-color", "aws_instance.w"], { cwd: tfDir, env: tfEnv });
    expect(theirs.code, theirs.stderr).toBe(0);
    expect(ours.stdout).toContain('\n\n    root_block_device {\n        delete_on_termination = true\n');
    expect(ours.stdout).toContain('        kms_key_id            = null\n');
    expect(ours.stdout).toBe(theirs.stdout);
  }, 120_000);

  it("in colour: the blocks' markers, hidden counts and -> null, and state show's nulls, coloured as terraform colours them", () => {
    const [ours, theirs] = plan([], true, true);
    expect(ours).toContain("      \u001b[31m-\u001b[0m\u001b[0m ebs_block_device {\n");
    expect(ours).toBe(theirs);
    const [updated, theirUpdate] = plan(["-var=root_size=20"], false, true);
    expect(nestedBlocks(updated)).toContain("      \u001b[33m~\u001b[0m\u001b[0m root_block_device {\n");
    expect(nestedBlocks(updated)).toBe(nestedBlocks(theirUpdate).replace(/\n {10}\u001b\[32m\+\u001b\[0m\u001b\[0m tags {18}= \{\}(?=\n)/, ""));
    const shown = runTfsim(["state", "show", "aws_instance.w"], { cwd: tfsimDir, env: { ...tfsimEnv, NO_COLOR: "" } });
    expect(shown.stdout).toContain("kms_key_id            = \u001b[90mnull\u001b[0m\u001b[0m\n");
    expect(shown.stdout).toBe(runTerraform(["state", "show", "aws_instance.w"], { cwd: tfDir, env: tfEnv }).stdout);
  }, 120_000);
});
