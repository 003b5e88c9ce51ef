// The same provider over HTTP: `endpoints {}` (or AWS_ENDPOINT_URL) pointing at a real `tfsim cloud serve` server
// on 127.0.0.1 and a free port, SigV4-signed Query requests; results and errors match the in-process client's.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openCloud, type LocalCloud } from "../../../src/cloud/index.js";
import { startServer, type RunningServer } from "../../../src/cloud/server.js";
import { Harness } from "./harness.js";

let h: Harness;
let serverCloud: LocalCloud;
let server: RunningServer;

beforeEach(async () => {
  h = new Harness();
  serverCloud = openCloud({ home: h.home });
  server = await startServer({ cloud: serverCloud, port: 0 });
});
afterEach(async () => {
  await h.close();
  await server.close();
  serverCloud.close();
});

describe("over HTTP to tfsim cloud serve", () => {
  it("endpoints {}: caller identity, an IAM user's lifecycle, and AWS's errors", async () => {
    const diags = await h.configure({ region: "us-east-1", endpoints: [{ iam: server.url, sts: server.url }] });
    expect(diags.filter((d) => d.severity === "error")).toEqual([]);
    const who = await h.data("aws_caller_identity", {});
    expect(who.obj!.arn).toBe(`arn:aws:iam::${serverCloud.accountId}:root`);

    const t = "aws_iam_user";
    const u = await h.apply(t, h.nullState(t), { name: "web", tags: { a: "b", c: "d" } });
    expect(u.errors).toEqual([]);
    expect(u.obj).toMatchObject({ id: "web", tags: { a: "b", c: "d" }, arn: `arn:aws:iam::${serverCloud.accountId}:user/web` });
    const k = await h.apply("aws_iam_access_key", h.nullState("aws_iam_access_key"), { user: "web" });
    expect(k.obj!.id).toMatch(/^AKIA/);
    const upd = await h.apply(t, u.state, { name: "web", tags: { a: "z" } });
    expect(upd.obj!.tags).toEqual({ a: "z" });

    const dup = await h.apply(t, h.nullState(t), { name: "web" });
    expect(dup.errors[0]).toMatch(/^creating IAM User \(web\): operation error IAM: CreateUser, https response error StatusCode: 409, RequestID: [0-9a-f-]+, EntityAlreadyExists: User with name web already exists\.$/);

    const doc = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    const role = await h.apply("aws_iam_role", h.nullState("aws_iam_role"), { name: "r", assume_role_policy: doc });
    expect(role.obj!.assume_role_policy).toBe(doc);
    const att = await h.apply("aws_iam_role_policy_attachment", h.nullState("aws_iam_role_policy_attachment"), { role: "r", policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    expect(att.errors).toEqual([]);
    expect((await h.read("aws_iam_role_policy_attachment", att.state)).obj).not.toBeNull();

    const gone = await h.apply("aws_iam_access_key", k.state, null);
    expect(gone.errors).toEqual([]);
  });

  it("AWS_ENDPOINT_URL with a user's keys from the environment", async () => {
    serverCloud.call({ credentials: serverCloud.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "iam", action: "CreateUser", params: { UserName: "ro" } });
    const key = serverCloud.call({ credentials: serverCloud.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "iam", action: "CreateAccessKey", params: { UserName: "ro" } });
    const ak = (key.ok ? key.output.AccessKey : {}) as { AccessKeyId: string; SecretAccessKey: string };
    const hh = new Harness({ TFSIM_HOME: h.home, AWS_ENDPOINT_URL: server.url, AWS_ACCESS_KEY_ID: ak.AccessKeyId, AWS_SECRET_ACCESS_KEY: ak.SecretAccessKey });
    try {
      const diags = await hh.configure({ region: "us-east-1" });
      expect(diags).toEqual([]);
      expect((await hh.data("aws_caller_identity", {})).obj!.arn).toMatch(/:user\/ro$/);
      // No permissions: IAM's AccessDenied, worded as the provider does.
      const r = await hh.apply("aws_iam_user", hh.nullState("aws_iam_user"), { name: "x" });
      expect(r.errors[0]).toMatch(/^creating IAM User \(x\): operation error IAM: CreateUser, https response error StatusCode: 403, RequestID: [0-9a-f-]+, api error AccessDenied: User: arn:aws:iam::\d+:user\/ro is not authorized to perform: iam:CreateUser/);
    } finally {
      await hh.close();
    }
  });
});
