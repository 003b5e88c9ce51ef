// `npm run bench -- cloud-s3`: the same boto3 client against `tfsim cloud serve` (SigV4 verified, authorized
// with the bucket policy in the evaluation, metadata committed to SQLite with its audit record, bytes fsynced to
// disk) and against moto's server, for put_object and get_object of 1 KB. Reports calls/s as the client sees them
// and the server's own CPU time per call (utime+stime of its process tree from /proc, before and after).
import { compareWithMoto } from "./_cloud-harness.js";

// 3,000 calls are 75 to 100 of /proc's 10 ms ticks of tfsim's CPU: one tick more or less moves a ratio by ~1%.
const N = Number(process.env.BENCH_S3_CALLS ?? 3000);

// The client: makes its bucket, warms up (2,000 calls, as bench cloud: to the server's steady state), says "ready", waits for "go", makes N calls, reports the wall time.
const CLIENT = String.raw`
import sys, time, uuid
import boto3
from botocore.config import Config
endpoint, akid, secret, op, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
c = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=akid, aws_secret_access_key=secret,
                 config=Config(s3={"addressing_style": "path"}))
bucket = "bench-" + uuid.uuid4().hex[:12]
c.create_bucket(Bucket=bucket)
body = b"x" * 1024
c.put_object(Bucket=bucket, Key="read-me", Body=body)
if op == "put_object":
    call = lambda i: c.put_object(Bucket=bucket, Key=f"k/{i}", Body=body)
else:
    call = lambda i: c.get_object(Bucket=bucket, Key="read-me")["Body"].read()
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
    homePrefix: "tfsim-bench-s3-",
    client: CLIENT,
    ops: [
      { name: "put_object", calls: N },
      { name: "get_object", calls: N },
    ],
    header: `${N} calls per operation (1 KB objects)`,
  });
}
