// aws_security_group with inline ingress/egress (attributes of set-of-object type, written as blocks: the SDK's
// "attributes as blocks"). Create revokes the default allow-all egress rule, as the provider does, then
// authorizes the configured rules; an update revokes the rules gone and authorizes the new ones.
import { BoolType, listOf, NumberType, objectOf, setOf } from "../../../src/lang/types.js";
import { AwsCallError } from "../errors.js";
import { strList, type Obj, type Plain } from "../plain.js";
import type { ResourceContext, ResourceType } from "../resource.js";
import { plainEqual } from "../resource.js";
import { computed, prefixedUniqueId, S, sdkId, tagsAttrs, tagsFromAws, updateTags } from "./iam-common.js";
import { ec2TagUpdater, tagSpecifications } from "./ec2-common.js";

const ruleType = objectOf({
  cidr_blocks: listOf(S),
  description: S,
  from_port: NumberType,
  ipv6_cidr_blocks: listOf(S),
  prefix_list_ids: listOf(S),
  protocol: S,
  security_groups: setOf(S),
  self: BoolType,
  to_port: NumberType,
});

type Permission = Record<string, unknown>;

function rules(p: Plain | undefined): Obj[] {
  return Array.isArray(p) ? p.filter((r): r is Obj => r !== null && typeof r === "object" && !Array.isArray(r)) : [];
}

/** A rule in the shape the provider records (every field present). */
function normalRule(r: Obj): Obj {
  const proto = String(r.protocol ?? "");
  return {
    cidr_blocks: strList(r.cidr_blocks),
    description: typeof r.description === "string" ? r.description : "",
    from_port: Number(r.from_port ?? 0),
    ipv6_cidr_blocks: strList(r.ipv6_cidr_blocks),
    prefix_list_ids: strList(r.prefix_list_ids),
    protocol: proto === "all" ? "-1" : proto,
    security_groups: strList(r.security_groups).sort(),
    self: r.self === true,
    to_port: Number(r.to_port ?? 0),
  };
}

function toPermission(r: Obj, groupId: string): Permission {
  const d = typeof r.description === "string" && r.description !== "" ? { Description: r.description } : {};
  const all = r.protocol === "-1";
  const pairs = strList(r.security_groups).map((g) => ({ GroupId: g, ...d }));
  if (r.self === true) pairs.push({ GroupId: groupId, ...d });
  return {
    IpProtocol: r.protocol,
    ...(all ? {} : { FromPort: r.from_port, ToPort: r.to_port }),
    ...(strList(r.cidr_blocks).length ? { IpRanges: strList(r.cidr_blocks).map((c) => ({ CidrIp: c, ...d })) } : {}),
    ...(strList(r.ipv6_cidr_blocks).length ? { Ipv6Ranges: strList(r.ipv6_cidr_blocks).map((c) => ({ CidrIpv6: c, ...d })) } : {}),
    ...(pairs.length ? { UserIdGroupPairs: pairs } : {}),
    ...(strList(r.prefix_list_ids).length ? { PrefixListIds: strList(r.prefix_list_ids).map((p) => ({ PrefixListId: p, ...d })) } : {}),
  };
}

/** IpPermissions → rules, one per (permission, description), as the provider flattens them. */
function fromPermissions(perms: Permission[], groupId: string): Obj[] {
  const out: Obj[] = [];
  for (const p of perms) {
    const byDesc = new Map<string, Obj>();
    const get = (desc: unknown): Obj => {
      const k = typeof desc === "string" ? desc : "";
      let r = byDesc.get(k);
      if (!r) {
        r = normalRule({ protocol: String(p.IpProtocol), from_port: Number(p.FromPort ?? 0), to_port: Number(p.ToPort ?? 0), description: k });
        byDesc.set(k, r);
      }
      return r;
    };
    const push = (r: Obj, k: string, v: string): void => {
      (r[k] as Plain[]).push(v);
    };
    for (const x of (p.IpRanges as { CidrIp: string; Description?: string }[]) ?? []) push(get(x.Description), "cidr_blocks", x.CidrIp);
    for (const x of (p.Ipv6Ranges as { CidrIpv6: string; Description?: string }[]) ?? []) push(get(x.Description), "ipv6_cidr_blocks", x.CidrIpv6);
    for (const x of (p.PrefixListIds as { PrefixListId: string; Description?: string }[]) ?? []) push(get(x.Description), "prefix_list_ids", x.PrefixListId);
    for (const x of (p.UserIdGroupPairs as { GroupId: string; Description?: string }[]) ?? []) {
      const r = get(x.Description);
      if (x.GroupId === groupId) r.self = true;
      else push(r, "security_groups", x.GroupId);
    }
    out.push(...byDesc.values());
  }
  return out;
}

async function authorize(ctx: ResourceContext, groupId: string, kind: "Ingress" | "Egress", rs: Obj[]): Promise<void> {
  if (rs.length) await ctx.client.call("ec2", `AuthorizeSecurityGroup${kind}`, { GroupId: groupId, IpPermissions: rs.map((r) => toPermission(r, groupId)) });
}

