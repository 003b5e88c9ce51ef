// EBS volumes and snapshots: CreateVolume (zone required; each type's size, IOPS and throughput bounds),
// AttachVolume (same zone as the instance, device names, one attachment), DetachVolume, DeleteVolume, ModifyVolume,
// CreateSnapshot/DescribeSnapshots/DeleteSnapshot, DescribeVolumes with filters.
import type { ActionContext, ActionSpec, Params } from "../service.js";
import { publicImages } from "./catalog/images.js";
import { isAvailabilityZone } from "./catalog/regions.js";
import { stateAt, transitionMs } from "./instance-state.js";
import { eachResource, resourceTagKeys } from "./authz.js";
import { ec2Error, invalidParameterValue, missingParameter } from "./errors.js";
import { applyFilters, filtersOf, page, strList, tagSpecs, tagsOut } from "./filters.js";
import { type Ec2Model, type Resource, ec2Id } from "./model.js";
import { arn } from "./vpcs.js";
import type { Instance } from "./instances.js";

type Ctx = ActionContext<Ec2Model>;

export interface Attachment {
  instanceId: string;
  device: string;
  attachTime: number;
  deleteOnTermination: boolean;
}

export interface Volume extends Resource {
  az: string;
  size: number;
  volumeType: string;
  iops?: number;
  throughput?: number;
  snapshotId?: string;
  encrypted: boolean;
  createTime: number;
  state: "available" | "in-use";
  attachment?: Attachment;
  /** The last ModifyVolume: what it asked for, what the volume was, and when it started. */
  modification?: Modification;
}

export interface Modification {
  original: { size: number; volumeType: string; iops?: number; throughput?: number };
  target: { size: number; volumeType: string; iops?: number; throughput?: number };
  startTime: number;
}

export interface Snapshot extends Resource {
  volumeId: string;
  volumeSize: number;
  description: string;
  startTime: number;
  encrypted: boolean;
}

interface TypeBounds {
  readonly minSize: number;
  readonly maxSize: number;
  /** [min, max, max per GiB, default] when the type takes an IOPS figure. */
  readonly iops?: readonly [number, number, number, number | undefined];
  readonly throughput?: readonly [number, number, number];
}

const VOLUME_TYPES: Readonly<Record<string, TypeBounds>> = {
  standard: { minSize: 1, maxSize: 1024 },
  gp2: { minSize: 1, maxSize: 16384 },
  gp3: { minSize: 1, maxSize: 16384, iops: [3000, 16000, 500, 3000], throughput: [125, 1000, 125] },
  io1: { minSize: 4, maxSize: 16384, iops: [100, 64000, 50, undefined] },
  io2: { minSize: 4, maxSize: 65536, iops: [100, 256000, 1000, undefined] },
  st1: { minSize: 125, maxSize: 16384 },
  sc1: { minSize: 125, maxSize: 16384 },
};

/** Checks a volume's type, size, IOPS and throughput as EC2 does; returns the effective figures. */
export function volumeSpec(volumeType: string, size: number, iops: number | undefined, throughput: number | undefined): { iops?: number; throughput?: number } {
  const t = VOLUME_TYPES[volumeType];
  if (!t) throw invalidParameterValue(`Value (${volumeType}) for parameter volumeType is invalid. Valid values are: standard, io1, io2, gp2, sc1, st1, gp3.`);
  if (size < t.minSize || size > t.maxSize) {
    throw invalidParameterValue(`Volume of ${size}GiB is ${size < t.minSize ? "too small" : "too large"} for ${volumeType}; ${size < t.minSize ? `minimum is ${t.minSize}GiB` : `maximum is ${t.maxSize}GiB`}`);
  }
  if (!t.iops && iops !== undefined) throw ec2Error("InvalidParameterCombination", `The parameter iops is not supported for ${volumeType} volumes.`);
  if (!t.throughput && throughput !== undefined) throw ec2Error("InvalidParameterCombination", `The parameter throughput is not supported for ${volumeType} volumes.`);
  const out: { iops?: number; throughput?: number } = {};
  if (volumeType === "gp2") out.iops = Math.max(100, Math.min(16000, 3 * size));
  if (t.iops) {
    const [min, max, perGiB, dflt] = t.iops;
    const v = iops ?? dflt;
    if (v === undefined) throw missingParameter("iops");
    if (v < min || v > max) throw invalidParameterValue(`Volume iops of ${v} is ${v < min ? "too low" : "too high"}; ${v < min ? `minimum is ${min}` : `maximum is ${max}`}.`);
    if (iops !== undefined && v > size * perGiB) throw invalidParameterValue(`Iops to volume size ratio of ${v / size} is too high; maximum is ${perGiB}.`);
    out.iops = v;
  }
  if (t.throughput) {
    const [min, max] = t.throughput;
    const v = throughput ?? t.throughput[2];
    if (v < min || v > max) throw invalidParameterValue(`Throughput of ${v}MiB/s is ${v < min ? "too low" : "too high"}; ${v < min ? `minimum is ${min}` : `maximum is ${max}`}.`);
    if (v > (out.iops ?? 3000) / 4) throw invalidParameterValue(`Throughput (MiBps) to iops ratio of ${v / (out.iops ?? 3000)} is too high; maximum is 0.25 MiBps per iops.`);
    out.throughput = v;
  }
  return out;
}

