// aws_vpc, aws_subnet, aws_ebs_snapshot, and the one-rule resources aws_vpc_security_group_ingress_rule /
// aws_vpc_security_group_egress_rule (id = the rule's sgr- id).
import { BoolType, NumberType } from "../../../src/lang/types.js";
import { AwsCallError } from "../errors.js";
import { idLabel, type ResourceContext, type ResourceType } from "../resource.js";
import { computed, S, sdkId, tagsAttrs, tagsFromAws, updateTags } from "./iam-common.js";
import { ec2TagUpdater, tagSpecifications } from "./ec2-common.js";

const is = (e: unknown, code: string): boolean => e instanceof AwsCallError && e.code === code;
const oc = { type: S, optional: true, computed: true } as const;
const ocNew = { type: S, optional: true, computed: true, forceNew: true } as const;

function withTags(rt: Omit<ResourceType, "update">, idOf: (o: Record<string, unknown>) => string): ResourceType {
  return {
    ...rt,
    async update(ctx: ResourceContext, prior, p) {
      const [tag, untag] = ec2TagUpdater(ctx, idOf(prior));
      await updateTags(ctx, prior, p, tag, untag);
    },
  };
}

export const vpc: ResourceType = withTags(
  {
    noun: "EC2 VPC",
    label: idLabel,
    schema: {
      version: 1,
      block: {
        attributes: {
          arn: computed,
          cidr_block: ocNew,
          default_security_group_id: computed,
          enable_dns_hostnames: { type: BoolType, optional: true, computed: true },
          enable_dns_support: { type: BoolType, optional: true },
          id: sdkId,
          instance_tenancy: { type: S, optional: true },
          main_route_table_id: computed,
          owner_id: computed,
          ...tagsAttrs,
        },
      },
    },
    defaults: { enable_dns_support: true, enable_dns_hostnames: false, instance_tenancy: "default" },
    // EC2 changes a VPC's tenancy only to "default" (ModifyVpcTenancy), which the embedded cloud does not serve:
    // any change replaces the VPC (hashicorp/aws replaces it for every change but dedicated → default).
    replaceIf: (prior, p) => (prior.instance_tenancy !== p.instance_tenancy && p.instance_tenancy !== null ? ["instance_tenancy"] : []),
    async create(ctx, p) {
      const out = await ctx.client.call("ec2", "CreateVpc", { CidrBlock: p.cidr_block, InstanceTenancy: p.instance_tenancy, ...tagSpecifications(ctx, p, "vpc") });
      return { ...p, id: String((out.Vpc as { VpcId: string }).VpcId) };
    },
    async read(ctx, prior) {
      let v: Record<string, unknown> | undefined;
      try {
        v = ((await ctx.client.call("ec2", "DescribeVpcs", { VpcIds: [prior.id] })).Vpcs as Record<string, unknown>[])?.[0];
      } catch (e) {
        if (is(e, "InvalidVpcID.NotFound")) return null;
        throw e;
      }
      if (!v) return null;
      const groups = (await ctx.client.call("ec2", "DescribeSecurityGroups", { Filters: [{ Name: "vpc-id", Values: [v.VpcId] }, { Name: "group-name", Values: ["default"] }] })).SecurityGroups as { GroupId: string }[];
      return {
        ...prior,
        arn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:vpc/${String(v.VpcId)}`,
        cidr_block: String(v.CidrBlock),
        default_security_group_id: groups?.[0]?.GroupId ?? null,
        enable_dns_hostnames: prior.enable_dns_hostnames ?? false,
        enable_dns_support: prior.enable_dns_support ?? true,
        id: String(v.VpcId),
        instance_tenancy: String(v.InstanceTenancy ?? "default"),
        // The embedded cloud has no route tables.
        main_route_table_id: typeof prior.main_route_table_id === "string" ? prior.main_route_table_id : "",
        owner_id: String(v.OwnerId ?? ctx.accountId),
        ...tagsFromAws(ctx, v.Tags, prior),
      };
    },
    async delete(ctx, s) {
      try {
        await ctx.client.call("ec2", "DeleteVpc", { VpcId: s.id });
      } catch (e) {
        if (!is(e, "InvalidVpcID.NotFound")) throw e;
      }
    },
    importId: (id) => ({ id }),
  },
  (o) => String(o.id),
);

export const subnet: ResourceType = withTags(
  {
    noun: "EC2 Subnet",
    label: idLabel,
    schema: {
      version: 1,
      block: {
        attributes: {
          arn: computed,
          availability_zone: ocNew,
          availability_zone_id: ocNew,
          cidr_block: { type: S, optional: true, forceNew: true },
          id: sdkId,
          ipv6_native: { type: BoolType, optional: true, forceNew: true },
          map_public_ip_on_launch: { type: BoolType, optional: true },
          owner_id: computed,
          ...tagsAttrs,
          vpc_id: { type: S, required: true, forceNew: true },
        },
      },
    },
    defaults: { map_public_ip_on_launch: false, ipv6_native: false },
    async create(ctx, p) {
      const out = await ctx.client.call("ec2", "CreateSubnet", {
        VpcId: p.vpc_id,
        CidrBlock: p.cidr_block,
        ...(typeof p.availability_zone === "string" ? { AvailabilityZone: p.availability_zone } : {}),
        ...tagSpecifications(ctx, p, "subnet"),
      });
      const id = String((out.Subnet as { SubnetId: string }).SubnetId);
      if (p.map_public_ip_on_launch === true) await ctx.client.call("ec2", "ModifySubnetAttribute", { SubnetId: id, MapPublicIpOnLaunch: { Value: true } });
      return { ...p, id };
    },
    async read(ctx, prior) {
      let v: Record<string, unknown> | undefined;
      try {
        v = ((await ctx.client.call("ec2", "DescribeSubnets", { SubnetIds: [prior.id] })).Subnets as Record<string, unknown>[])?.[0];
      } catch (e) {
        if (is(e, "InvalidSubnetID.NotFound")) return null;
        throw e;
      }
      if (!v) return null;
      return {
        ...prior,
        arn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:subnet/${String(v.SubnetId)}`,
        availability_zone: String(v.AvailabilityZone),
        availability_zone_id: v.AvailabilityZoneId === undefined ? null : String(v.AvailabilityZoneId),
        cidr_block: String(v.CidrBlock),
        id: String(v.SubnetId),
        map_public_ip_on_launch: v.MapPublicIpOnLaunch === true,
        ipv6_native: typeof prior.ipv6_native === "boolean" ? prior.ipv6_native : false,
        owner_id: String(v.OwnerId ?? ctx.accountId),
        vpc_id: String(v.VpcId),
        ...tagsFromAws(ctx, v.Tags, prior),
      };
    },
    async delete(ctx, s) {
      try {
        await ctx.client.call("ec2", "DeleteSubnet", { SubnetId: s.id });
      } catch (e) {
        if (!is(e, "InvalidSubnetID.NotFound")) throw e;
      }
    },
    importId: (id) => ({ id }),
  },
  (o) => String(o.id),
);

