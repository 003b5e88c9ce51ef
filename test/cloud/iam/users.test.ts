// IAM users, groups, access keys and login profiles, with IAM's rules and wording.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestCloud, type TestCloud } from "../core/helpers.js";

let t: TestCloud;
let account: string;
beforeEach(() => {
  t = openTestCloud();
  account = t.cloud.accountId;
});
afterEach(() => t.close());

describe("users", () => {
  it("are created with AWS's id and ARN forms, path and tags", () => {
    const u = t.ok("iam", "CreateUser", { UserName: "dev", Path: "/team/", Tags: [{ Key: "cost", Value: "1" }] }).User as Record<string, unknown>;
    expect(u).toMatchObject({ UserName: "dev", Path: "/team/", Arn: `arn:aws:iam::${account}:user/team/dev`, Tags: [{ Key: "cost", Value: "1" }] });
    expect(u.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(u.CreateDate).toBeInstanceOf(Date);
    expect(t.ok("iam", "GetUser", { UserName: "dev" }).User).toEqual(u);
  });

  it("have names unique case-insensitively", () => {
    t.ok("iam", "CreateUser", { UserName: "Dev" });
    expect(t.fail("iam", "CreateUser", { UserName: "dEV" })).toEqual({
      code: "EntityAlreadyExists",
      httpStatus: 409,
      type: "Sender",
      message: "User with name dEV already exists.",
    });
    expect((t.ok("iam", "GetUser", { UserName: "DEV" }).User as { UserName: string }).UserName).toBe("Dev");
  });

  it("GetUser without a name is the caller; root gets its account ARN", () => {
    const dev = t.user("dev", { inline: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: "arn:aws:iam::*:user/${aws:username}" }] }] });
    expect((t.ok("iam", "GetUser", {}, dev).User as { UserName: string }).UserName).toBe("dev");
    expect(t.ok("iam", "GetUser").User).toMatchObject({ Arn: `arn:aws:iam::${account}:root`, UserId: account });
  });

  it("list in pages with Marker and MaxItems, filtered by PathPrefix", () => {
    for (const n of ["a", "b", "c", "d", "e"]) t.ok("iam", "CreateUser", { UserName: n, ...(n < "c" ? { Path: "/x/" } : {}) });
    const first = t.ok("iam", "ListUsers", { MaxItems: 2 });
    expect((first.Users as { UserName: string }[]).map((u) => u.UserName)).toEqual(["a", "b"]);
    expect(first.IsTruncated).toBe(true);
    const second = t.ok("iam", "ListUsers", { MaxItems: 2, Marker: first.Marker });
    expect((second.Users as { UserName: string }[]).map((u) => u.UserName)).toEqual(["c", "d"]);
    const third = t.ok("iam", "ListUsers", { MaxItems: 2, Marker: second.Marker });
    expect(third).toMatchObject({ IsTruncated: false });
    expect(third.Marker).toBeUndefined();
    expect((t.ok("iam", "ListUsers", { PathPrefix: "/x/" }).Users as unknown[]).length).toBe(2);
  });

  it("cannot be deleted while they have keys, a login profile, groups or policies", () => {
    t.ok("iam", "CreateUser", { UserName: "dev" });
    const key = (t.ok("iam", "CreateAccessKey", { UserName: "dev" }).AccessKey as { AccessKeyId: string }).AccessKeyId;
    t.ok("iam", "CreateLoginProfile", { UserName: "dev", Password: "Correct-Horse-9" });
    t.ok("iam", "CreateGroup", { GroupName: "g" });
    t.ok("iam", "AddUserToGroup", { GroupName: "g", UserName: "dev" });
    t.ok("iam", "AttachUserPolicy", { UserName: "dev", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    t.ok("iam", "PutUserPolicy", { UserName: "dev", PolicyName: "p", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }] }) });
    const steps: [string, Record<string, unknown>, string][] = [
      ["DeleteLoginProfile", { UserName: "dev" }, "Cannot delete entity, must delete login profile first."],
      ["DeleteAccessKey", { UserName: "dev", AccessKeyId: key }, "Cannot delete entity, must delete access keys first."],
      ["RemoveUserFromGroup", { UserName: "dev", GroupName: "g" }, "Cannot delete entity, must remove users from group first."],
      ["DetachUserPolicy", { UserName: "dev", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }, "Cannot delete entity, must detach all policies first."],
      ["DeleteUserPolicy", { UserName: "dev", PolicyName: "p" }, "Cannot delete entity, must delete policies first."],
    ];
    for (const [action, params, message] of steps) {
      expect(t.fail("iam", "DeleteUser", { UserName: "dev" })).toMatchObject({ code: "DeleteConflict", httpStatus: 409, message });
      t.ok("iam", action, params);
    }
    t.ok("iam", "DeleteUser", { UserName: "dev" });
    expect(t.fail("iam", "GetUser", { UserName: "dev" })).toMatchObject({ code: "NoSuchEntity", httpStatus: 404 });
  });

  it("are renamed by UpdateUser, and keep their id", () => {
    const id = (t.ok("iam", "CreateUser", { UserName: "old" }).User as { UserId: string }).UserId;
    t.ok("iam", "UpdateUser", { UserName: "old", NewUserName: "new", NewPath: "/p/" });
    expect(t.ok("iam", "GetUser", { UserName: "new" }).User).toMatchObject({ UserId: id, Arn: `arn:aws:iam::${account}:user/p/new` });
  });

  it("are tagged and untagged", () => {
    t.ok("iam", "CreateUser", { UserName: "dev", Tags: [{ Key: "a", Value: "1" }] });
    t.ok("iam", "TagUser", { UserName: "dev", Tags: [{ Key: "b", Value: "2" }, { Key: "a", Value: "3" }] });
    expect(t.ok("iam", "ListUserTags", { UserName: "dev" }).Tags).toEqual([
      { Key: "b", Value: "2" },
      { Key: "a", Value: "3" },
    ]);
    t.ok("iam", "UntagUser", { UserName: "dev", TagKeys: ["a"] });
    expect(t.ok("iam", "ListUserTags", { UserName: "dev" }).Tags).toEqual([{ Key: "b", Value: "2" }]);
  });
});

