// Instances: RunInstances with EC2's checks (type catalog, AMI architecture, counts, key pair, subnet and
// security groups of one VPC, user data, instance profile with iam:PassRole, block devices, tags, client token
// idempotency, the vCPU quota), the state machine (Stop/Start/Reboot/Terminate, IncorrectInstanceState),
// DescribeInstances with filters and pages, DescribeInstanceStatus, Describe/ModifyInstanceAttribute.
// Timing: instance-state.ts.
import { randomInt } from "node:crypto";
import type { AwsError } from "../api.js";
import type { ActionContext, ActionSpec, ConditionContext, Params } from "../service.js";
import { findImage } from "./images.js";
import { STATE_CODES, type StateName, stateAt, transitionMs } from "./instance-state.js";
import { DEFAULT_STANDARD_VCPU_QUOTA, instanceTypes } from "./catalog/instance-types.js";
import { availabilityZones } from "./catalog/regions.js";
import { eachResource } from "./authz.js";
import { ec2Error, invalidParameterValue, missingParameter } from "./errors.js";
import { applyFilters, filtersOf, page, strList, tagSpecs, tagsOut } from "./filters.js";
import { keyPairByName } from "./key-pairs.js";
import { type MetadataOptions, applyMetadataOptions, defaultMetadataOptions, metadataOptionsOut } from "./metadata-options.js";
import { type Ec2Model, type Resource, ec2Id } from "./model.js";
import { type SecurityGroup, getGroup } from "./security-groups.js";
import { type Volume, checkDevice, createVolume } from "./volumes.js";
import { type Subnet, allocateIp, arn, getSubnet } from "./vpcs.js";

type Ctx = ActionContext<Ec2Model>;

/** How long a terminated instance stays visible to Describe calls (AWS: about an hour). */
const TERMINATED_VISIBLE_MS = 3_600_000;

export interface Instance extends Resource {
  reservationId: string;
  imageId: string;
  instanceType: string;
  architecture: string;
  platform?: string;
  platformDetails: string;
  az: string;
  subnetId: string;
  vpcId: string;
  privateIp: string;
  publicIp?: string;
  keyName?: string;
  securityGroupIds: string[];
  /** The stored state: a transitional one settles when its time has passed (see settle()). */
  state: StateName;
  stateSince: number;
  stateReason?: string;
  launchTime: number;
  amiLaunchIndex: number;
  rootDeviceName: string;
  blockDevices: { device: string; volumeId: string }[];
  userData?: string;
  iamInstanceProfile?: { arn: string; id: string };
  clientToken?: string;
  disableApiTermination: boolean;
  sourceDestCheck: boolean;
  shutdownBehavior: string;
  ebsOptimized: boolean;
  /** Absent on instances stored before it was recorded (see LEGACY_METADATA_OPTIONS). */
  metadataOptions?: MetadataOptions;
}

/** The instance's EBS devices as DescribeInstances and DescribeInstanceAttribute blockDeviceMapping show them. */
function blockDeviceMappingsOut(ctx: Ctx, i: Instance, volumes: ReadonlyMap<string, Volume> = attachedVolumes(ctx, [i])): Record<string, unknown>[] {
  return i.blockDevices.map((b) => {
    const v = volumes.get(b.volumeId);
    return {
      DeviceName: b.device,
      Ebs: { AttachTime: new Date(v?.attachment?.attachTime ?? i.launchTime), DeleteOnTermination: v?.attachment?.deleteOnTermination ?? false, Status: "attached", VolumeId: b.volumeId },
    };
  });
}

function stateOut(name: StateName): { Code: number; Name: StateName } {
  return { Code: STATE_CODES[name], Name: name };
}

/** What the vCPU quota reads of an instance, with the stored document it was read from. */
interface QuotaView {
  readonly doc: string;
  readonly instanceType: string;
  readonly state: StateName;
  readonly stateSince: number;
}

/**
 * Per model and region: each instance's QuotaView, parsed again only when its document's text changed. Keyed by
 * the text itself, so it is never stale (another process's write, a rolled-back one): every RunInstances needs
 * the region's instances, and parsing (or reading, see Ec2Model.instanceDocs) all of them each time made a launch
 * cost grow with the account.
 */
const quotaViews = new WeakMap<Ec2Model, Map<string, Map<string, QuotaView>>>();

/** The vCPUs of the region's instances that are not terminated. */
function vcpusInUse(ctx: Ctx): number {
  let byRegion = quotaViews.get(ctx.model);
  if (!byRegion) quotaViews.set(ctx.model, (byRegion = new Map()));
  let views = byRegion.get(ctx.region);
  if (!views) byRegion.set(ctx.region, (views = new Map()));
  const docs = ctx.model.instanceDocs(ctx.region);
  const transition = transitionMs();
  let used = 0;
  for (const [id, doc] of docs) {
    let v = views.get(id);
    if (!v || v.doc !== doc) {
      const i = JSON.parse(doc) as Instance;
      views.set(id, (v = { doc, instanceType: i.instanceType, state: i.state, stateSince: i.stateSince }));
    }
    if (stateAt(v, ctx.nowMs, transition) !== "terminated") used += instanceTypes.get(v.instanceType)?.vCpus ?? 0;
  }
  if (views.size > docs.size) for (const id of views.keys()) if (!docs.has(id)) views.delete(id);
  return used;
}

function vcpuQuota(): number {
  const v = Number(process.env.TFSIM_EC2_VCPU_QUOTA);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_STANDARD_VCPU_QUOTA;
}

