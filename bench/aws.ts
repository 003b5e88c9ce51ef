// `npm run bench -- aws`: a generated config of 1,000 AWS resources in the embedded cloud (security groups, IAM
// roles with instance profiles, instances spread over both, each with an EBS volume attached): apply from empty,
// a no-change plan, and a plan after 10 out-of-band changes made through the cloud API (tags on 5 instances and
// 5 volumes: they show as drift once plan refreshes). Wall time, peak RSS and API calls/s (from the audit trail).
// Then the apply again with TFSIM_EC2_TIMING=realistic (instances pending for 15 s) against the critical-path
// bound (criticalPath below), with -parallelism high enough that the limit is the graph, not the semaphore.
// Target: within 1.15× of that bound.
import Database from "better-sqlite3";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { AwsCredentials } from "../src/cloud/api.js";
import { openCloud } from "../src/cloud/index.js";
import { transitionMs } from "../src/cloud/ec2/instance-state.js";
import { FIRST_POLL_MS, MAX_POLL_MS } from "../providers/aws/resources/ec2-instance.js";
import { measure, type Measure } from "./engine.js";

const tfsimBin = resolve(import.meta.dirname, "../../bin/tfsim.js");
const GROUPS = 21;
const ROLES = 20;
/** 21 groups + 20 roles + 20 profiles + 313 × (instance, volume, attachment) = 1,000 resources. */
const INSTANCES = Number(process.env.BENCH_AWS_INSTANCES ?? 313);
const PARALLELISM = 1000;

export function config(): string {
  const out: string[] = [
    `provider "aws" {\n  region = "us-east-1"\n}\n`,
    `data "aws_ami" "al2023" {\n  most_recent = true\n  owners      = ["amazon"]\n  filter {\n    name   = "name"\n    values = ["al2023-ami-*-x86_64"]\n  }\n}\n`,
    `data "aws_vpc" "default" {\n  default = true\n}\n`,
  ];
  const trust = `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })`;
  for (let g = 0; g < GROUPS; g++) {
    out.push(
      `resource "aws_security_group" "g${g}" {\n  name   = "bench-g${g}"\n  vpc_id = data.aws_vpc.default.id\n  ingress {\n    from_port   = ${8000 + g}\n    to_port     = ${8000 + g}\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/8"]\n  }\n}\n`,
    );
  }
  for (let r = 0; r < ROLES; r++) {
    out.push(`resource "aws_iam_role" "r${r}" {\n  name               = "bench-r${r}"\n  assume_role_policy = ${trust}\n}\n`);
    out.push(`resource "aws_iam_instance_profile" "p${r}" {\n  name = "bench-p${r}"\n  role = aws_iam_role.r${r}.name\n}\n`);
  }
  for (let i = 0; i < INSTANCES; i++) {
    out.push(
      `resource "aws_instance" "i${i}" {\n  ami                    = data.aws_ami.al2023.id\n  instance_type          = "t3.micro"\n  vpc_security_group_ids = [aws_security_group.g${i % GROUPS}.id]\n  iam_instance_profile   = aws_iam_instance_profile.p${i % ROLES}.name\n  tags = {\n    Name = "bench-i${i}"\n  }\n}\n`,
      `resource "aws_ebs_volume" "v${i}" {\n  availability_zone = aws_instance.i${i}.availability_zone\n  size              = 8\n  type              = "gp3"\n  tags = {\n    Name = "bench-v${i}"\n  }\n}\n`,
      `resource "aws_volume_attachment" "a${i}" {\n  device_name = "/dev/sdf"\n  volume_id   = aws_ebs_volume.v${i}.id\n  instance_id = aws_instance.i${i}.id\n}\n`,
    );
  }
  return out.join("\n");
}

