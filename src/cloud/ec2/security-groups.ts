// Security groups and their rules. A rule is stored as AWS's DescribeSecurityGroupRules sees it: one protocol and
// port range, ONE peer (IPv4 CIDR, IPv6 CIDR, group or prefix list), its own sgr- id. IpPermissions (what
// Authorize*/Revoke* take and DescribeSecurityGroups shows) group rules by protocol and ports.
import type { ActionContext, ActionSpec, Params } from "../service.js";
import { parseCidr } from "./cidr.js";
import { type StateName, stateAt } from "./instance-state.js";
import { ec2Error, invalidParameterValue, missingParameter } from "./errors.js";
import { applyFilters, filtersOf, page, strList, tagSpecs, tagsOut } from "./filters.js";
import { type Ec2Model, type Resource, type Tag, ec2Id } from "./model.js";
import { type Vpc, arn, getVpc } from "./vpcs.js";

type Ctx = ActionContext<Ec2Model>;

export interface Rule {
  ruleId: string;
  /** "-1", "tcp", "udp", "icmp", "icmpv6" or a protocol number. */
  protocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  groupId?: string;
  prefixListId?: string;
  description?: string;
  /** A rule is tagged by its sgr- id (TagSpecifications on Authorize*, CreateTags); absent on untagged rules. */
  tags?: Tag[];
}

export interface SecurityGroup extends Resource {
  name: string;
  description: string;
  vpcId: string;
  ingress: Rule[];
  egress: Rule[];
}

export const RULES_PER_DIRECTION = 60;

export function newRuleId(): string {
  return ec2Id("sgr");
}

/** The rule with this sgr- id and the group that holds it, in the caller's region. */
export function findRule(ctx: Ctx, ruleId: string): { group: SecurityGroup; rule: Rule } | undefined {
  for (const group of ctx.model.list<SecurityGroup>(ctx.region, "security-group")) {
    const rule = group.ingress.find((r) => r.ruleId === ruleId) ?? group.egress.find((r) => r.ruleId === ruleId);
    if (rule) return { group, rule };
  }
  return undefined;
}

export function defaultEgressRule(): Rule {
  return { ruleId: newRuleId(), protocol: "-1", cidrIpv4: "0.0.0.0/0" };
}

export function defaultVpc(ctx: Ctx): Vpc {
  return ctx.model.list<Vpc>(ctx.region, "vpc").find((v) => v.isDefault)!;
}

export function getGroup(ctx: Ctx, id: string): SecurityGroup {
  const g = ctx.model.get<SecurityGroup>(ctx.region, "security-group", id);
  if (!g) throw ec2Error("InvalidGroup.NotFound", `The security group '${id}' does not exist`);
  return g;
}

/** GroupId, or GroupName in the default VPC (EC2-Classic's addressing, still accepted there). */
function groupOf(ctx: Ctx, p: Params): SecurityGroup {
  const id = p.GroupId as string | undefined;
  if (id !== undefined) return getGroup(ctx, id);
  const name = p.GroupName as string | undefined;
  if (name === undefined) throw missingParameter("groupId");
  const vpc = defaultVpc(ctx);
  const g = ctx.model.list<SecurityGroup>(ctx.region, "security-group").find((x) => x.name === name && x.vpcId === vpc.id);
  if (!g) throw ec2Error("InvalidGroup.NotFound", `The security group '${name}' does not exist in default VPC '${vpc.id}'`);
  return g;
}

const PROTOCOL_NAMES: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", all: "-1" };

function normalizeProtocol(raw: string): string {
  const p = PROTOCOL_NAMES[raw.toLowerCase()] ?? raw.toLowerCase();
  if (["-1", "tcp", "udp", "icmp", "icmpv6"].includes(p)) return p;
  if (/^\d+$/.test(p) && Number(p) <= 255) return p;
  throw invalidParameterValue(`Invalid value '${raw}' for IP protocol. Unknown protocol.`);
}

interface IpPermission {
  IpProtocol?: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges?: { CidrIp?: string; Description?: string }[];
  Ipv6Ranges?: { CidrIpv6?: string; Description?: string }[];
  UserIdGroupPairs?: { GroupId?: string; GroupName?: string; Description?: string }[];
  PrefixListIds?: { PrefixListId?: string; Description?: string }[];
}

