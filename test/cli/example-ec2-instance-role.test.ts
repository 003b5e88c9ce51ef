// examples/ec2-instance-role through the real CLI, then the instance's own view: its metadata credentials, taken
// from a real `tfsim cloud serve` with the IMDSv2 token flow, used by the real aws CLI. They read the bucket the
// role's inline policy names, and nothing else: not other S3 calls, not IAM, not EC2. Then destroy.
import { spawnSync } from "node:child_process";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { repoRoot, runTfsim, tempDir } from "../helpers/cli.js";
import { aws, rootKeys, serve, type Keys, type Served } from "../cloud/server/serve.js";

const noAwsCli = spawnSync("aws", ["--version"], { encoding: "utf8" }).status === 0 ? undefined : "the aws CLI is not installed";

let server: Served | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

function ok(r: { code: number; stdout: string; stderr: string }): string {
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return r.stdout;
}

describe.skipIf(noAwsCli !== undefined)("examples/ec2-instance-role", () => {
  it("the instance's metadata credentials read the bucket and nothing else", async () => {
    const home = tempDir("tfsim-role-home-");
    const cwd = join(tempDir("tfsim-role-cfg-"), "ec2-instance-role");
    cpSync(join(repoRoot, "examples", "ec2-instance-role"), cwd, { recursive: true });
    const t = { cwd, env: { TFSIM_HOME: home, HOME: home } };
    ok(runTfsim(["init"], t));
    expect(ok(runTfsim(["apply", "-auto-approve", "-no-color"], t))).toContain("Apply complete! Resources: 5 added, 0 changed, 0 destroyed.");
    const instanceId = ok(runTfsim(["output", "-raw", "instance_id"], t));
    expect(ok(runTfsim(["plan", "-no-color"], t))).toContain("No changes.");

    server = await serve(home);
    const root = rootKeys(home);
    const bucket = "tfsim-example-artifacts";
    expect(aws(server, root, ["s3api", "put-object", "--bucket", bucket, "--key", "build/app.tar", "--body", join(cwd, "main.tf")]).code).toBe(0);

    // The instance's view: a session token first (IMDSv2; Amazon Linux 2023 requires it), then the role's keys.
    const base = `${server.url}/instance/${instanceId}/latest`;
    const token = await (await fetch(`${base}/api/token`, { method: "PUT", headers: { "X-aws-ec2-metadata-token-ttl-seconds": "300" } })).text();
    const v2 = { headers: { "X-aws-ec2-metadata-token": token } };
    expect(await (await fetch(`${base}/meta-data/iam/security-credentials/`, v2)).text()).toBe("app-instance-role");
    const c = (await (await fetch(`${base}/meta-data/iam/security-credentials/app-instance-role`, v2)).json()) as { AccessKeyId: string; SecretAccessKey: string; Token: string };
    const role: Keys = { AccessKeyId: c.AccessKeyId, SecretAccessKey: c.SecretAccessKey, SessionToken: c.Token };

    const who = aws(server, role, ["sts", "get-caller-identity"]);
    expect(JSON.stringify(who.json)).toMatch(new RegExp(`assumed-role/app-instance-role/${instanceId}`));
    const listed = aws(server, role, ["s3api", "list-objects-v2", "--bucket", bucket]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.stringify(listed.json)).toContain("build/app.tar");
    const got = aws(server, role, ["s3", "cp", `s3://${bucket}/build/app.tar`, "-"]);
    expect(got.code, got.stderr).toBe(0);
    expect(got.stdout).toContain('resource "aws_instance" "app"');

    const denied = (args: string[], code: RegExp): void => {
      const r = aws(server!, role, args);
      expect(r.code, `${args.join(" ")}: ${r.stdout}`).not.toBe(0);
      expect(r.stderr).toMatch(code);
    };
    denied(["s3api", "put-object", "--bucket", bucket, "--key", "x", "--body", join(cwd, "main.tf")], /\(AccessDenied\) when calling the PutObject operation/);
    denied(["s3api", "delete-object", "--bucket", bucket, "--key", "build/app.tar"], /\(AccessDenied\) when calling the DeleteObject operation/);
    denied(["s3api", "list-buckets"], /\(AccessDenied\) when calling the ListBuckets operation/);
    denied(["iam", "list-users"], /\(AccessDenied\) when calling the ListUsers operation/);
    denied(["ec2", "describe-instances"], /\(UnauthorizedOperation\) when calling the DescribeInstances operation/);
    denied(["sts", "assume-role", "--role-arn", ok(runTfsim(["output", "-raw", "role_arn"], t)), "--role-session-name", "again"], /\(AccessDenied\) when calling the AssumeRole operation/);

    expect(aws(server, root, ["s3api", "delete-object", "--bucket", bucket, "--key", "build/app.tar"]).code).toBe(0);
    await server.stop();
    server = undefined;
    expect(ok(runTfsim(["destroy", "-auto-approve", "-no-color"], t))).toContain("Destroy complete! Resources: 5 destroyed.");
  }, 120_000);
});