export function getVolume(ctx: Ctx, id: string): Volume {
  const v = ctx.model.get<Volume>(ctx.region, "volume", id);
  if (!v) throw ec2Error("InvalidVolume.NotFound", `The volume '${id}' does not exist.`);
  return v;
}

const DEVICE = /^\/dev\/(sd[a-z][1-9]?|xvd[a-z]{1,2}|nvme\d+n\d+)$|^xvd[a-z]{1,2}$/;

export function checkDevice(device: string): void {
  if (!DEVICE.test(device)) throw invalidParameterValue(`Value (${device}) for parameter device is invalid. ${device} is not a valid EBS device name.`);
}

export function volumeOut(ctx: Ctx, v: Volume): Record<string, unknown> {
  return {
    VolumeId: v.id,
    Size: v.size,
    ...(v.snapshotId ? { SnapshotId: v.snapshotId } : { SnapshotId: "" }),
    AvailabilityZone: v.az,
    State: v.state,
    CreateTime: new Date(v.createTime),
    Attachments: v.attachment
      ? [
          {
            AttachTime: new Date(v.attachment.attachTime),
            Device: v.attachment.device,
            InstanceId: v.attachment.instanceId,
            State: "attached",
            VolumeId: v.id,
            DeleteOnTermination: v.attachment.deleteOnTermination,
          },
        ]
      : [],
    Encrypted: v.encrypted,
    VolumeType: v.volumeType,
    ...(v.iops !== undefined ? { Iops: v.iops } : {}),
    ...(v.throughput !== undefined ? { Throughput: v.throughput } : {}),
    MultiAttachEnabled: false,
    ...tagsOut(v.tags),
  };
}

function snapshotOut(ctx: Ctx, s: Snapshot): Record<string, unknown> {
  return {
    SnapshotId: s.id,
    VolumeId: s.volumeId,
    State: "completed",
    StartTime: new Date(s.startTime),
    Progress: "100%",
    OwnerId: ctx.accountId,
    Description: s.description,
    VolumeSize: s.volumeSize,
    Encrypted: s.encrypted,
    StorageTier: "standard",
    ...tagsOut(s.tags),
  };
}

