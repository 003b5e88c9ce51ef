// data "aws_subnets" (ids matching filters) and data "aws_security_group" (one group by id, name, vpc or filters).
import { listOf, mapOf, setOf, StringType } from "../../../src/lang/types.js";
import { strList, type Obj } from "../plain.js";
import type { DataSourceType } from "./data-source.js";

const S = StringType;
const filterBlock = {
  nesting: "set" as const,
  block: { attributes: { name: { type: S, required: true }, values: { type: setOf(S), required: true } } },
};

function filters(config: Obj): { Name: unknown; Values: string[] }[] {
  const out = (Array.isArray(config.filter) ? (config.filter as Obj[]) : []).map((f) => ({ Name: f.name, Values: strList(f.values) }));
  const tags = config.tags && typeof config.tags === "object" && !Array.isArray(config.tags) ? (config.tags as Obj) : {};
  for (const [k, v] of Object.entries(tags)) out.push({ Name: `tag:${k}`, Values: [String(v)] });
  return out;
}

export const subnetsData: DataSourceType = {
  schema: {
    version: 0,
    block: {
      attributes: { id: { type: S, optional: true, computed: true }, ids: { type: listOf(S), computed: true }, tags: { type: mapOf(S), optional: true, computed: true } },
      blockTypes: { filter: filterBlock },
    },
  },
  async read(ctx, config) {
    const f = filters(config);
    const out = await ctx.client.call("ec2", "DescribeSubnets", f.length ? { Filters: f } : {});
    return { id: ctx.region, ids: ((out.Subnets as { SubnetId: string }[]) ?? []).map((s) => s.SubnetId), tags: config.tags ?? null };
  },
};

export const securityGroupData: DataSourceType = {
  schema: {
    version: 0,
    block: {
      attributes: {
        arn: { type: S, computed: true },
        description: { type: S, computed: true },
        id: { type: S, optional: true, computed: true },
        name: { type: S, optional: true, computed: true },
        tags: { type: mapOf(S), optional: true, computed: true },
        vpc_id: { type: S, optional: true, computed: true },
      },
      blockTypes: { filter: filterBlock },
    },
  },
  async read(ctx, config) {
    const f = filters(config);
    if (typeof config.name === "string") f.push({ Name: "group-name", Values: [config.name] });
    if (typeof config.vpc_id === "string") f.push({ Name: "vpc-id", Values: [config.vpc_id] });
    const out = await ctx.client.call("ec2", "DescribeSecurityGroups", { ...(typeof config.id === "string" ? { GroupIds: [config.id] } : {}), ...(f.length ? { Filters: f } : {}) });
    const groups = (out.SecurityGroups as Record<string, unknown>[]) ?? [];
    if (groups.length !== 1) throw new Error(groups.length ? "multiple EC2 Security Groups matched; use additional constraints to reduce matches to a single EC2 Security Group" : "no matching EC2 Security Group found");
    const g = groups[0]!;
    const tags: Record<string, string> = {};
    for (const t of (g.Tags as { Key: string; Value: string }[]) ?? []) tags[t.Key] = t.Value;
    return {
      arn: `arn:aws:ec2:${ctx.region}:${String(g.OwnerId)}:security-group/${String(g.GroupId)}`,
      description: String(g.Description),
      id: String(g.GroupId),
      name: String(g.GroupName),
      tags,
      vpc_id: g.VpcId === undefined ? null : String(g.VpcId),
    };
  },
};