/** The rules an IpPermissions list means, one per peer, ports checked as AWS checks them. */
function rulesOf(ctx: Ctx, group: SecurityGroup, perms: IpPermission[]): Rule[] {
  const out: Rule[] = [];
  for (const perm of perms) {
    if (perm.IpProtocol === undefined) throw missingParameter("ipPermissions.ipProtocol");
    const protocol = normalizeProtocol(perm.IpProtocol);
    const ports: Pick<Rule, "fromPort" | "toPort"> = {};
    if (protocol === "tcp" || protocol === "udp") {
      if (perm.FromPort === undefined || perm.ToPort === undefined) throw invalidParameterValue(`Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.`);
      if (perm.FromPort < 0 || perm.ToPort > 65535 || perm.FromPort > perm.ToPort) {
        throw invalidParameterValue(`Invalid TCP/UDP port range: ${perm.FromPort} to ${perm.ToPort}`);
      }
      ports.fromPort = perm.FromPort;
      ports.toPort = perm.ToPort;
    } else if (protocol === "icmp" || protocol === "icmpv6") {
      ports.fromPort = perm.FromPort ?? -1;
      ports.toPort = perm.ToPort ?? -1;
      if (ports.fromPort < -1 || ports.fromPort > 255 || ports.toPort < -1 || ports.toPort > 255) {
        throw invalidParameterValue(`Invalid value '${ports.fromPort}' for icmp type/code.`);
      }
    }
    for (const r of perm.IpRanges ?? []) {
      const c = r.CidrIp !== undefined ? parseCidr(r.CidrIp) : undefined;
      if (!c) throw invalidParameterValue(`CIDR block ${r.CidrIp ?? ""} is malformed`);
      out.push({ ruleId: newRuleId(), protocol, ...ports, cidrIpv4: r.CidrIp!, ...(r.Description !== undefined ? { description: r.Description } : {}) });
    }
    for (const r of perm.Ipv6Ranges ?? []) {
      if (r.CidrIpv6 === undefined || !/^[0-9a-fA-F:]+\/\d{1,3}$/.test(r.CidrIpv6)) throw invalidParameterValue(`CIDR block ${r.CidrIpv6 ?? ""} is malformed`);
      out.push({ ruleId: newRuleId(), protocol, ...ports, cidrIpv6: r.CidrIpv6, ...(r.Description !== undefined ? { description: r.Description } : {}) });
    }
    for (const r of perm.UserIdGroupPairs ?? []) {
      let peer: SecurityGroup;
      if (r.GroupId !== undefined) peer = getGroup(ctx, r.GroupId);
      else {
        const found = ctx.model.list<SecurityGroup>(ctx.region, "security-group").find((g) => g.name === r.GroupName && g.vpcId === group.vpcId);
        if (!found) throw ec2Error("InvalidGroup.NotFound", `The security group '${r.GroupName ?? ""}' does not exist`);
        peer = found;
      }
      out.push({ ruleId: newRuleId(), protocol, ...ports, groupId: peer.id, ...(r.Description !== undefined ? { description: r.Description } : {}) });
    }
    for (const r of perm.PrefixListIds ?? []) {
      if (r.PrefixListId === undefined || !/^pl-[0-9a-f]+$/.test(r.PrefixListId)) throw ec2Error("InvalidPrefixListId.Malformed", `The prefix list ID '${r.PrefixListId ?? ""}' is malformed`);
      out.push({ ruleId: newRuleId(), protocol, ...ports, prefixListId: r.PrefixListId, ...(r.Description !== undefined ? { description: r.Description } : {}) });
    }
  }
  return out;
}

function sameRule(a: Rule, b: Rule): boolean {
  return (
    a.protocol === b.protocol &&
    (a.protocol === "-1" || (a.fromPort === b.fromPort && a.toPort === b.toPort)) &&
    a.cidrIpv4 === b.cidrIpv4 &&
    a.cidrIpv6 === b.cidrIpv6 &&
    a.groupId === b.groupId &&
    a.prefixListId === b.prefixListId
  );
}

