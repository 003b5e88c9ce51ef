// The policy simulator's view of a decision: EvalDecision words, matched statements with their positions in
// the policy text, missing context keys, and the permissions boundary's verdict.
import { describe, expect, it } from "vitest";
import { parsePolicyDocument, simulate, statementPositions, type AuthzRequest, type PolicyDocument, type PolicyKind } from "../../../src/cloud/iam/policy/index.js";
import { dev } from "./evaluate.case.js";

function doc(json: string, kind: PolicyKind = "identity"): PolicyDocument {
  const r = parsePolicyDocument(json, kind);
  if (!r.ok) throw new Error(r.message);
  return r.policy;
}

const base = (identity: PolicyDocument[], extra: Partial<AuthzRequest> = {}): AuthzRequest => ({
  principal: dev,
  action: "s3:GetObject",
  resource: "arn:aws:s3:::b/k",
  context: {},
  identityPolicies: identity.map((policy, i) => ({ name: `p${i}`, policy })),
  ...extra,
});

describe("statementPositions", () => {
  it("finds each statement of a pretty-printed policy (1-based line and column)", () => {
    const text = ['{', '  "Version": "2012-10-17",', '  "Statement": [', '    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},', '    {', '      "Effect": "Deny",', '      "Action": "s3:DeleteObject",', '      "Resource": "*"', '    }', '  ]', '}'].join("\n");
    expect(statementPositions(text)).toEqual([
      { start: { line: 4, column: 5 }, end: { line: 4, column: 59 } },
      { start: { line: 5, column: 5 }, end: { line: 9, column: 6 } },
    ]);
  });
  it("handles a single statement object, nested condition objects and escaped quotes", () => {
    const text = '{"Version":"2012-10-17","Statement":{"Sid":"a\\"b","Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}';
    const at = text.indexOf('{"Sid"');
    expect(statementPositions(text)).toEqual([{ start: { line: 1, column: at + 1 }, end: { line: 1, column: text.length } }]);
  });
});

describe("simulate", () => {
  const allowAll = doc('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}');
  const denyGet = doc('{"Version":"2012-10-17","Statement":[{"Sid":"NoGet","Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}');
  const mfa = doc('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}');

  it("allowed, with the allowing statement", () => {
    const r = simulate(base([allowAll]));
    expect(r.evalDecision).toBe("allowed");
    expect(r.matchedStatements.map((m) => [m.policyName, m.statement.index, m.start.line])).toEqual([["p0", 0, 1]]);
  });
  it("explicitDeny lists the denying statement only", () => {
    const r = simulate(base([allowAll, denyGet]));
    expect(r.evalDecision).toBe("explicitDeny");
    expect(r.matchedStatements.map((m) => [m.policyName, m.statement.sid])).toEqual([["p1", "NoGet"]]);
  });
  it("implicitDeny, naming the condition keys the request did not supply", () => {
    const r = simulate(base([mfa]));
    expect(r.evalDecision).toBe("implicitDeny");
    expect(r.matchedStatements).toEqual([]);
    expect([...r.missingContextValues].sort()).toEqual(["aws:MultiFactorAuthPresent", "aws:SourceIp"]);
  });
  it("supplied keys are not missing", () => {
    const r = simulate(base([mfa], { context: { "aws:MultiFactorAuthPresent": true, "aws:SourceIp": "10.1.2.3" } }));
    expect(r.evalDecision).toBe("allowed");
    expect(r.missingContextValues).toEqual([]);
  });
  it("reports whether the permissions boundary allowed", () => {
    const ec2Only = doc('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}', "boundary");
    const r = simulate(base([allowAll], { permissionsBoundary: { name: "b", policy: ec2Only } }));
    expect(r.evalDecision).toBe("implicitDeny");
    expect(r.allowedByPermissionsBoundary).toBe(false);
    const r2 = simulate(base([allowAll], { permissionsBoundary: { name: "b", policy: allowAll } }));
    expect(r2.allowedByPermissionsBoundary).toBe(true);
  });
});