/** A new volume (CreateVolume, or an instance's block device mapping), checked and stored. */
export function createVolume(
  ctx: Ctx,
  v: { az: string; size?: number; volumeType?: string; iops?: number; throughput?: number; snapshotId?: string; encrypted?: boolean; tags?: Resource["tags"] },
): Volume {
  let size = v.size;
  if (v.snapshotId !== undefined) {
    // The account's own snapshots, and the public root snapshots of the catalog's AMIs (as on AWS, where a
    // public image's snapshot can seed a volume); any other id does not exist.
    const snapSize = ctx.model.get<Snapshot>(ctx.region, "snapshot", v.snapshotId)?.volumeSize ?? publicImages(ctx.region).find((i) => i.snapshotId === v.snapshotId)?.rootVolumeSizeGiB;
    if (snapSize === undefined) throw ec2Error("InvalidSnapshot.NotFound", `The snapshot '${v.snapshotId}' does not exist.`);
    if (size !== undefined && size < snapSize) throw invalidParameterValue(`Volume of ${size}GiB is smaller than snapshot '${v.snapshotId}', expect size >= ${snapSize}GiB`);
    size ??= snapSize;
  }
  if (size === undefined) throw missingParameter("size or snapshotId");
  const volumeType = v.volumeType ?? "gp2";
  const spec = volumeSpec(volumeType, size, v.iops, v.throughput);
  const vol: Volume = {
    id: ec2Id("vol"),
    tags: v.tags ?? [],
    az: v.az,
    size,
    volumeType,
    ...spec,
    ...(v.snapshotId !== undefined ? { snapshotId: v.snapshotId } : {}),
    encrypted: v.encrypted ?? false,
    createTime: ctx.nowMs,
    state: "available",
  };
  ctx.model.insert(ctx.region, "volume", vol);
  return vol;
}

function checkZone(ctx: Ctx, p: Params): string {
  const az = p.AvailabilityZone as string | undefined;
  if (az === undefined) throw missingParameter("AvailabilityZone");
  if (!isAvailabilityZone(az) || az.slice(0, -1) !== ctx.region) throw ec2Error("InvalidZone.NotFound", `The zone '${az}' does not exist.`);
  return az;
}

/** A modification is "modifying" for the EC2 transition time (none by default), then "completed". */
function modificationState(m: Modification, nowMs: number): "modifying" | "completed" {
  return nowMs - m.startTime >= transitionMs() ? "completed" : "modifying";
}

function modificationOut(volumeId: string, m: Modification, state: "modifying" | "completed"): Record<string, unknown> {
  return {
    VolumeId: volumeId,
    ModificationState: state,
    TargetSize: m.target.size,
    TargetVolumeType: m.target.volumeType,
    ...(m.target.iops !== undefined ? { TargetIops: m.target.iops } : {}),
    ...(m.target.throughput !== undefined ? { TargetThroughput: m.target.throughput } : {}),
    OriginalSize: m.original.size,
    OriginalVolumeType: m.original.volumeType,
    ...(m.original.iops !== undefined ? { OriginalIops: m.original.iops } : {}),
    ...(m.original.throughput !== undefined ? { OriginalThroughput: m.original.throughput } : {}),
    Progress: state === "completed" ? 100 : 0,
    StartTime: new Date(m.startTime),
    ...(state === "completed" ? { EndTime: new Date(m.startTime + transitionMs()) } : {}),
  };
}

const eachVolume = eachResource("volume", "volume", (p) => (p.VolumeId !== undefined ? [p.VolumeId as string] : []));

const volumeArn = (ctx: Ctx, p: Params): string => arn(ctx, "volume", (p.VolumeId as string | undefined) ?? "*");