function peerText(r: Rule): string {
  const peer = r.cidrIpv4 ?? r.cidrIpv6 ?? r.groupId ?? r.prefixListId ?? "";
  const proto = r.protocol === "-1" ? "ALL" : r.protocol.toUpperCase();
  const ports = r.fromPort !== undefined ? `, from port: ${r.fromPort}, to port: ${r.toPort}` : "";
  return `peer: ${peer}, ${proto}${ports}, ALLOW`;
}

function permissionsOut(ctx: Ctx, rules: Rule[]): Record<string, unknown>[] {
  const byKey = new Map<string, { perm: Record<string, unknown>; v4: unknown[]; v6: unknown[]; groups: unknown[]; pls: unknown[] }>();
  for (const r of rules) {
    const key = `${r.protocol}|${r.fromPort ?? ""}|${r.toPort ?? ""}`;
    let e = byKey.get(key);
    if (!e) {
      e = { perm: { IpProtocol: r.protocol, ...(r.fromPort !== undefined ? { FromPort: r.fromPort, ToPort: r.toPort } : {}) }, v4: [], v6: [], groups: [], pls: [] };
      byKey.set(key, e);
    }
    const d = r.description !== undefined ? { Description: r.description } : {};
    if (r.cidrIpv4 !== undefined) e.v4.push({ CidrIp: r.cidrIpv4, ...d });
    if (r.cidrIpv6 !== undefined) e.v6.push({ CidrIpv6: r.cidrIpv6, ...d });
    if (r.groupId !== undefined) e.groups.push({ GroupId: r.groupId, UserId: ctx.accountId, ...d });
    if (r.prefixListId !== undefined) e.pls.push({ PrefixListId: r.prefixListId, ...d });
  }
  return [...byKey.values()].map((e) => ({ ...e.perm, IpRanges: e.v4, Ipv6Ranges: e.v6, UserIdGroupPairs: e.groups, PrefixListIds: e.pls }));
}

