// Roles, managed policies with versions, inline policies, attachments, instance profiles, permissions
// boundaries and the policy simulator.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestCloud, trustPolicy, type TestCloud } from "../core/helpers.js";

let t: TestCloud;
let account: string;
beforeEach(() => {
  t = openTestCloud();
  account = t.cloud.accountId;
});
afterEach(() => t.close());

const doc = (action: string, resource = "*", effect = "Allow") => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: effect, Action: action, Resource: resource }] });

describe("roles", () => {
  it("keep their trust policy (URL-encoded on output, as IAM returns it), description and max session duration", () => {
    const trust = trustPolicy(`arn:aws:iam::${account}:root`);
    const r = t.ok("iam", "CreateRole", { RoleName: "app", AssumeRolePolicyDocument: trust, Description: "the app", MaxSessionDuration: 7200, Path: "/svc/" })
      .Role as Record<string, unknown>;
    expect(r).toMatchObject({ RoleName: "app", Arn: `arn:aws:iam::${account}:role/svc/app`, Description: "the app", MaxSessionDuration: 7200 });
    expect(r.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(decodeURIComponent(r.AssumeRolePolicyDocument as string)).toBe(trust);
    t.ok("iam", "UpdateRole", { RoleName: "app", MaxSessionDuration: 3600 });
    t.ok("iam", "UpdateAssumeRolePolicy", { RoleName: "app", PolicyDocument: trustPolicy(`arn:aws:iam::${account}:user/x`) });
    const got = t.ok("iam", "GetRole", { RoleName: "APP" }).Role as Record<string, unknown>;
    expect(got.MaxSessionDuration).toBe(3600);
    expect(decodeURIComponent(got.AssumeRolePolicyDocument as string)).toContain("user/x");
    expect(t.fail("iam", "CreateRole", { RoleName: "App", AssumeRolePolicyDocument: trust })).toMatchObject({
      code: "EntityAlreadyExists",
      message: "Role with name App already exists.",
    });
  });

  it("refuse a trust policy without a principal, and identity policies with one", () => {
    expect(t.fail("iam", "CreateRole", { RoleName: "r", AssumeRolePolicyDocument: doc("sts:AssumeRole") }).code).toBe("MalformedPolicyDocument");
    t.ok("iam", "CreateRole", { RoleName: "r", AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${account}:root`) });
    expect(t.fail("iam", "PutRolePolicy", { RoleName: "r", PolicyName: "p", PolicyDocument: trustPolicy(`arn:aws:iam::${account}:root`) })).toMatchObject({
      code: "MalformedPolicyDocument",
      httpStatus: 400,
    });
  });

  it("cannot be deleted while in an instance profile or with policies", () => {
    t.ok("iam", "CreateRole", { RoleName: "r", AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${account}:root`) });
    t.ok("iam", "CreateInstanceProfile", { InstanceProfileName: "ip" });
    t.ok("iam", "AddRoleToInstanceProfile", { InstanceProfileName: "ip", RoleName: "r" });
    t.ok("iam", "AttachRolePolicy", { RoleName: "r", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    t.ok("iam", "PutRolePolicy", { RoleName: "r", PolicyName: "p", PolicyDocument: doc("s3:GetObject") });
    expect(t.fail("iam", "DeleteRole", { RoleName: "r" }).message).toBe("Cannot delete entity, must remove roles from instance profile first.");
    t.ok("iam", "RemoveRoleFromInstanceProfile", { InstanceProfileName: "ip", RoleName: "r" });
    expect(t.fail("iam", "DeleteRole", { RoleName: "r" }).message).toBe("Cannot delete entity, must detach all policies first.");
    t.ok("iam", "DetachRolePolicy", { RoleName: "r", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    expect(t.fail("iam", "DeleteRole", { RoleName: "r" }).message).toBe("Cannot delete entity, must delete policies first.");
    t.ok("iam", "DeleteRolePolicy", { RoleName: "r", PolicyName: "p" });
    t.ok("iam", "DeleteRole", { RoleName: "r" });
    expect(t.fail("iam", "GetRole", { RoleName: "r" })).toMatchObject({ code: "NoSuchEntity", httpStatus: 404, message: "The role with name r cannot be found." });
  });

  it("are tagged, and listed without tags", () => {
    t.ok("iam", "CreateRole", { RoleName: "r", AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${account}:root`), Tags: [{ Key: "env", Value: "dev" }] });
    t.ok("iam", "TagRole", { RoleName: "r", Tags: [{ Key: "team", Value: "x" }] });
    expect(t.ok("iam", "ListRoleTags", { RoleName: "r" }).Tags).toEqual([
      { Key: "env", Value: "dev" },
      { Key: "team", Value: "x" },
    ]);
    t.ok("iam", "UntagRole", { RoleName: "r", TagKeys: ["env"] });
    expect((t.ok("iam", "GetRole", { RoleName: "r" }).Role as { Tags: unknown }).Tags).toEqual([{ Key: "team", Value: "x" }]);
    expect((t.ok("iam", "ListRoles").Roles as Record<string, unknown>[])[0]!.Tags).toBeUndefined();
  });
});

describe("instance profiles", () => {
  it("hold one role at most", () => {
    const ip = t.ok("iam", "CreateInstanceProfile", { InstanceProfileName: "web", Path: "/app/" }).InstanceProfile as Record<string, unknown>;
    expect(ip).toMatchObject({ InstanceProfileName: "web", Arn: `arn:aws:iam::${account}:instance-profile/app/web`, Roles: [] });
    expect(ip.InstanceProfileId).toMatch(/^AIPA[A-Z2-7]{17}$/);
    for (const r of ["a", "b"]) t.ok("iam", "CreateRole", { RoleName: r, AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${account}:root`) });
    t.ok("iam", "AddRoleToInstanceProfile", { InstanceProfileName: "web", RoleName: "a" });
    expect(t.fail("iam", "AddRoleToInstanceProfile", { InstanceProfileName: "web", RoleName: "b" })).toMatchObject({
      code: "LimitExceeded",
      message: "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1",
    });
    expect((t.ok("iam", "GetInstanceProfile", { InstanceProfileName: "web" }).InstanceProfile as { Roles: { RoleName: string }[] }).Roles.map((r) => r.RoleName)).toEqual(["a"]);
    expect((t.ok("iam", "ListInstanceProfilesForRole", { RoleName: "a" }).InstanceProfiles as unknown[]).length).toBe(1);
    expect(t.fail("iam", "DeleteInstanceProfile", { InstanceProfileName: "web" }).code).toBe("DeleteConflict");
    t.ok("iam", "RemoveRoleFromInstanceProfile", { InstanceProfileName: "web", RoleName: "a" });
    t.ok("iam", "DeleteInstanceProfile", { InstanceProfileName: "web" });
    expect(t.fail("iam", "GetInstanceProfile", { InstanceProfileName: "web" })).toMatchObject({ code: "NoSuchEntity", message: "Instance Profile web cannot be found." });
  });
});

describe("additional authorization within a call", () => {
  it("AddRoleToInstanceProfile also needs iam:PassRole on the role", () => {
    t.ok("iam", "CreateRole", { RoleName: "r", AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${account}:root`) });
    t.ok("iam", "CreateInstanceProfile", { InstanceProfileName: "ip" });
    const dev = t.user("dev", { inline: [JSON.parse(doc("iam:AddRoleToInstanceProfile"))] });
    expect(t.fail("iam", "AddRoleToInstanceProfile", { InstanceProfileName: "ip", RoleName: "r" }, dev)).toMatchObject({
      code: "AccessDenied",
      message: `User: arn:aws:iam::${account}:user/dev is not authorized to perform: iam:PassRole on resource: arn:aws:iam::${account}:role/r because no identity-based policy allows the iam:PassRole action`,
    });
    t.ok("iam", "PutUserPolicy", { UserName: "dev", PolicyName: "pass", PolicyDocument: doc("iam:PassRole", `arn:aws:iam::${account}:role/r`) });
    t.ok("iam", "AddRoleToInstanceProfile", { InstanceProfileName: "ip", RoleName: "r" }, dev);
  });
});

describe("managed policies", () => {
  it("have versions: five at most, one default, the default not deletable", () => {
    const p = t.ok("iam", "CreatePolicy", { PolicyName: "p", PolicyDocument: doc("s3:GetObject"), Description: "d" }).Policy as Record<string, unknown>;
    expect(p).toMatchObject({ PolicyName: "p", Arn: `arn:aws:iam::${account}:policy/p`, DefaultVersionId: "v1", AttachmentCount: 0, IsAttachable: true });
    expect(p.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    const arn = p.Arn as string;
    for (let i = 2; i <= 5; i++) {
      expect(t.ok("iam", "CreatePolicyVersion", { PolicyArn: arn, PolicyDocument: doc(`s3:Get${i}`) }).PolicyVersion).toMatchObject({ VersionId: `v${i}`, IsDefaultVersion: false });
    }
    expect(t.fail("iam", "CreatePolicyVersion", { PolicyArn: arn, PolicyDocument: doc("s3:Get6") })).toMatchObject({
      code: "LimitExceeded",
      message: "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.",
    });
    expect(t.fail("iam", "DeletePolicyVersion", { PolicyArn: arn, VersionId: "v1" })).toMatchObject({
      code: "DeleteConflict",
      message: "Cannot delete the default version of a policy.",
    });
    t.ok("iam", "SetDefaultPolicyVersion", { PolicyArn: arn, VersionId: "v3" });
    t.ok("iam", "DeletePolicyVersion", { PolicyArn: arn, VersionId: "v1" });
    expect(t.ok("iam", "CreatePolicyVersion", { PolicyArn: arn, PolicyDocument: doc("s3:Get6"), SetAsDefault: true }).PolicyVersion).toMatchObject({
      VersionId: "v6",
      IsDefaultVersion: true,
    });
    const versions = t.ok("iam", "ListPolicyVersions", { PolicyArn: arn }).Versions as { VersionId: string; IsDefaultVersion: boolean }[];
    expect(versions.map((v) => v.VersionId).sort()).toEqual(["v2", "v3", "v4", "v5", "v6"]);
    expect(versions.filter((v) => v.IsDefaultVersion).map((v) => v.VersionId)).toEqual(["v6"]);
    const v6 = t.ok("iam", "GetPolicyVersion", { PolicyArn: arn, VersionId: "v6" }).PolicyVersion as { Document: string };
    expect(decodeURIComponent(v6.Document)).toBe(doc("s3:Get6"));
    expect(t.ok("iam", "GetPolicy", { PolicyArn: arn }).Policy).toMatchObject({ DefaultVersionId: "v6", Description: "d" });
    expect(t.fail("iam", "DeletePolicy", { PolicyArn: arn }).code).toBe("DeleteConflict");
    for (const v of ["v2", "v3", "v4", "v5"]) t.ok("iam", "DeletePolicyVersion", { PolicyArn: arn, VersionId: v });
    t.ok("iam", "DeletePolicy", { PolicyArn: arn });
    expect(t.fail("iam", "GetPolicy", { PolicyArn: arn })).toMatchObject({ code: "NoSuchEntity", message: `Policy ${arn} was not found.` });
  });

  it("grant what their default version says, switching at once when the default changes", () => {
    const arn = (t.ok("iam", "CreatePolicy", { PolicyName: "p", PolicyDocument: doc("iam:ListUsers") }).Policy as { Arn: string }).Arn;
    const dev = t.user("dev", { managed: [arn] });
    t.ok("iam", "ListUsers", {}, dev);
    expect(t.fail("iam", "ListRoles", {}, dev).code).toBe("AccessDenied");
    t.ok("iam", "CreatePolicyVersion", { PolicyArn: arn, PolicyDocument: doc("iam:ListRoles"), SetAsDefault: true });
    t.ok("iam", "ListRoles", {}, dev);
    expect(t.fail("iam", "ListUsers", {}, dev).code).toBe("AccessDenied");
  });

  it("cannot be deleted while attached; names are unique; attaching needs an existing policy", () => {
    const arn = (t.ok("iam", "CreatePolicy", { PolicyName: "Ops", PolicyDocument: doc("ec2:*") }).Policy as { Arn: string }).Arn;
    expect(t.fail("iam", "CreatePolicy", { PolicyName: "ops", PolicyDocument: doc("ec2:*") })).toMatchObject({
      code: "EntityAlreadyExists",
      message: "A policy called ops already exists. Duplicate names are not allowed.",
    });
    t.ok("iam", "CreateUser", { UserName: "u" });
    t.ok("iam", "AttachUserPolicy", { UserName: "u", PolicyArn: arn });
    expect(t.ok("iam", "GetPolicy", { PolicyArn: arn }).Policy).toMatchObject({ AttachmentCount: 1 });
    expect(t.ok("iam", "ListEntitiesForPolicy", { PolicyArn: arn })).toMatchObject({ PolicyUsers: [{ UserName: "u" }], PolicyRoles: [], PolicyGroups: [] });
    expect(t.fail("iam", "DeletePolicy", { PolicyArn: arn })).toMatchObject({ code: "DeleteConflict", message: "Cannot delete a policy attached to entities." });
    expect(t.ok("iam", "ListAttachedUserPolicies", { UserName: "u" }).AttachedPolicies).toEqual([{ PolicyName: "Ops", PolicyArn: arn }]);
    expect(t.fail("iam", "AttachUserPolicy", { UserName: "u", PolicyArn: `arn:aws:iam::${account}:policy/none` })).toMatchObject({
      code: "NoSuchEntity",
      message: `Policy arn:aws:iam::${account}:policy/none does not exist or is not attachable.`,
    });
    expect(t.fail("iam", "DetachUserPolicy", { UserName: "u", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" })).toMatchObject({
      code: "NoSuchEntity",
      message: "Policy arn:aws:iam::aws:policy/ReadOnlyAccess was not found.",
    });
  });

  it("include AWS managed policies: listed by Scope, readable, attachable", () => {
    const aws = t.ok("iam", "ListPolicies", { Scope: "AWS", MaxItems: 1000 }).Policies as { PolicyName: string }[];
    expect(aws.map((p) => p.PolicyName)).toEqual(expect.arrayContaining(["AdministratorAccess", "IAMReadOnlyAccess", "AmazonEC2ReadOnlyAccess", "AmazonS3FullAccess"]));
    expect(t.ok("iam", "ListPolicies", { Scope: "Local" }).Policies).toEqual([]);
    t.ok("iam", "CreateUser", { UserName: "u" });
    t.ok("iam", "AttachUserPolicy", { UserName: "u", PolicyArn: "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess" });
    const attached = t.ok("iam", "ListPolicies", { OnlyAttached: true }).Policies as { PolicyName: string; AttachmentCount: number }[];
    expect(attached).toEqual([expect.objectContaining({ PolicyName: "AmazonEC2ReadOnlyAccess", AttachmentCount: 1 })]);
    const admin = t.ok("iam", "GetPolicy", { PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }).Policy as { DefaultVersionId: string };
    const v = t.ok("iam", "GetPolicyVersion", { PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess", VersionId: admin.DefaultVersionId }).PolicyVersion as { Document: string };
    expect(JSON.parse(decodeURIComponent(v.Document))).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
  });

  it("attach at most ten per entity", () => {
    t.ok("iam", "CreateUser", { UserName: "u" });
    for (let i = 0; i < 10; i++) {
      const arn = (t.ok("iam", "CreatePolicy", { PolicyName: `p${i}`, PolicyDocument: doc(`s3:Get${i}`) }).Policy as { Arn: string }).Arn;
      t.ok("iam", "AttachUserPolicy", { UserName: "u", PolicyArn: arn });
    }
    expect(t.fail("iam", "AttachUserPolicy", { UserName: "u", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" })).toMatchObject({
      code: "LimitExceeded",
      message: "Cannot exceed quota for PoliciesPerUser: 10",
    });
  });
});

describe("inline policies", () => {
  it("are put, replaced, read (URL-encoded), listed and deleted", () => {
    t.ok("iam", "CreateUser", { UserName: "u" });
    t.ok("iam", "PutUserPolicy", { UserName: "u", PolicyName: "p", PolicyDocument: doc("s3:GetObject") });
    t.ok("iam", "PutUserPolicy", { UserName: "u", PolicyName: "p", PolicyDocument: doc("s3:PutObject") });
    t.ok("iam", "PutUserPolicy", { UserName: "u", PolicyName: "q", PolicyDocument: doc("s3:ListBucket") });
    expect(t.ok("iam", "ListUserPolicies", { UserName: "u" }).PolicyNames).toEqual(["p", "q"]);
    const got = t.ok("iam", "GetUserPolicy", { UserName: "u", PolicyName: "p" });
    expect(got).toMatchObject({ UserName: "u", PolicyName: "p" });
    expect(decodeURIComponent(got.PolicyDocument as string)).toBe(doc("s3:PutObject"));
    t.ok("iam", "DeleteUserPolicy", { UserName: "u", PolicyName: "p" });
    expect(t.fail("iam", "GetUserPolicy", { UserName: "u", PolicyName: "p" })).toMatchObject({
      code: "NoSuchEntity",
      message: "The user policy with name p cannot be found.",
    });
  });

  it("are limited in total size per user (2,048 characters without whitespace)", () => {
    t.ok("iam", "CreateUser", { UserName: "u" });
    const big = (n: number) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: Array.from({ length: n }, (_, i) => `s3:Get${i}`), Resource: "*" }] });
    t.ok("iam", "PutUserPolicy", { UserName: "u", PolicyName: "a", PolicyDocument: big(100) });
    expect(t.fail("iam", "PutUserPolicy", { UserName: "u", PolicyName: "b", PolicyDocument: big(100) })).toMatchObject({
      code: "LimitExceeded",
      message: "Maximum policy size of 2048 bytes exceeded for user u",
    });
  });

  it("are validated on write with AWS's MalformedPolicyDocument", () => {
    t.ok("iam", "CreateGroup", { GroupName: "g" });
    expect(t.fail("iam", "PutGroupPolicy", { GroupName: "g", PolicyName: "p", PolicyDocument: "{" })).toMatchObject({ code: "MalformedPolicyDocument", httpStatus: 400 });
  });
});

describe("authorization of IAM calls", () => {
  it("denies CreateRole to a user with only IAMReadOnlyAccess, naming the role ARN, and allows reads", () => {
    const dev = t.user("dev", { managed: ["arn:aws:iam::aws:policy/IAMReadOnlyAccess"] });
    expect(t.fail("iam", "CreateRole", { RoleName: "x", AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${account}:root`) }, dev)).toEqual({
      code: "AccessDenied",
      httpStatus: 403,
      type: "Sender",
      message: `User: arn:aws:iam::${account}:user/dev is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${account}:role/x because no identity-based policy allows the iam:CreateRole action`,
    });
    expect(t.ok("iam", "GetUser", { UserName: "dev" }, dev).User).toMatchObject({ UserName: "dev" });
  });

  it("lets an explicit deny win over AdministratorAccess", () => {
    const dev = t.user("dev", { managed: ["arn:aws:iam::aws:policy/AdministratorAccess"], inline: [JSON.parse(doc("iam:DeleteUser", "*", "Deny"))] });
    t.ok("iam", "CreateUser", { UserName: "victim" }, dev);
    expect(t.fail("iam", "DeleteUser", { UserName: "victim" }, dev).message).toBe(
      `User: arn:aws:iam::${account}:user/dev is not authorized to perform: iam:DeleteUser on resource: arn:aws:iam::${account}:user/victim with an explicit deny in an identity-based policy`,
    );
  });

  it("limits a user to its permissions boundary", () => {
    const dev = t.user("dev", { managed: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
    t.ok("iam", "PutUserPermissionsBoundary", { UserName: "dev", PermissionsBoundary: "arn:aws:iam::aws:policy/IAMReadOnlyAccess" });
    expect(t.ok("iam", "GetUser", { UserName: "dev" }).User).toMatchObject({
      PermissionsBoundary: { PermissionsBoundaryType: "PermissionsBoundaryPolicy", PermissionsBoundaryArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess" },
    });
    t.ok("iam", "ListUsers", {}, dev);
    expect(t.fail("iam", "CreateUser", { UserName: "n" }, dev).message).toBe(
      `User: arn:aws:iam::${account}:user/dev is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${account}:user/n because no permissions boundary allows the iam:CreateUser action`,
    );
    t.ok("iam", "DeleteUserPermissionsBoundary", { UserName: "dev" });
    t.ok("iam", "CreateUser", { UserName: "n" }, dev);
  });

  it("evaluates policy variables and the user's tags", () => {
    const self = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "iam:GetUser", Resource: "arn:aws:iam::*:user/${aws:username}" },
        { Effect: "Allow", Action: "iam:ListRoles", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "blue" } } },
      ],
    });
    const dev = t.user("dev", { inline: [JSON.parse(self)] });
    t.user("other");
    t.ok("iam", "GetUser", { UserName: "dev" }, dev);
    expect(t.fail("iam", "GetUser", { UserName: "other" }, dev).code).toBe("AccessDenied");
    expect(t.fail("iam", "ListRoles", {}, dev).code).toBe("AccessDenied");
    t.ok("iam", "TagUser", { UserName: "dev", Tags: [{ Key: "team", Value: "blue" }] });
    t.ok("iam", "ListRoles", {}, dev);
  });
});

