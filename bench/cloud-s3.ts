// `npm run bench -- cloud-s3`: the same boto3 client against `tfsim cloud serve` (SigV4 verified, authorized
// with the bucket policy in the evaluation, metadata committed to SQLite with its audit record, bytes fsynced to
// disk) and against moto's server, for put_object and get_object of 1 KB. Reports calls/s as the client sees them
// and the server's own CPU time per call (utime+stime of its process tree from /proc, before and after).
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openCloud } from "../src/cloud/index.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const N = Number(process.env.BENCH_S3_CALLS ?? 1000);
const CLK_TCK = 100; // Linux's USER_HZ; /proc reports utime and stime in these ticks.

// The client: makes its bucket, warms up (300 calls), says "ready", waits for "go", makes N calls, reports the wall time.
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
for i in range(300):
    call(-1 - i)
print("ready", flush=True)
sys.stdin.readline()
t = time.perf_counter()
for i in range(n):
    call(i)
print("done", time.perf_counter() - t, flush=True)
`;

interface Measure {
  readonly callsPerSecond: number;
  readonly cpuMsPerCall: number;
}

function cpuTicksOfTree(rootPid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may contain spaces and parentheses: fields start after the last ")".
      const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(entry), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const wanted = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, s] of stats) {
      if (!wanted.has(pid) && wanted.has(s.ppid)) {
        wanted.add(pid);
        grew = true;
      }
    }
  }
  for (const pid of wanted) total += stats.get(pid)?.ticks ?? 0;
  return total;
}

function lines(child: ChildProcess): AsyncIterator<string> {
  let buffer = "";
  const queue: string[] = [];
  const waiters: Array<(v: IteratorResult<string>) => void> = [];
  let ended = false;
  child.stdout!.on("data", (d: Buffer) => {
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const w = waiters.shift();
      if (w) w({ value: line, done: false });
      else queue.push(line);
    }
  });
  child.on("exit", () => {
    ended = true;
    for (const w of waiters.splice(0)) w({ value: undefined, done: true });
  });
  return {
    next: () =>
      new Promise((resolveNext) => {
        const line = queue.shift();
        if (line !== undefined) resolveNext({ value: line, done: false });
        else if (ended) resolveNext({ value: undefined, done: true });
        else waiters.push(resolveNext);
      }),
  };
}

async function measure(serverPid: number, endpoint: string, keys: { id: string; secret: string }, op: string): Promise<Measure> {
  const client = spawn("python3", ["-c", CLIENT, endpoint, keys.id, keys.secret, op, String(N)], { stdio: ["pipe", "pipe", "inherit"] });
  const out = lines(client);
  const ready = await out.next();
  if (ready.value !== "ready") throw new Error(`the boto3 client did not start against ${endpoint}`);
  const before = cpuTicksOfTree(serverPid);
  client.stdin!.write("go\n");
  const done = await out.next();
  const after = cpuTicksOfTree(serverPid);
  const seconds = Number(done.value?.split(" ")[1]);
  if (!Number.isFinite(seconds)) throw new Error(`the boto3 client failed against ${endpoint}`);
  client.stdin!.end();
  return { callsPerSecond: N / seconds, cpuMsPerCall: (((after - before) / CLK_TCK) * 1000) / N };
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

async function waitForLine(child: ChildProcess, re: RegExp): Promise<RegExpExecArray> {
  let text = "";
  return new Promise((res, rej) => {
    const onData = (d: Buffer) => {
      text += d.toString();
      const m = re.exec(text);
      if (m) {
        child.stdout?.off("data", onData);
        child.stderr?.off("data", onData);
        res(m);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => rej(new Error(`exited with ${code} before it was ready:\n${text}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((res) => child.on("exit", () => res()));
  child.kill("SIGTERM");
  await exited;
}

export async function run(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), "tfsim-bench-s3-"));
  const cloud = openCloud({ home });
  const rootKeys = cloud.rootCredentials();
  cloud.close();
  const tfsim = spawn(process.execPath, [join(repoRoot, "bin/tfsim.js"), "cloud", "serve", "-port=0"], {
    env: { ...process.env, TFSIM_HOME: home },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const motoPort = await freePort();
  const moto = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(motoPort)], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    const tfsimUrl = (await waitForLine(tfsim, /at (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
    await waitForLine(moto, /Running on http/);
    const motoUrl = `http://127.0.0.1:${motoPort}`;
    console.log(`${N} calls per operation (1 KB objects), one boto3 client, sequential; server CPU = utime+stime of its process tree\n`);
    console.log("operation             server   calls/s   server CPU ms/call");
    for (const op of ["put_object", "get_object"]) {
      const t = await measure(tfsim.pid!, tfsimUrl, { id: rootKeys.accessKeyId, secret: rootKeys.secretAccessKey }, op);
      const m = await measure(moto.pid!, motoUrl, { id: "AKIAIOSFODNN7EXAMPLE", secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" }, op);
      const row = (server: string, x: Measure) =>
        console.log(`${op.padEnd(22)}${server.padEnd(9)}${x.callsPerSecond.toFixed(0).padStart(7)}   ${x.cpuMsPerCall.toFixed(3).padStart(8)}`);
      row("tfsim", t);
      row("moto", m);
      console.log(
        `${"".padEnd(22)}ratio    ${(t.callsPerSecond / m.callsPerSecond).toFixed(2).padStart(6)}x  ${(m.cpuMsPerCall / t.cpuMsPerCall).toFixed(1).padStart(7)}x less CPU per call (target ≥5x)`,
      );
    }
  } finally {
    await stop(tfsim);
    await stop(moto);
    rmSync(home, { recursive: true, force: true });
  }
}
