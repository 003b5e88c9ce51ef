// Runs the evaluation corpus (evaluate.case.ts) against the evaluator, and checks each denial's wording.
import { describe, expect, it } from "vitest";
import { managedPolicyByArn, managedPolicyDocument } from "../../../src/cloud/iam/managed-policies/index.js";
import { denialMessage, evaluate, parsePolicyDocument, type AuthzRequest, type PolicyDocument, type PolicyKind } from "../../../src/cloud/iam/policy/index.js";
import { endToEndSample, evaluationCases, type Json, type PolicySpec } from "./evaluate.case.js";

function parsed(document: Json, kind: PolicyKind): PolicyDocument {
  const r = parsePolicyDocument(JSON.stringify(document), kind);
  if (!r.ok) throw new Error(`case policy does not parse: ${r.message}`);
  return r.policy;
}

function policy(spec: PolicySpec, kind: PolicyKind): { name: string; arn?: string; policy: PolicyDocument } {
  if (typeof spec === "string") {
    const entry = managedPolicyByArn(spec);
    const doc = managedPolicyDocument(spec);
    if (!entry || !doc) throw new Error(`no managed policy ${spec}`);
    return { name: entry.policyName, arn: entry.arn, policy: doc };
  }
  return { name: spec.name, ...(spec.arn ? { arn: spec.arn } : {}), policy: parsed(spec.document, kind) };
}

describe("policy evaluation corpus", () => {
  it("has at least 60 cases, each tied to a rule", () => {
    expect(evaluationCases.length).toBeGreaterThanOrEqual(60);
    for (const c of evaluationCases) expect(c.rule.length).toBeGreaterThan(0);
    expect(new Set(evaluationCases.map((c) => c.name)).size).toBe(evaluationCases.length);
  });

  it("offers an end-to-end sample of both outcomes", () => {
    expect(endToEndSample.filter((c) => c.expect.effect === "Allow").length).toBeGreaterThanOrEqual(3);
    expect(endToEndSample.filter((c) => c.expect.effect === "Deny").length).toBeGreaterThanOrEqual(3);
  });

  for (const c of evaluationCases) {
    it(`${c.name} [${c.rule}]`, () => {
      const req: AuthzRequest = {
        principal: c.principal,
        action: c.action,
        resource: c.resource,
        ...(c.resourceAccountId ? { resourceAccountId: c.resourceAccountId } : {}),
        context: c.context ?? {},
        identityPolicies: (c.identity ?? []).map((p) => policy(p, "identity")),
        ...(c.resourcePolicy ? { resourcePolicy: { name: c.resourcePolicy.name, policy: parsed(c.resourcePolicy.document, c.resourcePolicy.kind) } } : {}),
        ...(c.boundary ? { permissionsBoundary: policy(c.boundary, "boundary") } : {}),
        ...(c.session ? { sessionPolicies: c.session.map((p) => policy(p, "session")) } : {}),
      };
      const d = evaluate(req);
      expect({ effect: d.effect, reason: d.reason, deniedBy: d.deniedBy }).toEqual({
        effect: c.expect.effect,
        reason: c.expect.reason,
        deniedBy: c.expect.deniedBy,
      });
      if (c.expect.message !== undefined) expect(denialMessage(req, d)).toBe(c.expect.message);
      if (d.reason !== "implicit-deny" && d.decidingStatement) {
        expect(d.decidingStatement.index).toBeGreaterThanOrEqual(0);
      }
    });
  }
});