describe("policy simulator", () => {
  it("SimulatePrincipalPolicy evaluates a user's real policies", () => {
    t.user("dev", { managed: ["arn:aws:iam::aws:policy/IAMReadOnlyAccess"], inline: [JSON.parse(doc("iam:GetUser", "*", "Deny"))] });
    const r = t.ok("iam", "SimulatePrincipalPolicy", {
      PolicySourceArn: `arn:aws:iam::${account}:user/dev`,
      ActionNames: ["iam:ListUsers", "iam:CreateRole", "iam:GetUser"],
    });
    const results = r.EvaluationResults as { EvalActionName: string; EvalDecision: string; MatchedStatements: { SourcePolicyType: string }[] }[];
    expect(results.map((x) => [x.EvalActionName, x.EvalDecision])).toEqual([
      ["iam:ListUsers", "allowed"],
      ["iam:CreateRole", "implicitDeny"],
      ["iam:GetUser", "explicitDeny"],
    ]);
    expect(results[0]!.MatchedStatements[0]!.SourcePolicyType).toBe("aws-managed");
    expect(results[2]!.MatchedStatements[0]!.SourcePolicyType).toBe("user");
  });

  it("SimulateCustomPolicy evaluates given documents with context entries", () => {
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }],
    });
    const run = (ip: string) =>
      (
        t.ok("iam", "SimulateCustomPolicy", {
          PolicyInputList: [policy],
          ActionNames: ["s3:GetObject"],
          ResourceArns: ["arn:aws:s3:::b/k"],
          ContextEntries: [{ ContextKeyName: "aws:SourceIp", ContextKeyValues: [ip], ContextKeyType: "ip" }],
        }).EvaluationResults as { EvalDecision: string }[]
      )[0]!.EvalDecision;
    expect(run("10.1.2.3")).toBe("allowed");
    expect(run("192.168.0.1")).toBe("implicitDeny");
  });
});

