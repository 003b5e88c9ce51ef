// Tainted objects against Terraform 1.11: `taint`/`untaint`, and a state whose object is tainted (as a create
// that failed after the object existed leaves it) plans a replacement ("is tainted, so must be replaced", reason "tainted" in -json,
// replace_because_tainted in show -json), `state show` marks it, and apply replaces it and clears the mark.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openCloud } from "../../src/cloud/index.js";
import { runTfsim, tempDir } from "../helpers/cli.js";
import { runTerraform, terraformMissing } from "../helpers/terraform.js";
import { normalise, pair } from "./engine/oracle.js";

const TIMEOUT = 120_000;

describe.skipIf(terraformMissing)("tainted objects match terraform", () => {
  it("plans the replacement of a tainted object, shows it in state show and -json, and apply clears it", { timeout: TIMEOUT }, () => {
    const dir = tempDir();
    writeFileSync(join(dir, "main.tf"), `resource "terraform_data" "a" {\n  input = "x"\n}\nresource "terraform_data" "b" {\n  input = terraform_data.a.output\n}\n`);
    const p = pair(dir);
    expect(runTerraform(["apply", "-auto-approve"], { cwd: p.terraform }).code).toBe(0);
    // The same state in both directories, then each tool taints it.
    copyFileSync(join(p.terraform, "terraform.tfstate"), join(p.tfsim, "terraform.tfstate"));
    for (const args of [["taint", "terraform_data.a"], ["untaint", "terraform_data.b"], ["taint", "terraform_data.zz"], ["taint", "-allow-missing", "terraform_data.zz"], ["untaint", "terraform_data.a"], ["taint", "terraform_data.a"]]) {
      const r = p.run([args[0]!, "-no-color", ...args.slice(1)]);
      const words = (s: string) => s.replace(/Terraform/g, "tfsim").replace(/terraform apply/g, "tfsim apply").replace(/\s+/g, " ");
      expect({ args, code: r.tfsim.code, out: r.tfsim.stdout, err: words(r.tfsim.stderr) }).toEqual({ args, code: r.terraform.code, out: r.terraform.stdout, err: words(r.terraform.stderr) });
    }
    expect(readFileSync(join(p.tfsim, "terraform.tfstate"), "utf8")).toContain('"status": "tainted"');
    for (const args of [["plan", "-detailed-exitcode", "-no-color"], ["state", "show", "terraform_data.a"]]) {
      const r = p.run(args);
      expect({ args, code: r.tfsim.code, out: normalise(r.tfsim.stdout), err: r.tfsim.stderr }).toEqual({ args, code: r.terraform.code, out: normalise(r.terraform.stdout), err: r.terraform.stderr });
    }
    const j = p.run(["plan", "-json"]);
    const changes = (s: string) => s.split("\n").filter((l) => l.includes('"planned_change"')).map((l) => (JSON.parse(l) as { change: unknown }).change);
    expect(changes(j.tfsim.stdout)).toEqual(changes(j.terraform.stdout));
    const saved = p.run(["plan", "-out=p.plan", "-no-color"]);
    expect(saved.tfsim.code).toBe(0);
    const shown = p.run(["show", "-json", "p.plan"]);
    const rc = (s: string) => (JSON.parse(s) as { resource_changes: unknown }).resource_changes;
    expect(normalise(JSON.stringify(rc(shown.tfsim.stdout)))).toEqual(normalise(JSON.stringify(rc(shown.terraform.stdout))));
    const r = p.run(["apply", "-auto-approve", "-no-color"]);
    expect({ code: r.tfsim.code, out: normalise(r.tfsim.stdout) }).toEqual({ code: r.terraform.code, out: normalise(r.terraform.stdout) });
    expect(readFileSync(join(p.tfsim, "terraform.tfstate"), "utf8")).not.toContain("tainted");
    expect(p.states().tfsim).toEqual(p.states().terraform);
  });
});

describe("a create that fails once its object exists leaves it tainted", () => {
  it("an S3 bucket whose tagging is denied: tainted in state, replaced by the next apply", { timeout: TIMEOUT }, () => {
    const home = tempDir("tfsim-taint-home-");
    const cwd = tempDir("tfsim-taint-cfg-");
    const cloud = openCloud({ home });
    try {
      const root = (service: string, action: string, params: Record<string, unknown>) => cloud.call({ credentials: cloud.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service, action, params });
      expect(root("iam", "CreateUser", { UserName: "deployer" }).ok).toBe(true);
      const policy = (deny: boolean) =>
        JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }, ...(deny ? [{ Effect: "Deny", Action: "s3:PutBucketTagging", Resource: "*" }] : [])] });
      expect(root("iam", "PutUserPolicy", { UserName: "deployer", PolicyName: "s3", PolicyDocument: policy(true) }).ok).toBe(true);
      const key = root("iam", "CreateAccessKey", { UserName: "deployer" });
      if (!key.ok) throw new Error("no access key");
      const ak = (key.output as { AccessKey: { AccessKeyId: string; SecretAccessKey: string } }).AccessKey;
      const env = { TFSIM_HOME: home, HOME: home, AWS_ACCESS_KEY_ID: ak.AccessKeyId, AWS_SECRET_ACCESS_KEY: ak.SecretAccessKey };
      writeFileSync(join(cwd, "main.tf"), `provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "tainted-demo"\n  tags = {\n    team = "web"\n  }\n}\n`);
      const first = runTfsim(["apply", "-auto-approve", "-no-color"], { cwd, env });
      expect(first.code).toBe(1);
      expect(first.stderr).toContain("Error: setting S3 Bucket (tainted-demo) tags:");
      expect(first.stderr).toContain("AccessDenied");
      // The bucket exists, and the state records it, tainted.
      expect(root("s3", "HeadBucket", { Bucket: "tainted-demo" }).ok).toBe(true);
      const state = JSON.parse(readFileSync(join(cwd, "terraform.tfstate"), "utf8")) as { resources: { instances: { status?: string; attributes: { id: string } }[] }[] };
      expect(state.resources[0]!.instances[0]).toMatchObject({ status: "tainted", attributes: { id: "tainted-demo" } });
      const shown = runTfsim(["state", "show", "aws_s3_bucket.b"], { cwd, env });
      expect(shown.stdout.split("\n")[0]).toBe("# aws_s3_bucket.b: (tainted)");
      const plan = runTfsim(["plan", "-no-color", "-detailed-exitcode"], { cwd, env });
      expect(plan.code).toBe(2);
      expect(plan.stdout).toContain("  # aws_s3_bucket.b is tainted, so must be replaced\n-/+ resource \"aws_s3_bucket\" \"b\" {");
      expect(plan.stdout).toContain("Plan: 1 to add, 0 to change, 1 to destroy.");
      // With tagging allowed, the next apply replaces the tainted bucket and the mark is gone.
      expect(root("iam", "PutUserPolicy", { UserName: "deployer", PolicyName: "s3", PolicyDocument: policy(false) }).ok).toBe(true);
      const second = runTfsim(["apply", "-auto-approve", "-no-color"], { cwd, env });
      expect(second.code, second.stdout + second.stderr).toBe(0);
      expect(second.stdout).toContain("Apply complete! Resources: 1 added, 0 changed, 1 destroyed.");
      expect(readFileSync(join(cwd, "terraform.tfstate"), "utf8")).not.toContain("tainted\"");
      expect(runTfsim(["plan", "-no-color", "-detailed-exitcode"], { cwd, env }).code).toBe(0);
    } finally {
      cloud.close();
    }
  });
});
