// TFSIM_EC2_TIMING=realistic: transitions last 15 seconds of the cloud's clock, computed at read time.
import { afterEach, beforeEach, expect, it } from "vitest";
import { openTestCloud, type TestCloud } from "../core/helpers.js";

let t: TestCloud;
let now = Date.UTC(2026, 0, 1);
beforeEach(() => {
  process.env.TFSIM_EC2_TIMING = "realistic";
  t = openTestCloud({ clock: { nowMs: () => now } });
});
afterEach(() => {
  delete process.env.TFSIM_EC2_TIMING;
  t.close();
});

type Obj = Record<string, unknown>;
const state = (id: string): string =>
  ((t.ok("ec2", "DescribeInstances", { InstanceIds: [id] }).Reservations as { Instances: { State: { Name: string } }[] }[])[0]!.Instances[0]!.State.Name);

it("pending becomes running, stopping becomes stopped, shutting-down becomes terminated, as time passes", () => {
  const ami = ((t.ok("ec2", "DescribeImages", { Owners: ["amazon"], Filters: [{ Name: "architecture", Values: ["x86_64"] }] }).Images as Obj[])[0]!).ImageId;
  const id = ((t.ok("ec2", "RunInstances", { ImageId: ami, MinCount: 1, MaxCount: 1 }).Instances as Obj[])[0]!).InstanceId as string;
  expect(state(id)).toBe("pending");
  expect(t.fail("ec2", "StopInstances", { InstanceIds: [id] }).code).toBe("IncorrectInstanceState");
  now += 14_000;
  expect(state(id)).toBe("pending");
  now += 1_000;
  expect(state(id)).toBe("running");
  t.ok("ec2", "StopInstances", { InstanceIds: [id] });
  expect(state(id)).toBe("stopping");
  now += 15_000;
  expect(state(id)).toBe("stopped");
  t.ok("ec2", "TerminateInstances", { InstanceIds: [id] });
  expect(state(id)).toBe("shutting-down");
  now += 15_000;
  expect(state(id)).toBe("terminated");
});

it("a volume modification is modifying for the transition time, and a second one waits for it (IncorrectModificationState)", () => {
  const vol = t.ok("ec2", "CreateVolume", { AvailabilityZone: "us-east-1a", Size: 10, VolumeType: "gp3" }).VolumeId as string;
  const mods = () => (t.ok("ec2", "DescribeVolumesModifications", { VolumeIds: [vol] }).VolumesModifications as Obj[])[0]!;
  t.ok("ec2", "ModifyVolume", { VolumeId: vol, Size: 20 });
  expect(mods()).toMatchObject({ ModificationState: "modifying", Progress: 0, TargetSize: 20 });
  expect(t.fail("ec2", "ModifyVolume", { VolumeId: vol, Size: 30 })).toMatchObject({ code: "IncorrectModificationState", message: `Volume ${vol} cannot be modified in modification state MODIFYING` });
  now += 15_000;
  expect(mods()).toMatchObject({ ModificationState: "completed", Progress: 100 });
  t.ok("ec2", "ModifyVolume", { VolumeId: vol, Size: 30 });
  expect(mods()).toMatchObject({ ModificationState: "modifying", OriginalSize: 20, TargetSize: 30 });
});
