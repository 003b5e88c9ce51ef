// A sample of the policy-evaluation corpus (test/cloud/policy/evaluate.case.ts) replayed end to end in process:
// the policies are stored through the IAM API (inline, customer managed, AWS managed, boundary), then the
// real API call is made as the user, so storing, assembling a principal's policies and authorizing a call are
// checked together against the same expectations as the evaluator alone.
import { describe, expect, it } from "vitest";
import { ACCOUNT, dev, evaluationCases, type EvaluationCase, type PolicySpec } from "../policy/evaluate.case.js";
import { openTestCloud, trustPolicy, type TestCloud } from "../core/helpers.js";

/** The API call that IAM authorizes as `action` on `resource`, for the resources this replay knows. */
function callFor(c: EvaluationCase): { action: string; params: Record<string, unknown> } | undefined {
  const user = /^arn:aws:iam::123456789012:user\/([\w+=,.@-]+)$/.exec(c.resource)?.[1];
  const role = /^arn:aws:iam::123456789012:role\/([\w+=,.@-]+)$/.exec(c.resource)?.[1];
  if (c.action === "iam:CreateRole" && role) return { action: "CreateRole", params: { RoleName: role, AssumeRolePolicyDocument: "" } };
  if (c.action === "iam:GetUser" && user) return { action: "GetUser", params: { UserName: user } };
  if (c.action === "iam:DeleteUser" && user) return { action: "DeleteUser", params: { UserName: user } };
  if (c.action === "iam:CreateAccessKey" && user) return { action: "CreateAccessKey", params: { UserName: user } };
  if (c.action === "iam:GetUserPolicy" && user) return { action: "GetUserPolicy", params: { UserName: user, PolicyName: "none" } };
  return undefined;
}

function replayable(c: EvaluationCase): boolean {
  const text = JSON.stringify([c.identity, c.boundary]);
  return (
    c.principal === dev &&
    !c.context &&
    !c.resourcePolicy &&
    !c.session &&
    c.resourceAccountId === undefined &&
    callFor(c) !== undefined &&
    // Ids are generated, so documents that name them cannot be replayed.
    !/userid|AIDA/i.test(text) &&
    (c.boundary === undefined || typeof c.boundary === "string" || c.boundary.arn !== undefined)
  );
}

const sample = evaluationCases.filter(replayable);

function store(t: TestCloud, spec: PolicySpec, into: (arn: string) => void, inline: (name: string, doc: string) => void, account: string): void {
  if (typeof spec === "string") return into(spec);
  const doc = JSON.stringify(spec.document).replaceAll(ACCOUNT, account);
  if (spec.arn === undefined) return inline(spec.name, doc);
  const arn = spec.arn.startsWith("arn:aws:iam::aws:") ? spec.arn : (t.ok("iam", "CreatePolicy", { PolicyName: spec.name, PolicyDocument: doc }).Policy as { Arn: string }).Arn;
  into(arn);
}

describe("policy corpus, end to end through the IAM API", () => {
  it("has a sample worth replaying", () => {
    expect(sample.length).toBeGreaterThanOrEqual(15);
  });

  for (const c of sample) {
    it(`${c.name} (${c.rule})`, () => {
      const t = openTestCloud();
      try {
        const account = t.cloud.accountId;
        t.ok("iam", "CreateUser", { UserName: "dev", Tags: Object.entries(dev.tags).map(([Key, Value]) => ({ Key, Value })) });
        const target = /:user\/([\w+=,.@-]+)$/.exec(c.resource)?.[1];
        if (target && target !== "dev") t.ok("iam", "CreateUser", { UserName: target });
        for (const spec of c.identity ?? []) {
          store(
            t,
            spec,
            (arn) => t.ok("iam", "AttachUserPolicy", { UserName: "dev", PolicyArn: arn }),
            (name, doc) => t.ok("iam", "PutUserPolicy", { UserName: "dev", PolicyName: name, PolicyDocument: doc }),
            account,
          );
        }
        if (c.boundary !== undefined) {
          store(t, c.boundary, (arn) => t.ok("iam", "PutUserPermissionsBoundary", { UserName: "dev", PermissionsBoundary: arn }), () => undefined, account);
        }
        const k = t.ok("iam", "CreateAccessKey", { UserName: "dev" }).AccessKey as { AccessKeyId: string; SecretAccessKey: string };
        const call = callFor(c)!;
        if (call.action === "CreateRole") call.params.AssumeRolePolicyDocument = trustPolicy(`arn:aws:iam::${account}:root`);
        const r = t.call("iam", call.action, call.params, { accessKeyId: k.AccessKeyId, secretAccessKey: k.SecretAccessKey });
        const denied = !r.ok && r.error.code === "AccessDenied";
        expect(denied ? "Deny" : "Allow").toBe(c.expect.effect);
        if (!r.ok && denied && c.expect.message) expect(r.error.message).toBe(c.expect.message.replaceAll(ACCOUNT, account));
      } finally {
        t.close();
      }
    });
  }
});