/** The resources' dependencies as config() writes them (data sources are read before any apply starts). */
function dependencies(): Map<string, string[]> {
  const deps = new Map<string, string[]>();
  for (let g = 0; g < GROUPS; g++) deps.set(`aws_security_group.g${g}`, []);
  for (let r = 0; r < ROLES; r++) {
    deps.set(`aws_iam_role.r${r}`, []);
    deps.set(`aws_iam_instance_profile.p${r}`, [`aws_iam_role.r${r}`]);
  }
  for (let i = 0; i < INSTANCES; i++) {
    deps.set(`aws_instance.i${i}`, [`aws_security_group.g${i % GROUPS}`, `aws_iam_instance_profile.p${i % ROLES}`]);
    deps.set(`aws_ebs_volume.v${i}`, [`aws_instance.i${i}`]);
    deps.set(`aws_volume_attachment.a${i}`, [`aws_ebs_volume.v${i}`, `aws_instance.i${i}`]);
  }
  return deps;
}

/** When the provider's waiter first sees a state that takes `pendingMs` to settle: it asks at once, then after
 *  waits of FIRST_POLL_MS doubling up to MAX_POLL_MS (0, 0.5, 1.5, 3.5, 6.5, ... s), so 15 s is seen at 15.5 s. */
export function observedAfterMs(pendingMs: number): number {
  let t = 0;
  for (let wait = FIRST_POLL_MS; t < pendingMs; wait = Math.min(wait * 2, MAX_POLL_MS)) t += wait;
  return t;
}

/** Each resource's create in `tfsim apply -json`: its apply_start and apply_complete (ms since epoch). */
function resourceSpans(jsonLines: string): Map<string, { start: number; end: number }> {
  const spans = new Map<string, { start: number; end: number }>();
  for (const line of jsonLines.split("\n")) {
    if (!line.startsWith("{")) continue;
    const m = JSON.parse(line) as { type?: string; "@timestamp"?: string; hook?: { resource?: { addr?: string } } };
    const addr = m.hook?.resource?.addr;
    if ((m.type !== "apply_start" && m.type !== "apply_complete") || !addr || !m["@timestamp"]) continue;
    const t = Date.parse(m["@timestamp"]);
    const span = spans.get(addr) ?? { start: t, end: t };
    if (m.type === "apply_start") span.start = t;
    else span.end = t;
    spans.set(addr, span);
  }
  return spans;
}

/**
 * Each resource's own work in the instant run. Its span is not that: 313 instances start together and all end
 * 1.9 s later, because one thread (engine, provider and the embedded cloud) works on all of them at once. So the
 * thread is taken as shared equally by the creates in flight: over each interval a resource accrues the
 * interval divided by the number in flight (the instant run is CPU-bound, nothing in it waits).
 */
function ownWork(spans: ReadonlyMap<string, { start: number; end: number }>): Map<string, number> {
  const events: { t: number; addr: string; starts: boolean }[] = [];
  for (const [addr, s] of spans) events.push({ t: s.start, addr, starts: true }, { t: s.end, addr, starts: false });
  events.sort((a, b) => a.t - b.t || Number(a.starts) - Number(b.starts));
  const own = new Map<string, number>();
  const inFlight = new Set<string>();
  let prev = events[0]?.t ?? 0;
  for (const e of events) {
    if (inFlight.size > 0 && e.t > prev) for (const a of inFlight) own.set(a, (own.get(a) ?? 0) + (e.t - prev) / inFlight.size);
    prev = e.t;
    if (e.starts) inFlight.add(e.addr);
    else inFlight.delete(e.addr);
  }
  for (const addr of spans.keys()) if (!own.has(addr)) own.set(addr, 0);
  return own;
}

/**
 * The critical-path bound of the realistic apply: no schedule, however parallel, finishes before its longest
 * dependency chain. A resource on a chain costs its own work in the instant run (ownWork) plus the realistic
 * delay the provider can observe: an instance pending 15 s is seen running at the waiter's first poll after
 * 15 s (observedAfterMs). The run's fixed parts, before the first create (start, config, data sources, plan) and
 * after the last (state written, exit), are the instant run's. The instant apply's total is a bound too (waiting
 * shortens no work), so the bound is the larger of the two. Not counted, and so left in the ratio: the engine's
 * own time between a resource's completion and its dependents' start, and the thread's contention (313 creates
 * sharing one thread cannot all finish their own work at its uncontended length).
 */
