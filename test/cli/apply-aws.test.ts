// `tfsim apply` with the AWS provider through the real CLI: provider blocks configured, nested blocks and
// attributes-as-blocks decoded, data sources read during plan (or apply when unknown), re-plan clean, destroy;
// what exists is checked in the embedded cloud's own account, not through the CLI.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openCloud, type LocalCloud } from "../../src/cloud/index.js";
import { repoRoot, runTfsim, tempDir } from "../helpers/cli.js";

const opened: LocalCloud[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});

function setup(example?: string): { cwd: string; env: NodeJS.ProcessEnv; cloud: () => LocalCloud } {
  const home = tempDir("tfsim-aws-home-");
  const cwd = join(tempDir("tfsim-aws-cfg-"), "cfg");
  if (example) cpSync(join(repoRoot, "examples", example), cwd, { recursive: true });
  else mkdirSync(cwd);
  return {
    cwd,
    env: { TFSIM_HOME: home, HOME: home },
    cloud: () => {
      const c = openCloud({ home });
      opened.push(c);
      return c;
    },
  };
}

function iam(cloud: LocalCloud, action: string, params: Record<string, unknown>): { ok: boolean; code?: string } {
  const r = cloud.call({ credentials: cloud.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "iam", action, params });
  return r.ok ? { ok: true } : { ok: false, code: r.error.code };
}

function ok(r: { code: number; stdout: string; stderr: string }): string {
  expect(r.stderr.replace(/Warning: Using root credentials[\s\S]*?needs\.\n?/g, "").trim(), r.stdout + r.stderr).not.toMatch(/Error/);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return r.stdout;
}

describe("apply with the aws provider", () => {
  it("iam user + jsonencode policy + attachment: apply, no changes, destroy", () => {
    const t = setup();
    writeFileSync(
      join(t.cwd, "main.tf"),
      `provider "aws" {
  region = "us-east-1"
}
resource "aws_iam_user" "u" {
  name = "deployer"
}
resource "aws_iam_policy" "p" {
  name = "deployer-read"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }]
  })
}
resource "aws_iam_user_policy_attachment" "a" {
  user       = aws_iam_user.u.name
  policy_arn = aws_iam_policy.p.arn
}
output "arn" { value = aws_iam_user.u.arn }
`,
    );
    ok(runTfsim(["init"], t));
    const applied = ok(runTfsim(["apply", "-auto-approve"], t));
    expect(applied).toContain("Apply complete! Resources: 3 added, 0 changed, 0 destroyed.");
    expect(applied).toMatch(/arn = "arn:aws:iam::\d{12}:user\/deployer"/);
    expect(iam(t.cloud(), "GetUser", { UserName: "deployer" }).ok).toBe(true);
    expect(ok(runTfsim(["plan"], t))).toContain("No changes.");
    expect(ok(runTfsim(["destroy", "-auto-approve"], t))).toContain("Destroy complete! Resources: 3 destroyed.");
    expect(iam(t.cloud(), "GetUser", { UserName: "deployer" }).code).toBe("NoSuchEntity");
  });

  it("examples/iam-least-privilege: data sources (policy documents, caller identity), apply, no changes, destroy", () => {
    const t = setup("iam-least-privilege");
    ok(runTfsim(["init"], t));
    const applied = ok(runTfsim(["apply", "-auto-approve"], t));
    expect(applied).toContain("Apply complete! Resources: 12 added, 0 changed, 0 destroyed.");
    expect(applied).toMatch(/account_id = "\d{12}"/);
    expect(iam(t.cloud(), "GetRole", { RoleName: "operator" }).ok).toBe(true);
    expect(ok(runTfsim(["plan"], t))).toContain("No changes.");
    expect(ok(runTfsim(["destroy", "-auto-approve"], t))).toContain("Destroy complete! Resources: 12 destroyed.");
    expect(iam(t.cloud(), "GetRole", { RoleName: "operator" }).code).toBe("NoSuchEntity");
  });

  it("examples/quickstart (-chdir): data sources, nested blocks, file(), path.module; no changes after apply", () => {
    const t = setup("quickstart");
    const chdir = `-chdir=${t.cwd}`;
    ok(runTfsim([chdir, "init"], { env: t.env }));
    const applied = ok(runTfsim([chdir, "apply", "-auto-approve"], { env: t.env }));
    expect(applied).toContain("Apply complete! Resources: 5 added, 0 changed, 0 destroyed.");
    expect(applied).toMatch(/instance_id = "i-[0-9a-f]{17}"/);
    expect(ok(runTfsim([chdir, "plan"], { env: t.env }))).toContain("No changes.");
    expect(ok(runTfsim([chdir, "destroy", "-auto-approve"], { env: t.env }))).toContain("Destroy complete! Resources: 5 destroyed.");
  });

  it("examples/modules: one local module with for_each for three environments, applied and destroyed", () => {
    const t = setup("modules");
    expect(ok(runTfsim(["init", "-no-color"], t))).toContain("Initializing modules...\n- app in modules/app\n");
    const applied = ok(runTfsim(["apply", "-auto-approve", "-no-color"], t));
    expect(applied).toContain("Apply complete! Resources: 6 added, 0 changed, 0 destroyed.");
    expect(applied).toMatch(/module\.app\["prod"\]\.aws_instance\.app: Creation complete after \d+s \[id=i-[0-9a-f]{17}\]/);
    const ids = JSON.parse(ok(runTfsim(["output", "-json", "instance_ids"], t))) as Record<string, string>;
    expect(Object.keys(ids).sort()).toEqual(["dev", "prod", "staging"]);
    const ec2 = (action: string, params: Record<string, unknown>): Record<string, unknown> => {
      const c = t.cloud();
      const r = c.call({ credentials: c.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "ec2", action, params });
      expect(r.ok).toBe(true);
      return r.ok ? r.output : {};
    };
    const described = JSON.stringify(ec2("DescribeInstances", { InstanceIds: [ids.prod] }));
    expect(described).toContain("t3.medium");
    expect(described).toContain("app-prod");
    expect(ok(runTfsim(["state", "list"], t)).split("\n")).toContain('module.app["staging"].aws_security_group.app');
    expect(ok(runTfsim(["destroy", "-auto-approve", "-no-color"], t))).toContain("Destroy complete! Resources: 6 destroyed.");
    expect(JSON.stringify(ec2("DescribeInstances", { InstanceIds: [ids.prod] }))).toMatch(/terminated/);
  });
});
