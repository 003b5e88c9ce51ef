// EC2 through the plugin interface: data sources (aws_ami, aws_availability_zones), aws_key_pair, aws_instance,
// and the no-orphans contract: applying one plan's create twice (a crash after the cloud committed) adopts the
// instance the first attempt launched.
import { generateKeyPairSync } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { userDataHash } from "../../../providers/aws/resources/ec2-instance.js";
import { Harness } from "./harness.js";

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.configure({ region: "us-east-1", default_tags: [{ tags: { Project: "t" } }] });
});
afterEach(async () => h.close());

async function al2023(): Promise<string> {
  const r = await h.data("aws_ami", { most_recent: true, owners: ["amazon"], filter: [{ name: "name", values: ["al2023-ami-2023*-x86_64"] }] });
  expect(r.errors).toEqual([]);
  return String(r.obj!.id);
}

function instanceCount(): number {
  const out = h.cloud().call({ credentials: h.cloud().rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "ec2", action: "DescribeInstances", params: {} });
  if (!out.ok) throw new Error(out.error.message);
  return ((out.output.Reservations as { Instances: { State: { Name: string } }[] }[]) ?? []).flatMap((r) => r.Instances).filter((i) => i.State.Name !== "terminated").length;
}

describe("EC2", () => {
  it("aws_ami: most_recent, owners and filters; ambiguity without most_recent is the provider's error", async () => {
    expect(await al2023()).toMatch(/^ami-/);
    const many = await h.data("aws_ami", { owners: ["amazon"], filter: [{ name: "name", values: ["al2023-ami-2023*-x86_64"] }] });
    expect(many.errors[0]).toMatch(/Your query returned more than one result/);
    const azs = await h.data("aws_availability_zones", { state: "available" });
    expect(azs.obj!.names).toEqual(["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"]);
  });

  it("aws_key_pair from a public key; import by name", async () => {
    const { publicKey } = generateKeyPairSync("ed25519");
    const sshPub = `ssh-ed25519 ${Buffer.concat([lenPrefixed("ssh-ed25519"), lenPrefixed(publicKey.export({ format: "der", type: "spki" }).subarray(12))]).toString("base64")} me@host`;
    const k = await h.apply("aws_key_pair", h.nullState("aws_key_pair"), { key_name: "me", public_key: sshPub });
    expect(k.errors).toEqual([]);
    expect(k.obj).toMatchObject({ id: "me", key_pair_id: expect.stringMatching(/^key-/), tags_all: { Project: "t" } });
    expect((await h.importId("aws_key_pair", "me")).obj!.fingerprint).toBe(k.obj!.fingerprint);
    expect((await h.apply("aws_key_pair", k.state, null)).errors).toEqual([]);
  });

  it("aws_instance: launch, user_data recorded as SHA-1, type change in place, terminate", async () => {
    const amiId = await al2023();
    const cfg = { ami: amiId, instance_type: "t3.micro", user_data: "#!/bin/sh\necho hi\n", tags: { Name: "web" } };
    const plan = await h.plan("aws_instance", h.nullState("aws_instance"), cfg);
    expect(plan.planned.entries().get("user_data")!.asString()).toBe(userDataHash(cfg.user_data));
    const i = await h.apply("aws_instance", h.nullState("aws_instance"), cfg);
    expect(i.errors).toEqual([]);
    expect(i.obj).toMatchObject({ id: expect.stringMatching(/^i-/), instance_type: "t3.micro", availability_zone: expect.stringMatching(/^us-east-1[a-f]$/), tags: { Name: "web" }, tags_all: { Name: "web", Project: "t" } });
    expect(String(i.obj!.private_ip)).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect((await h.plan("aws_instance", i.state, cfg)).replace).toEqual([]);
    const bigger = await h.apply("aws_instance", i.state, { ...cfg, instance_type: "t3.small" });
    expect(bigger.errors).toEqual([]);
    expect(bigger.replace).toEqual([]);
    expect(bigger.obj).toMatchObject({ id: i.obj!.id, instance_type: "t3.small" });
    expect((await h.plan("aws_instance", bigger.state, { ...cfg, ami: "ami-0123456789abcdef0" })).replace).toEqual(["ami"]);
    // New user_data: in place by default, a replacement with user_data_replace_on_change.
    const newData = { ...cfg, instance_type: "t3.small", user_data: "#!/bin/sh\necho v2\n" };
    expect((await h.plan("aws_instance", bigger.state, { ...newData, user_data_replace_on_change: true })).replace).toEqual(["user_data"]);
    const rewritten = await h.apply("aws_instance", bigger.state, newData);
    expect(rewritten.errors).toEqual([]);
    expect(rewritten.replace).toEqual([]);
    expect(rewritten.obj).toMatchObject({ id: i.obj!.id, user_data: userDataHash(newData.user_data) });
    expect((await h.apply("aws_instance", rewritten.state, null)).errors).toEqual([]);
    expect(instanceCount()).toBe(0);
  });

  it("aws_instance root_block_device: size and type reach the root volume; no diff on re-plan", async () => {
    const cfg = { ami: await al2023(), instance_type: "t3.micro", root_block_device: [{ volume_size: 30, volume_type: "gp3" }] };
    const i = await h.apply("aws_instance", h.nullState("aws_instance"), cfg);
    expect(i.errors).toEqual([]);
    const rbd = (i.obj!.root_block_device as Record<string, unknown>[])[0]!;
    expect(rbd).toMatchObject({ volume_size: 30, volume_type: "gp3", device_name: "/dev/xvda", delete_on_termination: true, volume_id: expect.stringMatching(/^vol-/) });
    const again = await h.plan("aws_instance", i.state, cfg);
    expect(again.replace).toEqual([]);
    expect(again.planned.rawEquals(i.state)).toBe(true);
  });

  it("a create applied twice from one plan (killed before state was written) launches one instance", async () => {
    const cfg = { ami: await al2023(), instance_type: "t3.micro" };
    const plan = await h.plan("aws_instance", h.nullState("aws_instance"), cfg);
    expect(JSON.parse(plan.private!).client_token).toMatch(/^[0-9a-f-]{36}$/);
    const req = { typeName: "aws_instance", priorState: h.nullState("aws_instance"), plannedState: plan.planned, config: h.configValue("aws_instance", cfg), plannedPrivate: plan.private! };
    const first = await h.provider.applyResourceChange(req);
    const again = await h.provider.applyResourceChange(req);
    expect(again.diagnostics).toEqual([]);
    expect(again.newState.entries().get("id")!.asString()).toBe(first.newState.entries().get("id")!.asString());
    expect(instanceCount()).toBe(1);
  });
});

function lenPrefixed(b: string | Buffer): Buffer {
  const buf = typeof b === "string" ? Buffer.from(b) : b;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(buf.length);
  return Buffer.concat([len, buf]);
}
