// The IAM resources through the plugin interface against a real embedded cloud: create, read, update in
// place or replace, import by id, destroy; each checked against what the cloud holds.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness } from "./harness.js";

let h: Harness;
const trust = (service: string): string =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });
const s3Read = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }] });
const s3Write = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "*" }] });

beforeEach(async () => {
  h = new Harness();
  const diags = await h.configure({ region: "us-east-1", default_tags: [{ tags: { Team: "platform" } }] });
  expect(diags.filter((d) => d.severity === "error")).toEqual([]);
  expect(diags.map((d) => d.detail)).toContain("Using the account's root user credentials: root should not be used day to day; create an IAM user with only the permissions it needs.");
});
afterEach(async () => h.close());

describe("aws_iam_user", () => {
  it("plans computed attributes unknown, applies, reads, renames in place, imports, destroys", async () => {
    const t = "aws_iam_user";
    const plan = await h.plan(t, h.nullState(t), { name: "alice", tags: { Owner: "me" } });
    expect(plan.errors).toEqual([]);
    const planned = plan.planned.entries();
    expect(planned.get("arn")!.isKnown()).toBe(false);
    expect(planned.get("path")!.asString()).toBe("/");
    expect(planned.get("force_destroy")!.asBool()).toBe(false);
    expect([...planned.get("tags_all")!.entries()].map(([k, v]) => [k, v.asString()])).toEqual([
      ["Owner", "me"],
      ["Team", "platform"],
    ]);

    const created = await h.apply(t, h.nullState(t), { name: "alice", tags: { Owner: "me" } });
    expect(created.errors).toEqual([]);
    const u = h.root("iam", "GetUser", { UserName: "alice" }).output!.User as Record<string, unknown>;
    expect(created.obj).toMatchObject({ id: "alice", name: "alice", arn: u.Arn, unique_id: u.UserId, path: "/", tags: { Owner: "me" }, tags_all: { Owner: "me", Team: "platform" } });
    expect(u.Tags).toEqual(expect.arrayContaining([{ Key: "Owner", Value: "me" }, { Key: "Team", Value: "platform" }]));

    expect((await h.read(t, created.state)).obj).toEqual(created.obj);

    const renamed = await h.apply(t, created.state, { name: "alice2", tags: { Owner: "you" } });
    expect(renamed.errors).toEqual([]);
    expect(renamed.replace).toEqual([]);
    expect(renamed.obj).toMatchObject({ id: "alice2", unique_id: u.UserId, tags: { Owner: "you" } });
    expect(h.root("iam", "GetUser", { UserName: "alice" }).code).toBe("NoSuchEntity");

    const imported = await h.importId(t, "alice2");
    expect(imported.obj).toMatchObject({ id: "alice2", arn: (renamed.obj as Record<string, unknown>).arn, tags: { Owner: "you" } });

    const gone = await h.apply(t, renamed.state, null);
    expect(gone.errors).toEqual([]);
    expect(gone.obj).toBeNull();
    expect(h.root("iam", "GetUser", { UserName: "alice2" }).code).toBe("NoSuchEntity");
    expect((await h.read(t, renamed.state)).obj).toBeNull();
  });

  it("reports a duplicate as the real provider words it", async () => {
    h.root("iam", "CreateUser", { UserName: "taken" });
    const r = await h.apply("aws_iam_user", h.nullState("aws_iam_user"), { name: "taken" });
    expect(r.errors[0]).toMatch(
      /^creating IAM User \(taken\): operation error IAM: CreateUser, https response error StatusCode: 409, RequestID: [0-9a-f-]+, EntityAlreadyExists: User with name taken already exists\.$/,
    );
  });

  it("force_destroy removes keys, policies and memberships first", async () => {
    const t = "aws_iam_user";
    const u = await h.apply(t, h.nullState(t), { name: "bob", force_destroy: true });
    h.root("iam", "CreateAccessKey", { UserName: "bob" });
    h.root("iam", "CreateGroup", { GroupName: "g" });
    h.root("iam", "AddUserToGroup", { GroupName: "g", UserName: "bob" });
    h.root("iam", "AttachUserPolicy", { UserName: "bob", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    h.root("iam", "PutUserPolicy", { UserName: "bob", PolicyName: "p", PolicyDocument: s3Read });
    const gone = await h.apply(t, u.state, null);
    expect(gone.errors).toEqual([]);
    expect(h.root("iam", "GetUser", { UserName: "bob" }).code).toBe("NoSuchEntity");
  });
});

describe("aws_iam_group, memberships and attachments", () => {
  it("group with members, a managed and an inline policy", async () => {
    const g = await h.apply("aws_iam_group", h.nullState("aws_iam_group"), { name: "devs", path: "/teams/" });
    expect(g.errors).toEqual([]);
    expect(g.obj).toMatchObject({ id: "devs", path: "/teams/", arn: expect.stringMatching(/^arn:aws:iam::\d{12}:group\/teams\/devs$/) });
    for (const n of ["u1", "u2"]) await h.apply("aws_iam_user", h.nullState("aws_iam_user"), { name: n });

    const m = await h.apply("aws_iam_group_membership", h.nullState("aws_iam_group_membership"), { name: "devs-members", group: "devs", users: ["u1", "u2"] });
    expect(m.errors).toEqual([]);
    const members = (h.root("iam", "GetGroup", { GroupName: "devs" }).output!.Users as { UserName: string }[]).map((u) => u.UserName).sort();
    expect(members).toEqual(["u1", "u2"]);
    const m2 = await h.apply("aws_iam_group_membership", m.state, { name: "devs-members", group: "devs", users: ["u2"] });
    expect(m2.replace).toEqual([]);
    expect((h.root("iam", "GetGroup", { GroupName: "devs" }).output!.Users as unknown[]).length).toBe(1);

    const ugm = await h.apply("aws_iam_user_group_membership", h.nullState("aws_iam_user_group_membership"), { user: "u1", groups: ["devs"] });
    expect(ugm.errors).toEqual([]);
    expect(ugm.obj!.id).toMatch(/^terraform-\d{26}$/);

    const arn = "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess";
    const att = await h.apply("aws_iam_group_policy_attachment", h.nullState("aws_iam_group_policy_attachment"), { group: "devs", policy_arn: arn });
    expect(att.errors).toEqual([]);
    expect(att.obj!.id).toMatch(/^devs-\d+$/);
    expect((h.root("iam", "ListAttachedGroupPolicies", { GroupName: "devs" }).output!.AttachedPolicies as { PolicyArn: string }[]).map((p) => p.PolicyArn)).toEqual([arn]);
    const imp = await h.importId("aws_iam_group_policy_attachment", `devs/${arn}`);
    expect(imp.obj).toMatchObject({ group: "devs", policy_arn: arn });

    // Detached outside tfsim: the next read finds it gone (drift), so the engine plans to create it again.
    h.root("iam", "DetachGroupPolicy", { GroupName: "devs", PolicyArn: arn });
    expect((await h.read("aws_iam_group_policy_attachment", att.state)).obj).toBeNull();

    const inline = await h.apply("aws_iam_group_policy", h.nullState("aws_iam_group_policy"), { group: "devs", name: "s3", policy: s3Read });
    expect(inline.errors).toEqual([]);
    expect(inline.obj).toMatchObject({ id: "devs:s3", policy: s3Read });
    const changed = await h.apply("aws_iam_group_policy", inline.state, { group: "devs", name: "s3", policy: s3Write });
    expect(changed.replace).toEqual([]);
    expect(decodeURIComponent(String(h.root("iam", "GetGroupPolicy", { GroupName: "devs", PolicyName: "s3" }).output!.PolicyDocument))).toBe(s3Write);
  });
});

describe("aws_iam_role, aws_iam_policy, attachments, instance profile", () => {
  it("role: trust policy kept verbatim while equivalent, updated in place, path forces replacement", async () => {
    const t = "aws_iam_role";
    const pretty = JSON.stringify(JSON.parse(trust("ec2.amazonaws.com")), null, 2);
    const r = await h.apply(t, h.nullState(t), { name: "app", assume_role_policy: pretty, description: "the app" });
    expect(r.errors).toEqual([]);
    expect(r.obj).toMatchObject({ name: "app", assume_role_policy: pretty, max_session_duration: 3600, description: "the app", create_date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
    expect((await h.read(t, r.state)).obj).toEqual(r.obj);

    const upd = await h.apply(t, r.state, { name: "app", assume_role_policy: trust("lambda.amazonaws.com"), description: "the app", max_session_duration: 7200 });
    expect(upd.errors).toEqual([]);
    expect(upd.replace).toEqual([]);
    const got = h.root("iam", "GetRole", { RoleName: "app" }).output!.Role as Record<string, unknown>;
    expect(got.MaxSessionDuration).toBe(7200);
    expect(decodeURIComponent(String(got.AssumeRolePolicyDocument))).toContain("lambda.amazonaws.com");

    const plan = await h.plan(t, upd.state, { name: "app", path: "/svc/", assume_role_policy: trust("lambda.amazonaws.com"), description: "the app", max_session_duration: 7200 });
    expect(plan.replace).toEqual(["path"]);
    expect(plan.planned.entries().get("arn")!.isKnown()).toBe(false);
  });

  it("role without a name gets the SDK's generated name from name_prefix", async () => {
    const r = await h.apply("aws_iam_role", h.nullState("aws_iam_role"), { name_prefix: "web-", assume_role_policy: trust("ec2.amazonaws.com") });
    expect(r.errors).toEqual([]);
    expect(String(r.obj!.name)).toMatch(/^web-\d{26}$/);
  });

  it("policy: new default version on change; attachment to a role; instance profile with the role", async () => {
    const p = await h.apply("aws_iam_policy", h.nullState("aws_iam_policy"), { name: "s3-read", policy: s3Read, description: "read" });
    expect(p.errors).toEqual([]);
    const arn = String(p.obj!.arn);
    expect(p.obj).toMatchObject({ id: arn, name: "s3-read", path: "/", policy: s3Read, attachment_count: 0 });
    const p2 = await h.apply("aws_iam_policy", p.state, { name: "s3-read", policy: s3Write, description: "read" });
    expect(p2.replace).toEqual([]);
    const versions = h.root("iam", "ListPolicyVersions", { PolicyArn: arn }).output!.Versions as { IsDefaultVersion: boolean; VersionId: string }[];
    expect(versions.find((v) => v.IsDefaultVersion)!.VersionId).toBe("v2");
    expect((await h.plan("aws_iam_policy", p2.state, { name: "s3-read", policy: s3Write, description: "write" })).replace).toEqual(["description"]);

    await h.apply("aws_iam_role", h.nullState("aws_iam_role"), { name: "app", assume_role_policy: trust("ec2.amazonaws.com") });
    const a = await h.apply("aws_iam_role_policy_attachment", h.nullState("aws_iam_role_policy_attachment"), { role: "app", policy_arn: arn });
    expect(a.errors).toEqual([]);
    expect((await h.read("aws_iam_policy", p2.state)).obj!.attachment_count).toBe(1);

    const ip = await h.apply("aws_iam_instance_profile", h.nullState("aws_iam_instance_profile"), { name: "app", role: "app" });
    expect(ip.errors).toEqual([]);
    expect(ip.obj).toMatchObject({ role: "app", arn: expect.stringMatching(/:instance-profile\/app$/) });

    // Destroying the role with force_detach_policies unset fails as IAM refuses (attached policy), worded as the provider does.
    const role = await h.importId("aws_iam_role", "app");
    const del = await h.provider.applyResourceChange({ typeName: "aws_iam_role", priorState: h.configValue("aws_iam_role", role.obj!), plannedState: h.nullState("aws_iam_role"), config: h.nullState("aws_iam_role") });
    expect(del.diagnostics[0]!.summary).toMatch(/^deleting IAM Role \(app\): operation error IAM: DeleteRole, https response error StatusCode: 409, RequestID: .*DeleteConflict: /);
  });
});

describe("aws_iam_access_key", () => {
  it("creates a working key whose secret is kept from create; status updates in place", async () => {
    await h.apply("aws_iam_user", h.nullState("aws_iam_user"), { name: "ci" });
    const k = await h.apply("aws_iam_access_key", h.nullState("aws_iam_access_key"), { user: "ci" });
    expect(k.errors).toEqual([]);
    expect(k.obj).toMatchObject({ id: expect.stringMatching(/^AKIA/), status: "Active", secret: expect.any(String), ses_smtp_password_v4: expect.any(String) });
    expect(h.provider.getSchema().resourceTypes.aws_iam_access_key!.block.attributes.secret!.sensitive).toBe(true);
    // The key authenticates as the user.
    const c = h.cloud();
    const who = c.call({ credentials: { accessKeyId: String(k.obj!.id), secretAccessKey: String(k.obj!.secret) }, authenticatedBy: "secret", region: "us-east-1", service: "sts", action: "GetCallerIdentity", params: {} });
    expect(who.ok && who.output.Arn).toMatch(/:user\/ci$/);
    const read = await h.read("aws_iam_access_key", k.state);
    expect(read.obj!.secret).toBe(k.obj!.secret);
    const off = await h.apply("aws_iam_access_key", k.state, { user: "ci", status: "Inactive" });
    expect(off.replace).toEqual([]);
    expect(off.obj!.status).toBe("Inactive");
  });
});
