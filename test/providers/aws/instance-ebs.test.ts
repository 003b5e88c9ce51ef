// aws_instance's ebs_block_device through the plugin interface: volumes launched with the instance (tagged with
// their block's tags), read back from the cloud; adding or renaming a device replaces the instance; other changes
// to a device plan nothing, as hashicorp/aws plans nothing (test/providers/aws/replace-differential.test.ts);
// leaving the blocks out keeps them. A volume attached later by other means is not one of them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { toObj } from "../../../providers/aws/plain.js";
import { Harness, type Obj } from "./harness.js";

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.configure({ region: "us-east-1" });
});
afterEach(async () => h.close());

function ec2(action: string, params: Record<string, unknown>): Record<string, unknown> {
  const c = h.cloud();
  const r = c.call({ credentials: c.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "ec2", action, params });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.output;
}

describe("aws_instance ebs_block_device", () => {
  it("launches, reads back, replaces on a new device, ignores other changes, and deletes on termination", async () => {
    const ami = String((await h.data("aws_ami", { most_recent: true, owners: ["amazon"], filter: [{ name: "name", values: ["al2023-ami-2023*-x86_64"] }] })).obj!.id);
    const data = (size: number, tags: Record<string, string> = { Name: "data" }): Obj => ({ device_name: "/dev/sdf", volume_size: size, volume_type: "gp3", tags });
    const cfg = (devices: Obj[] | null): Obj => ({ ami, instance_type: "t3.micro", ...(devices ? { ebs_block_device: devices } : {}) });

    const made = await h.apply("aws_instance", h.nullState("aws_instance"), cfg([data(20)]));
    expect(made.errors).toEqual([]);
    const dev = (made.obj!.ebs_block_device as Obj[])[0]!;
    expect(dev).toMatchObject({ device_name: "/dev/sdf", volume_size: 20, volume_type: "gp3", delete_on_termination: true, encrypted: false, tags: { Name: "data" }, tags_all: { Name: "data" } });
    expect(String(dev.volume_id)).toMatch(/^vol-[0-9a-f]{17}$/);
    const vol = (ec2("DescribeVolumes", { VolumeIds: [dev.volume_id] }).Volumes as { Size: number; State: string; Attachments: { InstanceId: string; Device: string }[] }[])[0]!;
    expect(vol).toMatchObject({ Size: 20, State: "in-use", Attachments: [{ InstanceId: made.obj!.id, Device: "/dev/sdf" }] });

    // The same config, no blocks at all, or other sizes and tags for the same device: nothing to do.
    for (const same of [cfg([data(20)]), cfg(null), cfg([data(30)]), cfg([data(20, { Name: "data2" })])]) {
      const p = await h.plan("aws_instance", made.state, same);
      expect(p.replace).toEqual([]);
      expect(toObj(p.planned)).toEqual(made.obj);
    }
    expect((await h.plan("aws_instance", made.state, cfg([data(20), { device_name: "/dev/sdg", volume_size: 5 }]))).replace).toEqual(["ebs_block_device"]);
    expect((await h.plan("aws_instance", made.state, cfg([{ device_name: "/dev/sdg", volume_size: 20 }]))).replace).toEqual(["ebs_block_device"]);
    expect((await h.plan("aws_instance", made.state, cfg([]))).replace).toEqual([]);
    expect((ec2("DescribeVolumes", { VolumeIds: [dev.volume_id] }).Volumes as { Tags: unknown[] }[])[0]!.Tags).toEqual([{ Key: "Name", Value: "data" }]);

    // A volume attached afterwards is not an ebs_block_device of the instance.
    const extra = String(ec2("CreateVolume", { AvailabilityZone: made.obj!.availability_zone, Size: 1 }).VolumeId);
    ec2("AttachVolume", { VolumeId: extra, InstanceId: made.obj!.id, Device: "/dev/sdh" });
    const read = await h.read("aws_instance", made.state);
    expect((read.obj!.ebs_block_device as Obj[]).map((d) => d.device_name)).toEqual(["/dev/sdf"]);
    ec2("DetachVolume", { VolumeId: extra });

    const gone = await h.apply("aws_instance", made.state, null);
    expect(gone.errors).toEqual([]);
    const after = ec2("DescribeVolumes", { Filters: [{ Name: "volume-id", Values: [dev.volume_id] }] }).Volumes as unknown[];
    expect(after).toEqual([]);
  });
});
