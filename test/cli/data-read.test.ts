// Deferred data source reads: a data source whose configuration refers to values not yet known, or whose
// depends_on (or an enclosing module call's) names a managed resource with changes pending (with a custom
// condition: any managed resource it depends on), is planned as a read during apply (` <= data ...`, with
// Terraform's reason comment, -json planned_change reasons, show -json's ["read"] with action_reason), not
// counted in the summary, and read at apply (`Reading...`, `Read complete after 0s [id=...]`). Terraform with
// the real hashicorp/aws provider (offline, from the local mirror) plans the same config as the oracle.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { awsProviderMissing, realAwsDir } from "../helpers/aws-provider.js";
import { runTfsim, tempDir } from "../helpers/cli.js";
import { runTerraform } from "../helpers/terraform.js";

const config = `
resource "aws_iam_user" "u" {
  name = "alice"
}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = [aws_iam_user.u.arn]
  }
}
data "aws_iam_policy_document" "e" {
  depends_on = [aws_iam_user.u]
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "f" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::\${aws_iam_user.u.name}/*"]
  }
  lifecycle {
    postcondition {
      condition     = self.json != ""
      error_message = "empty"
    }
  }
}
output "p" {
  value = data.aws_iam_policy_document.d.json
}
`;

/** The data resources' blocks of a human plan: from the first `# data.` line to the managed resource's. */
function dataBlocks(plan: string): string {
  return plan.slice(plan.indexOf("  # data."), plan.indexOf("  # aws_iam_user.u"));
}

interface JsonResourceChange {
  address: string;
  change: { actions: string[]; after_unknown: unknown };
  action_reason?: string;
}

