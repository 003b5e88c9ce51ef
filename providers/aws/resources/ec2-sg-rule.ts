// aws_vpc_security_group_ingress_rule / _egress_rule: one rule, one peer, its own sgr- id (the provider's
// recommended shape, against which inline rules drift).
import { mapOf, NumberType } from "../../../src/lang/types.js";
import { AwsCallError } from "../errors.js";
import type { Obj } from "../plain.js";
import type { ResourceType } from "../resource.js";
import { computed, S, tagsAttrs, tagsFromAws, tagsToSend, updateTags } from "./iam-common.js";
import { ec2TagUpdater } from "./ec2-common.js";

const opt = { type: S, optional: true } as const;

function permission(p: Obj): Record<string, unknown> {
  const d = typeof p.description === "string" ? { Description: p.description } : {};
  const all = p.ip_protocol === "-1" || p.ip_protocol === "all";
  return {
    IpProtocol: all ? "-1" : p.ip_protocol,
    ...(all ? {} : { FromPort: p.from_port, ToPort: p.to_port }),
    ...(typeof p.cidr_ipv4 === "string" ? { IpRanges: [{ CidrIp: p.cidr_ipv4, ...d }] } : {}),
    ...(typeof p.cidr_ipv6 === "string" ? { Ipv6Ranges: [{ CidrIpv6: p.cidr_ipv6, ...d }] } : {}),
    ...(typeof p.prefix_list_id === "string" ? { PrefixListIds: [{ PrefixListId: p.prefix_list_id, ...d }] } : {}),
    ...(typeof p.referenced_security_group_id === "string" ? { UserIdGroupPairs: [{ GroupId: p.referenced_security_group_id, ...d }] } : {}),
  };
}

function rule(kind: "Ingress" | "Egress"): ResourceType {
  return {
    noun: `VPC Security Group ${kind} Rule`,
    label: (o) => String(o.id ?? o.security_group_id),
    schema: {
      version: 0,
      block: {
        attributes: {
          arn: computed,
          cidr_ipv4: opt,
          cidr_ipv6: opt,
          description: opt,
          from_port: { type: NumberType, optional: true },
          id: computed,
          ip_protocol: { type: S, required: true },
          prefix_list_id: opt,
          referenced_security_group_id: opt,
          security_group_id: { type: S, required: true, forceNew: true },
          security_group_rule_id: computed,
          ...tagsAttrs,
          // A framework resource: tags_all is computed only (the SDK's resources make it optional too).
          tags_all: { type: mapOf(S), computed: true },
          to_port: { type: NumberType, optional: true },
        },
      },
    },
    async create(ctx, p) {
      const tags = tagsToSend(ctx, p);
      const out = await ctx.client.call("ec2", `AuthorizeSecurityGroup${kind}`, {
        GroupId: p.security_group_id,
        IpPermissions: [permission(p)],
        ...(tags.length ? { TagSpecifications: [{ ResourceType: "security-group-rule", Tags: tags }] } : {}),
      });
      const id = String(((out.SecurityGroupRules as { SecurityGroupRuleId: string }[]) ?? [])[0]?.SecurityGroupRuleId);
      return { ...p, id, security_group_rule_id: id };
    },
    async read(ctx, prior) {
      let r: Record<string, unknown> | undefined;
      try {
        r = ((await ctx.client.call("ec2", "DescribeSecurityGroupRules", { SecurityGroupRuleIds: [prior.id] })).SecurityGroupRules as Record<string, unknown>[])?.[0];
      } catch (e) {
        if (e instanceof AwsCallError && (e.code === "InvalidSecurityGroupRuleId.NotFound" || e.code === "InvalidGroup.NotFound")) return null;
        throw e;
      }
      if (!r || (r.IsEgress === true) !== (kind === "Egress")) return null;
      const all = r.IpProtocol === "-1";
      const s = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
      return {
        ...prior,
        arn: `arn:aws:ec2:${ctx.region}:${String(r.GroupOwnerId ?? ctx.accountId)}:security-group-rule/${String(r.SecurityGroupRuleId)}`,
        cidr_ipv4: s(r.CidrIpv4),
        cidr_ipv6: s(r.CidrIpv6),
        description: s(r.Description),
        from_port: all ? null : Number(r.FromPort),
        id: String(r.SecurityGroupRuleId),
        ip_protocol: String(r.IpProtocol),
        prefix_list_id: s(r.PrefixListId),
        referenced_security_group_id: s((r.ReferencedGroupInfo as { GroupId?: string } | undefined)?.GroupId),
        security_group_id: String(r.GroupId),
        security_group_rule_id: String(r.SecurityGroupRuleId),
        to_port: all ? null : Number(r.ToPort),
        ...tagsFromAws(ctx, r.Tags, prior),
      };
    },
    async update(ctx, prior, p) {
      const { IpProtocol, FromPort, ToPort } = permission(p);
      await ctx.client.call("ec2", "ModifySecurityGroupRules", {
        GroupId: p.security_group_id,
        SecurityGroupRules: [
          {
            SecurityGroupRuleId: prior.id,
            SecurityGroupRule: {
              IpProtocol,
              ...(FromPort !== undefined ? { FromPort, ToPort } : {}),
              ...(typeof p.cidr_ipv4 === "string" ? { CidrIpv4: p.cidr_ipv4 } : {}),
              ...(typeof p.cidr_ipv6 === "string" ? { CidrIpv6: p.cidr_ipv6 } : {}),
              ...(typeof p.prefix_list_id === "string" ? { PrefixListId: p.prefix_list_id } : {}),
              ...(typeof p.referenced_security_group_id === "string" ? { ReferencedGroupId: p.referenced_security_group_id } : {}),
              ...(typeof p.description === "string" ? { Description: p.description } : {}),
            },
          },
        ],
      });
      const [tag, untag] = ec2TagUpdater(ctx, String(prior.id));
      await updateTags(ctx, prior, p, tag, untag);
    },
    async delete(ctx, s) {
      try {
        await ctx.client.call("ec2", `RevokeSecurityGroup${kind}`, { GroupId: s.security_group_id, SecurityGroupRuleIds: [s.id] });
      } catch (e) {
        if (!(e instanceof AwsCallError && (e.code === "InvalidSecurityGroupRuleId.NotFound" || e.code === "InvalidGroup.NotFound" || e.code === "InvalidPermission.NotFound"))) throw e;
      }
    },
    importId: (id) => ({ id }),
  };
}

export const vpcSecurityGroupIngressRule = rule("Ingress");
export const vpcSecurityGroupEgressRule = rule("Egress");
