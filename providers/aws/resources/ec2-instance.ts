// aws_instance (the core arguments). RunInstances carries a ClientToken chosen at plan time and carried in the
// plan's private data, so re-applying the same plan after a crash between the cloud's commit and the state write
// adopts the instance RunInstances already made instead of launching a second (EC2's idempotency contract).
// user_data is recorded as its SHA-1 hex, as the real provider stores it.
import { createHash } from "node:crypto";
import { BoolType, listOf, mapOf, NumberType, setOf } from "../../../src/lang/types.js";
import { AwsCallError } from "../errors.js";
import { strList, Unknown, type Obj } from "../plain.js";
import { idLabel, PartialCreate, type ResourceType } from "../resource.js";
import { computed, S, sdkId, tagsAttrs, tagsFromAws, updateTags } from "./iam-common.js";
import { ec2TagUpdater } from "./ec2-common.js";
import { ebsBlockDevice, ebsMappings, ebsReplace, planEbsDevices, readEbsDevices, syncEbsTags } from "./ec2-instance-ebs.js";

const oc = { type: S, optional: true, computed: true } as const;
const ocNew = { type: S, optional: true, computed: true, forceNew: true } as const;

export function userDataHash(u: string): string {
  return createHash("sha1").update(u).digest("hex");
}

function rootDevice(o: Obj): Obj | undefined {
  const l = o.root_block_device;
  const first = Array.isArray(l) ? l[0] : undefined;
  return first && typeof first === "object" && !Array.isArray(first) ? first : undefined;
}

/**
 * How long a waiter waits before asking again: 0.5 s, doubling, at most 3 s (the real provider's waiters poll no
 * more often than their MinTimeout of 3 s). EC2's transitions take seconds with realistic timing, none by default
 * (the first ask, made at once, sees the target). Backing off keeps hundreds of waiting instances from spending the
 * apply's CPU on DescribeInstances: 8 asks for a 15 s pending instead of 31.
 */
export const FIRST_POLL_MS = 500;
export const MAX_POLL_MS = 3000;

/**
 * Waits, as the real provider does, until the instance reaches `target` (running after create and start,
 * stopped after stop): an attachment or a type change made while it is pending or stopping would be refused.
 */
/** The instance left the way to its target state (the real provider's "unexpected state"). */
class UnexpectedState extends Error {
  constructor(
    id: string,
    readonly detail: string,
  ) {
    super(`waiting for EC2 Instance (${id}): ${detail}`);
  }
}

async function waitForState(ctx: Parameters<ResourceType["read"]>[0], id: string, target: "running" | "stopped"): Promise<void> {
  // The asks keep their schedule from the first one (0, 0.5, 1.5, 3.5, ... s): waiting a full interval after each
  // answer would add every ask's latency to the next, and with hundreds of instances asking at once in one
  // process, the last one answered at each round fell up to a second behind, a poll period late in the end.
  let next = Date.now();
  for (let wait = FIRST_POLL_MS; ; wait = Math.min(wait * 2, MAX_POLL_MS)) {
    const out = await ctx.client.call("ec2", "DescribeInstances", { InstanceIds: [id] });
    const state = ((out.Reservations as { Instances: { State?: { Name?: string } }[] }[]) ?? [])[0]?.Instances[0]?.State?.Name;
    if (state === target) return;
    if (state === "terminated" || state === "shutting-down") throw new UnexpectedState(id, `unexpected state '${state}', wanted target '${target}'`);
    next += wait;
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
  }
}

/** The root device's BlockDeviceMapping, named as the AMI names its root device. */
async function rootMapping(ctx: Parameters<ResourceType["read"]>[0], p: Obj): Promise<Record<string, unknown>[]> {
  const rbd = rootDevice(p);
  if (!rbd) return [];
  const img = ((await ctx.client.call("ec2", "DescribeImages", { ImageIds: [p.ami] })).Images as { RootDeviceName?: string }[])?.[0];
  const num = (k: string): number | undefined => (typeof rbd[k] === "number" ? (rbd[k] as number) : undefined);
  const ebs: Record<string, unknown> = { DeleteOnTermination: rbd.delete_on_termination !== false };
  if (num("volume_size") !== undefined) ebs.VolumeSize = num("volume_size");
  if (typeof rbd.volume_type === "string") ebs.VolumeType = rbd.volume_type;
  if (num("iops") !== undefined) ebs.Iops = num("iops");
  if (num("throughput") !== undefined) ebs.Throughput = num("throughput");
  if (typeof rbd.encrypted === "boolean") ebs.Encrypted = rbd.encrypted;
  return [{ DeviceName: img?.RootDeviceName ?? "/dev/xvda", Ebs: ebs }];
}

