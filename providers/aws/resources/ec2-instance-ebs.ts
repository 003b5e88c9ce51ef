// aws_instance's ebs_block_device blocks: EBS volumes launched with the instance (RunInstances'
// BlockDeviceMappings beyond the root device). As in hashicorp/aws the block set is optional and computed and
// delete_on_termination defaults to true; a block is identified by device_name and snapshot_id (the provider's
// set hash), so adding, removing or renaming a device replaces the instance while a change to any other argument
// of an existing device, tags included, plans nothing (the provider documents that it cannot detect those; use
// aws_ebs_volume and aws_volume_attachment to manage them). One difference: only the devices the instance was
// launched with are read back, not volumes attached later by aws_volume_attachment (the real provider lists those
// too, so every attachment shows as drift on the instance).
import { BoolType, mapOf, NumberType, StringType } from "../../../src/lang/types.js";
import type { NestedBlock } from "../../../src/provider/schema.js";
import { Unknown, type Obj, type Plain } from "../plain.js";
import type { ResourceContext } from "../resource.js";

const S = StringType;
const oc = { type: S, optional: true, computed: true } as const;
const ocNumber = { type: NumberType, optional: true, computed: true } as const;

export const ebsBlockDevice: NestedBlock = {
  nesting: "set",
  block: {
    attributes: {
      delete_on_termination: { type: BoolType, optional: true },
      device_name: { type: S, required: true },
      encrypted: { type: BoolType, optional: true, computed: true },
      iops: ocNumber,
      kms_key_id: oc,
      snapshot_id: oc,
      tags: { type: mapOf(S), optional: true },
      tags_all: { type: mapOf(S), optional: true, computed: true },
      throughput: ocNumber,
      volume_id: { type: S, computed: true },
      volume_size: ocNumber,
      volume_type: oc,
    },
  },
};

const computedParts = ["encrypted", "iops", "kms_key_id", "snapshot_id", "throughput", "volume_id", "volume_size", "volume_type"];

function isObj(p: Plain | undefined): p is Obj {
  return typeof p === "object" && p !== null && !Array.isArray(p);
}

export function ebsDevices(o: Obj): Obj[] {
  return Array.isArray(o.ebs_block_device) ? o.ebs_block_device.filter(isObj) : [];
}

/** Plan-time: no blocks in config keeps the prior ones (a computed block); else each block's computed parts. */
export function planEbsDevices(ctx: ResourceContext, prior: Obj | undefined, p: Obj): void {
  const before = prior ? ebsDevices(prior) : [];
  if (ebsDevices(p).length === 0) {
    p.ebs_block_device = before;
    return;
  }
  const planned: Obj[] = [];
  for (const d of ebsDevices(p)) {
    const was = before.find((b) => sameDevice(b, d));
    if (was) {
      planned.push(was);
      continue;
    }
    planned.push(d);
    if (d.delete_on_termination === null || d.delete_on_termination === undefined) d.delete_on_termination = true;
    for (const k of computedParts) if (d[k] === null || d[k] === undefined) d[k] = was ? (was[k] ?? null) : Unknown;
    d.tags_all = { ...ctx.defaultTags, ...(isObj(d.tags) ? d.tags : {}) };
  }
  p.ebs_block_device = planned;
}

/** The provider's set hash: device_name, and snapshot_id when the configuration gives one. */
function sameDevice(prior: Obj, d: Obj): boolean {
  const snapshot = d.snapshot_id === null || d.snapshot_id === undefined || d.snapshot_id === Unknown ? undefined : d.snapshot_id;
  return prior.device_name === d.device_name && (snapshot === undefined || (prior.snapshot_id ?? "") === snapshot);
}

/** ["ebs_block_device"] when a device was added, removed or renamed. */
export function ebsReplace(prior: Obj, p: Obj): string[] {
  const before = ebsDevices(prior);
  const after = ebsDevices(p);
  const same = before.length === after.length && after.every((d) => before.some((b) => sameDevice(b, d)));
  return same ? [] : ["ebs_block_device"];
}