describe("account authorization details", () => {
  it("lists users, groups, roles and policies with their inline and attached policies", () => {
    t.ok("iam", "CreateGroup", { GroupName: "g" });
    t.ok("iam", "CreateUser", { UserName: "u" });
    t.ok("iam", "AddUserToGroup", { GroupName: "g", UserName: "u" });
    t.ok("iam", "PutUserPolicy", { UserName: "u", PolicyName: "inl", PolicyDocument: doc("s3:GetObject") });
    t.ok("iam", "AttachGroupPolicy", { GroupName: "g", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    t.ok("iam", "CreateRole", { RoleName: "r", AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${account}:root`) });
    t.ok("iam", "CreateInstanceProfile", { InstanceProfileName: "ip" });
    t.ok("iam", "AddRoleToInstanceProfile", { InstanceProfileName: "ip", RoleName: "r" });
    t.ok("iam", "CreatePolicy", { PolicyName: "mine", PolicyDocument: doc("ec2:Describe*") });
    const d = t.ok("iam", "GetAccountAuthorizationDetails");
    expect(d.UserDetailList).toEqual([
      expect.objectContaining({ UserName: "u", GroupList: ["g"], UserPolicyList: [{ PolicyName: "inl", PolicyDocument: encodeURIComponent(doc("s3:GetObject")) }] }),
    ]);
    expect(d.GroupDetailList).toEqual([
      expect.objectContaining({ GroupName: "g", AttachedManagedPolicies: [{ PolicyName: "ReadOnlyAccess", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }] }),
    ]);
    expect((d.RoleDetailList as { InstanceProfileList: { InstanceProfileName: string }[] }[])[0]!.InstanceProfileList.map((i) => i.InstanceProfileName)).toEqual(["ip"]);
    expect((d.Policies as { PolicyName: string }[]).map((p) => p.PolicyName)).toEqual(["mine", "ReadOnlyAccess"]);
    const onlyRoles = t.ok("iam", "GetAccountAuthorizationDetails", { Filter: ["Role"] });
    expect(Object.keys(onlyRoles).sort()).toEqual(["IsTruncated", "RoleDetailList"]);
    expect(t.ok("iam", "GetAccountSummary").SummaryMap).toMatchObject({ Users: 1, Groups: 1, Roles: 1, Policies: 1, InstanceProfiles: 1, AccountAccessKeysPresent: 1 });
  });
});

describe("tag condition keys", () => {
  const cond = (action: string, condition: Record<string, unknown>) =>
    JSON.parse(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*", Condition: condition }] }));

  it("aws:RequestTag and aws:TagKeys come from the request's Tags", () => {
    const dev = t.user("dev", {
      inline: [
        cond("iam:CreateUser", {
          StringEquals: { "aws:RequestTag/team": "blue" },
          "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "cost"] },
        }),
      ],
    });
    t.ok("iam", "CreateUser", { UserName: "a", Tags: [{ Key: "team", Value: "blue" }] }, dev);
    expect(t.fail("iam", "CreateUser", { UserName: "b", Tags: [{ Key: "team", Value: "red" }] }, dev).code).toBe("AccessDenied");
    expect(t.fail("iam", "CreateUser", { UserName: "c" }, dev).code).toBe("AccessDenied");
    expect(t.fail("iam", "CreateUser", { UserName: "d", Tags: [{ Key: "team", Value: "blue" }, { Key: "owner", Value: "x" }] }, dev).code).toBe("AccessDenied");
  });

  it("iam:ResourceTag and aws:ResourceTag come from the user or role acted on", () => {
    const dev = t.user("dev", { inline: [cond("iam:TagUser", { StringEquals: { "iam:ResourceTag/env": "dev" } })] });
    t.ok("iam", "CreateUser", { UserName: "d1", Tags: [{ Key: "env", Value: "dev" }] });
    t.ok("iam", "CreateUser", { UserName: "p1", Tags: [{ Key: "env", Value: "prod" }] });
    t.ok("iam", "TagUser", { UserName: "d1", Tags: [{ Key: "x", Value: "1" }] }, dev);
    expect(t.fail("iam", "TagUser", { UserName: "p1", Tags: [{ Key: "x", Value: "1" }] }, dev).code).toBe("AccessDenied");
    const ops = t.user("ops", { inline: [cond("iam:GetRole", { StringEquals: { "aws:ResourceTag/env": "dev" } })] });
    t.ok("iam", "CreateRole", { RoleName: "r1", AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${account}:root`), Tags: [{ Key: "env", Value: "dev" }] });
    t.ok("iam", "CreateRole", { RoleName: "r2", AssumeRolePolicyDocument: trustPolicy(`arn:aws:iam::${account}:root`) });
    t.ok("iam", "GetRole", { RoleName: "r1" }, ops);
    expect(t.fail("iam", "GetRole", { RoleName: "r2" }, ops).code).toBe("AccessDenied");
  });

  it("session tags of AssumeRole need sts:TagSession and become the session's principal tags", () => {
    const dev = t.user("dev", { inline: [JSON.parse(doc("sts:*"))] });
    const trustAssumeOnly = trustPolicy(`arn:aws:iam::${account}:user/dev`);
    const trustWithTags = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:user/dev` }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
    });
    const roleArn = (t.ok("iam", "CreateRole", { RoleName: "r", AssumeRolePolicyDocument: trustAssumeOnly, Tags: [{ Key: "team", Value: "blue" }] }).Role as { Arn: string }).Arn;
    t.ok("iam", "PutRolePolicy", { RoleName: "r", PolicyName: "p", PolicyDocument: JSON.stringify(cond("iam:ListUsers", { StringEquals: { "aws:PrincipalTag/team": "red" } })) });
    const params = { RoleArn: roleArn, RoleSessionName: "tagged", Tags: [{ Key: "team", Value: "red" }] };
    expect(t.fail("sts", "AssumeRole", params, dev).message).toContain("is not authorized to perform: sts:TagSession");
    t.ok("iam", "UpdateAssumeRolePolicy", { RoleName: "r", PolicyDocument: trustWithTags });
    const c = t.ok("sts", "AssumeRole", params, dev).Credentials as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
    const tagged = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
    t.ok("iam", "ListUsers", {}, tagged);
    const u = t.ok("sts", "AssumeRole", { RoleArn: roleArn, RoleSessionName: "plain" }, dev).Credentials as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
    expect(t.fail("iam", "ListUsers", {}, { accessKeyId: u.AccessKeyId, secretAccessKey: u.SecretAccessKey, sessionToken: u.SessionToken }).code).toBe("AccessDenied");
  });
});