function blockDeviceMappings(mappings: Record<string, unknown>[]): Record<string, unknown> {
  return mappings.length ? { BlockDeviceMappings: mappings } : {};
}

async function readRootDevice(ctx: Parameters<ResourceType["read"]>[0], i: Record<string, unknown>, prior: Obj): Promise<Obj[]> {
  const m = ((i.BlockDeviceMappings as { DeviceName: string; Ebs?: { VolumeId: string; DeleteOnTermination?: boolean } }[]) ?? []).find((b) => b.DeviceName === i.RootDeviceName);
  if (!m?.Ebs) return [];
  const v = ((await ctx.client.call("ec2", "DescribeVolumes", { VolumeIds: [m.Ebs.VolumeId] })).Volumes as Record<string, unknown>[])?.[0] ?? {};
  const before = rootDevice(prior);
  const tags: Record<string, string> = {};
  for (const t of (v.Tags as { Key: string; Value: string }[]) ?? []) tags[t.Key] = t.Value;
  const n = (x: unknown): number | null => (typeof x === "number" ? x : null);
  return [
    {
      delete_on_termination: m.Ebs.DeleteOnTermination !== false,
      device_name: m.DeviceName,
      encrypted: v.Encrypted === true,
      iops: n(v.Iops),
      kms_key_id: typeof v.KmsKeyId === "string" ? v.KmsKeyId : "",
      tags: before?.tags ?? null,
      tags_all: tags,
      throughput: n(v.Throughput),
      volume_id: m.Ebs.VolumeId,
      volume_size: n(v.Size),
      volume_type: typeof v.VolumeType === "string" ? v.VolumeType : null,
    },
  ];
}

