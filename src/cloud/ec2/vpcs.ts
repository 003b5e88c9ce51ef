// VPCs and subnets: CreateVpc, CreateSubnet (inside the VPC, /16 to /28, no overlap, a zone of the region),
// Describe* with filters and pages, Delete* with DependencyViolation while in use, ModifySubnetAttribute.
import type { ActionContext, ActionSpec, Params } from "../service.js";
import { availabilityZones } from "./catalog/regions.js";
import { type StateName, stateAt } from "./instance-state.js";
import { contains, ipString, overlaps, parseCidr, size } from "./cidr.js";
import { ec2Error, invalidParameterValue, missingParameter, notFound } from "./errors.js";
import { applyFilters, filtersOf, page, strList, tagSpecs, tagsOut } from "./filters.js";
import { type Ec2Model, type Resource, ec2Id } from "./model.js";
import { type SecurityGroup, defaultEgressRule } from "./security-groups.js";

type Ctx = ActionContext<Ec2Model>;

export interface Vpc extends Resource {
  cidr: string;
  isDefault: boolean;
  state: string;
  dhcpOptionsId: string;
  instanceTenancy: string;
  /** Absent in documents stored before these attributes existed: the defaults then apply. */
  enableDnsSupport?: boolean;
  enableDnsHostnames?: boolean;
}

export interface Subnet extends Resource {
  vpcId: string;
  cidr: string;
  az: string;
  azId: string;
  isDefault: boolean;
  mapPublicIpOnLaunch: boolean;
  state: string;
  /** The next host number handed out (AWS reserves the first four addresses and the last). */
  nextHost: number;
}

export function arn(ctx: Ctx, kind: string, id: string): string {
  return `arn:aws:ec2:${ctx.region}:${ctx.accountId}:${kind}/${id}`;
}

export function getVpc(ctx: Ctx, id: string): Vpc {
  const v = ctx.model.get<Vpc>(ctx.region, "vpc", id);
  if (!v) throw notFound("InvalidVpcID.NotFound", "vpc ID", id);
  return v;
}

export function getSubnet(ctx: Ctx, id: string): Subnet {
  const s = ctx.model.get<Subnet>(ctx.region, "subnet", id);
  if (!s) throw notFound("InvalidSubnetID.NotFound", "subnet ID", id);
  return s;
}

/** The next private IP of a subnet (the caller stores the subnet). */
export function allocateIp(subnet: Subnet): string {
  const c = parseCidr(subnet.cidr)!;
  if (subnet.nextHost >= size(c) - 1) throw ec2Error("InsufficientFreeAddressesInSubnet", "There are not enough free addresses in subnet '" + subnet.id + "' to satisfy the requested number of instances.");
  return ipString(c.base + subnet.nextHost++);
}

function availableIps(s: Subnet): number {
  return Math.max(0, size(parseCidr(s.cidr)!) - 1 - s.nextHost);
}

function vpcOut(ctx: Ctx, v: Vpc): Record<string, unknown> {
  return {
    VpcId: v.id,
    OwnerId: ctx.accountId,
    State: v.state,
    CidrBlock: v.cidr,
    CidrBlockAssociationSet: [{ AssociationId: v.id.replace("vpc-", "vpc-cidr-assoc-"), CidrBlock: v.cidr, CidrBlockState: { State: "associated" } }],
    DhcpOptionsId: v.dhcpOptionsId,
    InstanceTenancy: v.instanceTenancy,
    IsDefault: v.isDefault,
    ...tagsOut(v.tags),
  };
}

function subnetOut(ctx: Ctx, s: Subnet): Record<string, unknown> {
  return {
    SubnetId: s.id,
    SubnetArn: arn(ctx, "subnet", s.id),
    VpcId: s.vpcId,
    OwnerId: ctx.accountId,
    State: s.state,
    CidrBlock: s.cidr,
    AvailabilityZone: s.az,
    AvailabilityZoneId: s.azId,
    AvailableIpAddressCount: availableIps(s),
    DefaultForAz: s.isDefault,
    MapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
    ...tagsOut(s.tags),
  };
}

function byIds<T extends Resource>(items: T[], ids: string[], code: string, what: string): T[] {
  if (ids.length === 0) return items;
  const found = items.filter((r) => ids.includes(r.id));
  for (const id of ids) if (!found.some((r) => r.id === id)) throw notFound(code, what, id);
  return found;
}

function vpcInUse(ctx: Ctx, vpcId: string): boolean {
  if (ctx.model.list<Subnet>(ctx.region, "subnet").some((s) => s.vpcId === vpcId)) return true;
  return ctx.model.list<SecurityGroup>(ctx.region, "security-group").some((g) => g.vpcId === vpcId && g.name !== "default");
}

function subnetInUse(ctx: Ctx, subnetId: string): boolean {
  return ctx.model.list<Resource & { subnetId: string; state: StateName; stateSince: number }>(ctx.region, "instance").some((i) => i.subnetId === subnetId && stateAt(i, ctx.nowMs) !== "terminated");
}

