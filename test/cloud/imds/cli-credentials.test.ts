// The aws CLI on an "instance": no keys at all, only AWS_EC2_METADATA_SERVICE_ENDPOINT pointing at the instance's
// metadata on `tfsim cloud serve` (the /instance/i-…/ prefix). botocore's own IMDSv2 flow (PUT latest/api/token,
// then iam/security-credentials/) finds the role's credentials, and they carry exactly the role's permissions.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tempDir } from "../../helpers/cli.js";
import { aws, rootKeys, serve, type Keys, type Served } from "../server/serve.js";

let server: Served;
let root: Keys;

beforeAll(async () => {
  const home = tempDir("tfsim-imds-cli-");
  server = await serve(home);
  root = rootKeys(home);
});

afterAll(async () => {
  await server?.stop();
});

function ok(args: string[]): unknown {
  const r = aws(server, root, args);
  if (r.code !== 0) throw new Error(r.stderr);
  return r.json;
}

/** The aws CLI with no credentials but the instance's metadata endpoint. */
function onInstance(instanceId: string, args: string[]) {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_SERVICE_ENDPOINT: `${server.url}/instance/${instanceId}/`,
  };
  const r = spawnSync("aws", ["--endpoint-url", server.url, "--output", "json", ...args], { env, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

it("gives the CLI on an instance its role's credentials through IMDSv2, scoped to the role", () => {
  const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
  ok(["iam", "create-role", "--role-name", "reader", "--assume-role-policy-document", trust]);
  const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*" }] });
  ok(["iam", "put-role-policy", "--role-name", "reader", "--policy-name", "describe", "--policy-document", policy]);
  ok(["iam", "create-instance-profile", "--instance-profile-name", "reader"]);
  ok(["iam", "add-role-to-instance-profile", "--instance-profile-name", "reader", "--role-name", "reader"]);
  const image = ok(["ec2", "describe-images", "--owners", "amazon", "--filters", "Name=name,Values=al2023-ami-*", "Name=architecture,Values=x86_64", "--query", "Images[0].ImageId"]) as string;
  const run = ok(["ec2", "run-instances", "--image-id", image, "--instance-type", "t3.micro", "--iam-instance-profile", "Name=reader"]) as { Instances: { InstanceId: string }[] };
  const id = run.Instances[0]!.InstanceId;

  const who = onInstance(id, ["sts", "get-caller-identity"]);
  expect(who.stderr).toBe("");
  expect(JSON.parse(who.stdout)).toMatchObject({ Arn: expect.stringMatching(new RegExp(`^arn:aws:sts::\\d{12}:assumed-role/reader/${id}$`)) });
  const described = onInstance(id, ["ec2", "describe-instances", "--instance-ids", id, "--query", "Reservations[0].Instances[0].IamInstanceProfile.Arn"]);
  expect(JSON.parse(described.stdout)).toMatch(/:instance-profile\/reader$/);
  const refused = onInstance(id, ["ec2", "run-instances", "--image-id", image, "--instance-type", "t3.micro"]);
  expect(refused.stderr).toContain("(UnauthorizedOperation) when calling the RunInstances operation");
  const iam = onInstance(id, ["iam", "list-users"]);
  expect(iam.stderr).toContain(`assumed-role/reader/${id} is not authorized to perform: iam:ListUsers`);
});