async function revoke(ctx: ResourceContext, groupId: string, kind: "Ingress" | "Egress", rs: Obj[]): Promise<void> {
  if (rs.length) await ctx.client.call("ec2", `RevokeSecurityGroup${kind}`, { GroupId: groupId, IpPermissions: rs.map((r) => toPermission(r, groupId)) });
}

const allEgress: Obj = normalRule({ protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["0.0.0.0/0"] });

export const securityGroup: ResourceType = {
  noun: "Security Group",
  label: (o) => String(o.id ?? o.name),
  schema: {
    version: 1,
    block: {
      attributes: {
        arn: computed,
        description: { type: S, optional: true, forceNew: true },
        egress: { type: setOf(ruleType), optional: true, computed: true },
        id: sdkId,
        ingress: { type: setOf(ruleType), optional: true, computed: true },
        name: { type: S, optional: true, computed: true, forceNew: true },
        name_prefix: { type: S, optional: true, computed: true, forceNew: true },
        owner_id: computed,
        revoke_rules_on_delete: { type: BoolType, optional: true },
        ...tagsAttrs,
        vpc_id: { type: S, optional: true, computed: true, forceNew: true },
      },
    },
  },
  defaults: { description: "Managed by Terraform", revoke_rules_on_delete: false },
  plan(_ctx, _prior, p) {
    for (const k of ["ingress", "egress"]) if (Array.isArray(p[k])) p[k] = rules(p[k]).map(normalRule);
  },
  async adopt(ctx, p) {
    if (typeof p.name !== "string") return null;
    const filters = [{ Name: "group-name", Values: [p.name] }, ...(typeof p.vpc_id === "string" ? [{ Name: "vpc-id", Values: [p.vpc_id] }] : [])];
    const g = ((await ctx.client.call("ec2", "DescribeSecurityGroups", { Filters: filters })).SecurityGroups as { GroupId: string }[] | undefined)?.[0];
    return g ? { ...p, id: g.GroupId } : null;
  },
  async create(ctx, p) {
    const name = typeof p.name === "string" ? p.name : prefixedUniqueId(typeof p.name_prefix === "string" ? p.name_prefix : "terraform-");
    const out = await ctx.client.call("ec2", "CreateSecurityGroup", {
      GroupName: name,
      Description: p.description,
      ...(typeof p.vpc_id === "string" ? { VpcId: p.vpc_id } : {}),
      ...tagSpecifications(ctx, p, "security-group"),
    });
    const id = String(out.GroupId);
    await revoke(ctx, id, "Egress", [allEgress]);
    await authorize(ctx, id, "Ingress", rules(p.ingress));
    await authorize(ctx, id, "Egress", rules(p.egress));
    return { ...p, id, name };
  },
  async read(ctx, prior) {
    let g: Record<string, unknown> | undefined;
    try {
      g = ((await ctx.client.call("ec2", "DescribeSecurityGroups", { GroupIds: [prior.id] })).SecurityGroups as Record<string, unknown>[])?.[0];
    } catch (e) {
      if (e instanceof AwsCallError && e.code === "InvalidGroup.NotFound") return null;
      throw e;
    }
    if (!g) return null;
    const id = String(g.GroupId);
    return {
      ...prior,
      arn: `arn:aws:ec2:${ctx.region}:${String(g.OwnerId)}:security-group/${id}`,
      description: String(g.Description),
      egress: fromPermissions((g.IpPermissionsEgress as Permission[]) ?? [], id),
      id,
      ingress: fromPermissions((g.IpPermissions as Permission[]) ?? [], id),
      name: String(g.GroupName),
      name_prefix: prior.name_prefix ?? null,
      owner_id: String(g.OwnerId),
      revoke_rules_on_delete: prior.revoke_rules_on_delete ?? false,
      vpc_id: g.VpcId === undefined ? null : String(g.VpcId),
      ...tagsFromAws(ctx, g.Tags, prior),
    };
  },
  async update(ctx, prior, p) {
    const id = String(prior.id);
    for (const [k, kind] of [
      ["ingress", "Ingress"],
      ["egress", "Egress"],
    ] as const) {
      if (!Array.isArray(p[k])) continue;
      const before = rules(prior[k]);
      const after = rules(p[k]);
      await revoke(ctx, id, kind, before.filter((r) => !after.some((x) => plainEqual(x, r))));
      await authorize(ctx, id, kind, after.filter((r) => !before.some((x) => plainEqual(x, r))));
    }
    const [tag, untag] = ec2TagUpdater(ctx, id);
    await updateTags(ctx, prior, p, tag, untag);
  },
  async delete(ctx, s) {
    try {
      await ctx.client.call("ec2", "DeleteSecurityGroup", { GroupId: s.id });
    } catch (e) {
      if (!(e instanceof AwsCallError && e.code === "InvalidGroup.NotFound")) throw e;
    }
  },
  importId: (id) => ({ id, revoke_rules_on_delete: false }),
};
