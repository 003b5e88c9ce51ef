// examples/iam-least-privilege through the real CLI, both steps: the parent applies users, a group, managed and
// custom policies and a role; as-users/ then applies two instances through two provider aliases. bob's
// (AmazonEC2ReadOnlyAccess) fails with the documented UnauthorizedOperation, worded as the real provider words
// it, with the resource's address and block; alice's, through assume_role into the operator role, is created
// and kept in state even though the apply fails (exit 1). Both steps are destroyed afterwards.
import { cpSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openCloud, type LocalCloud } from "../../src/cloud/index.js";
import { repoRoot, runTfsim, tempDir } from "../helpers/cli.js";

const opened: LocalCloud[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});

function ok(r: { code: number; stdout: string; stderr: string }): string {
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return r.stdout;
}

describe("examples/iam-least-privilege", () => {
  it("bob's RunInstances fails with UnauthorizedOperation, the operator's instance is created; exit 1; destroy", () => {
    const home = tempDir("tfsim-iam-home-");
    const dir = join(tempDir("tfsim-iam-cfg-"), "iam-least-privilege");
    cpSync(join(repoRoot, "examples", "iam-least-privilege"), dir, { recursive: true });
    const env = { TFSIM_HOME: home, HOME: home };
    const parent = { cwd: dir, env };
    ok(runTfsim(["init"], parent));
    expect(ok(runTfsim(["apply", "-auto-approve", "-no-color"], parent))).toContain("Apply complete! Resources: 12 added, 0 changed, 0 destroyed.");
    const out = (name: string): string => ok(runTfsim(["output", "-raw", name], parent));
    const users = {
      cwd: join(dir, "as-users"),
      env: {
        ...env,
        TF_VAR_bob_access_key_id: out("bob_access_key_id"),
        TF_VAR_bob_secret_access_key: out("bob_secret_access_key"),
        TF_VAR_alice_access_key_id: out("alice_access_key_id"),
        TF_VAR_alice_secret_access_key: out("alice_secret_access_key"),
        TF_VAR_operator_role_arn: out("operator_role_arn"),
      },
    };
    ok(runTfsim(["init"], users));
    const applied = runTfsim(["apply", "-auto-approve", "-no-color"], users);
    expect(applied.code, applied.stdout + applied.stderr).toBe(1);
    expect(applied.stdout).toMatch(/aws_instance\.operator: Creation complete after \d+s \[id=i-[0-9a-f]{17}\]/);
    expect(applied.stderr).toMatch(
      new RegExp(
        String.raw`^\nError: creating EC2 Instance: operation error EC2: RunInstances, https response error StatusCode: 403, RequestID: [0-9a-f-]{36}, api error UnauthorizedOperation: You are not authorized to perform this operation\. User: arn:aws:iam::\d{12}:user/bob is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:\d{12}:instance/\* because no identity-based policy allows the ec2:RunInstances action\. Encoded authorization failure message: \S+\n\n` +
          String.raw`  with aws_instance\.denied,\n  on main\.tf line (\d+), in resource "aws_instance" "denied":\n +\1: resource "aws_instance" "denied" \{\n\n$`,
      ),
    );
    // Everything that succeeded is in state, and the cloud agrees: one instance, launched by the assumed role.
    expect(ok(runTfsim(["state", "list"], users)).split("\n").filter((l) => l.startsWith("aws_"))).toEqual(["aws_instance.operator"]);
    const cloud = openCloud({ home });
    opened.push(cloud);
    const trail = JSON.parse(ok(runTfsim(["cloud", "trail", "-action=ec2:RunInstances", "-json"], { env }))) as { Records?: unknown[] } | unknown[];
    const records = JSON.stringify(trail);
    expect(records).toMatch(/assumed-role\/operator\/alice/);
    expect(records).toMatch(/user\/bob/);
    const described = cloud.call({ credentials: cloud.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "ec2", action: "DescribeInstances", params: {} });
    expect(described.ok).toBe(true);
    expect((JSON.stringify(described.ok ? described.output : {}).match(/"InstanceId"/g) ?? []).length).toBe(1);

    expect(ok(runTfsim(["destroy", "-auto-approve", "-no-color"], users))).toContain("Destroy complete! Resources: 1 destroyed.");
    expect(ok(runTfsim(["destroy", "-auto-approve", "-no-color"], parent))).toContain("Destroy complete! Resources: 12 destroyed.");
  }, 120_000);
});
