// Validation of policy documents on write: IAM's MalformedPolicyDocument messages, in IAM's order.
import { describe, expect, it } from "vitest";
import { parsePolicyDocument } from "../../../src/cloud/iam/policy/index.js";
import { v, validationCases as cases } from "./parse.case.js";

describe("parsePolicyDocument: IAM's MalformedPolicyDocument messages", () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = parsePolicyDocument(c.json, c.kind ?? "identity");
      if (c.message === undefined) {
        expect(r.ok ? "ok" : r.message).toBe("ok");
      } else {
        expect(r).toEqual({ ok: false, code: "MalformedPolicyDocument", message: c.message });
      }
    });
  }
});

describe("parsePolicyDocument: the typed result", () => {
  it("keeps the source, version, id, sids and elements as written", () => {
    const json = JSON.stringify({
      Version: v,
      Id: "doc1",
      Statement: [
        { Sid: "One", Effect: "Allow", Action: ["s3:Get*", "s3:List*"], Resource: "arn:aws:s3:::b/*" },
        { Effect: "Deny", NotAction: "iam:*", NotResource: ["arn:aws:iam::123456789012:user/x"], Condition: { StringEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } } },
      ],
    });
    const r = parsePolicyDocument(json, "identity");
    if (!r.ok) throw new Error(r.message);
    const p = r.policy;
    expect(p.source).toBe(json);
    expect(p.version).toBe(v);
    expect(p.id).toBe("doc1");
    expect(p.kind).toBe("identity");
    expect(p.statements.map((s) => [s.index, s.sid, s.effect])).toEqual([
      [0, "One", "Allow"],
      [1, undefined, "Deny"],
    ]);
    expect(p.statements[0]!.actions).toEqual(["s3:Get*", "s3:List*"]);
    expect(p.statements[1]!.notActions).toEqual(["iam:*"]);
    expect(p.statements[1]!.notResources).toEqual(["arn:aws:iam::123456789012:user/x"]);
    expect(p.statements[1]!.conditions.map((c) => [c.operator, c.key, c.values])).toEqual([["StringEquals", "aws:RequestedRegion", ["us-east-1", "eu-west-1"]]]);
  });

  it("a trust or resource policy without Version is read as 2008-10-17", () => {
    const r = parsePolicyDocument(JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }] }), "trust");
    expect(r.ok && r.policy.version).toBe("2008-10-17");
  });

  it("never throws on arbitrary input", () => {
    for (const s of ["", "null", "1", '"x"', "{}", '{"Statement":null}', '{"Version":"2012-10-17","Statement":[null]}', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":null}}]}']) {
      const r = parsePolicyDocument(s, "identity");
      expect(r.ok).toBe(false);
    }
  });
});
