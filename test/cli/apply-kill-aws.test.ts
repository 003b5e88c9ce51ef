// No orphans: an apply of many AWS resources is killed (SIGKILL, the real CLI) at a seeded random moment after a
// create has started, i.e. anywhere between the create intent's journal record, the cloud's commit and the
// object's journal record; the next apply adopts what the dead run made. After each kill and re-apply, what the
// embedded cloud holds and what the state holds are the same objects, type by type.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openCloud, type LocalCloud } from "../../src/cloud/index.js";
import type { ServiceName } from "../../src/cloud/api.js";
import { LocalBackend } from "../../state/local/backend.js";
import { onEachLine, runTfsim, tempDir, tfsimBin } from "../helpers/cli.js";

const config = `provider "aws" {
  region = "us-east-1"
}
data "aws_ami" "al" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}
resource "aws_iam_user" "u" {
  count = 5
  name  = "user-\${count.index}"
}
resource "aws_iam_group" "g" {
  count = 3
  name  = "group-\${count.index}"
}
resource "aws_iam_role" "r" {
  count = 3
  name  = "role-\${count.index}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}
resource "aws_iam_instance_profile" "p" {
  count = 3
  name  = "profile-\${count.index}"
  role  = aws_iam_role.r[count.index].name
}
resource "aws_iam_policy" "pol" {
  count = 3
  name  = "policy-\${count.index}"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }]
  })
}
resource "aws_s3_bucket" "b" {
  count  = 4
  bucket = "orphan-test-bucket-\${count.index}"
}
resource "aws_key_pair" "k" {
  count      = 3
  key_name   = "key-\${count.index}"
  public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ6mBo3v6VXcEdIKHlBIcJSRQWW0S0E5cWvpmDSSe7M k\${count.index}@example"
}
resource "aws_security_group" "sg" {
  count       = 3
  name        = "web-\${count.index}"
  description = "sg \${count.index}"
}
resource "aws_ebs_volume" "v" {
  count             = 3
  availability_zone = "us-east-1a"
  size              = 8 + count.index
}
resource "aws_instance" "i" {
  count                  = 4
  ami                    = data.aws_ami.al.id
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.sg[count.index % 3].id]
  key_name               = aws_key_pair.k[count.index % 3].key_name
  iam_instance_profile   = aws_iam_instance_profile.p[count.index % 3].name
}
`;

/** Deterministic randomness for a seed (mulberry32), so a failing seed can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs apply and kills it `delayMs` after its `afterCreates`-th "Creating..." line; whether it got that far. */
function applyAndKill(cwd: string, env: NodeJS.ProcessEnv, afterCreates: number, delayMs: number): Promise<boolean> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [tfsimBin, "apply", "-auto-approve", "-no-color"], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let creates = 0;
    let killed = false;
    onEachLine(child.stdout, (line) => {
      if (/: Creating\.\.\.$/.test(line) && ++creates === afterCreates && !killed) {
        killed = true;
        setTimeout(() => child.kill("SIGKILL"), delayMs);
      }
    });
    child.on("exit", () => res(killed));
  });
}

type Counts = Record<string, number>;

function cloudCounts(cloud: LocalCloud): Counts {
  const call = (service: ServiceName, action: string, params: Record<string, unknown> = {}): Record<string, unknown> => {
    const r = cloud.call({ credentials: cloud.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service, action, params });
    if (!r.ok) throw new Error(`${action}: ${r.error.code} ${r.error.message}`);
    return r.output;
  };
  const len = (v: unknown): number => (Array.isArray(v) ? v.length : 0);
  const reservations = (call("ec2", "DescribeInstances").Reservations ?? []) as { Instances?: { State?: { Name?: string } }[] }[];
  const groups = (call("ec2", "DescribeSecurityGroups").SecurityGroups ?? []) as { GroupName?: string }[];
  return {
    aws_iam_user: len(call("iam", "ListUsers").Users),
    aws_iam_group: len(call("iam", "ListGroups").Groups),
    aws_iam_role: len(call("iam", "ListRoles").Roles),
    aws_iam_instance_profile: len(call("iam", "ListInstanceProfiles").InstanceProfiles),
    aws_iam_policy: len(call("iam", "ListPolicies", { Scope: "Local" }).Policies),
    aws_s3_bucket: len(call("s3", "ListBuckets").Buckets),
    aws_key_pair: len(call("ec2", "DescribeKeyPairs").KeyPairs),
    aws_security_group: groups.filter((g) => g.GroupName !== "default").length,
    // Volumes made by tfsim are not attached here; the instances' root volumes are.
    aws_ebs_volume: ((call("ec2", "DescribeVolumes").Volumes ?? []) as { Attachments?: unknown[] }[]).filter((v) => !v.Attachments?.length).length,
    aws_instance: reservations.flatMap((r) => r.Instances ?? []).filter((i) => i.State?.Name !== "terminated").length,
  };
}

async function stateCounts(cwd: string): Promise<Counts> {
  const got = await new LocalBackend("terraform.tfstate", { cwd }).get();
  expect(got.diagnostics.hasErrors()).toBe(false);
  const out: Counts = {};
  for (const i of got.state?.instances() ?? []) {
    const r = i.addr.resource.resource;
    if (r.mode === "managed" && i.current) out[r.type] = (out[r.type] ?? 0) + 1;
  }
  return out;
}

describe("apply of AWS resources killed with SIGKILL", () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`leaves no orphan after kill and re-apply (seed ${seed})`, { timeout: 300_000 }, async () => {
      const random = rng(seed);
      const home = tempDir("tfsim-orphans-home-");
      const cwd = join(tempDir("tfsim-orphans-cfg-"), "cfg");
      mkdirSync(cwd);
      writeFileSync(join(cwd, "main.tf"), config);
      const env = { TFSIM_HOME: home, HOME: home };
      // Two kills in a row (the second may land on a create the first left unsettled), then an apply that finishes.
      await applyAndKill(cwd, env, 1 + Math.floor(random() * 30), Math.floor(random() * 40));
      await applyAndKill(cwd, env, 1 + Math.floor(random() * 10), Math.floor(random() * 40));
      const after = runTfsim(["apply", "-auto-approve", "-no-color"], { cwd, env });
      expect(after.code, after.stdout + after.stderr).toBe(0);
      const cloud = openCloud({ home });
      try {
        const inCloud = cloudCounts(cloud);
        const inState = await stateCounts(cwd);
        for (const [type, n] of Object.entries(inCloud)) expect(`${type}=${inState[type] ?? 0}`).toBe(`${type}=${n}`);
        expect(inState.aws_iam_user).toBe(5);
        expect(inState.aws_instance).toBe(4);
        expect(inState.aws_ebs_volume).toBe(3);
      } finally {
        cloud.close();
      }
    });
  }
});