const vpcFilters = {
  "vpc-id": (v: Vpc) => v.id,
  "cidr-block": (v: Vpc) => v.cidr,
  cidr: (v: Vpc) => v.cidr,
  "cidr-block-association.cidr-block": (v: Vpc) => v.cidr,
  "is-default": (v: Vpc) => v.isDefault,
  // EC2 also takes the member's own name, as Terraform's aws_vpc data source (default = true) sends it.
  isDefault: (v: Vpc) => v.isDefault,
  state: (v: Vpc) => v.state,
  "dhcp-options-id": (v: Vpc) => v.dhcpOptionsId,
  "instance-tenancy": (v: Vpc) => v.instanceTenancy,
};

const subnetFilters = {
  "subnet-id": (s: Subnet) => s.id,
  "vpc-id": (s: Subnet) => s.vpcId,
  "cidr-block": (s: Subnet) => s.cidr,
  cidr: (s: Subnet) => s.cidr,
  "cidrBlock": (s: Subnet) => s.cidr,
  "availability-zone": (s: Subnet) => s.az,
  "availabilityZone": (s: Subnet) => s.az,
  "availability-zone-id": (s: Subnet) => s.azId,
  "default-for-az": (s: Subnet) => s.isDefault,
  "defaultForAz": (s: Subnet) => s.isDefault,
  "map-public-ip-on-launch": (s: Subnet) => s.mapPublicIpOnLaunch,
  state: (s: Subnet) => s.state,
};

