// Our validator against moto's (moto.iam.policy_validation), whose messages and their order were taken from
// real IAM responses: every corpus document must get the same verdict and message, except where moto is known
// to stop short of IAM, each listed with the reason.
import { spawnSync } from "node:child_process";
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

function moto(): (string | null)[] | undefined {
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
  const r = spawnSync("python3", ["-c", script], { input: JSON.stringify(cases.map((c) => ({ kind: c.kind ?? "identity", json: c.json }))), encoding: "utf8" });
  return r.status === 0 ? (JSON.parse(r.stdout) as (string | null)[]) : undefined;
}

const peer = moto();

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
