// The pipeline every call runs: authenticate → validate → authorize → act → commit → audit.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HIDDEN } from "../../../src/cloud/audit.js";
import { systemClock } from "../../../src/cloud/clock.js";
import { openTestCloud, type TestCloud } from "./helpers.js";

let t: TestCloud;
beforeEach(() => {
  t = openTestCloud();
});
afterEach(() => t.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("authentication", () => {
  it("refuses an unknown access key with InvalidClientTokenId 403", () => {
    const e = t.fail("sts", "GetCallerIdentity", {}, { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "x".repeat(40) });
    expect(e).toMatchObject({ code: "InvalidClientTokenId", httpStatus: 403, message: "The security token included in the request is invalid." });
  });

  it("refuses a wrong secret with SignatureDoesNotMatch 403", () => {
    const e = t.fail("sts", "GetCallerIdentity", {}, { accessKeyId: t.root.accessKeyId, secretAccessKey: "y".repeat(40) });
    expect(e).toMatchObject({ code: "SignatureDoesNotMatch", httpStatus: 403 });
  });

  it("refuses an inactive key like an unknown one, and accepts it again once active", () => {
    const dev = t.user("dev", { managed: ["arn:aws:iam::aws:policy/IAMReadOnlyAccess"] });
    t.ok("iam", "UpdateAccessKey", { UserName: "dev", AccessKeyId: dev.accessKeyId, Status: "Inactive" });
    expect(t.fail("iam", "ListUsers", {}, dev)).toMatchObject({ code: "InvalidClientTokenId", httpStatus: 403 });
    expect(t.cloud.signingSecret(dev.accessKeyId, undefined)).toMatchObject({ code: "InvalidClientTokenId", httpStatus: 403 });
    t.ok("iam", "UpdateAccessKey", { UserName: "dev", AccessKeyId: dev.accessKeyId, Status: "Active" });
    expect(t.ok("iam", "ListUsers", {}, dev).Users).toHaveLength(1);
  });

  it("gives the signing secret to the HTTP server and trusts its SigV4 verification", () => {
    expect(t.cloud.signingSecret(t.root.accessKeyId, undefined)).toEqual({ secretAccessKey: t.root.secretAccessKey });
    const r = t.cloud.call({ credentials: { accessKeyId: t.root.accessKeyId }, authenticatedBy: "sigv4", region: "eu-west-1", service: "sts", action: "GetCallerIdentity", params: {} });
    expect(r.ok).toBe(true);
  });

  it("refuses anonymous calls to IAM and STS", () => {
    const r = t.cloud.call({ credentials: { accessKeyId: "" }, authenticatedBy: "anonymous", region: "us-east-1", service: "iam", action: "ListUsers", params: {} });
    expect(r).toMatchObject({ ok: false, error: { code: "MissingAuthenticationToken", httpStatus: 403 } });
  });
});

describe("validation and dispatch", () => {
  it("answers an unknown action with InvalidAction", () => {
    expect(t.fail("iam", "CreateUnicorn")).toMatchObject({ code: "InvalidAction", httpStatus: 400, message: "Could not find operation CreateUnicorn for version 2010-05-08" });
    expect(t.fail("iam", "toString")).toMatchObject({ code: "InvalidAction" });
  });

  it("reports missing and invalid members as AWS's ValidationError, all of them", () => {
    expect(t.fail("iam", "CreateUser")).toEqual({
      code: "ValidationError",
      httpStatus: 400,
      type: "Sender",
      message: "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
    });
    expect(t.fail("iam", "CreateUser", { UserName: "has space", Path: "nope" }).message).toBe(
      "2 validation errors detected: Value 'has space' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+; " +
        "Value 'nope' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
    );
    expect(t.fail("iam", "CreateUser", { UserName: "x".repeat(65) }).message).toContain("Member must have length less than or equal to 64");
    expect(t.fail("iam", "CreateRole", { RoleName: "r", AssumeRolePolicyDocument: "{}", MaxSessionDuration: 60 }).message).toContain(
      "Value '60' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
    );
    expect(t.fail("iam", "UpdateAccessKey", { AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Paused" }).message).toContain(
      "Member must satisfy enum value set: [Active, Inactive, Expired]",
    );
  });

  it("gives every call a fresh UUID request id, success or failure", () => {
    const a = t.call("sts", "GetCallerIdentity");
    const b = t.call("iam", "GetUser", { UserName: "nobody" });
    expect(a.requestId).toMatch(UUID);
    expect(b.requestId).toMatch(UUID);
    expect(a.requestId).not.toBe(b.requestId);
    expect(b).toMatchObject({ ok: false, error: { code: "NoSuchEntity", httpStatus: 404, message: "The user with name nobody cannot be found." } });
  });
});

describe("transactions", () => {
  it("leaves no trace of a write that failed half-way", () => {
    // CreateUser with a boundary that does not exist: refused after the name check, nothing stored.
    const e = t.fail("iam", "CreateUser", { UserName: "half", PermissionsBoundary: "arn:aws:iam::aws:policy/NoSuchPolicy" });
    expect(e).toMatchObject({ code: "NoSuchEntity", message: "Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable." });
    expect(t.fail("iam", "GetUser", { UserName: "half" }).code).toBe("NoSuchEntity");
  });

  it("sees writes made by another cloud on the same home (another process) at once", () => {
    const other = openTestCloud({ home: t.home });
    try {
      other.ok("iam", "CreateUser", { UserName: "fromOther" });
      expect((t.ok("iam", "GetUser", { UserName: "fromother" }).User as { UserName: string }).UserName).toBe("fromOther");
      // An IAM change made elsewhere reaches authorization here (no stale policy cache).
      const dev = t.user("dev");
      expect(t.fail("iam", "ListUsers", {}, dev).code).toBe("AccessDenied");
      other.ok("iam", "AttachUserPolicy", { UserName: "dev", PolicyArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess" });
      expect(t.ok("iam", "ListUsers", {}, dev).Users).toHaveLength(2);
    } finally {
      other.cloud.close();
    }
  });
});

describe("audit trail", () => {
  it("records every call, allowed or denied, newest first, with secrets hidden", () => {
    const dev = t.user("dev");
    t.ok("iam", "CreateLoginProfile", { UserName: "dev", Password: "Sup3r-secret-pw" });
    t.fail("iam", "CreateRole", { RoleName: "r", AssumeRolePolicyDocument: "{}" }, dev);
    t.fail("iam", "NoSuchThing", {}, dev);
    t.fail("sts", "GetCallerIdentity", {}, { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "z".repeat(40) });
    const trail = t.cloud.audit.list();
    expect(trail.map((r) => r.action)).toEqual(["GetCallerIdentity", "NoSuchThing", "CreateRole", "CreateLoginProfile", "CreateAccessKey", "CreateUser"]);
    const [unknown, invalid, denied, login] = trail;
    expect(unknown).toMatchObject({ service: "sts", accessKeyId: "AKIAIOSFODNN7EXAMPLE", errorCode: "InvalidClientTokenId", region: "us-east-1" });
    expect(unknown!.principalArn).toBeUndefined();
    expect(invalid).toMatchObject({ errorCode: "InvalidAction", principalArn: `arn:aws:iam::${t.cloud.accountId}:user/dev` });
    expect(denied).toMatchObject({
      service: "iam",
      action: "CreateRole",
      errorCode: "AccessDenied",
      accessKeyId: dev.accessKeyId,
      params: { RoleName: "r", AssumeRolePolicyDocument: "{}" },
    });
    expect(denied!.requestId).toMatch(UUID);
    expect(login!.params).toEqual({ UserName: "dev", Password: HIDDEN });
    expect(login!.errorCode).toBeUndefined();
    expect(t.cloud.audit.list({ denied: true }).map((r) => r.action)).toEqual(["CreateRole"]);
    expect(t.cloud.audit.list({ action: "iam:createrole" })).toHaveLength(1);
    expect(t.cloud.audit.list({ principalArn: `arn:aws:iam::${t.cloud.accountId}:root` }).map((r) => r.action)).toEqual([
      "CreateLoginProfile",
      "CreateAccessKey",
      "CreateUser",
    ]);
  });

  it("keeps 90 days of records, like CloudTrail's event history", () => {
    t.ok("sts", "GetCallerIdentity");
    expect(t.cloud.audit.prune(Date.now())).toBe(0);
    expect(t.cloud.audit.list()).toHaveLength(1);
    const later = openTestCloud({ home: t.home, clock: systemClock(91 * 86_400) });
    try {
      expect(later.cloud.audit.list()).toHaveLength(0);
    } finally {
      later.cloud.close();
    }
  });

  it("records an object's bytes by their count, at the top level and nested", () => {
    t.ok("s3", "CreateBucket", { Bucket: "audit-bytes" });
    t.ok("s3", "PutObject", { Bucket: "audit-bytes", Key: "k", Body: Buffer.alloc(1500, 7) });
    const put = t.cloud.audit.list({ action: "s3:PutObject" })[0]!;
    expect(put.params).toEqual({ Bucket: "audit-bytes", Key: "k", Body: "<1500 bytes>" });
    t.ok("sts", "GetCallerIdentity", { Nested: { Data: Buffer.alloc(3) } });
    expect(t.cloud.audit.list({ action: "sts:GetCallerIdentity" })[0]!.params).toEqual({ Nested: { Data: "<3 bytes>" } });
  });

  it("hides the secrets an action returns from nowhere: outputs are not recorded", () => {
    t.ok("iam", "CreateUser", { UserName: "k" });
    const key = t.ok("iam", "CreateAccessKey", { UserName: "k" }).AccessKey as { SecretAccessKey: string };
    expect(JSON.stringify(t.cloud.audit.list())).not.toContain(key.SecretAccessKey);
  });
});