function publicIp(): string {
  return `3.${randomInt(80, 240)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

function dnsName(ctx: Ctx, ip: string, pub: boolean): string {
  const dashed = ip.replace(/\./g, "-");
  if (pub) return ctx.region === "us-east-1" ? `ec2-${dashed}.compute-1.amazonaws.com` : `ec2-${dashed}.${ctx.region}.compute.amazonaws.com`;
  return ctx.region === "us-east-1" ? `ip-${dashed}.ec2.internal` : `ip-${dashed}.${ctx.region}.compute.internal`;
}

const INSTANCE_ID = /^i-[0-9a-f]{8}([0-9a-f]{9})?$/;

/** The named instances (terminated ones included while visible), in the order asked. */
function instancesByIds(ctx: Ctx, ids: string[]): Instance[] {
  const bad = ids.find((id) => !INSTANCE_ID.test(id));
  if (bad !== undefined) throw ec2Error("InvalidInstanceID.Malformed", `Invalid id: "${bad}"`);
  const out: Instance[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const i = ctx.model.get<Instance>(ctx.region, "instance", id);
    if (!i || !visible(i, ctx.nowMs)) missing.push(id);
    else out.push(i);
  }
  if (missing.length === 1) throw ec2Error("InvalidInstanceID.NotFound", `The instance ID '${missing[0]}' does not exist`);
  if (missing.length > 1) throw ec2Error("InvalidInstanceID.NotFound", `The instance IDs '${missing.join(", ")}' do not exist`);
  return out;
}

/** The instances a Describe* call names (InstanceIds, which MaxResults may not page), or every visible one. */
function describedInstances(ctx: Ctx, p: Params, ids: string[]): Instance[] {
  if (ids.length && p.MaxResults !== undefined) throw ec2Error("InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults");
  return ids.length ? instancesByIds(ctx, ids) : ctx.model.list<Instance>(ctx.region, "instance").filter((i) => visible(i, ctx.nowMs));
}

function visible(i: Instance, nowMs: number): boolean {
  return !(stateAt(i, nowMs) === "terminated" && nowMs - i.stateSince > TERMINATED_VISIBLE_MS + transitionMs());
}

/** Brings a stored instance up to date with the clock (so state changes start from the state a caller saw). */
function settle(i: Instance, nowMs: number): void {
  const s = stateAt(i, nowMs);
  if (s !== i.state) {
    i.stateSince = i.stateSince + transitionMs();
    i.state = s;
  }
}

/** The volumes attached to these instances, by id, read in one query rather than one per instance. */
function attachedVolumes(ctx: Ctx, insts: readonly Instance[]): Map<string, Volume> {
  const ids: string[] = [];
  for (const i of insts) for (const b of i.blockDevices) ids.push(b.volumeId);
  return ctx.model.getMany<Volume>(ctx.region, "volume", ids);
}

function instanceOut(
  ctx: Ctx,
  i: Instance,
  groups: Map<string, SecurityGroup>,
  volumes: ReadonlyMap<string, Volume>,
  state: StateName = stateAt(i, ctx.nowMs),
): Record<string, unknown> {
  const t = instanceTypes.get(i.instanceType);
  const live = state !== "terminated";
  const pub = live && i.publicIp !== undefined && state !== "stopped" && state !== "stopping";
  const sgs = i.securityGroupIds.map((id) => ({ GroupName: groups.get(id)?.name ?? "", GroupId: id }));
  const privateDns = dnsName(ctx, i.privateIp, false);
  return {
    InstanceId: i.id,
    ImageId: i.imageId,
    State: stateOut(state),
    PrivateDnsName: live ? privateDns : "",
    PublicDnsName: pub ? dnsName(ctx, i.publicIp!, true) : "",
    StateTransitionReason: i.stateReason ?? "",
    ...(i.keyName !== undefined ? { KeyName: i.keyName } : {}),
    AmiLaunchIndex: i.amiLaunchIndex,
    ProductCodes: [],
    InstanceType: i.instanceType,
    LaunchTime: new Date(i.launchTime),
    Placement: { AvailabilityZone: i.az, GroupName: "", Tenancy: "default" },
    ...(i.platform ? { Platform: i.platform } : {}),
    Monitoring: { State: "disabled" },
    ...(live ? { SubnetId: i.subnetId, VpcId: i.vpcId, PrivateIpAddress: i.privateIp } : {}),
    ...(pub ? { PublicIpAddress: i.publicIp } : {}),
    Architecture: i.architecture,
    RootDeviceType: "ebs",
    RootDeviceName: i.rootDeviceName,
    BlockDeviceMappings: live ? blockDeviceMappingsOut(ctx, i, volumes) : [],
    ClientToken: i.clientToken ?? "",
    EbsOptimized: i.ebsOptimized,
    EnaSupport: true,
    Hypervisor: "xen",
    ...(i.iamInstanceProfile ? { IamInstanceProfile: { Arn: i.iamInstanceProfile.arn, Id: i.iamInstanceProfile.id } } : {}),
    NetworkInterfaces: live
      ? [
          {
            Attachment: { AttachTime: new Date(i.launchTime), AttachmentId: attachmentId(i), DeleteOnTermination: true, DeviceIndex: 0, Status: "attached", NetworkCardIndex: 0 },
            Description: "",
            Groups: sgs,
            Ipv6Addresses: [],
            MacAddress: macAddress(i),
            NetworkInterfaceId: networkInterfaceId(i),
            OwnerId: ctx.accountId,
            PrivateDnsName: privateDns,
            PrivateIpAddress: i.privateIp,
            PrivateIpAddresses: [{ Primary: true, PrivateDnsName: privateDns, PrivateIpAddress: i.privateIp }],
            SourceDestCheck: i.sourceDestCheck,
            Status: "in-use",
            SubnetId: i.subnetId,
            VpcId: i.vpcId,
            InterfaceType: "interface",
          },
        ]
      : [],
    SecurityGroups: live ? sgs : [],
    SourceDestCheck: i.sourceDestCheck,
    ...(i.stateReason ? { StateReason: { Code: i.stateReason.split(" ")[0], Message: i.stateReason } } : {}),
    ...tagsOut(i.tags),
    VirtualizationType: "hvm",
    CpuOptions: { CoreCount: Math.max(1, (t?.vCpus ?? 2) / 2), ThreadsPerCore: (t?.vCpus ?? 2) > 1 ? 2 : 1 },
    CapacityReservationSpecification: { CapacityReservationPreference: "open" },
    HibernationOptions: { Configured: false },
    MetadataOptions: metadataOptionsOut(i.metadataOptions, "applied"),
    EnclaveOptions: { Enabled: false },
    PlatformDetails: i.platformDetails,
    UsageOperation: "RunInstances",
    MaintenanceOptions: { AutoRecovery: "default" },
    CurrentInstanceBootMode: "legacy-bios",
  };
}

// ---- Network interfaces ---------------------------------------------------------------------------------------
// Each instance has its primary interface (device 0) from launch until it terminates (DeleteOnTermination), named
// after the instance. Terraform's AWS provider lists the interfaces of a security group before deleting it.

const networkInterfaceId = (i: Instance): string => "eni-" + i.id.slice(2);
const attachmentId = (i: Instance): string => "eni-attach-" + i.id.slice(2);
const macAddress = (i: Instance): string => "0a:" + i.id.slice(2, 12).replace(/(..)(?!$)/g, "$1:");

/** An instance's primary interface as a resource of its own (its tags are its own: none). */
interface PrimaryInterface extends Resource {
  instance: Instance;
}

/** The public address an interface shows: none while its instance is stopping or stopped. */
function interfacePublicIp(i: Instance, state: StateName): string | undefined {
  return state === "stopped" || state === "stopping" ? undefined : i.publicIp;
}

function networkInterfaceOut(ctx: Ctx, n: PrimaryInterface, groups: Map<string, SecurityGroup>, state: StateName): Record<string, unknown> {
  const i = n.instance;
  const privateDns = dnsName(ctx, i.privateIp, false);
  const publicIp = interfacePublicIp(i, state);
  const association = publicIp !== undefined ? { IpOwnerId: "amazon", PublicDnsName: dnsName(ctx, publicIp, true), PublicIp: publicIp } : undefined;
  return {
    ...(association ? { Association: association } : {}),
    Attachment: {
      AttachTime: new Date(i.launchTime),
      AttachmentId: attachmentId(i),
      DeleteOnTermination: true,
      DeviceIndex: 0,
      NetworkCardIndex: 0,
      InstanceId: i.id,
      InstanceOwnerId: ctx.accountId,
      Status: "attached",
    },
    AvailabilityZone: i.az,
    Description: "",
    Groups: i.securityGroupIds.map((id) => ({ GroupName: groups.get(id)?.name ?? "", GroupId: id })),
    InterfaceType: "interface",
    Ipv6Addresses: [],
    MacAddress: macAddress(i),
    NetworkInterfaceId: n.id,
    OwnerId: ctx.accountId,
    PrivateDnsName: privateDns,
    PrivateIpAddress: i.privateIp,
    PrivateIpAddresses: [{ ...(association ? { Association: association } : {}), Primary: true, PrivateDnsName: privateDns, PrivateIpAddress: i.privateIp }],
    RequesterManaged: false,
    SourceDestCheck: i.sourceDestCheck,
    Status: "in-use",
    SubnetId: i.subnetId,
    TagSet: [],
    VpcId: i.vpcId,
  };
}

function describeNetworkInterfaces(ctx: Ctx, p: Params): Record<string, unknown> {
  const ids = strList(p, "NetworkInterfaceIds");
  if (ids.length && p.MaxResults !== undefined) {
    throw ec2Error("InvalidParameterCombination", "The parameter NetworkInterfaceIds cannot be used with the parameter MaxResults");
  }
  const now = ctx.nowMs;
  let items: PrimaryInterface[] = ctx.model
    .list<Instance>(ctx.region, "instance")
    .filter((i) => stateAt(i, now) !== "terminated")
    .map((i) => ({ id: networkInterfaceId(i), tags: [], instance: i }));
  if (ids.length) {
    const missing = ids.filter((id) => !items.some((n) => n.id === id));
    if (missing.length) throw ec2Error("InvalidNetworkInterfaceID.NotFound", `The networkInterface ID${missing.length > 1 ? "s" : ""} '${missing.join(", ")}' ${missing.length > 1 ? "do" : "does"} not exist`);
    items = items.filter((n) => ids.includes(n.id));
  }
  const groups = groupsMap(ctx);
  items = applyFilters(items, filtersOf(p), {
    "network-interface-id": (n) => n.id,
    "attachment.attachment-id": (n) => attachmentId(n.instance),
    "attachment.instance-id": (n) => n.instance.id,
    "attachment.instance-owner-id": () => ctx.accountId,
    "attachment.device-index": () => 0,
    "attachment.status": () => "attached",
    "attachment.delete-on-termination": () => true,
    "availability-zone": (n) => n.instance.az,
    description: () => "",
    "group-id": (n) => n.instance.securityGroupIds,
    "group-name": (n) => n.instance.securityGroupIds.map((id) => groups.get(id)?.name),
    "interface-type": () => "interface",
    "mac-address": (n) => macAddress(n.instance),
    "owner-id": () => ctx.accountId,
    "private-ip-address": (n) => n.instance.privateIp,
    "addresses.private-ip-address": (n) => n.instance.privateIp,
    "private-dns-name": (n) => dnsName(ctx, n.instance.privateIp, false),
    "association.public-ip": (n) => interfacePublicIp(n.instance, stateAt(n.instance, now)),
    "requester-managed": () => false,
    "source-dest-check": (n) => n.instance.sourceDestCheck,
    status: () => "in-use",
    "subnet-id": (n) => n.instance.subnetId,
    "vpc-id": (n) => n.instance.vpcId,
  });
  const pg = page(items, p);
  return {
    NetworkInterfaces: pg.items.map((n) => networkInterfaceOut(ctx, n, groups, stateAt(n.instance, now))),
    ...(pg.next ? { NextToken: pg.next } : {}),
  };
}

/** A burstable (T) instance's CPU credit option at launch: T2 "standard", later T families "unlimited"; else none. */
function creditsOf(instanceType: string): "standard" | "unlimited" | undefined {
  if (instanceType.startsWith("t2.")) return "standard";
  return /^t\d[a-z]*\./.test(instanceType) ? "unlimited" : undefined;
}

function groupsMap(ctx: Ctx): Map<string, SecurityGroup> {
  return new Map(ctx.model.list<SecurityGroup>(ctx.region, "security-group").map((g) => [g.id, g]));
}

// ---- RunInstances -------------------------------------------------------------------------------------------

interface LaunchPlan {
  subnet: Subnet;
  groups: SecurityGroup[];
  profile?: { arn: string; id: string; roleArns: string[] };
}

/** The subnet and security groups a launch uses, resolved as EC2 does (default subnet of a zone, default group). */
function plan(ctx: Ctx, p: Params): LaunchPlan {
  const subnetId = p.SubnetId as string | undefined;
  // An empty zone is no zone: Terraform's AWS provider sends Placement.AvailabilityZone="" with a subnet, as EC2 accepts.
  const placementZone = (p.Placement as { AvailabilityZone?: string } | undefined)?.AvailabilityZone || undefined;
  let subnet: Subnet;
  if (subnetId !== undefined) {
    subnet = getSubnet(ctx, subnetId);
    if (placementZone !== undefined && placementZone !== subnet.az) throw invalidParameterValue(`Value (${placementZone}) for parameter availabilityZone is invalid. Subnet '${subnet.id}' is in the availability zone ${subnet.az}`);
  } else {
    const zone = placementZone ?? availabilityZones(ctx.region)[0]!.zoneName;
    const found = ctx.model.list<Subnet>(ctx.region, "subnet").find((s) => s.isDefault && s.az === zone);
    if (!found) throw invalidParameterValue(`Invalid availability zone: [${zone}]`);
    subnet = found;
  }
  const groups: SecurityGroup[] = [];
  for (const id of strList(p, "SecurityGroupIds")) {
    const g = getGroup(ctx, id);
    if (g.vpcId !== subnet.vpcId) throw ec2Error("InvalidParameter", `Security group ${g.id} and subnet ${subnet.id} belong to different networks.`);
    groups.push(g);
  }
  const names = strList(p, "SecurityGroups");
  if (names.length) {
    const all = ctx.model.list<SecurityGroup>(ctx.region, "security-group");
    for (const n of names) {
      const g = all.find((x) => x.name === n && x.vpcId === subnet.vpcId);
      if (!g) throw ec2Error("InvalidGroup.NotFound", `The security group '${n}' does not exist in VPC '${subnet.vpcId}'`);
      groups.push(g);
    }
  }
  if (groups.length === 0) groups.push(ctx.model.list<SecurityGroup>(ctx.region, "security-group").find((g) => g.vpcId === subnet.vpcId && g.name === "default")!);
  const out: LaunchPlan = { subnet, groups };
  const ip = p.IamInstanceProfile as { Arn?: string; Name?: string } | undefined;
  if (ip && (ip.Arn !== undefined || ip.Name !== undefined)) {
    const name = ip.Name ?? ip.Arn!.split("/").pop()!;
    const row = ctx.iam.q("SELECT id, arn FROM instance_profiles WHERE name_lc = ?").get(name.toLowerCase()) as { id: string; arn: string } | undefined;
    if (!row || (ip.Arn !== undefined && row.arn !== ip.Arn)) {
      throw invalidParameterValue(`Value (${ip.Arn ?? ip.Name}) for parameter iamInstanceProfile.${ip.Arn !== undefined ? "arn" : "name"} is invalid. Invalid IAM Instance Profile ${ip.Arn !== undefined ? "ARN" : "name"}`);
    }
    const roles = ctx.iam.q("SELECT r.arn FROM roles r JOIN instance_profile_roles x ON x.role_id = r.id WHERE x.profile_id = ?").all(row.id) as { arn: string }[];
    out.profile = { arn: row.arn, id: row.id, roleArns: roles.map((r) => r.arn) };
  }
  return out;
}

function instanceTypeOf(p: Params): string {
  return (p.InstanceType as string | undefined) ?? "t2.micro";
}

/** Every resource RunInstances acts on, each authorized as ec2:RunInstances (AWS's resource-level model). */
function authorizeRun(ctx: Ctx, p: Params, base: ConditionContext): void {
  const instanceType = instanceTypeOf(p);
  const region = { "ec2:Region": ctx.region };
  ctx.authorize("ec2:RunInstances", arn(ctx, "instance", "*"), { ...base, ...region, "ec2:InstanceType": instanceType });
  const imageId = p.ImageId as string | undefined;
  if (imageId !== undefined) ctx.authorize("ec2:RunInstances", `arn:aws:ec2:${ctx.region}::image/${imageId}`, region);
  const pl = plan(ctx, p);
  ctx.authorize("ec2:RunInstances", arn(ctx, "subnet", pl.subnet.id), { ...region, "ec2:Vpc": arn(ctx, "vpc", pl.subnet.vpcId), "ec2:AvailabilityZone": pl.subnet.az });
  for (const g of pl.groups) ctx.authorize("ec2:RunInstances", arn(ctx, "security-group", g.id), { ...region, "ec2:Vpc": arn(ctx, "vpc", g.vpcId) });
  ctx.authorize("ec2:RunInstances", arn(ctx, "network-interface", "*"), region);
  ctx.authorize("ec2:RunInstances", arn(ctx, "volume", "*"), region);
  const keyName = p.KeyName as string | undefined;
  if (keyName !== undefined) ctx.authorize("ec2:RunInstances", arn(ctx, "key-pair", keyName), region);
  // Passing a role to an instance needs iam:PassRole on it (AWS checks it with RunInstances).
  for (const role of pl.profile?.roleArns ?? []) ctx.authorize("iam:PassRole", role, { "iam:PassedToService": "ec2.amazonaws.com" });
}

function runInstances(ctx: Ctx, p: Params): Record<string, unknown> {
  const token = p.ClientToken as string | undefined;
  const fingerprint = JSON.stringify({ ...p, ClientToken: undefined });
  if (token !== undefined) {
    const prior = ctx.model.q("SELECT params, reservation_id FROM ec2_client_tokens WHERE region = ? AND token = ?").get(ctx.region, token) as
      | { params: string; reservation_id: string }
      | undefined;
    if (prior) {
      if (prior.params !== fingerprint) throw ec2Error("IdempotentParameterMismatch", "Arguments on this idempotent request are inconsistent with arguments used in previous request(s).");
      return reservationOut(ctx, prior.reservation_id);
    }
  }
  const imageId = p.ImageId as string | undefined;
  if (imageId === undefined) throw missingParameter("ImageId");
  const image = findImage(ctx, imageId);
  const instanceType = instanceTypeOf(p);
  const type = instanceTypes.get(instanceType);
  if (!type) throw invalidParameterValue(`Invalid value '${instanceType}' for InstanceType.`);
  if (!type.architectures.includes(image.architecture)) {
    throw invalidParameterValue(
      `The architecture '${type.architectures[0]}' of the specified instance type does not match the architecture '${image.architecture}' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try again. You can use 'describe-instance-types' or 'describe-images' to discover the architecture of the instance type or AMI.`,
    );
  }
  const minCount = p.MinCount as number | undefined;
  const maxCount = p.MaxCount as number | undefined;
  if (minCount === undefined) throw missingParameter("MinCount");
  if (maxCount === undefined) throw missingParameter("MaxCount");
  if (minCount < 1) throw invalidParameterValue(`Invalid value '${minCount}' for minCount. Must be greater than 0.`);
  if (maxCount < minCount) throw invalidParameterValue(`Invalid value '${maxCount}' for maxCount. Must be greater than or equal to minCount.`);
  const keyName = p.KeyName as string | undefined;
  if (keyName !== undefined) keyPairByName(ctx, keyName);
  const userData = p.UserData as string | undefined;
  if (userData !== undefined) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(userData) || userData.length % 4 !== 0) throw invalidParameterValue("Invalid BASE64 encoding of user data.");
    if (Buffer.from(userData, "base64").length > 16384) throw invalidParameterValue("User data is limited to 16384 bytes");
  }
  const metadataOptions = applyMetadataOptions(defaultMetadataOptions(image.imdsSupport), (p.MetadataOptions as Record<string, unknown> | undefined) ?? {});
  const pl = plan(ctx, p);
  // The vCPU quota: launch as many as fit between MinCount and MaxCount, as EC2 does.
  const used = vcpusInUse(ctx);
  const quota = vcpuQuota();
  const fits = Math.floor((quota - used) / type.vCpus);
  if (fits < minCount) {
    throw ec2Error(
      "VcpuLimitExceeded",
      `You have requested more vCPU capacity than your current vCPU limit of ${quota} allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.`,
    );
  }
  const count = Math.min(maxCount, fits);
  type Bdm = { DeviceName?: string; NoDevice?: string; Ebs?: { VolumeSize?: number; VolumeType?: string; Iops?: number; Throughput?: number; DeleteOnTermination?: boolean; Encrypted?: boolean; SnapshotId?: string } };
  const mappings = (p.BlockDeviceMappings as Bdm[] | undefined) ?? [];
  for (const m of mappings) {
    if (m.DeviceName === undefined) throw missingParameter("BlockDeviceMapping.DeviceName");
    checkDevice(m.DeviceName);
  }
  const rootMapping = mappings.find((m) => m.DeviceName === image.rootDeviceName);
  if (rootMapping?.Ebs?.VolumeSize !== undefined && rootMapping.Ebs.VolumeSize < image.rootVolumeSizeGiB) {
    throw ec2Error("InvalidBlockDeviceMapping", `Volume of size ${rootMapping.Ebs.VolumeSize}GB is smaller than snapshot '${image.snapshotId}', expect size >= ${image.rootVolumeSizeGiB}GB`);
  }
  const instanceTags = tagSpecs(p, "instance");
  const volumeTags = tagSpecs(p, "volume");
  const reservationId = ec2Id("r");
  const pending: Instance[] = [];
  for (let n = 0; n < count; n++) {
    const id = ec2Id("i");
    const blockDevices: Instance["blockDevices"] = [];
    const devices = [{ DeviceName: image.rootDeviceName, Ebs: { ...(rootMapping?.Ebs ?? {}) }, root: true }, ...mappings.filter((m) => m !== rootMapping && m.Ebs && !m.NoDevice).map((m) => ({ ...m, root: false }))];
    for (const d of devices) {
      const e = d.Ebs ?? {};
      const vol = createVolume(ctx, {
        az: pl.subnet.az,
        ...(d.root ? { size: e.VolumeSize ?? image.rootVolumeSizeGiB, snapshotId: image.snapshotId, volumeType: e.VolumeType ?? image.rootVolumeType } : {}),
        ...(!d.root && e.VolumeSize !== undefined ? { size: e.VolumeSize } : {}),
        ...(!d.root && e.SnapshotId !== undefined ? { snapshotId: e.SnapshotId } : {}),
        ...(!d.root && e.VolumeType !== undefined ? { volumeType: e.VolumeType } : {}),
        ...(e.Iops !== undefined ? { iops: e.Iops } : {}),
        ...(e.Throughput !== undefined ? { throughput: e.Throughput } : {}),
        ...(e.Encrypted !== undefined ? { encrypted: e.Encrypted } : {}),
        tags: volumeTags,
      });
      vol.state = "in-use";
      vol.attachment = { instanceId: id, device: d.DeviceName!, attachTime: ctx.nowMs, deleteOnTermination: e.DeleteOnTermination ?? true };
      ctx.model.update(vol);
      blockDevices.push({ device: d.DeviceName!, volumeId: vol.id });
    }
    const nic = (p.NetworkInterfaces as { AssociatePublicIpAddress?: boolean; DeviceIndex?: number }[] | undefined)?.find((x) => (x.DeviceIndex ?? 0) === 0);
    const wantsPublic = nic?.AssociatePublicIpAddress ?? pl.subnet.mapPublicIpOnLaunch;
    const inst: Instance = {
      id,
      tags: instanceTags,
      reservationId,
      imageId: image.imageId,
      instanceType,
      architecture: image.architecture,
      ...(image.platform ? { platform: image.platform } : {}),
      platformDetails: image.platformDetails,
      az: pl.subnet.az,
      subnetId: pl.subnet.id,
      vpcId: pl.subnet.vpcId,
      privateIp: allocateIp(pl.subnet),
      ...(wantsPublic ? { publicIp: publicIp() } : {}),
      ...(keyName !== undefined ? { keyName } : {}),
      securityGroupIds: pl.groups.map((g) => g.id),
      state: "pending",
      stateSince: ctx.nowMs,
      launchTime: ctx.nowMs,
      amiLaunchIndex: n,
      rootDeviceName: image.rootDeviceName,
      blockDevices,
      ...(userData !== undefined ? { userData } : {}),
      ...(pl.profile ? { iamInstanceProfile: { arn: pl.profile.arn, id: pl.profile.id } } : {}),
      ...(token !== undefined ? { clientToken: token } : {}),
      disableApiTermination: p.DisableApiTermination === true,
      sourceDestCheck: true,
      shutdownBehavior: (p.InstanceInitiatedShutdownBehavior as string | undefined) ?? "stop",
      ebsOptimized: p.EbsOptimized === true,
      metadataOptions,
    };
    ctx.model.insert(ctx.region, "instance", inst);
    pending.push(inst);
  }
  ctx.model.update(pl.subnet);
  if (token !== undefined) ctx.model.q("INSERT INTO ec2_client_tokens (region, token, params, reservation_id) VALUES (?, ?, ?, ?)").run(ctx.region, token, fingerprint, reservationId);
  const groups = groupsMap(ctx);
  const volumes = attachedVolumes(ctx, pending);
  return {
    ReservationId: reservationId,
    OwnerId: ctx.accountId,
    Groups: [],
    Instances: pending.map((i) => instanceOut(ctx, i, groups, volumes, "pending")),
  };
}

function reservationOut(ctx: Ctx, reservationId: string): Record<string, unknown> {
  const groups = groupsMap(ctx);
  const insts = ctx.model.list<Instance>(ctx.region, "instance").filter((i) => i.reservationId === reservationId);
  const volumes = attachedVolumes(ctx, insts);
  return { ReservationId: reservationId, OwnerId: ctx.accountId, Groups: [], Instances: insts.map((i) => instanceOut(ctx, i, groups, volumes)) };
}

// ---- state changes ------------------------------------------------------------------------------------------

type Change = { InstanceId: string; CurrentState: ReturnType<typeof stateOut>; PreviousState: ReturnType<typeof stateOut> };

function changeStates(ctx: Ctx, p: Params, step: (i: Instance, now: StateName) => StateName | AwsError): Change[] {
  const insts = instancesByIds(ctx, strList(p, "InstanceIds"));
  const out: Change[] = [];
  for (const i of insts) {
    settle(i, ctx.nowMs);
    const before = i.state;
    const after = step(i, before);
    if (after instanceof Error) throw after;
    if (after !== before) {
      i.state = after;
      i.stateSince = ctx.nowMs;
      ctx.model.update(i);
    }
    out.push({ InstanceId: i.id, CurrentState: stateOut(after), PreviousState: stateOut(before) });
  }
  return out;
}

function terminate(ctx: Ctx, i: Instance): void {
  for (const b of i.blockDevices) {
    const v = ctx.model.get<Volume>(ctx.region, "volume", b.volumeId);
    if (!v) continue;
    if (v.attachment?.deleteOnTermination) ctx.model.remove(v.id);
    else {
      delete v.attachment;
      v.state = "available";
      ctx.model.update(v);
    }
  }
  i.blockDevices = [];
  delete i.publicIp;
  i.stateReason = "Client.UserInitiatedShutdown: User initiated shutdown";
}

const instanceArns = (ctx: Ctx, p: Params): string => {
  const ids = strList(p, "InstanceIds");
  const one = (p.InstanceId as string | undefined) ?? (ids.length === 1 ? ids[0] : undefined);
  return arn(ctx, "instance", one ?? "*");
};

const instanceFilters = {
  "instance-id": (i: Instance) => i.id,
  "instance-type": (i: Instance) => i.instanceType,
  "vpc-id": (i: Instance) => i.vpcId,
  "subnet-id": (i: Instance) => i.subnetId,
  "availability-zone": (i: Instance) => i.az,
  "image-id": (i: Instance) => i.imageId,
  "key-name": (i: Instance) => i.keyName,
  "private-ip-address": (i: Instance) => i.privateIp,
  "ip-address": (i: Instance) => i.publicIp,
  "reservation-id": (i: Instance) => i.reservationId,
  architecture: (i: Instance) => i.architecture,
  "instance.group-id": (i: Instance) => i.securityGroupIds,
  "group-id": (i: Instance) => i.securityGroupIds,
  "network-interface.subnet-id": (i: Instance) => i.subnetId,
  "network-interface.vpc-id": (i: Instance) => i.vpcId,
  "iam-instance-profile.arn": (i: Instance) => i.iamInstanceProfile?.arn,
  "root-device-type": () => "ebs",
  "client-token": (i: Instance) => i.clientToken,
  "block-device-mapping.volume-id": (i: Instance) => i.blockDevices.map((b) => b.volumeId),
};

const eachInstance = eachResource("instance", "instance", (p) => (p.InstanceId !== undefined ? [p.InstanceId as string] : strList(p, "InstanceIds")));

export const instanceActions: Record<string, ActionSpec<Ec2Model>> = {
  RunInstances: {
    iamAction: "ec2:RunInstances",
    mutating: true,
    resource: (ctx) => arn(ctx, "instance", "*"),
    conditionKeys: (ctx, p) => ({ "ec2:InstanceType": instanceTypeOf(p), "ec2:Region": ctx.region }),
    authorize: (ctx, p, request) => authorizeRun(ctx, p, request.context),
    run: runInstances,
  },
  DescribeInstances: {
    iamAction: "ec2:DescribeInstances",
    mutating: false,
    run(ctx, p) {
      const ids = strList(p, "InstanceIds");
      let items = describedInstances(ctx, p, ids);
      const now = ctx.nowMs;
      items = applyFilters(items, filtersOf(p), {
        ...instanceFilters,
        "instance-state-name": (i) => stateAt(i, now),
        "instance-state-code": (i) => STATE_CODES[stateAt(i, now)],
      });
      const pg = page(items, p);
      const groups = groupsMap(ctx);
      const volumes = attachedVolumes(ctx, pg.items);
      const reservations: { ReservationId: string; OwnerId: string; Groups: []; Instances: Record<string, unknown>[] }[] = [];
      for (const i of pg.items) {
        let r = reservations[reservations.length - 1];
        if (!r || r.ReservationId !== i.reservationId) {
          r = { ReservationId: i.reservationId, OwnerId: ctx.accountId, Groups: [], Instances: [] };
          reservations.push(r);
        }
        r.Instances.push(instanceOut(ctx, i, groups, volumes));
      }
      return { Reservations: reservations, ...(pg.next ? { NextToken: pg.next } : {}) };
    },
  },
  DescribeNetworkInterfaces: {
    iamAction: "ec2:DescribeNetworkInterfaces",
    mutating: false,
    run: describeNetworkInterfaces,
  },
  DescribeInstanceCreditSpecifications: {
    iamAction: "ec2:DescribeInstanceCreditSpecifications",
    mutating: false,
    run(ctx, p) {
      const ids = strList(p, "InstanceIds");
      let items = describedInstances(ctx, p, ids);
      const notBurstable = ids.length ? items.find((i) => creditsOf(i.instanceType) === undefined) : undefined;
      if (notBurstable) {
        throw ec2Error("InvalidInstanceType", `The instance ID '${notBurstable.id}' is not valid. The specified instance type ${notBurstable.instanceType} is not a burstable performance instance type.`);
      }
      items = items.filter((i) => creditsOf(i.instanceType) !== undefined && stateAt(i, ctx.nowMs) !== "terminated");
      items = applyFilters(items, filtersOf(p), { "instance-id": (i) => i.id });
      const pg = page(items, p);
      return {
        InstanceCreditSpecifications: pg.items.map((i) => ({ InstanceId: i.id, CpuCredits: creditsOf(i.instanceType) })),
        ...(pg.next ? { NextToken: pg.next } : {}),
      };
    },
  },
  DescribeInstanceStatus: {
    iamAction: "ec2:DescribeInstanceStatus",
    mutating: false,
    run(ctx, p) {
      const ids = strList(p, "InstanceIds");
      let items = ids.length ? instancesByIds(ctx, ids) : ctx.model.list<Instance>(ctx.region, "instance").filter((i) => visible(i, ctx.nowMs));
      if (p.IncludeAllInstances !== true) items = items.filter((i) => stateAt(i, ctx.nowMs) === "running");
      items = applyFilters(items, filtersOf(p), {
        "availability-zone": (i) => i.az,
        "instance-state-name": (i) => stateAt(i, ctx.nowMs),
        "instance-state-code": (i) => STATE_CODES[stateAt(i, ctx.nowMs)],
      });
      const pg = page(items, p);
      return {
        InstanceStatuses: pg.items.map((i) => {
          const s = stateAt(i, ctx.nowMs);
          const status = s === "running" ? { Status: "ok", Details: [{ Name: "reachability", Status: "passed" }] } : { Status: "not-applicable" };
          return { InstanceId: i.id, AvailabilityZone: i.az, InstanceState: stateOut(s), InstanceStatus: status, SystemStatus: status };
        }),
        ...(pg.next ? { NextToken: pg.next } : {}),
      };
    },
  },
  StopInstances: {
    iamAction: "ec2:StopInstances",
    mutating: true,
    resource: instanceArns,
    authorize: eachInstance,
    run: (ctx, p) => ({
      StoppingInstances: changeStates(ctx, p, (i, s) => {
        if (s === "stopped" || s === "stopping") return s;
        if (s !== "running") return ec2Error("IncorrectInstanceState", `This instance '${i.id}' is not in a state from which it can be stopped.`);
        delete i.publicIp;
        i.stateReason = `User initiated (${new Date(ctx.nowMs).toISOString().replace("T", " ").slice(0, 19)} GMT)`;
        return "stopping";
      }),
    }),
  },
  StartInstances: {
    iamAction: "ec2:StartInstances",
    mutating: true,
    resource: instanceArns,
    authorize: eachInstance,
    run: (ctx, p) => ({
      StartingInstances: changeStates(ctx, p, (i, s) => {
        if (s === "running" || s === "pending") return s;
        if (s !== "stopped") return ec2Error("IncorrectInstanceState", `The instance '${i.id}' is not in a state from which it can be started.`);
        const subnet = ctx.model.get<Subnet>(ctx.region, "subnet", i.subnetId);
        if (subnet?.mapPublicIpOnLaunch) i.publicIp = publicIp();
        delete i.stateReason;
        return "pending";
      }),
    }),
  },
  RebootInstances: {
    iamAction: "ec2:RebootInstances",
    mutating: true,
    resource: instanceArns,
    authorize: eachInstance,
    run(ctx, p) {
      changeStates(ctx, p, (i, s) => (s === "running" ? s : ec2Error("IncorrectInstanceState", `The instance '${i.id}' is not in a state from which it can be rebooted.`)));
      return {};
    },
  },
  TerminateInstances: {
    iamAction: "ec2:TerminateInstances",
    mutating: true,
    resource: instanceArns,
    authorize: eachInstance,
    run: (ctx, p) => ({
      TerminatingInstances: changeStates(ctx, p, (i, s) => {
        if (s === "terminated" || s === "shutting-down") return s;
        if (i.disableApiTermination) {
          return ec2Error("OperationNotPermitted", `The instance '${i.id}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.`);
        }
        terminate(ctx, i);
        return "shutting-down";
      }),
    }),
  },
  DescribeInstanceAttribute: {
    iamAction: "ec2:DescribeInstanceAttribute",
    mutating: false,
    resource: instanceArns,
    run(ctx, p) {
      const [i] = instancesByIds(ctx, [p.InstanceId as string]);
      const attr = p.Attribute as string;
      const out: Record<string, unknown> = { InstanceId: i!.id };
      switch (attr) {
        case "instanceType": out.InstanceType = { Value: i!.instanceType }; break;
        case "userData": out.UserData = i!.userData !== undefined ? { Value: i!.userData } : {}; break;
        case "disableApiTermination": out.DisableApiTermination = { Value: i!.disableApiTermination }; break;
        case "sourceDestCheck": out.SourceDestCheck = { Value: i!.sourceDestCheck }; break;
        case "instanceInitiatedShutdownBehavior": out.InstanceInitiatedShutdownBehavior = { Value: i!.shutdownBehavior }; break;
        case "rootDeviceName": out.RootDeviceName = { Value: i!.rootDeviceName }; break;
        case "ebsOptimized": out.EbsOptimized = { Value: i!.ebsOptimized }; break;
        case "groupSet": out.Groups = i!.securityGroupIds.map((id) => ({ GroupId: id })); break;
        case "disableApiStop": out.DisableApiStop = { Value: false }; break;
        case "blockDeviceMapping": out.BlockDeviceMappings = blockDeviceMappingsOut(ctx, i!); break;
        // HVM images have no kernel or ramdisk of their own: EC2 answers an empty value.
        case "kernel": out.KernelId = {}; break;
        case "ramdisk": out.RamdiskId = {}; break;
        case "productCodes": out.ProductCodes = []; break;
        case "enaSupport": out.EnaSupport = { Value: true }; break;
        case "sriovNetSupport": out.SriovNetSupport = {}; break;
        case "enclaveOptions": out.EnclaveOptions = { Enabled: false }; break;
        default: throw invalidParameterValue(`Value (${attr}) for parameter attribute is invalid. Unknown attribute.`);
      }
      return out;
    },
  },
  ModifyInstanceAttribute: {
    iamAction: "ec2:ModifyInstanceAttribute",
    mutating: true,
    resource: instanceArns,
    authorize: eachInstance,
    run(ctx, p) {
      const [i] = instancesByIds(ctx, [p.InstanceId as string]);
      const inst = i!;
      settle(inst, ctx.nowMs);
      const mustBeStopped = (): void => {
        if (inst.state !== "stopped") throw ec2Error("IncorrectInstanceState", `The instance '${inst.id}' is not in the 'stopped' state.`);
      };
      const attr = p.Attribute as string | undefined;
      const v = (name: string): unknown => (p[name] as { Value?: unknown } | undefined)?.Value ?? (attr !== undefined && attr.toLowerCase() === name.toLowerCase() ? p.Value : undefined);
      const type = v("InstanceType") as string | undefined;
      if (type !== undefined) {
        mustBeStopped();
        const t = instanceTypes.get(type);
        if (!t) throw invalidParameterValue(`Invalid value '${type}' for InstanceType.`);
        if (!t.architectures.includes(inst.architecture as "x86_64")) throw invalidParameterValue(`The instance type '${type}' does not support the architecture '${inst.architecture}' of instance '${inst.id}'.`);
        inst.instanceType = type;
      }
      const userData = v("UserData");
      if (userData !== undefined) {
        mustBeStopped();
        const buf = Buffer.isBuffer(userData) ? userData : Buffer.from(String(userData));
        if (buf.length > 16384) throw invalidParameterValue("User data is limited to 16384 bytes");
        // Stored as DescribeInstanceAttribute returns it: base64 of the bytes.
        inst.userData = buf.toString("base64");
      }
      const dat = v("DisableApiTermination");
      if (dat !== undefined) inst.disableApiTermination = dat === true || dat === "true";
      const sdc = v("SourceDestCheck");
      if (sdc !== undefined) inst.sourceDestCheck = sdc === true || sdc === "true";
      const groups = strList(p, "Groups");
      if (groups.length) {
        for (const g of groups) {
          const sg = getGroup(ctx, g);
          if (sg.vpcId !== inst.vpcId) throw ec2Error("InvalidGroup.NotFound", `The security group '${g}' does not exist in VPC '${inst.vpcId}'`);
        }
        inst.securityGroupIds = groups;
      }
      ctx.model.update(inst);
      return {};
    },
  },
  ModifyInstanceMetadataOptions: {
    iamAction: "ec2:ModifyInstanceMetadataOptions",
    mutating: true,
    resource: instanceArns,
    authorize: eachInstance,
    run(ctx, p) {
      const [inst] = instancesByIds(ctx, [p.InstanceId as string]);
      const i = inst!;
      if (stateAt(i, ctx.nowMs) === "terminated" || stateAt(i, ctx.nowMs) === "shutting-down") {
        throw ec2Error("IncorrectInstanceState", `The instance '${i.id}' is not in a state from which its metadata options can be modified.`);
      }
      i.metadataOptions = applyMetadataOptions(i.metadataOptions ?? defaultMetadataOptions(undefined), p);
      ctx.model.update(i);
      return { InstanceId: i.id, InstanceMetadataOptions: metadataOptionsOut(i.metadataOptions, "pending") };
    },
  },
};