describe.skipIf(awsProviderMissing !== undefined)("data sources read during apply, as terraform plans them with hashicorp/aws", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let tfDir: string;
  let tfEnv: NodeJS.ProcessEnv;
  const tfsim = (args: string[]): { code: number; stdout: string; stderr: string } => runTfsim(args, { cwd: dir, env });

  beforeAll(() => {
    const home = tempDir("tfsim-dataread-home-");
    env = { TFSIM_HOME: home, HOME: home };
    dir = tempDir("tfsim-dataread-");
    writeFileSync(join(dir, "main.tf"), `provider "aws" {\n  region = "us-east-1"\n}\n${config}`);
    expect(tfsim(["init", "-no-color"]).code).toBe(0);
    ({ dir: tfDir, env: tfEnv } = realAwsDir("tfsim-dataread-tf-", config));
    expect(runTerraform(["init", "-input=false"], { cwd: tfDir, env: tfEnv }).code).toBe(0);
  });

  it("plans each read with its reason, as terraform does, and counts none", () => {
    const ours = tfsim(["plan", "-no-color", "-input=false", "-out=p.bin"]);
    expect(ours.code, ours.stderr).toBe(0);
    const theirs = runTerraform(["plan", "-no-color", "-input=false", "-out=p.bin"], { cwd: tfDir, env: tfEnv });
    expect(theirs.code, theirs.stderr).toBe(0);
    expect(dataBlocks(ours.stdout)).toContain("  # (config refers to values not yet known)\n <= data \"aws_iam_policy_document\" \"d\" {");
    expect(dataBlocks(ours.stdout)).toBe(dataBlocks(theirs.stdout));
    expect(ours.stdout).toContain(" <= read (data resources)\n");
    expect(ours.stdout).toContain("Plan: 1 to add, 0 to change, 0 to destroy.");
    expect(theirs.stdout).toContain("Plan: 1 to add, 0 to change, 0 to destroy.");
    // In colour (terraform's default) too: <= in cyan, the headers bold.
    const ourColor = runTfsim(["plan", "-input=false"], { cwd: dir, env: { ...env, NO_COLOR: "" } });
    const theirColor = runTerraform(["plan", "-input=false"], { cwd: tfDir, env: tfEnv });
    expect(ourColor.stdout).toContain(" \u001b[36m<=\u001b[0m read (data resources)\u001b[0m\n");
    expect(dataBlocks(ourColor.stdout)).toContain(" \u001b[36m<=\u001b[0m\u001b[0m data \"aws_iam_policy_document\" \"d\" {");
    expect(dataBlocks(ourColor.stdout)).toBe(dataBlocks(theirColor.stdout));

    // show -json: the reads' actions, reasons and unknowns as terraform records them.
    const reads = (out: string): Omit<JsonResourceChange, "change">[] =>
      (JSON.parse(out) as { resource_changes: JsonResourceChange[] }).resource_changes.filter((r) => r.address.startsWith("data.")).map((r) => ({ address: r.address, actions: r.change.actions, after_unknown: r.change.after_unknown, action_reason: r.action_reason }));
    const ourShow = tfsim(["show", "-json", "p.bin"]);
    const theirShow = runTerraform(["show", "-json", "p.bin"], { cwd: tfDir, env: tfEnv });
    expect(reads(ourShow.stdout)).toEqual(reads(theirShow.stdout));
    const planned = (out: string): string[] => (JSON.parse(out) as { planned_values: { root_module: { resources: { address: string }[] } } }).planned_values.root_module.resources.map((r) => r.address);
    expect(planned(ourShow.stdout)).toEqual(planned(theirShow.stdout));
  });

  it("-json names each read's reason in its planned_change", () => {
    const changes = (out: string): unknown[] =>
      out
        .split("\n")
        .filter((l) => l.includes('"planned_change"'))
        .map((l) => (JSON.parse(l) as { change: unknown }).change)
        .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    const ours = tfsim(["plan", "-json", "-input=false"]);
    const theirs = runTerraform(["plan", "-json", "-input=false"], { cwd: tfDir, env: tfEnv });
    expect(changes(ours.stdout)).toEqual(changes(theirs.stdout));
    expect(ours.stdout).toContain('"reason":"read_because_dependency_pending"');
  });

  it("apply reads them once what they depend on is applied; the next plan has no changes", () => {
    const applied = tfsim(["apply", "-no-color", "p.bin"]);
    expect(applied.code, applied.stderr).toBe(0);
    const lines = applied.stdout.split("\n");
    const at = (prefix: string): number => lines.findIndex((l) => l.startsWith(prefix));
    for (const n of ["d", "e", "f"]) {
      expect(at(`data.aws_iam_policy_document.${n}: Reading...`)).toBeGreaterThan(at("aws_iam_user.u: Creation complete"));
      expect(lines[at(`data.aws_iam_policy_document.${n}: Read complete after `)]).toMatch(/ after \d+s \[id=\d+\]$/);
    }
    expect(applied.stdout).toContain("Apply complete! Resources: 1 added, 0 changed, 0 destroyed.");
    expect(applied.stdout).toMatch(/Outputs:\n\np = <<EOT\n\{\n/);
    // The output was read from the created user's ARN.
    const state = JSON.parse(readFileSync(join(dir, "terraform.tfstate"), "utf8")) as { outputs: { p: { value: string } } };
    const policy = JSON.parse(state.outputs.p.value) as { Statement: { Action: string; Resource: string }[] };
    expect(policy.Statement[0]!.Action).toBe("s3:GetObject");
    expect(policy.Statement[0]!.Resource).toMatch(/^arn:aws:iam::\d{12}:user\/alice$/);
    const again = tfsim(["plan", "-no-color", "-detailed-exitcode"]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain("No changes.");
  });

  it("-json apply reports each read's apply_start and apply_complete with action read", () => {
    expect(tfsim(["destroy", "-auto-approve", "-no-color"]).code).toBe(0);
    const applied = tfsim(["apply", "-auto-approve", "-json"]);
    expect(applied.code, applied.stderr).toBe(0);
    const hooks = applied.stdout
      .split("\n")
      .filter((l) => l.includes('"apply_') && l.includes("data."))
      .map((l) => JSON.parse(l) as { type: string; "@message": string; hook: { action: string } })
      .map((e) => `${e.type} ${e.hook.action} ${e["@message"].replace(/\[id=\d+\]/, "[id=N]").replace(/ after \d+s /, " after Ns ")}`)
      .sort();
    expect(hooks).toEqual([
      "apply_complete read data.aws_iam_policy_document.d: Read complete after Ns [id=N]",
      "apply_complete read data.aws_iam_policy_document.e: Read complete after Ns [id=N]",
      "apply_complete read data.aws_iam_policy_document.f: Read complete after Ns [id=N]",
      "apply_start read data.aws_iam_policy_document.d: Reading...",
      "apply_start read data.aws_iam_policy_document.e: Reading...",
      "apply_start read data.aws_iam_policy_document.f: Reading...",
    ]);
  });

  it("a data source inside a module call whose depends_on names a changed resource is read during apply", () => {
    const body = `resource "aws_iam_user" "u" {\n  name = "carol"\n}\nmodule "m" {\n  source     = "./m"\n  depends_on = [aws_iam_user.u]\n}\n`;
    const child = `data "aws_iam_policy_document" "g" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["*"]\n  }\n}\n`;
    const home = tempDir("tfsim-dataread-mod-home-");
    const modEnv = { TFSIM_HOME: home, HOME: home };
    const modDir = tempDir("tfsim-dataread-mod-");
    writeFileSync(join(modDir, "main.tf"), `provider "aws" {\n  region = "us-east-1"\n}\n${body}`);
    const { dir: tfModDir, env: tfModEnv } = realAwsDir("tfsim-dataread-mod-tf-", body);
    for (const d of [modDir, tfModDir]) {
      mkdirSync(join(d, "m"));
      writeFileSync(join(d, "m", "main.tf"), child);
    }
    expect(runTfsim(["init", "-no-color"], { cwd: modDir, env: modEnv }).code).toBe(0);
    expect(runTerraform(["init", "-input=false"], { cwd: tfModDir, env: tfModEnv }).code).toBe(0);
    const ours = runTfsim(["plan", "-no-color", "-input=false"], { cwd: modDir, env: modEnv });
    const theirs = runTerraform(["plan", "-no-color", "-input=false"], { cwd: tfModDir, env: tfModEnv });
    const block = (out: string): string => out.slice(out.indexOf("  # module.m.data."), out.indexOf("Plan:"));
    expect(block(ours.stdout)).toContain("  # (depends on a resource or a module with changes pending)\n");
    expect(block(ours.stdout)).toBe(block(theirs.stdout));
    const applied = runTfsim(["apply", "-auto-approve", "-no-color"], { cwd: modDir, env: modEnv });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout.indexOf("module.m.data.aws_iam_policy_document.g: Reading...")).toBeGreaterThan(applied.stdout.indexOf("aws_iam_user.u: Creation complete"));
    expect(runTfsim(["plan", "-no-color", "-detailed-exitcode"], { cwd: modDir, env: modEnv }).code).toBe(0);
  });

  it("a data source read during plan prints Reading... and Read complete, in the human and -json UIs", () => {
    const body = `data "aws_iam_policy_document" "now" {\n  count = 2\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::b\${count.index}/*"]\n  }\n}\n`;
    const home = tempDir("tfsim-dataread-now-home-");
    const nowEnv = { TFSIM_HOME: home, HOME: home };
    const nowDir = tempDir("tfsim-dataread-now-");
    writeFileSync(join(nowDir, "main.tf"), `provider "aws" {\n  region = "us-east-1"\n}\n${body}`);
    const { dir: tfNowDir, env: tfNowEnv } = realAwsDir("tfsim-dataread-now-tf-", body);
    expect(runTfsim(["init", "-no-color"], { cwd: nowDir, env: nowEnv }).code).toBe(0);
    expect(runTerraform(["init", "-input=false"], { cwd: tfNowDir, env: tfNowEnv }).code).toBe(0);
    // The seconds a read took are the machine's (terraform's reads of hashicorp/aws can pass 1 s on a busy one).
    const reads = (out: string): string[] =>
      out
        .split("\n")
        .filter((l) => /: (Reading\.\.\.|Read complete)/.test(l))
        .map((l) => l.replace(/ after \d+s /, " after Ns "))
        .sort();
    const ours = runTfsim(["plan", "-no-color", "-input=false"], { cwd: nowDir, env: nowEnv });
    const theirs = runTerraform(["plan", "-no-color", "-input=false"], { cwd: tfNowDir, env: tfNowEnv });
    expect(reads(ours.stdout)).toHaveLength(4);
    expect(reads(ours.stdout)).toEqual(reads(theirs.stdout));
    const ourColor = runTfsim(["plan", "-input=false"], { cwd: nowDir, env: { ...nowEnv, NO_COLOR: "" } });
    expect(reads(ourColor.stdout)).toContain("\u001b[0m\u001b[1mdata.aws_iam_policy_document.now[0]: Reading...\u001b[0m\u001b[0m");
    expect(reads(ourColor.stdout)).toEqual(reads(runTerraform(["plan", "-input=false"], { cwd: tfNowDir, env: tfNowEnv }).stdout));
    const hooks = (out: string): string[] =>
      out
        .split("\n")
        .filter((l) => l.includes('"apply_'))
        .map((l) => JSON.parse(l) as { type: string; hook: { action: string; id_value?: string; resource: { addr: string } } })
        .map((m) => `${m.type} ${m.hook.action} ${m.hook.resource.addr} ${m.hook.id_value ?? ""}`)
        .sort();
    const ourJson = runTfsim(["plan", "-json", "-input=false"], { cwd: nowDir, env: nowEnv });
    const theirJson = runTerraform(["plan", "-json", "-input=false"], { cwd: tfNowDir, env: tfNowEnv });
    expect(hooks(ourJson.stdout)).toHaveLength(4);
    expect(hooks(ourJson.stdout)).toEqual(hooks(theirJson.stdout));
  });
});
