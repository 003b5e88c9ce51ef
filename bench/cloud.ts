// `npm run bench -- cloud`: the same boto3 client against `tfsim cloud serve` (SigV4 verified, every call
// authorized by IAM policy evaluation, committed to SQLite and audited) and against moto's server (no IAM checks
// by default), for iam create_role and sts get_caller_identity. Reports calls/s as the client sees them (boto3
// itself caps this near 1,300/s here) and the server's own CPU time per call, read from /proc for the server's
// whole process tree before and after the timed calls: the figure that counts.
import { compareWithMoto } from "./_cloud-harness.js";

const N = Number(process.env.BENCH_CLOUD_CALLS ?? 1000);

// The client: warms up (2,000 calls: V8 is still optimizing tfsim's request path during the 1,000 calls after a
// 300-call warm-up, and the figure wanted is the server's steady state), says "ready", waits for "go", makes N calls, reports the wall time.
const CLIENT = String.raw`
import sys, time, json, uuid
import boto3
endpoint, akid, secret, op, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=akid, aws_secret_access_key=secret)
trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
tag = uuid.uuid4().hex[:8]
if op == "get_caller_identity":
    c = boto3.client("sts", **kw)
    call = lambda i: c.get_caller_identity()
else:
    c = boto3.client("iam", **kw)
    call = lambda i: c.create_role(RoleName=f"bench-{tag}-{i}", AssumeRolePolicyDocument=trust)
for i in range(2000):
    call(-1 - i)
print("ready", flush=True)
sys.stdin.readline()
t = time.perf_counter()
for i in range(n):
    call(i)
print("done", time.perf_counter() - t, flush=True)
`;

export async function run(): Promise<void> {
  await compareWithMoto({
    homePrefix: "tfsim-bench-cloud-",
    client: CLIENT,
    ops: [
      { name: "get_caller_identity", calls: N },
      { name: "create_role", calls: N },
    ],
    header: `${N} calls per operation`,
  });
}
