// EC2 over HTTP: boto3 and the aws CLI against the real `tfsim cloud serve`, and the data surviving a restart.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/cli.js";
import { aws, awsEnv, rootKeys, serve, type Keys, type Served } from "../server/serve.js";

interface Attempt {
  ok?: Record<string, unknown>;
  error?: string;
  message?: string;
  status?: number;
}
interface Flow {
  seed: Attempt;
  image: { ImageId: string; CreationDateType: string };
  key: { KeyName: string; Pem: boolean };
  run: { count: number; state: string; LaunchTimeType: string };
  described: { n: number; KeyName: string; Groups: string[]; HasPublicIp: boolean };
  userData: string;
  attach_far: Attempt;
  paged: number;
  ro_describe: Attempt;
  ro_run: Attempt;
  full_run: Attempt;
  ids: string[];
  volume: string;
}

let home: string;
let server: Served;
let keys: Keys;
let flow: Flow;

beforeAll(async () => {
  home = tempDir("tfsim-ec2-");
  server = await serve(home);
  keys = rootKeys(home);
  const r = spawnSync("python3", [join(import.meta.dirname, "boto3-flow.py")], { env: { ...awsEnv(keys), TFSIM_ENDPOINT: server.url }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`boto3 flow failed:\n${r.stderr}\n${server.output()}`);
  flow = JSON.parse(r.stdout) as Flow;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe("security group rule tags through the aws CLI", () => {
  it("tags rules at Authorize* by TagSpecifications and by CreateTags/DeleteTags on sgr- ids; DescribeSecurityGroupRules and DescribeTags show them", () => {
    const ok = (args: string[]): Record<string, unknown> => {
      const r = aws(server, keys, ["--region", "eu-west-1", "ec2", ...args]);
      if (r.code !== 0) throw new Error(r.stderr);
      return (r.json ?? {}) as Record<string, unknown>;
    };
    const groupId = ok(["create-security-group", "--group-name", "tagged-rules", "--description", "rule tags"]).GroupId as string;
    const added = ok([
      "authorize-security-group-ingress", "--group-id", groupId,
      "--ip-permissions", "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]",
      "--tag-specifications", "ResourceType=security-group-rule,Tags=[{Key=purpose,Value=ssh}]",
    ]).SecurityGroupRules as { SecurityGroupRuleId: string; Tags: unknown[] }[];
    expect(added).toHaveLength(1);
    const ruleId = added[0]!.SecurityGroupRuleId;
    expect(added[0]!.Tags).toEqual([{ Key: "purpose", Value: "ssh" }]);
    ok(["create-tags", "--resources", ruleId, "--tags", "Key=owner,Value=ops"]);
    const rules = () =>
      (ok(["describe-security-group-rules", "--security-group-rule-ids", ruleId]).SecurityGroupRules as { Tags: { Key: string; Value: string }[] }[])[0]!.Tags;
    expect(rules()).toEqual([{ Key: "purpose", Value: "ssh" }, { Key: "owner", Value: "ops" }]);
    const described = ok(["describe-tags", "--filters", `Name=resource-id,Values=${ruleId}`]).Tags;
    expect(described).toEqual([
      { ResourceId: ruleId, ResourceType: "security-group-rule", Key: "purpose", Value: "ssh" },
      { ResourceId: ruleId, ResourceType: "security-group-rule", Key: "owner", Value: "ops" },
    ]);
    ok(["delete-tags", "--resources", ruleId, "--tags", "Key=purpose"]);
    expect(rules()).toEqual([{ Key: "owner", Value: "ops" }]);
    const missing = aws(server, keys, ["--region", "eu-west-1", "ec2", "create-tags", "--resources", "sgr-0123456789abcdef0", "--tags", "Key=a,Value=b"]);
    expect(missing.stderr).toContain("InvalidSecurityGroupRuleId.NotFound");
  });
});

describe("EC2 through boto3", () => {
  it("answers the seed's describe_instances with only the endpoint set", () => {
    expect(flow.seed.ok).toEqual({ Reservations: [] });
  });

  it("launches with a key pair, a security group, user data and tags; the waiter sees them running", () => {
    expect(flow.image.ImageId).toMatch(/^ami-/);
    expect(flow.key).toEqual({ KeyName: "deploy", Pem: true });
    expect(flow.run).toEqual({ count: 2, state: "pending", LaunchTimeType: "datetime" });
    expect(flow.described).toEqual({ n: 2, KeyName: "deploy", Groups: ["web"], HasPublicIp: true });
    expect(flow.userData).toBe("#!/bin/sh\necho hi\n");
    expect(flow.paged).toBe(2);
  });

  it("refuses to attach a volume from another zone", () => {
    expect(flow.attach_far).toMatchObject({ error: "InvalidVolume.ZoneMismatch", status: 400 });
  });

  it("lets AmazonEC2ReadOnlyAccess describe but not run (UnauthorizedOperation), and AmazonEC2FullAccess run", () => {
    expect(flow.ro_describe.ok).toEqual({ n: 1 });
    expect(flow.ro_run).toMatchObject({ error: "UnauthorizedOperation", status: 403 });
    expect(flow.ro_run.message).toMatch(/^You are not authorized to perform this operation\. User: arn:aws:iam::\d{12}:user\/viewer is not authorized to perform: ec2:RunInstances .*Encoded authorization failure message: \S+$/);
    expect(flow.full_run.ok).toEqual({ n: 1 });
  });
});

describe("EC2 through the aws CLI", () => {
  it("describes, stops and filters, and the data survives a restart of the server", async () => {
    const regions = aws(server, keys, ["ec2", "describe-availability-zones", "--query", "AvailabilityZones[].ZoneName"]);
    expect(regions.json).toEqual(["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"]);
    const stop = aws(server, keys, ["ec2", "stop-instances", "--instance-ids", flow.ids[0]!]);
    expect(stop.code).toBe(0);
    expect((stop.json as { StoppingInstances: { CurrentState: { Name: string } }[] }).StoppingInstances[0]!.CurrentState.Name).toBe("stopping");
    const bad = aws(server, keys, ["ec2", "reboot-instances", "--instance-ids", flow.ids[0]!]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("IncorrectInstanceState");
    await server.stop();
    server = await serve(home);
    const after = aws(server, keys, ["ec2", "describe-instances", "--filters", "Name=instance-state-name,Values=stopped", "--query", "Reservations[].Instances[].InstanceId"]);
    expect(after.json).toEqual([flow.ids[0]]);
    const vols = aws(server, keys, ["ec2", "describe-volumes", "--volume-ids", flow.volume, "--query", "Volumes[0].AvailabilityZone"]);
    expect(vols.json).toBe("us-east-1b");
    const sg = aws(server, keys, ["ec2", "describe-security-groups", "--group-names", "web", "--query", "SecurityGroups[0].IpPermissions[0].IpRanges[0]"]);
    expect(sg.json).toEqual({ CidrIp: "10.0.0.0/8", Description: "ssh" });
  }, 60_000);
});
