// Our validator against moto's (moto.iam.policy_validation), whose messages and their order were taken from
// real IAM responses: every corpus document must get the same verdict and message, except where moto is known
// to stop short of IAM, each listed with the reason.
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePolicyDocument } from "../../../src/cloud/iam/policy/index.js";
import { validationCases } from "./parse.case.js";

const skips: Record<string, string> = {
  "non-alphanumeric Sid in an IAM policy": "moto does not check Sid characters; IAM does",
  "Principal in an identity policy": "moto does not reject a Principal in an identity-based policy; IAM does",
  "Principal in a permissions boundary": "moto does not reject a Principal in an identity-based policy; IAM does",
  "trust policy without a Principal": "moto does not require a Principal in a trust policy; IAM does",
  "trust policy with a malformed AWS principal": "moto does not check principals; IAM does",
  "trust policy with a malformed service principal": "moto does not check principals; IAM does",
  "a trust policy may use Version 2008-10-17": "moto rejects 2008-10-17 everywhere; IAM accepts it in trust policies (AWS's own examples use it)",
  "valid conditions of every family": "moto rejects JSON numbers as condition values; IAM's policy grammar allows them",
};

const cases = validationCases.filter((c) => (c.kind ?? "identity") !== "resource");

function moto(documents: readonly { kind: string; json: string }[]): (string | null)[] | undefined {
  const script = `
import json, sys
from moto.iam.policy_validation import IAMPolicyDocumentValidator, IAMTrustPolicyDocumentValidator
out = []
for case in json.load(sys.stdin):
    cls = IAMTrustPolicyDocumentValidator if case["kind"] == "trust" else IAMPolicyDocumentValidator
    try:
        cls(case["json"]).validate()
        out.append(None)
    except Exception as e:
        out.append(getattr(e, "message", None) or str(e))
print(json.dumps(out))
`;
  const r = spawnSync("python3", ["-c", script], { input: JSON.stringify(documents), encoding: "utf8", maxBuffer: 1 << 28 });
  return r.status === 0 ? (JSON.parse(r.stdout) as (string | null)[]) : undefined;
}

const peer = moto(cases.map((c) => ({ kind: c.kind ?? "identity", json: c.json })));

describe.skipIf(!peer)("validation agrees with moto's IAM validator", () => {
  cases.forEach((c, i) => {
    const skip = skips[c.name];
    it.skipIf(skip !== undefined)(`${c.name}${skip ? ` (skipped: ${skip})` : ""}`, () => {
      const r = parsePolicyDocument(c.json, c.kind ?? "identity");
      expect(r.ok ? null : r.message).toBe(peer![i]);
    });
  });
  it("every skip names a case of the corpus", () => {
    for (const name of Object.keys(skips)) expect(cases.some((c) => c.name === name)).toBe(true);
  });
});

// Random documents built from valid and invalid pieces, so that several errors meet in one document and the
// order of IAM's checks decides the message. Identity-based policies only (moto's validator stops short of
// IAM on principals and trust policies, see the skips above).
const piece = {
  effect: fc.constantFrom("Allow", "Deny", "allow", "Permit"),
  sid: fc.constantFrom("A", "B", "A1"),
  action: fc.constantFrom("s3:GetObject", "s3:*", "*", "GetObject", "s3:Get:Object", "s3 x:Get", "ec2:Describe*", ""),
  resource: fc.constantFrom(
    "*",
    "arn:aws:s3:::b/*",
    "bucket",
    "arn:aws-x:s3:::b",
    "arn:aws",
    "arn:aws::::b",
    "arn:aws:s3::b",
    "arn:aws:iam::123456789012:user/x",
    "arn:aws:iam:us-east-1:123456789012:user/x",
    "arn:aws:iam::123456789012:thing/x",
    "arn:aws:ec2:*:*:instance/*",
  ),
  condition: fc.constantFrom<Record<string, unknown>>(
    { StringEquals: { "aws:username": "a" } },
    { DateLessThan: { "aws:CurrentTime": "2026-13-01" } },
    { DateLessThan: { "aws:CurrentTime": "2026-01-01T00:00:00Z" } },
    { Foo: { a: "b" } },
    { Foo: {} },
    { "ForAnyValue:StringLikeIfExists": { a: ["x*"] } },
  ),
};
const oneOrList = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.array(a, { maxLength: 2 }));
const statementArb = fc.record(
  {
    Effect: piece.effect,
    Sid: piece.sid,
    Action: oneOrList(piece.action),
    NotAction: oneOrList(piece.action),
    Resource: oneOrList(piece.resource),
    NotResource: oneOrList(piece.resource),
    Condition: piece.condition,
  },
  { requiredKeys: [] },
);
const documentArb = fc.record(
  { Version: fc.constantFrom("2012-10-17", "2012-10-17", "2012-10-17", "2008-10-17", "2012-10-18"), Statement: fc.array(statementArb, { minLength: 1, maxLength: 3 }) },
  { requiredKeys: ["Statement"] },
);

describe.skipIf(!peer)("random documents: same verdict and message as moto's IAM validator", () => {
  it("1,000 generated identity-based policies", () => {
    const documents = fc.sample(documentArb, { numRuns: 1000, seed: 20261123 }).map((d) => JSON.stringify(d));
    const theirs = moto(documents.map((json) => ({ kind: "identity", json })));
    expect(theirs).toBeDefined();
    const differences = documents
      .map((json, i) => {
        const r = parsePolicyDocument(json, "identity");
        return { json, ours: r.ok ? null : r.message, moto: theirs![i] };
      })
      .filter((d) => d.ours !== d.moto);
    expect(differences.slice(0, 5)).toEqual([]);
  });
});
