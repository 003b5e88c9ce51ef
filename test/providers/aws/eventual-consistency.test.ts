// IAM's eventual consistency, as real AWS shows it right after a create, and the provider's retries for it: the
// cloud behind a real `tfsim cloud serve` is made to answer as a lagging AWS does (a new role not found by the
// first GetRole; RunInstances refusing a new instance profile twice with EC2's "Invalid IAM Instance Profile
// name"). The provider retries those errors, as hashicorp/aws does, and the apply succeeds: one role, one
// instance (every RunInstances attempt carries the same ClientToken, so a retry never launches a second).
// Lag is counted in calls, never in time: no test or provider code sleeps.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CallRequest, CallResult } from "../../../src/cloud/api.js";
import { openCloud, type LocalCloud } from "../../../src/cloud/index.js";
import { startServer, type RunningServer } from "../../../src/cloud/server.js";
import { Harness } from "./harness.js";

let h: Harness;
let cloud: LocalCloud;
let server: RunningServer;
const seen: { action: string; ok: boolean; token?: unknown }[] = [];

function lagging(code: string, message: string, httpStatus: number): CallResult {
  return { ok: false, requestId: "00000000-0000-4000-8000-000000000000", error: { code, message, httpStatus, type: "Sender" } };
}

beforeEach(async () => {
  h = new Harness();
  cloud = openCloud({ home: h.home });
  server = await startServer({ cloud, port: 0 });
  seen.length = 0;
  const call = cloud.call.bind(cloud);
  const lag = { GetRole: 1, RunInstances: 2 };
  cloud.call = (req: CallRequest): CallResult => {
    const p = req.params as Record<string, unknown>;
    let r: CallResult | undefined;
    if (req.action === "GetRole" && p.RoleName === "app" && lag.GetRole > 0) {
      lag.GetRole--;
      r = lagging("NoSuchEntity", "The role with name app cannot be found.", 404);
    } else if (req.action === "RunInstances" && p.IamInstanceProfile && lag.RunInstances > 0) {
      lag.RunInstances--;
      r = lagging("InvalidParameterValue", "Value (app) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name", 400);
    }
    r ??= call(req);
    if (req.action === "GetRole" || req.action === "RunInstances") seen.push({ action: req.action, ok: r.ok, token: p.ClientToken });
    return r;
  };
});
afterEach(async () => {
  await h.close();
  await server.close();
  cloud.close();
});

describe("eventual consistency", () => {
  it("a role read right after its create, and an instance profile used right after its create, are retried", async () => {
    await h.configure({ region: "us-east-1", endpoints: [{ iam: server.url, sts: server.url, ec2: server.url }] });
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    const role = await h.apply("aws_iam_role", h.nullState("aws_iam_role"), { name: "app", assume_role_policy: trust });
    expect(role.errors).toEqual([]);
    expect(seen.filter((s) => s.action === "GetRole").map((s) => s.ok).slice(0, 2)).toEqual([false, true]);

    const profile = await h.apply("aws_iam_instance_profile", h.nullState("aws_iam_instance_profile"), { name: "app", role: "app" });
    expect(profile.errors).toEqual([]);
    const images = cloud.call({ credentials: cloud.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "ec2", action: "DescribeImages", params: { Owners: ["amazon"] } });
    const ami = ((images.ok ? images.output.Images : []) as { ImageId: string; Architecture: string }[]).find((i) => i.Architecture === "x86_64")!.ImageId;
    const inst = await h.apply("aws_instance", h.nullState("aws_instance"), { ami, instance_type: "t3.micro", iam_instance_profile: "app" });
    expect(inst.errors).toEqual([]);
    expect(inst.obj!.iam_instance_profile).toBe("app");

    const runs = seen.filter((s) => s.action === "RunInstances");
    expect(runs.map((s) => s.ok)).toEqual([false, false, true]);
    expect(new Set(runs.map((s) => s.token)).size).toBe(1);
    const described = cloud.call({ credentials: cloud.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "ec2", action: "DescribeInstances", params: {} });
    expect((JSON.stringify(described.ok ? described.output : {}).match(/"InstanceId"/g) ?? []).length).toBe(1);
  });
});
