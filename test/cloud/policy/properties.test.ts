// Properties of the evaluation logic over random policies: explicit deny always wins, adding an Allow never
// takes access away, adding a Deny never grants it, and a boundary never widens what identity policies grant.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, parsePolicyDocument, type AuthzRequest, type PolicyDocument, type PolicyKind } from "../../../src/cloud/iam/policy/index.js";
import { dev } from "./evaluate.case.js";

const actions = ["iam:GetUser", "iam:CreateRole", "s3:GetObject", "s3:PutObject", "ec2:RunInstances", "ec2:DescribeInstances"];
const actionPatterns = [...actions, "*", "iam:*", "s3:Get*", "ec2:Describe*", "ec2:*Instances", "iam:Get?ser", "S3:getobject"];
const resources = ["arn:aws:s3:::b/k", "arn:aws:s3:::b.x/k", "arn:aws:iam::123456789012:user/dev", "arn:aws:iam::123456789012:role/x", "*"];
const resourcePatterns = ["*", "arn:aws:s3:::b/*", "arn:aws:s3:::b?x/*", "arn:aws:iam::123456789012:user/${aws:username}", "arn:aws:iam::*:role/*", "arn:aws:s3:::*"];

const statement = fc.record({
  Effect: fc.constantFrom("Allow", "Deny"),
  actionKey: fc.constantFrom("Action", "NotAction"),
  actions: fc.subarray(actionPatterns, { minLength: 1, maxLength: 3 }),
  resourceKey: fc.constantFrom("Resource", "NotResource"),
  resources: fc.subarray(resourcePatterns, { minLength: 1, maxLength: 2 }),
  region: fc.option(fc.constantFrom("us-east-1", "eu-west-1"), { nil: undefined }),
});
type Stmt = typeof statement extends fc.Arbitrary<infer T> ? T : never;

function toJson(s: Stmt): Record<string, unknown> {
  return {
    Effect: s.Effect,
    [s.actionKey]: s.actions,
    [s.resourceKey]: s.resources,
    ...(s.region ? { Condition: { StringEquals: { "aws:RequestedRegion": s.region } } } : {}),
  };
}

function policy(statements: Stmt[], kind: PolicyKind = "identity"): PolicyDocument {
  const r = parsePolicyDocument(JSON.stringify({ Version: "2012-10-17", Statement: statements.map(toJson) }), kind);
  if (!r.ok) throw new Error(r.message);
  return r.policy;
}

const request = fc.record({ action: fc.constantFrom(...actions), resource: fc.constantFrom(...resources), region: fc.constantFrom("us-east-1", "eu-west-1") });

function req(r: { action: string; resource: string; region: string }, identity: PolicyDocument[], boundary?: PolicyDocument): AuthzRequest {
  return {
    principal: dev,
    action: r.action,
    resource: r.resource,
    context: { "aws:RequestedRegion": r.region },
    identityPolicies: identity.map((p, i) => ({ name: `p${i}`, policy: p })),
    ...(boundary ? { permissionsBoundary: { name: "b", policy: boundary } } : {}),
  };
}

const policies = fc.array(fc.array(statement, { minLength: 1, maxLength: 4 }), { minLength: 0, maxLength: 3 });

describe("evaluation properties", () => {
  it("a Deny statement that matches the request always decides", () => {
    fc.assert(
      fc.property(policies, request, (ps, r) => {
        const denyAll = policy([{ Effect: "Deny", actionKey: "Action", actions: [r.action], resourceKey: "Resource", resources: ["*"], region: undefined }]);
        const d = evaluate(req(r, [...ps.map((p) => policy(p)), denyAll]));
        expect(d.reason).toBe("explicit-deny");
      }),
      { numRuns: 300 },
    );
  });

  it("adding an Allow never takes access away; adding a Deny never grants it", () => {
    fc.assert(
      fc.property(policies, statement, request, (ps, extra, r) => {
        const before = evaluate(req(r, ps.map((p) => policy(p)))).effect;
        const after = evaluate(req(r, [...ps.map((p) => policy(p)), policy([extra])])).effect;
        if (extra.Effect === "Allow" && before === "Allow") expect(after).toBe("Allow");
        if (extra.Effect === "Deny" && before === "Deny") expect(after).toBe("Deny");
      }),
      { numRuns: 500 },
    );
  });

  it("a permissions boundary never widens access", () => {
    fc.assert(
      fc.property(policies, fc.array(statement, { minLength: 1, maxLength: 3 }), request, (ps, b, r) => {
        const without = evaluate(req(r, ps.map((p) => policy(p)))).effect;
        const withBoundary = evaluate(req(r, ps.map((p) => policy(p)), policy(b, "boundary"))).effect;
        if (without === "Deny") expect(withBoundary).toBe("Deny");
      }),
      { numRuns: 500 },
    );
  });

  it("policy order does not matter", () => {
    fc.assert(
      fc.property(policies, request, (ps, r) => {
        const docs = ps.map((p) => policy(p));
        expect(evaluate(req(r, [...docs].reverse())).effect).toBe(evaluate(req(r, docs)).effect);
      }),
      { numRuns: 300 },
    );
  });
});