function ruleOut(ctx: Ctx, g: SecurityGroup, r: Rule, egress: boolean): Record<string, unknown> {
  return {
    SecurityGroupRuleId: r.ruleId,
    GroupId: g.id,
    GroupOwnerId: ctx.accountId,
    IsEgress: egress,
    IpProtocol: r.protocol,
    FromPort: r.fromPort ?? -1,
    ToPort: r.toPort ?? -1,
    ...(r.cidrIpv4 !== undefined ? { CidrIpv4: r.cidrIpv4 } : {}),
    ...(r.cidrIpv6 !== undefined ? { CidrIpv6: r.cidrIpv6 } : {}),
    ...(r.prefixListId !== undefined ? { PrefixListId: r.prefixListId } : {}),
    ...(r.groupId !== undefined ? { ReferencedGroupInfo: { GroupId: r.groupId, UserId: ctx.accountId } } : {}),
    ...(r.description !== undefined ? { Description: r.description } : {}),
    SecurityGroupRuleArn: arn(ctx, "security-group-rule", r.ruleId),
    Tags: (r.tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
  };
}

function groupOut(ctx: Ctx, g: SecurityGroup): Record<string, unknown> {
  return {
    GroupId: g.id,
    GroupName: g.name,
    Description: g.description,
    OwnerId: ctx.accountId,
    VpcId: g.vpcId,
    SecurityGroupArn: arn(ctx, "security-group", g.id),
    IpPermissions: permissionsOut(ctx, g.ingress),
    IpPermissionsEgress: permissionsOut(ctx, g.egress),
    ...tagsOut(g.tags),
  };
}

function authorizeRules(ctx: Ctx, p: Params, egress: boolean): Record<string, unknown> {
  const g = groupOf(ctx, p);
  const list = egress ? g.egress : g.ingress;
  const added = rulesOf(ctx, g, (p.IpPermissions as IpPermission[] | undefined) ?? []);
  for (const r of added) {
    if (list.some((x) => sameRule(x, r)) || added.some((x) => x !== r && sameRule(x, r) && added.indexOf(x) < added.indexOf(r))) {
      throw ec2Error("InvalidPermission.Duplicate", `the specified rule "${peerText(r)}" already exists`);
    }
  }
  if (list.length + added.length > RULES_PER_DIRECTION) throw ec2Error("RulesPerSecurityGroupLimitExceeded", "The maximum number of rules per security group has been reached.");
  const tags = tagSpecs(p, "security-group-rule");
  if (tags.length) for (const r of added) r.tags = tags.map((t) => ({ ...t }));
  list.push(...added);
  ctx.model.update(g);
  return { Return: true, SecurityGroupRules: added.map((r) => ruleOut(ctx, g, r, egress)) };
}

function revokeRules(ctx: Ctx, p: Params, egress: boolean): Record<string, unknown> {
  const g = groupOf(ctx, p);
  const list = egress ? g.egress : g.ingress;
  const ids = strList(p, "SecurityGroupRuleIds");
  const drop: Rule[] = [];
  for (const id of ids) {
    const r = list.find((x) => x.ruleId === id);
    if (!r) throw ec2Error("InvalidSecurityGroupRuleId.NotFound", `The security group rule ID '${id}' does not exist`);
    drop.push(r);
  }
  for (const want of rulesOf(ctx, g, (p.IpPermissions as IpPermission[] | undefined) ?? [])) {
    const r = list.find((x) => sameRule(x, want));
    if (!r) throw ec2Error("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
    drop.push(r);
  }
  const keep = list.filter((x) => !drop.includes(x));
  if (egress) g.egress = keep;
  else g.ingress = keep;
  ctx.model.update(g);
  return { Return: true };
}

function updateDescriptions(ctx: Ctx, p: Params, egress: boolean): Record<string, unknown> {
  const g = groupOf(ctx, p);
  const list = egress ? g.egress : g.ingress;
  for (const d of (p.SecurityGroupRuleDescriptions as { SecurityGroupRuleId?: string; Description?: string }[] | undefined) ?? []) {
    const r = list.find((x) => x.ruleId === d.SecurityGroupRuleId);
    if (!r) throw ec2Error("InvalidSecurityGroupRuleId.NotFound", `The security group rule ID '${d.SecurityGroupRuleId ?? ""}' does not exist`);
    if (d.Description !== undefined) r.description = d.Description;
    else delete r.description;
  }
  for (const want of rulesOf(ctx, g, (p.IpPermissions as IpPermission[] | undefined) ?? [])) {
    const r = list.find((x) => sameRule(x, want));
    if (!r) throw ec2Error("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
    if (want.description !== undefined) r.description = want.description;
    else delete r.description;
  }
  ctx.model.update(g);
  return { Return: true };
}

/** ip-permission.* (ingress) and egress.ip-permission.* filters: a group matches when any of its rules does. */
function permissionFilters(prefix: string, rules: (g: SecurityGroup) => Rule[]) {
  const each = (f: (r: Rule) => string | number | undefined) => (g: SecurityGroup) => rules(g).map(f);
  return {
    [`${prefix}.protocol`]: each((r) => r.protocol),
    [`${prefix}.from-port`]: each((r) => r.fromPort),
    [`${prefix}.to-port`]: each((r) => r.toPort),
    [`${prefix}.cidr`]: each((r) => r.cidrIpv4),
    [`${prefix}.ipv6-cidr`]: each((r) => r.cidrIpv6),
    [`${prefix}.group-id`]: each((r) => r.groupId),
    [`${prefix}.prefix-list-id`]: each((r) => r.prefixListId),
  };
}

const groupFilters = {
  "group-id": (g: SecurityGroup) => g.id,
  "group-name": (g: SecurityGroup) => g.name,
  description: (g: SecurityGroup) => g.description,
  "vpc-id": (g: SecurityGroup) => g.vpcId,
  "owner-id": () => "",
  ...permissionFilters("ip-permission", (g) => g.ingress),
  ...permissionFilters("egress.ip-permission", (g) => g.egress),
};

const sgArn = (ctx: Ctx, p: Params): string => arn(ctx, "security-group", (p.GroupId as string | undefined) ?? "*");

export const securityGroupActions: Record<string, ActionSpec<Ec2Model>> = {
  CreateSecurityGroup: {
    iamAction: "ec2:CreateSecurityGroup",
    mutating: true,
    resource: (ctx) => arn(ctx, "security-group", "*"),
    run(ctx, p) {
      const name = p.GroupName as string | undefined;
      const description = p.Description as string | undefined;
      if (name === undefined) throw missingParameter("groupName");
      if (description === undefined) throw missingParameter("groupDescription");
      if (name.startsWith("sg-")) throw invalidParameterValue(`Group names may not be in the format sg-*.`);
      const vpc = p.VpcId !== undefined ? getVpc(ctx, p.VpcId as string) : defaultVpc(ctx);
      if (ctx.model.list<SecurityGroup>(ctx.region, "security-group").some((g) => g.vpcId === vpc.id && g.name === name)) {
        throw ec2Error("InvalidGroup.Duplicate", `The security group '${name}' already exists for VPC '${vpc.id}'`);
      }
      const g: SecurityGroup = { id: ec2Id("sg"), tags: tagSpecs(p, "security-group"), name, description, vpcId: vpc.id, ingress: [], egress: [defaultEgressRule()] };
      ctx.model.insert(ctx.region, "security-group", g);
      return { GroupId: g.id, SecurityGroupArn: arn(ctx, "security-group", g.id), ...tagsOut(g.tags) };
    },
  },
  DeleteSecurityGroup: {
    iamAction: "ec2:DeleteSecurityGroup",
    mutating: true,
    resource: sgArn,
    run(ctx, p) {
      const g = groupOf(ctx, p);
      if (g.name === "default") throw ec2Error("CannotDelete", `the specified group: "${g.id}" name: "default" cannot be deleted by a user`);
      const users = ctx.model.list<Resource & { securityGroupIds: string[]; state: StateName; stateSince: number }>(ctx.region, "instance");
      const referenced = ctx.model
        .list<SecurityGroup>(ctx.region, "security-group")
        .some((o) => o.id !== g.id && [...o.ingress, ...o.egress].some((r) => r.groupId === g.id));
      if (referenced || users.some((i) => stateAt(i, ctx.nowMs) !== "terminated" && i.securityGroupIds.includes(g.id))) {
        throw ec2Error("DependencyViolation", `resource ${g.id} has a dependent object`);
      }
      ctx.model.remove(g.id);
      return { Return: true, GroupId: g.id };
    },
  },
  DescribeSecurityGroups: {
    iamAction: "ec2:DescribeSecurityGroups",
    mutating: false,
    run(ctx, p) {
      let items = ctx.model.list<SecurityGroup>(ctx.region, "security-group");
      const ids = strList(p, "GroupIds");
      const names = strList(p, "GroupNames");
      for (const id of ids) if (!items.some((g) => g.id === id)) throw ec2Error("InvalidGroup.NotFound", `The security group '${id}' does not exist`);
      if (ids.length) items = items.filter((g) => ids.includes(g.id));
      if (names.length) {
        const vpc = defaultVpc(ctx);
        for (const n of names) {
          if (!items.some((g) => g.name === n && g.vpcId === vpc.id)) throw ec2Error("InvalidGroup.NotFound", `The security group '${n}' does not exist in default VPC '${vpc.id}'`);
        }
        items = items.filter((g) => names.includes(g.name) && g.vpcId === vpc.id);
      }
      const pg = page(applyFilters(items, filtersOf(p), { ...groupFilters, "owner-id": () => ctx.accountId }), p);
      return { SecurityGroups: pg.items.map((g) => groupOut(ctx, g)), ...(pg.next ? { NextToken: pg.next } : {}) };
    },
  },
  DescribeSecurityGroupRules: {
    iamAction: "ec2:DescribeSecurityGroupRules",
    mutating: false,
    run(ctx, p) {
      const ids = strList(p, "SecurityGroupRuleIds");
      const filters = filtersOf(p);
      const groupIds = filters.find((f) => f.Name === "group-id")?.Values;
      const ruleIdFilter = filters.find((f) => f.Name === "security-group-rule-id")?.Values;
      const out: Record<string, unknown>[] = [];
      for (const g of ctx.model.list<SecurityGroup>(ctx.region, "security-group")) {
        if (groupIds && !groupIds.includes(g.id)) continue;
        for (const [rules, egress] of [[g.ingress, false], [g.egress, true]] as const) {
          for (const r of rules) {
            if (ids.length && !ids.includes(r.ruleId)) continue;
            if (ruleIdFilter && !ruleIdFilter.includes(r.ruleId)) continue;
            out.push(ruleOut(ctx, g, r, egress));
          }
        }
      }
      const pg = page(out, p);
      return { SecurityGroupRules: pg.items, ...(pg.next ? { NextToken: pg.next } : {}) };
    },
  },
  AuthorizeSecurityGroupIngress: { iamAction: "ec2:AuthorizeSecurityGroupIngress", mutating: true, resource: sgArn, run: (ctx, p) => authorizeRules(ctx, p, false) },
  AuthorizeSecurityGroupEgress: { iamAction: "ec2:AuthorizeSecurityGroupEgress", mutating: true, resource: sgArn, run: (ctx, p) => authorizeRules(ctx, p, true) },
  RevokeSecurityGroupIngress: { iamAction: "ec2:RevokeSecurityGroupIngress", mutating: true, resource: sgArn, run: (ctx, p) => revokeRules(ctx, p, false) },
  RevokeSecurityGroupEgress: { iamAction: "ec2:RevokeSecurityGroupEgress", mutating: true, resource: sgArn, run: (ctx, p) => revokeRules(ctx, p, true) },
  UpdateSecurityGroupRuleDescriptionsIngress: {
    iamAction: "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
    mutating: true,
    resource: sgArn,
    run: (ctx, p) => updateDescriptions(ctx, p, false),
  },
  UpdateSecurityGroupRuleDescriptionsEgress: {
    iamAction: "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
    mutating: true,
    resource: sgArn,
    run: (ctx, p) => updateDescriptions(ctx, p, true),
  },
  ModifySecurityGroupRules: {
    iamAction: "ec2:ModifySecurityGroupRules",
    mutating: true,
    resource: sgArn,
    run(ctx, p) {
      const g = getGroup(ctx, p.GroupId as string);
      type Req = { SecurityGroupRuleId?: string; SecurityGroupRule?: { IpProtocol?: string; FromPort?: number; ToPort?: number; CidrIpv4?: string; CidrIpv6?: string; PrefixListId?: string; ReferencedGroupId?: string; Description?: string } };
      for (const req of (p.SecurityGroupRules as Req[] | undefined) ?? []) {
        const r = [...g.ingress, ...g.egress].find((x) => x.ruleId === req.SecurityGroupRuleId);
        if (!r) throw ec2Error("InvalidSecurityGroupRuleId.NotFound", `The security group rule ID '${req.SecurityGroupRuleId ?? ""}' does not exist`);
        const s = req.SecurityGroupRule ?? {};
        const perm: IpPermission = {
          IpProtocol: s.IpProtocol ?? r.protocol,
          ...(s.FromPort !== undefined ? { FromPort: s.FromPort } : {}),
          ...(s.ToPort !== undefined ? { ToPort: s.ToPort } : {}),
          ...(s.CidrIpv4 !== undefined ? { IpRanges: [{ CidrIp: s.CidrIpv4 }] } : {}),
          ...(s.CidrIpv6 !== undefined ? { Ipv6Ranges: [{ CidrIpv6: s.CidrIpv6 }] } : {}),
          ...(s.PrefixListId !== undefined ? { PrefixListIds: [{ PrefixListId: s.PrefixListId }] } : {}),
          ...(s.ReferencedGroupId !== undefined ? { UserIdGroupPairs: [{ GroupId: s.ReferencedGroupId }] } : {}),
        };
        const [next] = rulesOf(ctx, g, [perm]);
        if (!next) throw missingParameter("SecurityGroupRule.CidrIpv4");
        for (const k of ["fromPort", "toPort", "cidrIpv4", "cidrIpv6", "groupId", "prefixListId", "description"] as const) delete r[k];
        Object.assign(r, { ...next, ruleId: r.ruleId }, s.Description !== undefined ? { description: s.Description } : {});
      }
      ctx.model.update(g);
      return { Return: true };
    },
  },
};
