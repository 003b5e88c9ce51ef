// data "aws_vpc": by id or `default = true`.
import { BoolType, mapOf, StringType } from "../../../src/lang/types.js";
import type { DataSourceType } from "./data-source.js";

const S = StringType;
const c = { type: S, computed: true } as const;

export const vpcData: DataSourceType = {
  schema: {
    version: 0,
    block: {
      attributes: {
        arn: c,
        cidr_block: { type: S, optional: true, computed: true },
        default: { type: BoolType, optional: true, computed: true },
        dhcp_options_id: { type: S, optional: true, computed: true },
        id: { type: S, optional: true, computed: true },
        instance_tenancy: c,
        main_route_table_id: c,
        owner_id: c,
        state: { type: S, optional: true, computed: true },
        tags: { type: mapOf(S), optional: true, computed: true },
      },
    },
  },
  async read(ctx, config) {
    const out = await ctx.client.call("ec2", "DescribeVpcs", typeof config.id === "string" ? { VpcIds: [config.id] } : {});
    let vpcs = (out.Vpcs as Record<string, unknown>[]) ?? [];
    if (config.default === true) vpcs = vpcs.filter((v) => v.IsDefault === true);
    if (typeof config.cidr_block === "string") vpcs = vpcs.filter((v) => v.CidrBlock === config.cidr_block);
    if (vpcs.length !== 1) throw new Error(vpcs.length ? "multiple EC2 VPCs matched; use additional constraints to reduce matches to a single EC2 VPC" : "no matching EC2 VPC found");
    const v = vpcs[0]!;
    const tags: Record<string, string> = {};
    for (const t of (v.Tags as { Key: string; Value: string }[]) ?? []) tags[t.Key] = t.Value;
    return {
      arn: `arn:aws:ec2:${ctx.region}:${String(v.OwnerId ?? ctx.accountId)}:vpc/${String(v.VpcId)}`,
      cidr_block: String(v.CidrBlock),
      default: v.IsDefault === true,
      dhcp_options_id: v.DhcpOptionsId === undefined ? null : String(v.DhcpOptionsId),
      id: String(v.VpcId),
      instance_tenancy: String(v.InstanceTenancy ?? "default"),
      main_route_table_id: null,
      owner_id: String(v.OwnerId ?? ctx.accountId),
      state: String(v.State ?? "available"),
      tags,
    };
  },
};