/** RunInstances' BlockDeviceMappings for the blocks. */
export function ebsMappings(p: Obj): Record<string, unknown>[] {
  return ebsDevices(p).map((d) => {
    const ebs: Record<string, unknown> = { DeleteOnTermination: d.delete_on_termination !== false };
    const put = (k: string, key: string) => {
      if (d[k] !== null && d[k] !== undefined && d[k] !== Unknown) ebs[key] = d[k];
    };
    put("volume_size", "VolumeSize");
    put("volume_type", "VolumeType");
    put("iops", "Iops");
    put("throughput", "Throughput");
    put("encrypted", "Encrypted");
    put("snapshot_id", "SnapshotId");
    return { DeviceName: d.device_name, Ebs: ebs };
  });
}

/** The devices the instance was launched with, as they are now (DescribeInstances' mappings + DescribeVolumes). */
export async function readEbsDevices(ctx: ResourceContext, i: Record<string, unknown>, prior: Obj): Promise<Obj[]> {
  const wanted = ebsDevices(prior);
  if (!wanted.length) return [];
  const mappings = (i.BlockDeviceMappings as { DeviceName: string; Ebs?: { VolumeId: string; DeleteOnTermination?: boolean } }[]) ?? [];
  const out: Obj[] = [];
  for (const w of wanted) {
    const m = mappings.find((b) => b.DeviceName === w.device_name && b.Ebs);
    if (!m?.Ebs) continue;
    const v = ((await ctx.client.call("ec2", "DescribeVolumes", { VolumeIds: [m.Ebs.VolumeId] })).Volumes as Record<string, unknown>[])?.[0] ?? {};
    const tags: Record<string, string> = {};
    for (const t of (v.Tags as { Key: string; Value: string }[]) ?? []) tags[t.Key] = t.Value;
    const n = (x: unknown): number | null => (typeof x === "number" ? x : null);
    out.push({
      delete_on_termination: m.Ebs.DeleteOnTermination !== false,
      device_name: m.DeviceName,
      encrypted: v.Encrypted === true,
      iops: n(v.Iops),
      kms_key_id: typeof v.KmsKeyId === "string" ? v.KmsKeyId : "",
      snapshot_id: typeof v.SnapshotId === "string" ? v.SnapshotId : "",
      tags: w.tags ?? null,
      tags_all: tags,
      throughput: n(v.Throughput),
      volume_id: m.Ebs.VolumeId,
      volume_size: n(v.Size),
      volume_type: typeof v.VolumeType === "string" ? v.VolumeType : null,
    });
  }
  return out;
}

/**
 * Each launched device's volume tagged with exactly its tags_all (default_tags and the block's tags), as the
 * provider tags them after launch; tags the launch copied from the instance's own are taken off again.
 */
export async function syncEbsTags(ctx: ResourceContext, instanceId: string, p: Obj): Promise<void> {
  const devices = ebsDevices(p);
  if (!devices.length) return;
  const out = await ctx.client.call("ec2", "DescribeInstances", { InstanceIds: [instanceId] });
  const inst = ((out.Reservations as { Instances: Record<string, unknown>[] }[]) ?? [])[0]?.Instances[0] ?? {};
  const mappings = (inst.BlockDeviceMappings as { DeviceName: string; Ebs?: { VolumeId: string } }[]) ?? [];
  for (const d of devices) {
    const volumeId = mappings.find((m) => m.DeviceName === d.device_name)?.Ebs?.VolumeId;
    if (!volumeId) continue;
    const want: Record<string, string> = {};
    for (const [k, v] of Object.entries(isObj(d.tags_all) ? d.tags_all : {})) if (typeof v === "string") want[k] = v;
    const v = ((await ctx.client.call("ec2", "DescribeVolumes", { VolumeIds: [volumeId] })).Volumes as { Tags?: { Key: string; Value: string }[] }[])?.[0];
    const have = v?.Tags ?? [];
    const stale = have.filter((t) => !(t.Key in want)).map((t) => ({ Key: t.Key }));
    if (stale.length) await ctx.client.call("ec2", "DeleteTags", { Resources: [volumeId], Tags: stale });
    const missing = Object.entries(want).filter(([k, val]) => !have.some((t) => t.Key === k && t.Value === val));
    if (missing.length) await ctx.client.call("ec2", "CreateTags", { Resources: [volumeId], Tags: missing.map(([Key, Value]) => ({ Key, Value })) });
  }
}
