// aws_ebs_volume and aws_volume_attachment (id "vai-" + the provider's hash of device, instance and volume).
import { BoolType, NumberType } from "../../../src/lang/types.js";
import { AwsCallError } from "../errors.js";
import { idLabel, type ResourceType } from "../resource.js";
import { computed, S, sdkId, tagsAttrs, tagsFromAws, updateTags } from "./iam-common.js";
import { ec2TagUpdater, tagSpecifications } from "./ec2-common.js";
import { crc32 } from "node:zlib";

const notFound = (e: unknown, code: string): boolean => e instanceof AwsCallError && e.code === code;

export const ebsVolume: ResourceType = {
  noun: "EBS Volume",
  label: idLabel,
  schema: {
    version: 0,
    block: {
      attributes: {
        arn: computed,
        availability_zone: { type: S, required: true, forceNew: true },
        encrypted: { type: BoolType, optional: true, computed: true, forceNew: true },
        final_snapshot: { type: BoolType, optional: true },
        id: sdkId,
        iops: { type: NumberType, optional: true, computed: true },
        kms_key_id: { type: S, optional: true, computed: true, forceNew: true },
        size: { type: NumberType, optional: true, computed: true },
        snapshot_id: { type: S, optional: true, computed: true, forceNew: true },
        ...tagsAttrs,
        throughput: { type: NumberType, optional: true, computed: true },
        type: { type: S, optional: true, computed: true },
      },
    },
  },
  // final_snapshot defaults to false (the SDK's Default), so state and plan agree when it is not set.
  plan(_ctx, _prior, p) {
    if (p.final_snapshot === null || p.final_snapshot === undefined) p.final_snapshot = false;
  },
  async create(ctx, p, { private: priv }) {
    const out = await ctx.client.call("ec2", "CreateVolume", {
      AvailabilityZone: p.availability_zone,
      // Chosen at plan time and resumed after a crash: the cloud answers the volume it already made.
      ...(priv.client_token ? { ClientToken: priv.client_token } : {}),
      ...(typeof p.size === "number" ? { Size: p.size } : {}),
      ...(typeof p.type === "string" ? { VolumeType: p.type } : {}),
      ...(typeof p.iops === "number" ? { Iops: p.iops } : {}),
      ...(typeof p.throughput === "number" ? { Throughput: p.throughput } : {}),
      ...(typeof p.snapshot_id === "string" ? { SnapshotId: p.snapshot_id } : {}),
      ...(typeof p.encrypted === "boolean" ? { Encrypted: p.encrypted } : {}),
      ...tagSpecifications(ctx, p, "volume"),
    });
    return { ...p, id: String(out.VolumeId) };
  },
  async read(ctx, prior) {
    let v: Record<string, unknown> | undefined;
    try {
      v = ((await ctx.client.call("ec2", "DescribeVolumes", { VolumeIds: [prior.id] })).Volumes as Record<string, unknown>[])?.[0];
    } catch (e) {
      if (notFound(e, "InvalidVolume.NotFound")) return null;
      throw e;
    }
    if (!v || v.State === "deleted" || v.State === "deleting") return null;
    const n = (x: unknown): number | null => (typeof x === "number" ? x : null);
    return {
      ...prior,
      arn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:volume/${String(v.VolumeId)}`,
      availability_zone: String(v.AvailabilityZone),
      encrypted: v.Encrypted === true,
      final_snapshot: prior.final_snapshot ?? false,
      id: String(v.VolumeId),
      iops: n(v.Iops),
      kms_key_id: v.KmsKeyId === undefined ? "" : String(v.KmsKeyId),
      size: n(v.Size),
      snapshot_id: typeof v.SnapshotId === "string" ? v.SnapshotId : "",
      throughput: n(v.Throughput),
      type: String(v.VolumeType),
      ...tagsFromAws(ctx, v.Tags, prior),
    };
  },
  async update(ctx, prior, p) {
    const VolumeId = String(prior.id);
    if (prior.size !== p.size || prior.type !== p.type || prior.iops !== p.iops || prior.throughput !== p.throughput) {
      await ctx.client.call("ec2", "ModifyVolume", {
        VolumeId,
        ...(p.size !== prior.size ? { Size: p.size } : {}),
        ...(p.type !== prior.type ? { VolumeType: p.type } : {}),
        ...(p.iops !== prior.iops && typeof p.iops === "number" ? { Iops: p.iops } : {}),
        ...(p.throughput !== prior.throughput && typeof p.throughput === "number" ? { Throughput: p.throughput } : {}),
      });
    }
    const [tag, untag] = ec2TagUpdater(ctx, VolumeId);
    await updateTags(ctx, prior, p, tag, untag);
  },
  async delete(ctx, s) {
    try {
      if (s.final_snapshot === true) await ctx.client.call("ec2", "CreateSnapshot", { VolumeId: s.id });
      await ctx.client.call("ec2", "DeleteVolume", { VolumeId: s.id });
    } catch (e) {
      if (!notFound(e, "InvalidVolume.NotFound")) throw e;
    }
  },
  importId: (id) => ({ id, final_snapshot: false }),
};

/** The provider's volumeAttachmentID: "vai-" + StringHashcode(device + "-" + instance + "-" + volume + "-"). */
export function volumeAttachmentId(device: string, instanceId: string, volumeId: string): string {
  return `vai-${crc32(Buffer.from(`${device}-${instanceId}-${volumeId}-`)) >>> 0}`;
}

export const volumeAttachment: ResourceType = {
  noun: "EBS Volume Attachment",
  label: (o) => `${String(o.volume_id)}/${String(o.instance_id)}`,
  schema: {
    version: 0,
    block: {
      attributes: {
        device_name: { type: S, required: true, forceNew: true },
        force_detach: { type: BoolType, optional: true },
        id: sdkId,
        instance_id: { type: S, required: true, forceNew: true },
        skip_destroy: { type: BoolType, optional: true },
        stop_instance_before_detaching: { type: BoolType, optional: true },
        volume_id: { type: S, required: true, forceNew: true },
      },
    },
  },
  async create(ctx, p) {
    await ctx.client.call("ec2", "AttachVolume", { Device: p.device_name, InstanceId: p.instance_id, VolumeId: p.volume_id });
    return { ...p, id: volumeAttachmentId(String(p.device_name), String(p.instance_id), String(p.volume_id)) };
  },
  async read(ctx, prior) {
    let v: Record<string, unknown> | undefined;
    try {
      v = ((await ctx.client.call("ec2", "DescribeVolumes", { VolumeIds: [prior.volume_id] })).Volumes as Record<string, unknown>[])?.[0];
    } catch (e) {
      if (notFound(e, "InvalidVolume.NotFound")) return null;
      throw e;
    }
    const a = ((v?.Attachments as { InstanceId: string; Device: string; State: string }[]) ?? []).find(
      (x) => x.InstanceId === prior.instance_id && x.Device === prior.device_name && x.State !== "detached" && x.State !== "detaching",
    );
    return a ? { ...prior } : null;
  },
  async update() {
    // force_detach, skip_destroy and stop_instance_before_detaching only change what a later destroy does.
  },
  async delete(ctx, s) {
    if (s.skip_destroy === true) return;
    try {
      await ctx.client.call("ec2", "DetachVolume", { Device: s.device_name, InstanceId: s.instance_id, VolumeId: s.volume_id, ...(s.force_detach === true ? { Force: true } : {}) });
    } catch (e) {
      if (!(notFound(e, "InvalidVolume.NotFound") || notFound(e, "IncorrectState") || notFound(e, "InvalidAttachment.NotFound"))) throw e;
    }
  },
  importId(id) {
    const [device_name, volume_id, instance_id] = id.split(":");
    return { id: volumeAttachmentId(device_name ?? "", instance_id ?? "", volume_id ?? ""), device_name: device_name ?? "", volume_id: volume_id ?? "", instance_id: instance_id ?? "" };
  },
};