function criticalPath(instant: { startedMs: number; endedMs: number; stdout: string }, pendingMs: number): { seconds: number; chain: string[]; chainSeconds: number } {
  const spans = resourceSpans(instant.stdout);
  const own = ownWork(spans);
  const deps = dependencies();
  const delay = (addr: string) => (addr.startsWith("aws_instance.") ? observedAfterMs(pendingMs) : 0);
  const finish = new Map<string, { ms: number; via: string | undefined }>();
  const at = (addr: string): number => {
    const known = finish.get(addr);
    if (known) return known.ms;
    let via: string | undefined;
    let ready = 0;
    for (const d of deps.get(addr) ?? []) {
      const f = at(d);
      if (f > ready || via === undefined) [ready, via] = [f, d];
    }
    const work = own.get(addr);
    if (work === undefined) throw new Error(`the instant apply did not create ${addr}`);
    const ms = ready + work + delay(addr);
    finish.set(addr, { ms, via });
    return ms;
  };
  let end = "";
  for (const addr of deps.keys()) if (end === "" || at(addr) > at(end)) end = addr;
  const chain: string[] = [];
  for (let a: string | undefined = end; a !== undefined; a = finish.get(a)?.via) {
    chain.unshift(`${a} (${own.get(a)!.toFixed(1)} ms${delay(a) ? ` + ${delay(a) / 1000} s observed pending` : ""})`);
  }
  let first = Infinity;
  let last = -Infinity;
  for (const s of spans.values()) [first, last] = [Math.min(first, s.start), Math.max(last, s.end)];
  const fixedMs = first - instant.startedMs + (instant.endedMs - last);
  const chainMs = at(end);
  const seconds = Math.max((fixedMs + chainMs) / 1000, (instant.endedMs - instant.startedMs) / 1000);
  return { seconds, chain: [...chain, `fixed parts ${(fixedMs / 1000).toFixed(2)} s`], chainSeconds: chainMs / 1000 };
}