function createVpc(ctx: Ctx, p: Params): Record<string, unknown> {
  const text = p.CidrBlock as string | undefined;
  if (text === undefined) throw missingParameter("cidrBlock");
  const c = parseCidr(text);
  if (!c) throw invalidParameterValue(`Value (${text}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  if (c.bits < 16 || c.bits > 28) throw ec2Error("InvalidVpc.Range", `The CIDR '${text}' is invalid.`);
  const vpc: Vpc = {
    id: ec2Id("vpc"),
    tags: tagSpecs(p, "vpc"),
    cidr: `${ipString(c.base)}/${c.bits}`,
    isDefault: false,
    state: "available",
    dhcpOptionsId: ec2Id("dopt"),
    instanceTenancy: (p.InstanceTenancy as string | undefined) ?? "default",
  };
  ctx.model.insert(ctx.region, "vpc", vpc);
  // Every VPC comes with its own "default" security group.
  const sgId = ec2Id("sg");
  const sg: SecurityGroup = {
    id: sgId,
    tags: [],
    name: "default",
    description: "default VPC security group",
    vpcId: vpc.id,
    ingress: [{ ruleId: ec2Id("sgr"), protocol: "-1", groupId: sgId }],
    egress: [defaultEgressRule()],
  };
  ctx.model.insert(ctx.region, "security-group", sg);
  return { Vpc: { ...vpcOut(ctx, vpc), State: "pending" } };
}

function createSubnet(ctx: Ctx, p: Params): Record<string, unknown> {
  const vpc = getVpc(ctx, p.VpcId as string);
  const text = p.CidrBlock as string | undefined;
  if (text === undefined) throw missingParameter("cidrBlock");
  const c = parseCidr(text);
  if (!c) throw invalidParameterValue(`Value (${text}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  if (!contains(parseCidr(vpc.cidr)!, c) || c.bits < 16 || c.bits > 28) throw ec2Error("InvalidSubnet.Range", `The CIDR '${text}' is invalid.`);
  const siblings = ctx.model.list<Subnet>(ctx.region, "subnet").filter((s) => s.vpcId === vpc.id);
  if (siblings.some((s) => overlaps(parseCidr(s.cidr)!, c))) throw ec2Error("InvalidSubnet.Conflict", `The CIDR '${text}' conflicts with another subnet`);
  const zones = availabilityZones(ctx.region);
  const zoneName = p.AvailabilityZone as string | undefined;
  const zoneId = p.AvailabilityZoneId as string | undefined;
  const zone = zoneName !== undefined ? zones.find((z) => z.zoneName === zoneName) : zoneId !== undefined ? zones.find((z) => z.zoneId === zoneId) : zones[0];
  if (!zone) {
    throw invalidParameterValue(`Value (${zoneName ?? zoneId}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.map((z) => z.zoneName).join(", ")}.`);
  }
  const subnet: Subnet = {
    id: ec2Id("subnet"),
    tags: tagSpecs(p, "subnet"),
    vpcId: vpc.id,
    cidr: `${ipString(c.base)}/${c.bits}`,
    az: zone.zoneName,
    azId: zone.zoneId,
    isDefault: false,
    mapPublicIpOnLaunch: false,
    state: "available",
    nextHost: 4,
  };
  ctx.model.insert(ctx.region, "subnet", subnet);
  return { Subnet: { ...subnetOut(ctx, subnet), State: "pending" } };
}

export const vpcActions: Record<string, ActionSpec<Ec2Model>> = {
  CreateVpc: { iamAction: "ec2:CreateVpc", mutating: true, resource: (ctx) => arn(ctx, "vpc", "*"), run: createVpc },
  DescribeVpcs: {
    iamAction: "ec2:DescribeVpcs",
    mutating: false,
    run(ctx, p) {
      const items = applyFilters(byIds(ctx.model.list<Vpc>(ctx.region, "vpc"), strList(p, "VpcIds"), "InvalidVpcID.NotFound", "vpc ID"), filtersOf(p), { ...vpcFilters, "owner-id": () => ctx.accountId });
      const pg = page(items, p);
      return { Vpcs: pg.items.map((v) => vpcOut(ctx, v)), ...(pg.next ? { NextToken: pg.next } : {}) };
    },
  },
  DeleteVpc: {
    iamAction: "ec2:DeleteVpc",
    mutating: true,
    resource: (ctx, p) => arn(ctx, "vpc", p.VpcId as string),
    run(ctx, p) {
      const vpc = getVpc(ctx, p.VpcId as string);
      if (vpcInUse(ctx, vpc.id)) throw ec2Error("DependencyViolation", `The vpc '${vpc.id}' has dependencies and cannot be deleted.`);
      for (const g of ctx.model.list<SecurityGroup>(ctx.region, "security-group")) if (g.vpcId === vpc.id) ctx.model.remove(g.id);
      ctx.model.remove(vpc.id);
      return {};
    },
  },
  CreateSubnet: { iamAction: "ec2:CreateSubnet", mutating: true, resource: (ctx) => arn(ctx, "subnet", "*"), run: createSubnet },
  DescribeSubnets: {
    iamAction: "ec2:DescribeSubnets",
    mutating: false,
    run(ctx, p) {
      const items = applyFilters(
        byIds(ctx.model.list<Subnet>(ctx.region, "subnet"), strList(p, "SubnetIds"), "InvalidSubnetID.NotFound", "subnet ID"),
        filtersOf(p),
        { ...subnetFilters, "owner-id": () => ctx.accountId },
      );
      const pg = page(items, p);
      return { Subnets: pg.items.map((s) => subnetOut(ctx, s)), ...(pg.next ? { NextToken: pg.next } : {}) };
    },
  },
  DeleteSubnet: {
    iamAction: "ec2:DeleteSubnet",
    mutating: true,
    resource: (ctx, p) => arn(ctx, "subnet", p.SubnetId as string),
    run(ctx, p) {
      const s = getSubnet(ctx, p.SubnetId as string);
      if (subnetInUse(ctx, s.id)) throw ec2Error("DependencyViolation", `The subnet '${s.id}' has dependencies and cannot be deleted.`);
      ctx.model.remove(s.id);
      return {};
    },
  },
  DescribeVpcAttribute: {
    iamAction: "ec2:DescribeVpcAttribute",
    mutating: false,
    resource: (ctx, p) => arn(ctx, "vpc", p.VpcId as string),
    run(ctx, p) {
      const v = getVpc(ctx, p.VpcId as string);
      const attr = p.Attribute as string;
      const value: Record<string, boolean> = {
        enableDnsSupport: v.enableDnsSupport ?? true,
        enableDnsHostnames: v.enableDnsHostnames ?? v.isDefault,
        enableNetworkAddressUsageMetrics: false,
      };
      if (!(attr in value)) throw invalidParameterValue(`Value (${attr}) for parameter attribute is invalid. Unknown attribute.`);
      return { VpcId: v.id, [attr.charAt(0).toUpperCase() + attr.slice(1)]: { Value: value[attr] } };
    },
  },
  ModifyVpcAttribute: {
    iamAction: "ec2:ModifyVpcAttribute",
    mutating: true,
    resource: (ctx, p) => arn(ctx, "vpc", p.VpcId as string),
    run(ctx, p) {
      const v = getVpc(ctx, p.VpcId as string);
      const support = (p.EnableDnsSupport as { Value?: boolean } | undefined)?.Value;
      const hostnames = (p.EnableDnsHostnames as { Value?: boolean } | undefined)?.Value;
      if (support === undefined && hostnames === undefined) throw missingParameter("EnableDnsSupport or EnableDnsHostnames");
      if (support !== undefined) v.enableDnsSupport = support;
      if (hostnames !== undefined) v.enableDnsHostnames = hostnames;
      ctx.model.update(v);
      return {};
    },
  },
  ModifySubnetAttribute: {
    iamAction: "ec2:ModifySubnetAttribute",
    mutating: true,
    resource: (ctx, p) => arn(ctx, "subnet", p.SubnetId as string),
    run(ctx, p) {
      const s = getSubnet(ctx, p.SubnetId as string);
      const m = p.MapPublicIpOnLaunch as { Value?: boolean } | undefined;
      if (m?.Value !== undefined) s.mapPublicIpOnLaunch = m.Value;
      ctx.model.update(s);
      return {};
    },
  },
};
