// aws_vpc, aws_subnet and aws_ebs_snapshot through the plugin interface: create, read, tag update, import, destroy.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness } from "./harness.js";

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.configure({ region: "us-east-1" });
});
afterEach(async () => h.close());

describe("network and snapshots", () => {
  it("a VPC with a subnet; a snapshot of a volume", async () => {
    const v = await h.apply("aws_vpc", h.nullState("aws_vpc"), { cidr_block: "10.1.0.0/16", tags: { Name: "main" } });
    expect(v.errors).toEqual([]);
    expect(v.obj).toMatchObject({ id: expect.stringMatching(/^vpc-/), cidr_block: "10.1.0.0/16", enable_dns_support: true, instance_tenancy: "default", default_security_group_id: expect.stringMatching(/^sg-/) });
    const retag = await h.apply("aws_vpc", v.state, { cidr_block: "10.1.0.0/16", tags: { Name: "main2" } });
    expect(retag.replace).toEqual([]);
    expect(retag.obj!.tags).toEqual({ Name: "main2" });
    expect((await h.plan("aws_vpc", retag.state, { cidr_block: "10.2.0.0/16" })).replace).toEqual(["cidr_block"]);

    const s = await h.apply("aws_subnet", h.nullState("aws_subnet"), { vpc_id: v.obj!.id, cidr_block: "10.1.1.0/24", availability_zone: "us-east-1b" });
    expect(s.errors).toEqual([]);
    expect(s.obj).toMatchObject({ availability_zone: "us-east-1b", vpc_id: v.obj!.id, map_public_ip_on_launch: false });
    expect((await h.importId("aws_subnet", String(s.obj!.id))).obj).toMatchObject({ cidr_block: "10.1.1.0/24" });

    const vol = await h.apply("aws_ebs_volume", h.nullState("aws_ebs_volume"), { availability_zone: "us-east-1b", size: 8 });
    const snap = await h.apply("aws_ebs_snapshot", h.nullState("aws_ebs_snapshot"), { volume_id: vol.obj!.id, description: "backup" });
    expect(snap.errors).toEqual([]);
    expect(snap.obj).toMatchObject({ id: expect.stringMatching(/^snap-/), volume_size: 8, description: "backup" });

    for (const [t, st] of [
      ["aws_ebs_snapshot", snap.state],
      ["aws_ebs_volume", vol.state],
      ["aws_subnet", s.state],
      ["aws_vpc", retag.state],
    ] as const) {
      expect((await h.apply(t, st, null)).errors).toEqual([]);
      expect((await h.read(t, st)).obj).toBeNull();
    }
  });
});
