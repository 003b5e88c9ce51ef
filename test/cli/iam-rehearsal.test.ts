// The README's IAM rehearsal, end to end with the real aws CLI and the real tfsim CLI against a real
// `tfsim cloud serve`: root's keys are used once, to create a user; the user gets a managed policy and an access
// key; the key goes into a named profile (`aws configure set`); from then on the profile is used, by the aws
// CLI and by tfsim's provider (no root warning), and what the policy does not allow is refused.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTfsim, tempDir } from "../helpers/cli.js";
import { serve, type Served } from "../cloud/server/serve.js";

const noAwsCli = spawnSync("aws", ["--version"], { encoding: "utf8" }).status === 0 ? undefined : "the aws CLI is not installed";

let server: Served;
let home: string;
let env: NodeJS.ProcessEnv;

/** The shell a reader types into: AWS_ENDPOINT_URL and the region exported, aws files of their own home. */
function shell(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ...env, ...extra };
  for (const k of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"]) if (!(k in extra) && !(k in env)) delete e[k];
  return e;
}

function aws(args: string[], extra: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync("aws", args, { env: shell(extra), encoding: "utf8" });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  home = tempDir("tfsim-rehearsal-");
  server = await serve(home);
  env = { HOME: home, TFSIM_HOME: home, AWS_ENDPOINT_URL: server.url, AWS_DEFAULT_REGION: "us-east-1", AWS_EC2_METADATA_DISABLED: "true" };
});
afterAll(async () => {
  await server?.stop();
});

describe.skipIf(noAwsCli !== undefined)("rehearsing IAM as the README tells it", () => {
  it("root once, then a user with a policy, keys in a profile, and the profile used by aws and tfsim", () => {
    // eval "$(npx tfsim cloud credentials)": root's keys, with the reminder not to use them day to day.
    const creds = runTfsim(["cloud", "credentials", "-json"], { env: { TFSIM_HOME: home } });
    expect(creds.stderr).toMatch(/root/i);
    const root = JSON.parse(creds.stdout) as { AccessKeyId: string; SecretAccessKey: string };
    const asRoot = { AWS_ACCESS_KEY_ID: root.AccessKeyId, AWS_SECRET_ACCESS_KEY: root.SecretAccessKey };

    expect(aws(["iam", "create-user", "--user-name", "dev"], asRoot).code).toBe(0);
    expect(aws(["iam", "attach-user-policy", "--user-name", "dev", "--policy-arn", "arn:aws:iam::aws:policy/AmazonS3FullAccess"], asRoot).code).toBe(0);
    const key = aws(["iam", "create-access-key", "--user-name", "dev", "--query", "AccessKey.[AccessKeyId,SecretAccessKey]", "--output", "text"], asRoot);
    expect(key.code, key.stderr).toBe(0);
    const [id, secret] = key.stdout.trim().split(/\s+/);
    expect(aws(["configure", "set", "aws_access_key_id", id!, "--profile", "dev"]).code).toBe(0);
    expect(aws(["configure", "set", "aws_secret_access_key", secret!, "--profile", "dev"]).code).toBe(0);

    // export AWS_PROFILE=dev (root's keys no longer in the shell)
    const dev = { AWS_PROFILE: "dev" };
    const me = aws(["sts", "get-caller-identity", "--query", "Arn", "--output", "text"], dev);
    expect(me.stdout.trim()).toMatch(/^arn:aws:iam::\d{12}:user\/dev$/);
    expect(aws(["s3", "mb", "s3://dev-scratch"], dev).code).toBe(0);
    const denied = aws(["iam", "create-user", "--user-name", "eve"], dev);
    expect(denied.stderr).toMatch(/An error occurred \(AccessDenied\) when calling the CreateUser operation: User: arn:aws:iam::\d{12}:user\/dev is not authorized to perform: iam:CreateUser/);

    // tfsim with the same profile: the provider finds it in ~/.aws, says nothing about root.
    const cwd = join(home, "cfg");
    mkdirSync(cwd);
    writeFileSync(
      join(cwd, "main.tf"),
      'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "dev-logs"\n}\n\nresource "aws_iam_user" "eve" {\n  name = "eve"\n}\n',
    );
    const t = { cwd, env: shell(dev) };
    expect(runTfsim(["init"], t).code).toBe(0);
    const applied = runTfsim(["apply", "-auto-approve", "-no-color"], t);
    expect(applied.code).toBe(1);
    expect(applied.stdout).toMatch(/aws_s3_bucket\.logs: Creation complete after \d+s \[id=dev-logs\]/);
    expect(applied.stderr).not.toMatch(/root/);
    expect(applied.stderr).toMatch(
      /Error: creating IAM User \(eve\): operation error IAM: CreateUser, https response error StatusCode: 403, RequestID: [0-9a-f-]+, api error AccessDenied: User: arn:aws:iam::\d{12}:user\/dev is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::\d{12}:user\/eve because no identity-based policy allows the iam:CreateUser action\n\n  with aws_iam_user\.eve,\n/,
    );
    const listed = aws(["s3api", "list-buckets", "--query", "Buckets[].Name", "--output", "text"], dev);
    expect(listed.stdout.trim().split(/\s+/).sort()).toEqual(["dev-logs", "dev-scratch"]);
    writeFileSync(join(cwd, "main.tf"), 'provider "aws" {\n  region = "us-east-1"\n}\n');
    expect(runTfsim(["apply", "-auto-approve", "-no-color"], t).stdout).toContain("Apply complete! Resources: 0 added, 0 changed, 1 destroyed.");
  }, 120_000);
});
