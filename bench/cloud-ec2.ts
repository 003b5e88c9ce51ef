// `npm run bench -- cloud-ec2`: boto3 against `tfsim cloud serve` and against moto's server for EC2:
// run_instances (one instance per call), describe_instances over 500 instances (every page, 100 a page) and
// create_volume. Reports the server's CPU per call (utime+stime of its process tree from /proc, before and after
// the timed calls), and, in process, the time one DescribeInstances of 500 instances takes inside the cloud.
// Each client warms up first (300 run_instances, 2,000 create_volume, 5 full describes) so the figures are the
// servers' steady state: V8 is still compiling tfsim's hot paths through its first ~2,000 calls (after only 300,
// the timed create_volume calls paid for that compilation and measured twice the steady state's CPU).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openCloud } from "../src/cloud/index.js";
import { compareWithMoto } from "./_cloud-harness.js";

const N = Number(process.env.BENCH_EC2_CALLS ?? 500);
// /proc counts CPU in 10 ms ticks: 200 create_volume calls are only about 5 of tfsim's, so one tick more or less
// moved the ratio by 20%. 3,000 are about 75 ticks: ±1.5%.
const VOLUMES = Number(process.env.BENCH_EC2_VOLUME_CALLS ?? 3000);
const DESCRIBES = Number(process.env.BENCH_EC2_DESCRIBES ?? 20);

const CLIENT = String.raw`
import sys, time
import boto3
endpoint, akid, secret, op, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
c = boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=akid, aws_secret_access_key=secret)
imgs = c.describe_images(Owners=["amazon"], Filters=[{"Name": "architecture", "Values": ["x86_64"]}])["Images"]
ami = sorted(imgs, key=lambda i: i["ImageId"])[0]["ImageId"]
if op == "run_instances":
    call = lambda: c.run_instances(ImageId=ami, InstanceType="t3.micro", MinCount=1, MaxCount=1)
    warm = 300
elif op == "create_volume":
    call = lambda: c.create_volume(AvailabilityZone="us-east-1a", Size=8, VolumeType="gp3")
    warm = 2000
else:
    for _ in range(5):
        c.run_instances(ImageId=ami, InstanceType="t3.micro", MinCount=100, MaxCount=100)
    p = c.get_paginator("describe_instances")
    def call():
        got = sum(len(r["Instances"]) for page in p.paginate(PaginationConfig={"PageSize": 100}) for r in page["Reservations"])
        assert got == 500, got
    warm = 5
for i in range(warm):
    call()
print("ready", flush=True)
sys.stdin.readline()
t = time.perf_counter()
for i in range(n):
    call()
print("done", time.perf_counter() - t, flush=True)
`;

/** In process: the cloud's own time for one DescribeInstances returning 500 instances (no HTTP, no XML). */
function inProcessDescribe(): number {
  const home = mkdtempSync(join(tmpdir(), "tfsim-bench-ec2-"));
  process.env.TFSIM_EC2_VCPU_QUOTA = "100000";
  const cloud = openCloud({ home });
  try {
    const k = cloud.rootCredentials();
    const call = (action: string, params: Record<string, unknown>) => {
      const r = cloud.call({ credentials: { accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey }, authenticatedBy: "secret", region: "us-east-1", service: "ec2", action, params });
      if (!r.ok) throw new Error(r.error.message);
      return r.output;
    };
    const ami = ((call("DescribeImages", { Owners: ["amazon"], Filters: [{ Name: "architecture", Values: ["x86_64"] }] }).Images as { ImageId: string }[])[0]!).ImageId;
    for (let i = 0; i < 5; i++) call("RunInstances", { ImageId: ami, InstanceType: "t3.micro", MinCount: 100, MaxCount: 100 });
    for (let i = 0; i < 5; i++) call("DescribeInstances", {});
    const t0 = process.cpuUsage();
    const runs = 20;
    for (let i = 0; i < runs; i++) call("DescribeInstances", {});
    const d = process.cpuUsage(t0);
    return (d.user + d.system) / 1000 / runs;
  } finally {
    cloud.close();
    rmSync(home, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  console.log(`in process: DescribeInstances of 500 instances = ${inProcessDescribe().toFixed(1)} ms CPU (target < 50 ms)\n`);
  await compareWithMoto({
    homePrefix: "tfsim-bench-ec2-",
    client: CLIENT,
    ops: [
      { name: "run_instances", calls: N },
      { name: "create_volume", calls: VOLUMES },
      { name: "describe_instances_500_all_pages", calls: DESCRIBES },
    ],
    header: `${N} run_instances calls, ${VOLUMES} create_volume calls, ${DESCRIBES} full describes`,
    env: { TFSIM_EC2_VCPU_QUOTA: "1000000" },
  });
}
