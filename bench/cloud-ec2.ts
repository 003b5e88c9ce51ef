// `npm run bench -- cloud-ec2`: boto3 against `tfsim cloud serve` and against moto's server for EC2:
// run_instances (one instance per call), describe_instances over 500 instances (every page, 100 a page) and
// create_volume. Reports the server's CPU per call (utime+stime of its process tree from /proc, before and after
// the timed calls), and, in process, the time one DescribeInstances of 500 instances takes inside the cloud.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openCloud } from "../src/cloud/index.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const N = Number(process.env.BENCH_EC2_CALLS ?? 200);
const DESCRIBES = Number(process.env.BENCH_EC2_DESCRIBES ?? 20);
const CLK_TCK = 100;

const CLIENT = String.raw`
import sys, time
import boto3
endpoint, akid, secret, op, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
c = boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=akid, aws_secret_access_key=secret)
imgs = c.describe_images(Owners=["amazon"], Filters=[{"Name": "architecture", "Values": ["x86_64"]}])["Images"]
ami = sorted(imgs, key=lambda i: i["ImageId"])[0]["ImageId"]
if op == "run_instances":
    call = lambda: c.run_instances(ImageId=ami, InstanceType="t3.micro", MinCount=1, MaxCount=1)
    warm = 30
elif op == "create_volume":
    call = lambda: c.create_volume(AvailabilityZone="us-east-1a", Size=8, VolumeType="gp3")
    warm = 30
else:
    for _ in range(5):
        c.run_instances(ImageId=ami, InstanceType="t3.micro", MinCount=100, MaxCount=100)
    p = c.get_paginator("describe_instances")
    def call():
        got = sum(len(r["Instances"]) for page in p.paginate(PaginationConfig={"PageSize": 100}) for r in page["Reservations"])
        assert got >= 500, got
    warm = 2
for i in range(warm):
    call()
print("ready", flush=True)
sys.stdin.readline()
t = time.perf_counter()
for i in range(n):
    call()
print("done", time.perf_counter() - t, flush=True)
`;

function cpuTicksOfTree(rootPid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, "utf8");
      const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(entry), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // gone meanwhile
    }
  }
  const wanted = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, s] of stats) if (!wanted.has(pid) && wanted.has(s.ppid)) (wanted.add(pid), (grew = true));
  }
  let total = 0;
  for (const pid of wanted) total += stats.get(pid)?.ticks ?? 0;
  return total;
}

function nextLine(child: ChildProcess): Promise<string> {
  return new Promise((res, rej) => {
    let buf = "";
    const onData = (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf("\n");
      if (nl >= 0) {
        child.stdout!.off("data", onData);
        res(buf.slice(0, nl));
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => rej(new Error(`client exited ${code}`)));
  });
}

async function measure(serverPid: number, endpoint: string, keys: { id: string; secret: string }, op: string, n: number): Promise<{ perSecond: number; cpuMs: number }> {
  const client = spawn("python3", ["-c", CLIENT, endpoint, keys.id, keys.secret, op, String(n)], { stdio: ["pipe", "pipe", "inherit"] });
  if ((await nextLine(client)) !== "ready") throw new Error(`client failed against ${endpoint}`);
  const before = cpuTicksOfTree(serverPid);
  client.stdin!.write("go\n");
  const done = await nextLine(client);
  const after = cpuTicksOfTree(serverPid);
  client.stdin!.end();
  const seconds = Number(done.split(" ")[1]);
  return { perSecond: n / seconds, cpuMs: (((after - before) / CLK_TCK) * 1000) / n };
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on("error", rej);
  });
}

function waitFor(child: ChildProcess, re: RegExp): Promise<RegExpExecArray> {
  let text = "";
  return new Promise((res, rej) => {
    const onData = (d: Buffer) => {
      text += d.toString();
      const m = re.exec(text);
      if (m) res(m);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => rej(new Error(`exited with ${code}:\n${text}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((res) => child.on("exit", () => res()));
  child.kill("SIGTERM");
  await exited;
}

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
  const home = mkdtempSync(join(tmpdir(), "tfsim-bench-ec2-"));
  const cloud = openCloud({ home });
  const rootKeys = cloud.rootCredentials();
  cloud.close();
  const tfsim = spawn(process.execPath, [join(repoRoot, "bin/tfsim.js"), "cloud", "serve", "-port=0"], {
    env: { ...process.env, TFSIM_HOME: home, TFSIM_EC2_VCPU_QUOTA: "1000000" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const motoPort = await freePort();
  const moto = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(motoPort)], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    const tfsimUrl = (await waitFor(tfsim, /at (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
    await waitFor(moto, /Running on http/);
    const motoUrl = `http://127.0.0.1:${motoPort}`;
    console.log("operation                          server   calls/s   server CPU ms/call");
    for (const [op, n] of [["run_instances", N], ["create_volume", N], ["describe_instances_500_all_pages", DESCRIBES]] as const) {
      const t = await measure(tfsim.pid!, tfsimUrl, { id: rootKeys.accessKeyId, secret: rootKeys.secretAccessKey }, op, n);
      const m = await measure(moto.pid!, motoUrl, { id: "AKIAIOSFODNN7EXAMPLE", secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" }, op, n);
      const row = (server: string, x: { perSecond: number; cpuMs: number }) =>
        console.log(`${op.padEnd(35)}${server.padEnd(9)}${x.perSecond.toFixed(1).padStart(7)}   ${x.cpuMs.toFixed(2).padStart(8)}`);
      row("tfsim", t);
      row("moto", m);
      console.log(`${"".padEnd(35)}${(m.cpuMs / t.cpuMs).toFixed(1)}x less server CPU per call (target ≥5x)`);
    }
  } finally {
    await stop(tfsim);
    await stop(moto);
    rmSync(home, { recursive: true, force: true });
  }
}