export const ebsSnapshot: ResourceType = withTags(
  {
    noun: "EBS Snapshot",
    label: (o) => String(o.id ?? o.volume_id),
    schema: {
      version: 0,
      block: {
        attributes: {
          arn: computed,
          description: { type: S, optional: true, forceNew: true },
          encrypted: { type: BoolType, computed: true },
          id: sdkId,
          owner_id: computed,
          ...tagsAttrs,
          volume_id: { type: S, required: true, forceNew: true },
          volume_size: { type: NumberType, computed: true },
        },
      },
    },
    async create(ctx, p) {
      const out = await ctx.client.call("ec2", "CreateSnapshot", {
        VolumeId: p.volume_id,
        ...(typeof p.description === "string" ? { Description: p.description } : {}),
        ...tagSpecifications(ctx, p, "snapshot"),
      });
      return { ...p, id: String(out.SnapshotId) };
    },
    async read(ctx, prior) {
      let v: Record<string, unknown> | undefined;
      try {
        v = ((await ctx.client.call("ec2", "DescribeSnapshots", { SnapshotIds: [prior.id] })).Snapshots as Record<string, unknown>[])?.[0];
      } catch (e) {
        if (is(e, "InvalidSnapshot.NotFound")) return null;
        throw e;
      }
      if (!v) return null;
      return {
        ...prior,
        arn: `arn:aws:ec2:${ctx.region}::snapshot/${String(v.SnapshotId)}`,
        description: typeof v.Description === "string" && v.Description !== "" ? v.Description : (prior.description ?? null),
        encrypted: v.Encrypted === true,
        id: String(v.SnapshotId),
        owner_id: String(v.OwnerId ?? ctx.accountId),
        volume_id: String(v.VolumeId),
        volume_size: typeof v.VolumeSize === "number" ? v.VolumeSize : null,
        ...tagsFromAws(ctx, v.Tags, prior),
      };
    },
    async delete(ctx, s) {
      try {
        await ctx.client.call("ec2", "DeleteSnapshot", { SnapshotId: s.id });
      } catch (e) {
        if (!is(e, "InvalidSnapshot.NotFound")) throw e;
      }
    },
    importId: (id) => ({ id }),
  },
  (o) => String(o.id),
);
