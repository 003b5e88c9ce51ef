// STS: caller identity, AssumeRole (identity policy AND trust policy), session policies, expiry by the clock
// offset, GetSessionToken, DecodeAuthorizationMessage.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AwsCredentials } from "../../../src/cloud/api.js";
import { systemClock } from "../../../src/cloud/clock.js";
import { openTestCloud, trustPolicy, type TestCloud } from "../core/helpers.js";

let t: TestCloud;
let account: string;
beforeEach(() => {
  t = openTestCloud();
  account = t.cloud.accountId;
});
afterEach(() => t.close());

const assumeRoleAllowed = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] };

function makeRole(name: string, trust: string, extra: Record<string, unknown> = {}): string {
  const r = t.ok("iam", "CreateRole", { RoleName: name, AssumeRolePolicyDocument: trust, ...extra }).Role as { Arn: string };
  return r.Arn;
}

function creds(out: Record<string, unknown>): AwsCredentials {
  const c = out.Credentials as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

describe("GetCallerIdentity", () => {
  it("answers for a user without any permission", () => {
    const dev = t.user("dev");
    const me = t.ok("sts", "GetCallerIdentity", {}, dev);
    expect(me).toMatchObject({ Account: account, Arn: `arn:aws:iam::${account}:user/dev` });
    expect(me.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });
});

describe("AssumeRole", () => {
  it("returns ASIA credentials that act as the role, with exactly the role's permissions", () => {
    const dev = t.user("dev", { inline: [assumeRoleAllowed] });
    const roleArn = makeRole("reader", trustPolicy(`arn:aws:iam::${account}:root`));
    t.ok("iam", "AttachRolePolicy", { RoleName: "reader", PolicyArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess" });
    const out = t.ok("sts", "AssumeRole", { RoleArn: roleArn, RoleSessionName: "s1" }, dev);
    const c = out.Credentials as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: Date };
    expect(c.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(c.SecretAccessKey).toHaveLength(40);
    expect(c.SessionToken.length).toBeGreaterThan(100);
    expect(c.Expiration.getTime() - Date.now()).toBeGreaterThan(3590_000);
    expect(c.Expiration.getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
    const role = t.ok("iam", "GetRole", { RoleName: "reader" }).Role as { RoleId: string };
    expect(out.AssumedRoleUser).toEqual({ AssumedRoleId: `${role.RoleId}:s1`, Arn: `arn:aws:sts::${account}:assumed-role/reader/s1` });

    const session = creds(out);
    expect(t.ok("sts", "GetCallerIdentity", {}, session)).toEqual({
      UserId: `${role.RoleId}:s1`,
      Account: account,
      Arn: `arn:aws:sts::${account}:assumed-role/reader/s1`,
    });
    expect(t.ok("iam", "ListUsers", {}, session).Users).toHaveLength(1);
    expect(t.fail("iam", "CreateUser", { UserName: "x" }, session)).toMatchObject({
      code: "AccessDenied",
      httpStatus: 403,
      message: `User: arn:aws:sts::${account}:assumed-role/reader/s1 is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${account}:user/x because no identity-based policy allows the iam:CreateUser action`,
    });
    // The session needs its token: without it (or with another) the key is unknown.
    expect(t.fail("sts", "GetCallerIdentity", {}, { ...session, sessionToken: undefined }).code).toBe("InvalidClientTokenId");
    expect(t.fail("sts", "GetCallerIdentity", {}, { ...session, sessionToken: "forged" }).code).toBe("InvalidClientTokenId");
  });

  it("needs sts:AssumeRole in the caller's identity policies when the trust policy names the account", () => {
    const dev = t.user("dev");
    const roleArn = makeRole("r", trustPolicy(`arn:aws:iam::${account}:root`));
    expect(t.fail("sts", "AssumeRole", { RoleArn: roleArn, RoleSessionName: "s0" }, dev)).toMatchObject({
      code: "AccessDenied",
      message: `User: arn:aws:iam::${account}:user/dev is not authorized to perform: sts:AssumeRole on resource: ${roleArn} because no identity-based policy allows the sts:AssumeRole action`,
    });
  });

  it("needs the role's trust policy to allow the caller, whatever the identity policies say", () => {
    const dev = t.user("dev", { inline: [assumeRoleAllowed] });
    t.user("other");
    const roleArn = makeRole("r", trustPolicy(`arn:aws:iam::${account}:user/other`));
    const e = t.fail("sts", "AssumeRole", { RoleArn: roleArn, RoleSessionName: "s0" }, dev);
    expect(e.code).toBe("AccessDenied");
    expect(e.message).toContain(`User: arn:aws:iam::${account}:user/dev is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  });

  it("is refused to root, and for a role that does not exist", () => {
    const roleArn = makeRole("r", trustPolicy(`arn:aws:iam::${account}:root`));
    expect(t.fail("sts", "AssumeRole", { RoleArn: roleArn, RoleSessionName: "s0" })).toMatchObject({
      code: "AccessDenied",
      message: "Roles may not be assumed by root accounts.",
    });
    const dev = t.user("dev", { inline: [assumeRoleAllowed] });
    expect(t.fail("sts", "AssumeRole", { RoleArn: `arn:aws:iam::${account}:role/ghost`, RoleSessionName: "s0" }, dev)).toMatchObject({
      code: "AccessDenied",
      message: `User: arn:aws:iam::${account}:user/dev is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${account}:role/ghost`,
    });
  });

  it("keeps DurationSeconds within 900..MaxSessionDuration", () => {
    const dev = t.user("dev", { inline: [assumeRoleAllowed] });
    const roleArn = makeRole("r", trustPolicy(`arn:aws:iam::${account}:user/dev`), { MaxSessionDuration: 7200 });
    expect(t.fail("sts", "AssumeRole", { RoleArn: roleArn, RoleSessionName: "s0", DurationSeconds: 600 }, dev).message).toBe(
      "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
    expect(t.fail("sts", "AssumeRole", { RoleArn: roleArn, RoleSessionName: "s0", DurationSeconds: 7201 }, dev)).toMatchObject({
      code: "ValidationError",
      message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    });
    const out = t.ok("sts", "AssumeRole", { RoleArn: roleArn, RoleSessionName: "s0", DurationSeconds: 7200 }, dev);
    const exp = (out.Credentials as { Expiration: Date }).Expiration.getTime();
    expect(exp - Date.now()).toBeGreaterThan(7190_000);
  });

  it("limits a session to the intersection of the role's policies and the session policy", () => {
    const dev = t.user("dev", { inline: [assumeRoleAllowed] });
    const roleArn = makeRole("admin", trustPolicy(`arn:aws:iam::${account}:user/dev`));
    t.ok("iam", "AttachRolePolicy", { RoleName: "admin", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
    const sessionPolicy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:ListUsers", Resource: "*" }] });
    const out = t.ok("sts", "AssumeRole", { RoleArn: roleArn, RoleSessionName: "narrow", Policy: sessionPolicy }, dev);
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    const session = creds(out);
    expect(t.ok("iam", "ListUsers", {}, session).Users).toHaveLength(1);
    expect(t.fail("iam", "ListRoles", {}, session)).toMatchObject({
      code: "AccessDenied",
      message: `User: arn:aws:sts::${account}:assumed-role/admin/narrow is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::${account}:role/ because no session policy allows the iam:ListRoles action`,
    });
    // Managed session policies (PolicyArns) narrow the same way.
    const viaArn = creds(
      t.ok("sts", "AssumeRole", { RoleArn: roleArn, RoleSessionName: "ro", PolicyArns: [{ arn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess" }] }, dev),
    );
    expect(t.ok("iam", "ListRoles", {}, viaArn).Roles).toHaveLength(1);
    expect(t.fail("iam", "CreateUser", { UserName: "n" }, viaArn).code).toBe("AccessDenied");
    // A malformed session policy is refused.
    expect(t.fail("sts", "AssumeRole", { RoleArn: roleArn, RoleSessionName: "bad", Policy: "{not json" }, dev).code).toBe("MalformedPolicyDocument");
  });

  it("expires: the clock offset makes the credentials ExpiredToken without sleeping", () => {
    const dev = t.user("dev", { inline: [assumeRoleAllowed] });
    const roleArn = makeRole("r", trustPolicy(`arn:aws:iam::${account}:user/dev`));
    const session = creds(t.ok("sts", "AssumeRole", { RoleArn: roleArn, RoleSessionName: "s0", DurationSeconds: 900 }, dev));
    const later = openTestCloud({ home: t.home, clock: systemClock(901) });
    try {
      expect(later.fail("sts", "GetCallerIdentity", {}, session)).toEqual({
        code: "ExpiredToken",
        httpStatus: 403,
        type: "Sender",
        message: "The security token included in the request is expired",
      });
      expect(later.cloud.signingSecret(session.accessKeyId, session.sessionToken)).toMatchObject({ code: "ExpiredToken", httpStatus: 403 });
    } finally {
      later.cloud.close();
    }
    const almost = openTestCloud({ home: t.home, clock: systemClock(880) });
    try {
      expect(almost.ok("sts", "GetCallerIdentity", {}, session).Arn).toBe(`arn:aws:sts::${account}:assumed-role/r/s0`);
    } finally {
      almost.cloud.close();
    }
  });

  it("records the role as last used", () => {
    const dev = t.user("dev", { inline: [assumeRoleAllowed] });
    const roleArn = makeRole("r", trustPolicy(`arn:aws:iam::${account}:user/dev`));
    expect((t.ok("iam", "GetRole", { RoleName: "r" }).Role as { RoleLastUsed: unknown }).RoleLastUsed).toEqual({});
    t.ok("sts", "AssumeRole", { RoleArn: roleArn, RoleSessionName: "s0" }, dev);
    const used = (t.ok("iam", "GetRole", { RoleName: "r" }).Role as { RoleLastUsed: { Region: string; LastUsedDate: Date } }).RoleLastUsed;
    expect(used.Region).toBe("us-east-1");
    expect(used.LastUsedDate).toBeInstanceOf(Date);
  });
});

describe("GetSessionToken", () => {
  it("gives a user temporary credentials with the user's own permissions", () => {
    const dev = t.user("dev", { managed: ["arn:aws:iam::aws:policy/IAMReadOnlyAccess"] });
    const out = t.ok("sts", "GetSessionToken", {}, dev);
    const c = out.Credentials as { Expiration: Date };
    expect(c.Expiration.getTime() - Date.now()).toBeGreaterThan(43_190_000);
    const session = creds(out);
    expect(t.ok("sts", "GetCallerIdentity", {}, session).Arn).toBe(`arn:aws:iam::${account}:user/dev`);
    expect(t.ok("iam", "ListUsers", {}, session).Users).toHaveLength(1);
    expect(t.fail("iam", "CreateUser", { UserName: "n" }, session).code).toBe("AccessDenied");
    expect(t.fail("sts", "GetSessionToken", {}, session)).toMatchObject({ code: "AccessDenied", message: "Cannot call GetSessionToken with session credentials" });
  });

  it("caps root sessions at one hour", () => {
    const out = t.ok("sts", "GetSessionToken", { DurationSeconds: 7200 });
    expect((out.Credentials as { Expiration: Date }).Expiration.getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
  });
});

describe("DecodeAuthorizationMessage", () => {
  it("refuses what is not an encoded message", () => {
    expect(t.fail("sts", "DecodeAuthorizationMessage", { EncodedMessage: "garbage" })).toMatchObject({ code: "InvalidAuthorizationMessageException", httpStatus: 400 });
  });

  it("decodes a message into AWS's JSON form, for callers allowed sts:DecodeAuthorizationMessage", async () => {
    const { encodeAuthorizationMessage } = await import("../../../src/cloud/sts/authorization-message.js");
    const encoded = encodeAuthorizationMessage(
      {
        principal: { type: "user", arn: `arn:aws:iam::${account}:user/dev`, accountId: account, userId: "AIDAEXAMPLE", username: "dev", tags: {} },
        action: "ec2:RunInstances",
        resource: `arn:aws:ec2:us-east-1:${account}:instance/*`,
        context: { "aws:RequestedRegion": "us-east-1" },
        identityPolicies: [],
      },
      { effect: "Deny", reason: "implicit-deny", deniedBy: "identity-based policy" },
    );
    const decoded = JSON.parse(t.ok("sts", "DecodeAuthorizationMessage", { EncodedMessage: encoded }).DecodedMessage as string);
    expect(decoded).toMatchObject({
      allowed: false,
      explicitDeny: false,
      context: { action: "ec2:RunInstances", principal: { arn: `arn:aws:iam::${account}:user/dev`, name: "dev" } },
    });
    const dev = t.user("dev");
    expect(t.fail("sts", "DecodeAuthorizationMessage", { EncodedMessage: encoded }, dev).code).toBe("AccessDenied");
  });
});
