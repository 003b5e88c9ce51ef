// aws_instance waits for "running" as the real provider does: with realistic cloud timing (an instance is pending
// for 15 s), a volume attached right after the instance's create is accepted, where AttachVolume on a pending
// instance is refused with IncorrectState.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness } from "./harness.js";

let h: Harness;
const saved = process.env.TFSIM_EC2_TIMING;
beforeEach(async () => {
  process.env.TFSIM_EC2_TIMING = "realistic";
  h = new Harness();
  await h.configure({ region: "us-east-1" });
});
afterEach(async () => {
  await h.close();
  if (saved === undefined) delete process.env.TFSIM_EC2_TIMING;
  else process.env.TFSIM_EC2_TIMING = saved;
});

describe("aws_instance with realistic timing", () => {
  it("create returns once the instance runs; the attachment that follows is accepted", async () => {
    const ami = await h.data("aws_ami", { most_recent: true, owners: ["amazon"], filter: [{ name: "name", values: ["al2023-ami-2023*-x86_64"] }] });
    expect(ami.errors).toEqual([]);
    const i = await h.apply("aws_instance", h.nullState("aws_instance"), { ami: String(ami.obj!.id), instance_type: "t3.micro" });
    expect(i.errors).toEqual([]);
    expect(i.obj).toMatchObject({ instance_state: "running" });
    const v = await h.apply("aws_ebs_volume", h.nullState("aws_ebs_volume"), { availability_zone: i.obj!.availability_zone, size: 8 });
    expect(v.errors).toEqual([]);
    const a = await h.apply("aws_volume_attachment", h.nullState("aws_volume_attachment"), { device_name: "/dev/sdf", volume_id: v.obj!.id, instance_id: i.obj!.id });
    expect(a.errors).toEqual([]);
  }, 60_000);

  it("an instance terminated while pending: the create fails but returns the instance (which the engine then records tainted)", async () => {
    const ami = await h.data("aws_ami", { most_recent: true, owners: ["amazon"], filter: [{ name: "name", values: ["al2023-ami-2023*-x86_64"] }] });
    const creating = h.apply("aws_instance", h.nullState("aws_instance"), { ami: String(ami.obj!.id), instance_type: "t3.micro" });
    // Someone else terminates it while the provider waits for "running".
    const c = h.cloud();
    const call = (action: string, params: Record<string, unknown>) => c.call({ credentials: c.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "ec2", action, params });
    let id: string | undefined;
    while (!id) {
      await new Promise((r) => setTimeout(r, 50));
      const out = call("DescribeInstances", {});
      const reservations = (out.ok ? (out.output.Reservations as { Instances: { InstanceId: string }[] }[]) : []) ?? [];
      id = reservations[0]?.Instances[0]?.InstanceId;
    }
    expect(call("TerminateInstances", { InstanceIds: [id] }).ok).toBe(true);
    const r = await creating;
    expect(r.errors).toEqual([`waiting for EC2 Instance (${id}) create: unexpected state 'shutting-down', wanted target 'running'`]);
    expect(r.obj).toMatchObject({ id });
  }, 60_000);
});
