// `npm run bench -- policy`: IAM policy evaluation, the cost paid on every API call. A user with 10 attached
// policies (six AWS managed ones, ReadOnlyAccess among them, and four customer policies using conditions,
// variables and NotResource) makes a mix of allowed and denied requests. The peer is moto's evaluator
// (moto.iam.access_control.IAMPolicy), run the way moto runs it per request: each document loaded from JSON and
// checked for the action and resource (it ignores most conditions, so it does less work than we do).
import { spawnSync } from "node:child_process";
import { managedPolicyDocument, managedPolicyByArn } from "../src/cloud/iam/managed-policies/index.js";
import { evaluate, parsePolicyDocument, type AuthzRequest, type PolicyDocument } from "../src/cloud/iam/policy/index.js";

const ACCOUNT = "123456789012";
const managedArns = ["AmazonEC2ReadOnlyAccess", "AmazonS3ReadOnlyAccess", "IAMReadOnlyAccess", "IAMUserChangePassword", "AmazonSSMManagedInstanceCore", "ReadOnlyAccess"].map(
  (n) => `arn:aws:iam::aws:policy/${n}`,
);
const customer: Record<string, unknown>[] = [
  { Version: "2012-10-17", Statement: [{ Sid: "RunInUsEast1", Effect: "Allow", Action: ["ec2:RunInstances", "ec2:CreateTags"], Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } }] },
  { Version: "2012-10-17", Statement: [{ Sid: "OwnKeys", Effect: "Allow", Action: ["iam:*AccessKey*", "iam:GetUser"], Resource: `arn:aws:iam::${ACCOUNT}:user/\${aws:username}` }] },
  { Version: "2012-10-17", Statement: [{ Sid: "NoSecrets", Effect: "Deny", Action: "s3:*", NotResource: ["arn:aws:s3:::public/*", "arn:aws:s3:::public", "arn:aws:s3:::team-*"] }] },
  { Version: "2012-10-17", Statement: [{ Sid: "Office", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::team-*/*", Condition: { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } } }] },
];

const requests: { action: string; resource: string }[] = [
  { action: "ec2:RunInstances", resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*` },
  { action: "ec2:DescribeInstances", resource: "*" },
  { action: "s3:GetObject", resource: "arn:aws:s3:::public/index.html" },
  { action: "s3:PutObject", resource: "arn:aws:s3:::team-blue/report.csv" },
  { action: "iam:CreateAccessKey", resource: `arn:aws:iam::${ACCOUNT}:user/dev` },
  { action: "iam:CreateRole", resource: `arn:aws:iam::${ACCOUNT}:role/x` },
  { action: "s3:GetObject", resource: "arn:aws:s3:::secret/key" },
  { action: "kms:Decrypt", resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1` },
];

export function ours(iterations: number): { perSecond: number; allowed: number } {
  const identityPolicies: { name: string; arn?: string; policy: PolicyDocument }[] = managedArns.map((arn) => ({ name: managedPolicyByArn(arn)!.policyName, arn, policy: managedPolicyDocument(arn)! }));
  customer.forEach((d, i) => {
    const r = parsePolicyDocument(JSON.stringify(d), "identity");
    if (!r.ok) throw new Error(r.message);
    identityPolicies.push({ name: `Customer${i}`, policy: r.policy });
  });
  const reqs: AuthzRequest[] = requests.map((r) => ({
    principal: { type: "user", arn: `arn:aws:iam::${ACCOUNT}:user/dev`, accountId: ACCOUNT, userId: "AIDAEXAMPLEDEV000001", username: "dev", tags: { team: "blue" } },
    action: r.action,
    resource: r.resource,
    context: { "aws:RequestedRegion": "us-east-1", "aws:SourceIp": "203.0.113.9", "aws:SecureTransport": true, "aws:CurrentTime": new Date() },
    identityPolicies,
  }));
  let allowed = 0;
  for (let i = 0; i < 20_000; i++) evaluate(reqs[i % reqs.length]!); // warm-up
  // CPU time, not wall time: the machine is shared, and CPU per evaluation is what a call pays.
  const c0 = process.cpuUsage();
  for (let i = 0; i < iterations; i++) if (evaluate(reqs[i % reqs.length]!).effect === "Allow") allowed++;
  const c1 = process.cpuUsage(c0);
  const seconds = (c1.user + c1.system) / 1e6;
  return { perSecond: iterations / seconds, allowed };
}

function moto(iterations: number): number | undefined {
  const documents = [...managedArns.map((arn) => managedPolicyByArn(arn)!.document), ...customer.map((d) => JSON.stringify(d))];
  const script = `
import json, sys, time
from moto.iam.access_control import IAMPolicy, PermissionResult
data = json.load(sys.stdin)
docs, reqs, n = data["documents"], data["requests"], data["iterations"]
def decide(r):
    permitted = False
    for d in docs:
        res = IAMPolicy(d).is_action_permitted(r["action"], r["resource"])
        if res == PermissionResult.DENIED: return False
        if res == PermissionResult.PERMITTED: permitted = True
    return permitted
for i in range(8): decide(reqs[i % len(reqs)])
t0 = time.process_time()
for i in range(n): decide(reqs[i % len(reqs)])
print(n / (time.process_time() - t0))
`;
  const r = spawnSync("python3", ["-c", script], { input: JSON.stringify({ documents, requests, iterations }), encoding: "utf8" });
  if (r.status !== 0) {
    console.log(`moto peer unavailable: ${r.stderr.trim().split("\n").pop()}`);
    return undefined;
  }
  return Number(r.stdout.trim());
}

export async function run(): Promise<void> {
  const mine = ours(400_000);
  console.log(`tfsim evaluate(): ${Math.round(mine.perSecond).toLocaleString("en-US")} evaluations per CPU-second (user with 10 attached policies, ${requests.length} request shapes, ${((mine.allowed / 400_000) * 100).toFixed(0)}% allowed)`);
  const peer = moto(40);
  if (peer !== undefined) {
    console.log(`moto IAMPolicy:    ${Math.round(peer).toLocaleString("en-US")} evaluations per CPU-second (same policies and requests)`);
    console.log(`ratio: ${(mine.perSecond / peer).toFixed(0)}x`);
  }
}
