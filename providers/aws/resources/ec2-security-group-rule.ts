// aws_security_group_rule (the older one-rule resource): every argument forces replacement; id is "sgrule-"
// plus the provider's hash of the group, type, protocol, ports and peers. A rule is found again by matching
// its IpPermission in the group.
import { crc32 } from "node:zlib";
import { BoolType, listOf, NumberType } from "../../../src/lang/types.js";
import { AwsCallError } from "../errors.js";
import { strList, type Obj } from "../plain.js";
import type { ResourceType } from "../resource.js";
import { computed, S, sdkId } from "./iam-common.js";

const fnStr = { type: S, optional: true, forceNew: true } as const;
const fnList = { type: listOf(S), optional: true, forceNew: true } as const;

function kind(o: Obj): "Ingress" | "Egress" {
  return o.type === "egress" ? "Egress" : "Ingress";
}

function proto(o: Obj): string {
  const p = String(o.protocol);
  return p === "all" ? "-1" : p;
}

function permission(o: Obj): Record<string, unknown> {
  const d = typeof o.description === "string" ? { Description: o.description } : {};
  const all = proto(o) === "-1";
  const peer = o.self === true ? String(o.security_group_id) : typeof o.source_security_group_id === "string" ? o.source_security_group_id : undefined;
  return {
    IpProtocol: proto(o),
    ...(all ? {} : { FromPort: o.from_port, ToPort: o.to_port }),
    ...(strList(o.cidr_blocks).length ? { IpRanges: strList(o.cidr_blocks).map((c) => ({ CidrIp: c, ...d })) } : {}),
    ...(strList(o.ipv6_cidr_blocks).length ? { Ipv6Ranges: strList(o.ipv6_cidr_blocks).map((c) => ({ CidrIpv6: c, ...d })) } : {}),
    ...(strList(o.prefix_list_ids).length ? { PrefixListIds: strList(o.prefix_list_ids).map((c) => ({ PrefixListId: c, ...d })) } : {}),
    ...(peer ? { UserIdGroupPairs: [{ GroupId: peer, ...d }] } : {}),
  };
}

export function securityGroupRuleId(o: Obj): string {
  const parts = [o.security_group_id, o.type, o.from_port, o.to_port, proto(o), ...strList(o.cidr_blocks).sort(), ...strList(o.ipv6_cidr_blocks).sort(), ...strList(o.prefix_list_ids).sort(), typeof o.source_security_group_id === "string" ? o.source_security_group_id : "", o.self === true ? "self" : ""];
  return `sgrule-${crc32(Buffer.from(parts.map(String).join("-") + "-")) >>> 0}`;
}

export const securityGroupRule: ResourceType = {
  noun: "Security Group Rule",
  label: (o) => String(o.id ?? o.security_group_id),
  schema: {
    version: 2,
    block: {
      attributes: {
        cidr_blocks: fnList,
        description: { type: S, optional: true },
        from_port: { type: NumberType, required: true, forceNew: true },
        id: sdkId,
        ipv6_cidr_blocks: fnList,
        prefix_list_ids: fnList,
        protocol: { type: S, required: true, forceNew: true },
        security_group_id: { type: S, required: true, forceNew: true },
        security_group_rule_id: computed,
        self: { type: BoolType, optional: true, forceNew: true },
        source_security_group_id: { type: S, optional: true, computed: true, forceNew: true },
        to_port: { type: NumberType, required: true, forceNew: true },
        type: { type: S, required: true, forceNew: true },
      },
    },
  },
  defaults: { self: false },
  async create(ctx, p) {
    const out = await ctx.client.call("ec2", `AuthorizeSecurityGroup${kind(p)}`, { GroupId: p.security_group_id, IpPermissions: [permission(p)] });
    const rid = ((out.SecurityGroupRules as { SecurityGroupRuleId: string }[]) ?? [])[0]?.SecurityGroupRuleId ?? null;
    return { ...p, id: securityGroupRuleId(p), security_group_rule_id: rid };
  },
  async read(ctx, prior) {
    let g: Record<string, unknown> | undefined;
    try {
      g = ((await ctx.client.call("ec2", "DescribeSecurityGroups", { GroupIds: [prior.security_group_id] })).SecurityGroups as Record<string, unknown>[])?.[0];
    } catch (e) {
      if (e instanceof AwsCallError && e.code === "InvalidGroup.NotFound") return null;
      throw e;
    }
    const perms = ((kind(prior) === "Egress" ? g?.IpPermissionsEgress : g?.IpPermissions) as Record<string, unknown>[]) ?? [];
    const want = permission(prior);
    const covers = (p: Record<string, unknown>): boolean => {
      if (p.IpProtocol !== want.IpProtocol || (want.IpProtocol !== "-1" && (p.FromPort !== want.FromPort || p.ToPort !== want.ToPort))) return false;
      const has = (k: string, f: string): boolean =>
        ((want[k] as Record<string, string>[]) ?? []).every((w) => ((p[k] as Record<string, string>[]) ?? []).some((x) => x[f] === w[f]));
      return has("IpRanges", "CidrIp") && has("Ipv6Ranges", "CidrIpv6") && has("PrefixListIds", "PrefixListId") && has("UserIdGroupPairs", "GroupId");
    };
    return perms.some(covers) ? { ...prior, self: prior.self ?? false } : null;
  },
  // hashicorp/aws's import id: SECURITYGROUPID_TYPE_PROTOCOL_FROMPORT_TOPORT_SOURCE[_SOURCE]*, each source a CIDR,
  // an IPv6 CIDR, a prefix list, a security group, or "self".
  importId(id) {
    const [sg, type, protocol, from, to, ...sources] = id.split("_");
    if (!sg || (type !== "ingress" && type !== "egress") || !protocol || !sources.length || Number.isNaN(Number(from)) || Number.isNaN(Number(to))) {
      throw new Error(`unexpected format of ID (${JSON.stringify(id)}), expected SECURITYGROUPID_TYPE_PROTOCOL_FROMPORT_TOPORT_SOURCE[_SOURCE]*`);
    }
    const pick = (f: (s: string) => boolean): string[] | null => (sources.some(f) ? sources.filter(f) : null);
    const peer = (s: string) => s.startsWith("sg-");
    const prefix = (s: string) => s.startsWith("pl-");
    const v6 = (s: string) => s.includes(":");
    const o: Obj = {
      security_group_id: sg,
      type,
      protocol,
      from_port: Number(from),
      to_port: Number(to),
      cidr_blocks: pick((s) => s !== "self" && !peer(s) && !prefix(s) && !v6(s)),
      ipv6_cidr_blocks: pick(v6),
      prefix_list_ids: pick(prefix),
      source_security_group_id: sources.find(peer) ?? null,
      self: sources.includes("self"),
    };
    return { ...o, id: securityGroupRuleId(o) };
  },
  async update(ctx, _prior, p) {
    // Only `description` changes in place.
    await ctx.client.call("ec2", `UpdateSecurityGroupRuleDescriptions${kind(p)}`, { GroupId: p.security_group_id, IpPermissions: [permission(p)] });
  },
  async delete(ctx, s) {
    try {
      await ctx.client.call("ec2", `RevokeSecurityGroup${kind(s)}`, { GroupId: s.security_group_id, IpPermissions: [permission(s)] });
    } catch (e) {
      if (!(e instanceof AwsCallError && (e.code === "InvalidPermission.NotFound" || e.code === "InvalidGroup.NotFound"))) throw e;
    }
  },
};