export const volumeActions: Record<string, ActionSpec<Ec2Model>> = {
  CreateVolume: {
    iamAction: "ec2:CreateVolume",
    mutating: true,
    resource: (ctx) => arn(ctx, "volume", "*"),
    conditionKeys: (_ctx, p) => ({
      ...(p.VolumeType !== undefined ? { "ec2:VolumeType": p.VolumeType as string } : {}),
      ...(p.AvailabilityZone !== undefined ? { "ec2:AvailabilityZone": p.AvailabilityZone as string } : {}),
    }),
    run(ctx, p) {
      // ClientToken idempotency, as RunInstances has it: the same token and arguments answer the same volume.
      const token = p.ClientToken as string | undefined;
      const key = `CreateVolume:${token}`;
      const fingerprint = JSON.stringify({ ...p, ClientToken: undefined });
      if (token !== undefined) {
        const prior = ctx.model.q("SELECT params, reservation_id FROM ec2_client_tokens WHERE region = ? AND token = ?").get(ctx.region, key) as { params: string; reservation_id: string } | undefined;
        if (prior && prior.params !== fingerprint) throw ec2Error("IdempotentParameterMismatch", "Arguments on this idempotent request are inconsistent with arguments used in previous request(s).");
        const made = prior && ctx.model.get<Volume>(ctx.region, "volume", prior.reservation_id);
        if (made) return volumeOut(ctx, made);
      }
      const az = checkZone(ctx, p);
      const vol = createVolume(ctx, {
        az,
        ...(p.Size !== undefined ? { size: p.Size as number } : {}),
        ...(p.VolumeType !== undefined ? { volumeType: p.VolumeType as string } : {}),
        ...(p.Iops !== undefined ? { iops: p.Iops as number } : {}),
        ...(p.Throughput !== undefined ? { throughput: p.Throughput as number } : {}),
        ...(p.SnapshotId !== undefined ? { snapshotId: p.SnapshotId as string } : {}),
        ...(p.Encrypted !== undefined ? { encrypted: p.Encrypted as boolean } : {}),
        tags: tagSpecs(p, "volume"),
      });
      if (token !== undefined) ctx.model.q("INSERT OR REPLACE INTO ec2_client_tokens (region, token, params, reservation_id) VALUES (?, ?, ?, ?)").run(ctx.region, key, fingerprint, vol.id);
      return { ...volumeOut(ctx, vol), State: "creating" };
    },
  },
  DescribeVolumes: {
    iamAction: "ec2:DescribeVolumes",
    mutating: false,
    run(ctx, p) {
      const ids = strList(p, "VolumeIds");
      let items = ids.length ? ctx.model.listByIds<Volume>(ctx.region, "volume", ids) : ctx.model.list<Volume>(ctx.region, "volume");
      for (const id of ids) if (!items.some((v) => v.id === id)) throw ec2Error("InvalidVolume.NotFound", `The volume '${id}' does not exist.`);
      items = applyFilters(items, filtersOf(p), {
        "volume-id": (v) => v.id,
        "availability-zone": (v) => v.az,
        status: (v) => v.state,
        size: (v) => v.size,
        "volume-type": (v) => v.volumeType,
        "snapshot-id": (v) => v.snapshotId,
        encrypted: (v) => v.encrypted,
        "attachment.instance-id": (v) => v.attachment?.instanceId,
        "attachment.device": (v) => v.attachment?.device,
        "attachment.status": (v) => (v.attachment ? "attached" : undefined),
        "attachment.delete-on-termination": (v) => v.attachment?.deleteOnTermination,
        "attachment.attach-time": (v) => (v.attachment ? new Date(v.attachment.attachTime).toISOString() : undefined),
        "create-time": (v) => new Date(v.createTime).toISOString(),
        iops: (v) => v.iops,
        throughput: (v) => v.throughput,
        "multi-attach-enabled": () => false,
        "fast-restored": () => false,
      });
      const pg = page(items, p);
      return { Volumes: pg.items.map((v) => volumeOut(ctx, v)), ...(pg.next ? { NextToken: pg.next } : {}) };
    },
  },
  AttachVolume: {
    iamAction: "ec2:AttachVolume",
    mutating: true,
    resource: volumeArn,
    authorize(ctx, p, request) {
      const vol = ctx.model.get<Volume>(ctx.region, "volume", p.VolumeId as string);
      const inst = ctx.model.get<Instance>(ctx.region, "instance", p.InstanceId as string);
      ctx.authorize("ec2:AttachVolume", request.resource, { ...request.context, ...resourceTagKeys(vol) });
      ctx.authorize("ec2:AttachVolume", arn(ctx, "instance", p.InstanceId as string), { ...request.context, ...resourceTagKeys(inst) });
    },
    run(ctx, p) {
      const vol = getVolume(ctx, p.VolumeId as string);
      const inst = ctx.model.get<Instance>(ctx.region, "instance", p.InstanceId as string);
      if (!inst || stateAt(inst, ctx.nowMs) === "terminated") throw ec2Error("InvalidInstanceID.NotFound", `The instance ID '${String(p.InstanceId)}' does not exist`);
      const device = p.Device as string;
      checkDevice(device);
      if (vol.attachment) throw ec2Error("VolumeInUse", `${vol.id} is already attached to an instance`);
      if (vol.az !== inst.az) throw ec2Error("InvalidVolume.ZoneMismatch", `The volume '${vol.id}' is not in the same availability zone as instance '${inst.id}'`);
      const now = stateAt(inst, ctx.nowMs);
      if (now !== "running" && now !== "stopped") throw ec2Error("IncorrectState", `Instance '${inst.id}' is not 'running' or 'stopped'.`);
      if (inst.blockDevices.some((b) => b.device === device)) throw invalidParameterValue(`Invalid value '${device}' for unixDevice. Attachment point ${device} is already in use`);
      vol.attachment = { instanceId: inst.id, device, attachTime: ctx.nowMs, deleteOnTermination: false };
      vol.state = "in-use";
      ctx.model.update(vol);
      inst.blockDevices.push({ device, volumeId: vol.id });
      ctx.model.update(inst);
      return { AttachTime: new Date(ctx.nowMs), Device: device, InstanceId: inst.id, State: "attaching", VolumeId: vol.id };
    },
  },
  DetachVolume: {
    iamAction: "ec2:DetachVolume",
    mutating: true,
    resource: volumeArn,
    authorize: eachVolume,
    run(ctx, p) {
      const vol = getVolume(ctx, p.VolumeId as string);
      const a = vol.attachment;
      if (!a) throw ec2Error("IncorrectState", `Volume '${vol.id}' is in the 'available' state.`);
      if (p.InstanceId !== undefined && p.InstanceId !== a.instanceId) throw ec2Error("InvalidAttachment.NotFound", `The volume '${vol.id}' is not attached to instance '${String(p.InstanceId)}'`);
      const inst = ctx.model.get<Instance>(ctx.region, "instance", a.instanceId);
      if (inst && inst.rootDeviceName === a.device && stateAt(inst, ctx.nowMs) !== "stopped" && stateAt(inst, ctx.nowMs) !== "terminated") {
        throw ec2Error("OperationNotPermitted", `Unable to detach root volume '${vol.id}' from instance '${inst.id}'`);
      }
      if (inst) {
        inst.blockDevices = inst.blockDevices.filter((b) => b.volumeId !== vol.id);
        ctx.model.update(inst);
      }
      delete vol.attachment;
      vol.state = "available";
      ctx.model.update(vol);
      return { AttachTime: new Date(a.attachTime), Device: a.device, InstanceId: a.instanceId, State: "detaching", VolumeId: vol.id };
    },
  },
  DeleteVolume: {
    iamAction: "ec2:DeleteVolume",
    mutating: true,
    resource: volumeArn,
    authorize: eachVolume,
    run(ctx, p) {
      const vol = getVolume(ctx, p.VolumeId as string);
      if (vol.attachment) throw ec2Error("VolumeInUse", `Volume ${vol.id} is currently attached to ${vol.attachment.instanceId}`);
      ctx.model.remove(vol.id);
      return {};
    },
  },
  ModifyVolume: {
    iamAction: "ec2:ModifyVolume",
    mutating: true,
    resource: volumeArn,
    authorize: eachVolume,
    run(ctx, p) {
      const vol = getVolume(ctx, p.VolumeId as string);
      if (vol.modification && modificationState(vol.modification, ctx.nowMs) !== "completed") {
        throw ec2Error("IncorrectModificationState", `Volume ${vol.id} cannot be modified in modification state MODIFYING`);
      }
      const size = (p.Size as number | undefined) ?? vol.size;
      if (size < vol.size) throw invalidParameterValue(`New size cannot be smaller than existing size`);
      const volumeType = (p.VolumeType as string | undefined) ?? vol.volumeType;
      const keepIops = volumeType === vol.volumeType && volumeType !== "gp2" ? vol.iops : undefined;
      const keepThroughput = volumeType === vol.volumeType ? vol.throughput : undefined;
      const spec = volumeSpec(volumeType, size, (p.Iops as number | undefined) ?? keepIops, (p.Throughput as number | undefined) ?? keepThroughput);
      const original = { size: vol.size, volumeType: vol.volumeType, ...(vol.iops !== undefined ? { iops: vol.iops } : {}), ...(vol.throughput !== undefined ? { throughput: vol.throughput } : {}) };
      vol.size = size;
      vol.volumeType = volumeType;
      delete vol.iops;
      delete vol.throughput;
      Object.assign(vol, spec);
      const target = { size, volumeType, ...spec };
      vol.modification = { original, target, startTime: ctx.nowMs };
      ctx.model.update(vol);
      // The answer shows the modification as it starts, whatever the timing, as EC2's does.
      return { VolumeModification: modificationOut(vol.id, vol.modification, "modifying") };
    },
  },
  DescribeVolumesModifications: {
    iamAction: "ec2:DescribeVolumesModifications",
    mutating: false,
    run(ctx, p) {
      const ids = strList(p, "VolumeIds");
      const volumes = ids.length ? ids.map((id) => getVolume(ctx, id)) : ctx.model.list<Volume>(ctx.region, "volume");
      for (const v of volumes) {
        if (ids.length && !v.modification) throw ec2Error("InvalidVolumeModification.NotFound", `Modification for volume '${v.id}' does not exist.`);
      }
      let items = volumes.filter((v): v is Volume & { modification: Modification } => v.modification !== undefined);
      items = applyFilters(items, filtersOf(p), {
        "volume-id": (v) => v.id,
        "modification-state": (v) => modificationState(v.modification, ctx.nowMs),
        "target-size": (v) => v.modification.target.size,
        "target-iops": (v) => v.modification.target.iops,
        "target-volume-type": (v) => v.modification.target.volumeType,
        "original-size": (v) => v.modification.original.size,
        "original-iops": (v) => v.modification.original.iops,
        "original-volume-type": (v) => v.modification.original.volumeType,
      });
      const pg = page(items, p);
      return { VolumesModifications: pg.items.map((v) => modificationOut(v.id, v.modification, modificationState(v.modification, ctx.nowMs))), ...(pg.next ? { NextToken: pg.next } : {}) };
    },
  },
  CreateSnapshot: {
    iamAction: "ec2:CreateSnapshot",
    mutating: true,
    resource: volumeArn,
    run(ctx, p) {
      const vol = getVolume(ctx, p.VolumeId as string);
      const s: Snapshot = {
        id: ec2Id("snap"),
        tags: tagSpecs(p, "snapshot"),
        volumeId: vol.id,
        volumeSize: vol.size,
        description: (p.Description as string | undefined) ?? "",
        startTime: ctx.nowMs,
        encrypted: vol.encrypted,
      };
      ctx.model.insert(ctx.region, "snapshot", s);
      return { ...snapshotOut(ctx, s), State: "pending", Progress: "" };
    },
  },
  DescribeSnapshots: {
    iamAction: "ec2:DescribeSnapshots",
    mutating: false,
    run(ctx, p) {
      let items = ctx.model.list<Snapshot>(ctx.region, "snapshot");
      const ids = strList(p, "SnapshotIds");
      for (const id of ids) if (!items.some((s) => s.id === id)) throw ec2Error("InvalidSnapshot.NotFound", `The snapshot '${id}' does not exist.`);
      if (ids.length) items = items.filter((s) => ids.includes(s.id));
      const owners = strList(p, "OwnerIds");
      if (owners.length && !owners.some((o) => o === "self" || o === ctx.accountId)) items = [];
      items = applyFilters(items, filtersOf(p), {
        "snapshot-id": (s) => s.id,
        "volume-id": (s) => s.volumeId,
        "volume-size": (s) => s.volumeSize,
        description: (s) => s.description,
        status: () => "completed",
        "owner-id": () => ctx.accountId,
        encrypted: (s) => s.encrypted,
      });
      const pg = page(items, p);
      return { Snapshots: pg.items.map((s) => snapshotOut(ctx, s)), ...(pg.next ? { NextToken: pg.next } : {}) };
    },
  },
  DeleteSnapshot: {
    iamAction: "ec2:DeleteSnapshot",
    mutating: true,
    resource: (ctx, p) => arn(ctx, "snapshot", p.SnapshotId as string).replace(`:${ctx.accountId}:`, "::"),
    run(ctx, p) {
      const id = p.SnapshotId as string;
      if (!ctx.model.get<Snapshot>(ctx.region, "snapshot", id)) throw ec2Error("InvalidSnapshot.NotFound", `The snapshot '${id}' does not exist.`);
      ctx.model.remove(id);
      return {};
    },
  },
};