/** Audit records so far: every call the cloud answered, allowed or not. */
function auditCount(home: string): number {
  const db = new Database(join(home, "cloud.db"), { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM audit").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Ten changes made outside tfsim: a new Name tag on 5 instances and on 5 volumes. */
function outOfBandChanges(home: string): void {
  const cloud = openCloud({ home });
  try {
    const k = cloud.rootCredentials();
    const credentials: AwsCredentials = { accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey };
    const call = (action: string, params: Record<string, unknown>) => {
      const r = cloud.call({ credentials, authenticatedBy: "secret", region: "us-east-1", service: "ec2", action, params });
      if (!r.ok) throw new Error(`${action}: ${r.error.code}: ${r.error.message}`);
      return r.output;
    };
    for (const [kind, prefix] of [["instance", "bench-i"], ["volume", "bench-v"]] as const) {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const out = call(kind === "instance" ? "DescribeInstances" : "DescribeVolumes", { Filters: [{ Name: "tag:Name", Values: [`${prefix}${i}`] }] });
        const id =
          kind === "instance"
            ? (out.Reservations as { Instances: { InstanceId: string }[] }[])[0]?.Instances[0]?.InstanceId
            : (out.Volumes as { VolumeId: string }[])[0]?.VolumeId;
        if (!id) throw new Error(`no ${kind} tagged ${prefix}${i}`);
        ids.push(id);
      }
      call("CreateTags", { Resources: ids, Tags: [{ Key: "Name", Value: "changed-out-of-band" }] });
    }
  } finally {
    cloud.close();
  }
}

interface Phase extends Measure {
  readonly calls: number;
  readonly summary: string;
  /** Wall clock around the command (ms since epoch), to place its -json timestamps. */
  readonly startedMs: number;
  readonly endedMs: number;
}

function phase(home: string, dir: string, args: string[], env: Record<string, string>): Phase {
  const before = auditCount(home);
  const startedMs = Date.now();
  const m = measure([process.execPath, tfsimBin, ...args], dir, { TFSIM_HOME: home, ...env });
  const endedMs = Date.now();
  const calls = auditCount(home) - before;
  const summary = (/Apply complete![^"]*/.exec(m.stdout) ?? /Plan: .*|No changes\./.exec(m.stdout))?.[0] ?? m.stdout.trim().split("\n").slice(-3).join(" | ");
  return { ...m, calls, summary, startedMs, endedMs };
}

function row(name: string, p: Phase): void {
  console.log(
    `  ${name.padEnd(26)} ${p.seconds.toFixed(2).padStart(7)} s  ${(p.peakKb / 1024).toFixed(0).padStart(5)} MB  ${String(p.calls).padStart(6)} API calls  ${(p.calls / p.seconds).toFixed(0).padStart(6)} calls/s  exit ${p.code}  ${p.summary}`,
  );
}

function scenario(env: Record<string, string>): { apply: Phase; dir: string; home: string } {
  const home = mkdtempSync(join(tmpdir(), "tfsim-bench-aws-home-"));
  const dir = mkdtempSync(join(tmpdir(), "tfsim-bench-aws-"));
  writeFileSync(join(dir, "main.tf"), config());
  openCloud({ home }).close();
  const apply = phase(home, dir, ["apply", "-auto-approve", "-no-color", "-json", `-parallelism=${PARALLELISM}`], env);
  return { apply, dir, home };
}

export async function run(): Promise<void> {
  const resources = GROUPS + 2 * ROLES + 3 * INSTANCES;
  const base = { TFSIM_EC2_VCPU_QUOTA: "1000000", NO_COLOR: "1" };
  console.log(`${resources} resources (${GROUPS} security groups, ${ROLES} roles + instance profiles, ${INSTANCES} instances with a volume attached each), -parallelism=${PARALLELISM}\n`);
  console.log("instant cloud timing (the default)");
  const instant = scenario(base);
  try {
    row("apply from empty", instant.apply);
    row("no-change plan", phase(instant.home, instant.dir, ["plan", "-no-color", "-detailed-exitcode"], base));
    outOfBandChanges(instant.home);
    row("plan after 10 OOB changes", phase(instant.home, instant.dir, ["plan", "-no-color", "-detailed-exitcode"], base));
  } finally {
    rmSync(instant.home, { recursive: true, force: true });
    rmSync(instant.dir, { recursive: true, force: true });
  }

  const realisticEnv = { ...base, TFSIM_EC2_TIMING: "realistic" };
  process.env.TFSIM_EC2_TIMING = "realistic";
  const delay = transitionMs() / 1000;
  delete process.env.TFSIM_EC2_TIMING;
  console.log(`\nrealistic cloud timing (TFSIM_EC2_TIMING=realistic: an instance is pending for ${delay} s)`);
  const realistic = scenario(realisticEnv);
  try {
    row("apply from empty", realistic.apply);
    const bound = criticalPath(instant.apply, delay * 1000);
    const ratio = realistic.apply.seconds / bound.seconds;
    console.log(`  longest chain ${bound.chainSeconds.toFixed(2)} s: ${bound.chain.join(" → ")}`);
    console.log(
      `  critical-path bound ${bound.seconds.toFixed(2)} s (the chain plus the run's fixed parts, or the instant apply ${instant.apply.seconds.toFixed(2)} s if longer): ratio ${ratio.toFixed(2)}x (target ≤ 1.15x)`,
    );
  } finally {
    rmSync(realistic.home, { recursive: true, force: true });
    rmSync(realistic.dir, { recursive: true, force: true });
  }
}
