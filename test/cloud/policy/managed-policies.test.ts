// AWS managed policies: metadata in IAM's forms, every document parses, lookups by ARN, size accounting.
import { describe, expect, it } from "vitest";
import { managedPolicies, managedPolicyByArn, managedPolicyDocument } from "../../../src/cloud/iam/managed-policies/index.js";
import { checkPolicySize, policySize } from "../../../src/cloud/iam/policy/index.js";

const required = [
  "AdministratorAccess",
  "PowerUserAccess",
  "ReadOnlyAccess",
  "IAMFullAccess",
  "IAMReadOnlyAccess",
  "AmazonEC2FullAccess",
  "AmazonEC2ReadOnlyAccess",
  "AmazonS3FullAccess",
  "AmazonS3ReadOnlyAccess",
  "IAMUserChangePassword",
  "AmazonSSMManagedInstanceCore",
];

describe("AWS managed policies", () => {
  it("includes every policy the issue names", () => {
    expect(managedPolicies.map((p) => p.policyName).sort()).toEqual([...required].sort());
  });

  for (const p of managedPolicies) {
    it(`${p.policyName}: IAM's forms, and its document parses`, () => {
      expect(p.arn).toBe(`arn:aws:iam::aws:policy${p.path}${p.policyName}`);
      expect(p.policyId).toMatch(/^ANPA[A-Z0-9]{17}$/);
      expect(p.defaultVersionId).toMatch(/^v\d+$/);
      expect(Date.parse(p.createDate)).toBeLessThanOrEqual(Date.parse(p.updateDate));
      expect(p.description.length).toBeGreaterThan(0);
      expect(managedPolicyByArn(p.arn)).toBe(p);
      const doc = managedPolicyDocument(p.arn);
      expect(doc?.version).toBe("2012-10-17");
      expect(doc?.statements.length).toBeGreaterThan(0);
      expect(managedPolicyDocument(p.arn)).toBe(doc); // parsed once
    });
  }

  it("ids are unique", () => {
    expect(new Set(managedPolicies.map((p) => p.policyId)).size).toBe(managedPolicies.length);
  });

  it("knows AdministratorAccess by its real id", () => {
    expect(managedPolicyByArn("arn:aws:iam::aws:policy/AdministratorAccess")?.policyId).toBe("ANPAIWMBCKSKIEE64ZLYK");
    expect(managedPolicyByArn("arn:aws:iam::aws:policy/NoSuchPolicy")).toBeUndefined();
    expect(managedPolicyDocument("arn:aws:iam::aws:policy/NoSuchPolicy")).toBeUndefined();
  });

  it("ReadOnlyAccess keeps its real (large) action list", () => {
    const doc = managedPolicyDocument("arn:aws:iam::aws:policy/ReadOnlyAccess");
    const actions = doc?.statements.flatMap((s) => s.actions ?? []) ?? [];
    expect(actions.length).toBeGreaterThan(1000);
    expect(actions).toContain("ec2:Describe*");
  });
});

describe("policy size quotas", () => {
  it("whitespace is not counted", () => {
    expect(policySize('{ "a" :\n\t"b" }')).toBe(9);
  });
  it("answers LimitExceeded with IAM's wording per kind", () => {
    const big = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: Array.from({ length: 400 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }] });
    expect(checkPolicySize("managed", big)).toEqual({ code: "LimitExceeded", message: "Cannot exceed quota for PolicySize: 6144" });
    expect(checkPolicySize("userInline", big, "dev")).toEqual({ code: "LimitExceeded", message: "Maximum policy size of 2048 bytes exceeded for user dev" });
    expect(checkPolicySize("trust", big)).toEqual({ code: "LimitExceeded", message: "Cannot exceed quota for ACLSizePerRole: 2048" });
    expect(checkPolicySize("roleInline", '{"Version":"2012-10-17"}')).toBeUndefined();
  });
  it("a document exactly at the limit fits", () => {
    const body = "x".repeat(2048 - 2);
    expect(checkPolicySize("userInline", `"${body}"`)).toBeUndefined();
    expect(checkPolicySize("userInline", `"${body}x"`)).toBeDefined();
  });
});