export const instance: ResourceType = {
  noun: "EC2 Instance",
  label: idLabel,
  schema: {
    version: 1,
    block: {
      attributes: {
        ami: ocNew,
        arn: computed,
        associate_public_ip_address: { type: BoolType, optional: true, computed: true, forceNew: true },
        availability_zone: ocNew,
        iam_instance_profile: oc,
        id: sdkId,
        instance_state: computed,
        get_password_data: { type: BoolType, optional: true },
        instance_type: oc,
        ipv6_addresses: { type: listOf(S), optional: true, computed: true, forceNew: true },
        key_name: ocNew,
        primary_network_interface_id: computed,
        private_dns: computed,
        private_ip: ocNew,
        public_dns: computed,
        public_ip: computed,
        secondary_private_ips: { type: setOf(S), optional: true, computed: true },
        security_groups: { type: setOf(S), optional: true, computed: true, forceNew: true },
        source_dest_check: { type: BoolType, optional: true },
        subnet_id: ocNew,
        ...tagsAttrs,
        user_data: { type: S, optional: true, computed: true },
        user_data_base64: { type: S, optional: true, computed: true },
        user_data_replace_on_change: { type: BoolType, optional: true },
        vpc_security_group_ids: { type: setOf(S), optional: true, computed: true },
      },
      blockTypes: {
        ebs_block_device: ebsBlockDevice,
        root_block_device: {
          nesting: "list",
          maxItems: 1,
          block: {
            attributes: {
              delete_on_termination: { type: BoolType, optional: true },
              device_name: computed,
              encrypted: { type: BoolType, optional: true, computed: true },
              iops: { type: NumberType, optional: true, computed: true },
              kms_key_id: oc,
              tags: { type: mapOf(S), optional: true },
              tags_all: { type: mapOf(S), optional: true, computed: true },
              throughput: { type: NumberType, optional: true, computed: true },
              volume_id: computed,
              volume_size: { type: NumberType, optional: true, computed: true },
              volume_type: oc,
            },
          },
        },
      },
    },
  },
  defaults: { get_password_data: false, source_dest_check: true, user_data_replace_on_change: false },
  // user_data changes in place (stop, modify, start) unless user_data_replace_on_change says replace.
  replaceIf(prior, p) {
    const userData = p.user_data_replace_on_change === true ? ["user_data", "user_data_base64"].filter((k) => (prior[k] ?? null) !== (p[k] ?? null)) : [];
    return [...userData, ...ebsReplace(prior, p)];
  },
  plan(ctx, prior, p) {
    if (typeof p.user_data === "string" && !/^[0-9a-f]{40}$/.test(p.user_data)) p.user_data = userDataHash(p.user_data);
    planEbsDevices(ctx, prior, p);
    // root_block_device's computed parts: the prior object's when there is one, else known after apply.
    // An Optional+Computed block (SDK): with no root_block_device in config, the prior one is kept.
    const kept = !rootDevice(p) && prior !== undefined && rootDevice(prior) !== undefined;
    if (kept) p.root_block_device = prior.root_block_device;
    const rbd = rootDevice(p);
    if (rbd) {
      const before = prior ? rootDevice(prior) : undefined;
      if (rbd.delete_on_termination === null || rbd.delete_on_termination === undefined) rbd.delete_on_termination = true;
      for (const k of ["device_name", "encrypted", "iops", "kms_key_id", "throughput", "volume_id", "volume_size", "volume_type"]) {
        if (rbd[k] === null || rbd[k] === undefined) rbd[k] = before ? (before[k] ?? null) : Unknown;
      }
      if (!kept) rbd.tags_all = { ...ctx.defaultTags, ...(rbd.tags && typeof rbd.tags === "object" && !Array.isArray(rbd.tags) ? rbd.tags : {}) };
    }
  },
  async adopt(ctx, p, { private: priv }) {
    if (!priv.client_token) return null;
    const out = await ctx.client.call("ec2", "DescribeInstances", { Filters: [{ Name: "client-token", Values: [priv.client_token] }] });
    const live = ((out.Reservations as { Instances?: { InstanceId: string; State?: { Name?: string } }[] }[] | undefined) ?? [])
      .flatMap((r) => r.Instances ?? [])
      .find((i) => i.State?.Name !== "terminated" && i.State?.Name !== "shutting-down");
    return live ? { ...p, id: live.InstanceId } : null;
  },
  async create(ctx, p, { config, private: priv }) {
    const sgs = strList(p.vpc_security_group_ids);
    const tags = Object.entries({ ...ctx.defaultTags, ...(p.tags && typeof p.tags === "object" && !Array.isArray(p.tags) ? p.tags : {}) }).map(([Key, Value]) => ({ Key, Value: String(Value) }));
    const userData = typeof config.user_data === "string" ? Buffer.from(config.user_data).toString("base64") : typeof p.user_data_base64 === "string" ? p.user_data_base64 : undefined;
    const params = {
      ImageId: p.ami,
      MinCount: 1,
      MaxCount: 1,
      ClientToken: priv.client_token,
      ...(typeof p.instance_type === "string" ? { InstanceType: p.instance_type } : {}),
      ...(typeof p.subnet_id === "string" ? { SubnetId: p.subnet_id } : {}),
      ...(sgs.length ? { SecurityGroupIds: sgs } : {}),
      ...(strList(p.security_groups).length ? { SecurityGroups: strList(p.security_groups) } : {}),
      ...(typeof p.key_name === "string" ? { KeyName: p.key_name } : {}),
      ...(typeof p.private_ip === "string" ? { PrivateIpAddress: p.private_ip } : {}),
      ...(typeof p.availability_zone === "string" ? { Placement: { AvailabilityZone: p.availability_zone } } : {}),
      ...(typeof p.iam_instance_profile === "string" ? { IamInstanceProfile: { Name: p.iam_instance_profile } } : {}),
      ...(userData ? { UserData: userData } : {}),
      ...blockDeviceMappings([...(await rootMapping(ctx, p)), ...ebsMappings(p)]),
      ...(tags.length ? { TagSpecifications: [{ ResourceType: "instance", Tags: tags }, { ResourceType: "volume", Tags: tags }] } : {}),
    };
    // An instance profile made moments ago may not be visible to EC2 yet: the provider retries that one error.
    let out: Record<string, unknown> | undefined;
    for (let attempt = 0; !out; attempt++) {
      try {
        out = await ctx.client.call("ec2", "RunInstances", params);
      } catch (e) {
        const propagating = e instanceof AwsCallError && e.code === "InvalidParameterValue" && /iam ?instance ?profile/i.test(e.shape.message);
        if (!propagating || attempt >= 4) throw e;
      }
    }
    const i = (out.Instances as { InstanceId: string }[])[0]!;
    try {
      await waitForState(ctx, i.InstanceId, "running");
    } catch (e) {
      throw new PartialCreate({ ...p, id: i.InstanceId }, `waiting for EC2 Instance (${i.InstanceId}) create`, e instanceof UnexpectedState ? e.detail : e);
    }
    await syncEbsTags(ctx, i.InstanceId, p);
    return { ...p, id: i.InstanceId };
  },
  async read(ctx, prior) {
    let i: Record<string, unknown> | undefined;
    try {
      const out = await ctx.client.call("ec2", "DescribeInstances", { InstanceIds: [prior.id] });
      i = ((out.Reservations as { Instances: Record<string, unknown>[] }[]) ?? [])[0]?.Instances[0];
    } catch (e) {
      if (e instanceof AwsCallError && e.code === "InvalidInstanceID.NotFound") return null;
      throw e;
    }
    const state = (i?.State as { Name: string } | undefined)?.Name;
    if (!i || state === "terminated" || state === "shutting-down") return null;
    const groups = ((i.SecurityGroups as { GroupId: string; GroupName: string }[]) ?? []);
    const eni = ((i.NetworkInterfaces as { NetworkInterfaceId: string }[]) ?? [])[0];
    const profileArn = (i.IamInstanceProfile as { Arn?: string } | undefined)?.Arn;
    const s = (v: unknown): string | null => (v === undefined || v === "" ? null : String(v));
    return {
      ...prior,
      ami: s(i.ImageId),
      arn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:instance/${String(i.InstanceId)}`,
      associate_public_ip_address: i.PublicIpAddress !== undefined,
      availability_zone: s((i.Placement as { AvailabilityZone?: string } | undefined)?.AvailabilityZone),
      iam_instance_profile: profileArn ? profileArn.replace(/^.*instance-profile\/(?:.*\/)?/, "") : null,
      id: String(i.InstanceId),
      instance_state: state ?? null,
      instance_type: s(i.InstanceType),
      ipv6_addresses: ((i.NetworkInterfaces as { Ipv6Addresses?: { Ipv6Address: string }[] }[]) ?? []).flatMap((n) => (n.Ipv6Addresses ?? []).map((a) => a.Ipv6Address)),
      key_name: s(i.KeyName),
      primary_network_interface_id: eni ? eni.NetworkInterfaceId : null,
      private_dns: s(i.PrivateDnsName),
      private_ip: s(i.PrivateIpAddress),
      public_dns: s(i.PublicDnsName),
      public_ip: s(i.PublicIpAddress),
      secondary_private_ips: ((i.NetworkInterfaces as { PrivateIpAddresses?: { Primary?: boolean; PrivateIpAddress: string }[] }[]) ?? []).flatMap((n) => (n.PrivateIpAddresses ?? []).filter((a) => !a.Primary).map((a) => a.PrivateIpAddress)),
      security_groups: i.SubnetId && !strList(prior.security_groups).length ? [] : groups.map((g) => g.GroupName),
      subnet_id: s(i.SubnetId),
      user_data: prior.user_data ?? null,
      user_data_base64: prior.user_data_base64 ?? null,
      vpc_security_group_ids: groups.map((g) => g.GroupId),
      ebs_block_device: await readEbsDevices(ctx, i, prior),
      root_block_device: await readRootDevice(ctx, i, prior),
      ...tagsFromAws(ctx, i.Tags, prior),
    };
  },
  async update(ctx, prior, p, config) {
    const InstanceId = String(prior.id);
    if (p.instance_type !== prior.instance_type && typeof p.instance_type === "string") {
      // As the provider does: stop, change the type, start again.
      await ctx.client.call("ec2", "StopInstances", { InstanceIds: [InstanceId] });
      await waitForState(ctx, InstanceId, "stopped");
      await ctx.client.call("ec2", "ModifyInstanceAttribute", { InstanceId, InstanceType: { Value: p.instance_type } });
      await ctx.client.call("ec2", "StartInstances", { InstanceIds: [InstanceId] });
      await waitForState(ctx, InstanceId, "running");
    }
    if ((prior.user_data ?? null) !== (p.user_data ?? null) || (prior.user_data_base64 ?? null) !== (p.user_data_base64 ?? null)) {
      const raw = typeof config.user_data === "string" ? Buffer.from(config.user_data) : typeof p.user_data_base64 === "string" ? Buffer.from(p.user_data_base64, "base64") : Buffer.alloc(0);
      await ctx.client.call("ec2", "StopInstances", { InstanceIds: [InstanceId] });
      await waitForState(ctx, InstanceId, "stopped");
      await ctx.client.call("ec2", "ModifyInstanceAttribute", { InstanceId, UserData: { Value: raw } });
      await ctx.client.call("ec2", "StartInstances", { InstanceIds: [InstanceId] });
      await waitForState(ctx, InstanceId, "running");
    }
    const before = strList(prior.vpc_security_group_ids).sort().join(",");
    const after = strList(p.vpc_security_group_ids);
    if (after.length && after.sort().join(",") !== before) await ctx.client.call("ec2", "ModifyInstanceAttribute", { InstanceId, Groups: after });
    const [tag, untag] = ec2TagUpdater(ctx, InstanceId);
    await updateTags(ctx, prior, p, tag, untag);
  },
  async delete(ctx, s) {
    try {
      await ctx.client.call("ec2", "TerminateInstances", { InstanceIds: [s.id] });
    } catch (e) {
      if (!(e instanceof AwsCallError && e.code === "InvalidInstanceID.NotFound")) throw e;
    }
  },
  importId: (id) => ({ id, get_password_data: false, source_dest_check: true, user_data_replace_on_change: false }),
};

