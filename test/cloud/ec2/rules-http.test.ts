// EC2's rules through the wire: boto3-rules.py drives `tfsim cloud serve` (architecture match, the vCPU quota,
// DescribeInstances pages, instance type only while stopped, zone-bound attach, ModifyVolume bounds and
// DescribeVolumesModifications, snapshots, 60 rules a direction, imported key fingerprints against ssh-keygen and
// openssl, iam:PassRole and an ec2:InstanceType condition).
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tempDir } from "../../helpers/cli.js";
import { python, rootKeys, serve, type Served } from "../server/serve.js";

let server: Served;
let home: string;

beforeAll(async () => {
  home = tempDir("tfsim-ec2-rules-");
  server = await serve(home);
});

afterAll(async () => {
  await server?.stop();
});

it("holds every EC2 rule of boto3-rules.py over HTTP", () => {
  const r = python(server, rootKeys(home), join(import.meta.dirname, "boto3-rules.py"));
  expect(r.stderr).toBe("");
  expect(r.stdout.trim().split("\n")).toEqual([
    "ok architecture",
    "ok vcpu quota",
    "ok describe pages",
    "ok modify instance type",
    "ok volumes and snapshots",
    "ok security group limits",
    "ok key pair fingerprints",
    "ok authorization conditions",
    "ALL OK",
  ]);
}, 120_000);