describe("access keys", () => {
  it("are at most two per user, can be deactivated, listed and report last use", () => {
    t.ok("iam", "CreateUser", { UserName: "dev" });
    const k1 = t.ok("iam", "CreateAccessKey", { UserName: "dev" }).AccessKey as { AccessKeyId: string; SecretAccessKey: string; Status: string };
    expect(k1.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(k1.SecretAccessKey).toHaveLength(40);
    expect(k1.Status).toBe("Active");
    t.ok("iam", "CreateAccessKey", { UserName: "dev" });
    expect(t.fail("iam", "CreateAccessKey", { UserName: "dev" })).toMatchObject({
      code: "LimitExceeded",
      httpStatus: 409,
      message: "Cannot exceed quota for AccessKeysPerUser: 2",
    });
    t.ok("iam", "UpdateAccessKey", { UserName: "dev", AccessKeyId: k1.AccessKeyId, Status: "Inactive" });
    const listed = t.ok("iam", "ListAccessKeys", { UserName: "dev" }).AccessKeyMetadata as { AccessKeyId: string; Status: string }[];
    expect(listed).toHaveLength(2);
    expect(listed.find((k) => k.AccessKeyId === k1.AccessKeyId)?.Status).toBe("Inactive");

    expect(t.ok("iam", "GetAccessKeyLastUsed", { AccessKeyId: k1.AccessKeyId })).toEqual({
      UserName: "dev",
      AccessKeyLastUsed: { ServiceName: "N/A", Region: "N/A" },
    });
    t.ok("iam", "UpdateAccessKey", { UserName: "dev", AccessKeyId: k1.AccessKeyId, Status: "Active" });
    t.ok("sts", "GetCallerIdentity", {}, { accessKeyId: k1.AccessKeyId, secretAccessKey: k1.SecretAccessKey });
    const used = t.ok("iam", "GetAccessKeyLastUsed", { AccessKeyId: k1.AccessKeyId }).AccessKeyLastUsed as Record<string, unknown>;
    expect(used).toMatchObject({ ServiceName: "sts", Region: "us-east-1" });
    expect(used.LastUsedDate).toBeInstanceOf(Date);
    expect(t.fail("iam", "DeleteAccessKey", { UserName: "dev", AccessKeyId: "AKIAIOSFODNN7EXAMPLE" })).toMatchObject({
      code: "NoSuchEntity",
      message: "The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.",
    });
  });

  it("of a user default to the caller's own", () => {
    const dev = t.user("dev", { inline: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:*AccessKey*", Resource: "arn:aws:iam::*:user/${aws:username}" }] }] });
    expect((t.ok("iam", "ListAccessKeys", {}, dev).AccessKeyMetadata as unknown[]).length).toBe(1);
    expect((t.ok("iam", "CreateAccessKey", {}, dev).AccessKey as { UserName: string }).UserName).toBe("dev");
    t.user("other");
    expect(t.fail("iam", "ListAccessKeys", { UserName: "other" }, dev).code).toBe("AccessDenied");
  });
});

describe("login profiles", () => {
  it("hold a console password, once per user", () => {
    t.ok("iam", "CreateUser", { UserName: "dev" });
    expect(t.fail("iam", "CreateLoginProfile", { UserName: "dev", Password: "short" })).toMatchObject({ code: "PasswordPolicyViolation" });
    const lp = t.ok("iam", "CreateLoginProfile", { UserName: "dev", Password: "Correct-Horse-9", PasswordResetRequired: true }).LoginProfile;
    expect(lp).toMatchObject({ UserName: "dev", PasswordResetRequired: true });
    expect(t.fail("iam", "CreateLoginProfile", { UserName: "dev", Password: "Correct-Horse-9" })).toMatchObject({
      code: "EntityAlreadyExists",
      message: "Login Profile for user dev already exists.",
    });
    t.ok("iam", "UpdateLoginProfile", { UserName: "dev", PasswordResetRequired: false });
    expect(t.ok("iam", "GetLoginProfile", { UserName: "dev" }).LoginProfile).toMatchObject({ PasswordResetRequired: false });
    t.ok("iam", "DeleteLoginProfile", { UserName: "dev" });
    expect(t.fail("iam", "GetLoginProfile", { UserName: "dev" })).toMatchObject({ code: "NoSuchEntity", message: "Login Profile for User dev cannot be found." });
  });
});

describe("groups", () => {
  it("hold members whose permissions come from the group's policies", () => {
    t.ok("iam", "CreateGroup", { GroupName: "readers" });
    t.ok("iam", "AttachGroupPolicy", { GroupName: "readers", PolicyArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess" });
    const dev = t.user("dev");
    expect(t.fail("iam", "ListRoles", {}, dev).code).toBe("AccessDenied");
    t.ok("iam", "AddUserToGroup", { GroupName: "readers", UserName: "dev" });
    expect(t.ok("iam", "ListRoles", {}, dev).Roles).toEqual([]);
    const g = t.ok("iam", "GetGroup", { GroupName: "readers" });
    expect((g.Users as { UserName: string }[]).map((u) => u.UserName)).toEqual(["dev"]);
    expect(g.Group).toMatchObject({ GroupName: "readers", Arn: `arn:aws:iam::${account}:group/readers` });
    expect((g.Group as { GroupId: string }).GroupId).toMatch(/^AGPA/);
    expect((t.ok("iam", "ListGroupsForUser", { UserName: "dev" }).Groups as { GroupName: string }[]).map((x) => x.GroupName)).toEqual(["readers"]);
    expect(t.fail("iam", "DeleteGroup", { GroupName: "readers" })).toMatchObject({
      code: "DeleteConflict",
      message: "Cannot delete entity, must remove users from group first.",
    });
    t.ok("iam", "RemoveUserFromGroup", { GroupName: "readers", UserName: "dev" });
    expect(t.fail("iam", "ListRoles", {}, dev).code).toBe("AccessDenied");
    expect(t.fail("iam", "DeleteGroup", { GroupName: "readers" }).message).toBe("Cannot delete entity, must detach all policies first.");
    t.ok("iam", "DetachGroupPolicy", { GroupName: "readers", PolicyArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess" });
    t.ok("iam", "DeleteGroup", { GroupName: "readers" });
    expect(t.fail("iam", "GetGroup", { GroupName: "readers" })).toMatchObject({ code: "NoSuchEntity", message: "The group with name readers cannot be found." });
  });
});
