// CreateTags, DeleteTags and DescribeTags across resource types (instances, volumes, snapshots, VPCs, subnets,
// security groups and their sgr- rules, key pairs). A resource id's prefix tells its type, as on AWS.
import type { ActionContext, ActionSpec, Params } from "../service.js";
import { ec2Error } from "./errors.js";
import { applyFilters, filtersOf, page, strList } from "./filters.js";
import type { Ec2Model, Kind, Resource, Tag } from "./model.js";
import { type SecurityGroup, findRule } from "./security-groups.js";
import { arn } from "./vpcs.js";

type Ctx = ActionContext<Ec2Model>;

const BY_PREFIX: Readonly<Record<string, { kind: Kind; notFound: string; what: string }>> = {
  i: { kind: "instance", notFound: "InvalidInstanceID.NotFound", what: "instance ID" },
  vol: { kind: "volume", notFound: "InvalidVolume.NotFound", what: "volume" },
  snap: { kind: "snapshot", notFound: "InvalidSnapshot.NotFound", what: "snapshot" },
  vpc: { kind: "vpc", notFound: "InvalidVpcID.NotFound", what: "vpc ID" },
  subnet: { kind: "subnet", notFound: "InvalidSubnetID.NotFound", what: "subnet ID" },
  sg: { kind: "security-group", notFound: "InvalidGroup.NotFound", what: "security group" },
  key: { kind: "key-pair", notFound: "InvalidKeyPair.NotFound", what: "key pair" },
};

/** A taggable thing: a stored resource, or a security group rule (kept inside its group, tagged by its sgr- id). */
interface Tagged {
  readonly tags: Tag[];
  save(): void;
}

function resourceOf(ctx: Ctx, id: string): Tagged {
  if (id.startsWith("sgr-")) {
    const found = findRule(ctx, id);
    if (!found) throw ec2Error("InvalidSecurityGroupRuleId.NotFound", `The security group rule ID '${id}' does not exist`);
    const tags = (found.rule.tags ??= []);
    return { tags, save: () => ctx.model.update(found.group) };
  }
  const t = BY_PREFIX[id.slice(0, id.indexOf("-"))];
  if (!t) throw ec2Error("InvalidID", `The ID '${id}' is not valid`);
  const res = ctx.model.get<Resource>(ctx.region, t.kind, id);
  if (!res) throw ec2Error(t.notFound, `The ${t.what} '${id}' does not exist`);
  return { tags: res.tags, save: () => ctx.model.update(res) };
}

function authorizeEach(iamAction: string) {
  return (ctx: Ctx, p: Params, request: { context: Parameters<Ctx["authorize"]>[2] }): void => {
    for (const id of strList(p, "Resources")) {
      const kind = id.startsWith("sgr-") ? "security-group-rule" : BY_PREFIX[id.slice(0, id.indexOf("-"))]?.kind;
      ctx.authorize(iamAction, arn(ctx, kind ?? "*", id), request.context);
    }
  };
}

/** aws:RequestTag/* and aws:TagKeys come from the pipeline for Tags: [{Key, Value}]. */
export const tagActions: Record<string, ActionSpec<Ec2Model>> = {
  CreateTags: {
    iamAction: "ec2:CreateTags",
    mutating: true,
    authorize: authorizeEach("ec2:CreateTags"),
    run(ctx, p) {
      const tags = (p.Tags as { Key: string; Value?: string }[] | undefined) ?? [];
      for (const id of strList(p, "Resources")) {
        const res = resourceOf(ctx, id);
        for (const t of tags) {
          if (t.Key.toLowerCase().startsWith("aws:")) throw ec2Error("InvalidParameterValue", `Value (${t.Key}) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use`);
          const existing = res.tags.find((x) => x.Key === t.Key);
          if (existing) existing.Value = t.Value ?? "";
          else res.tags.push({ Key: t.Key, Value: t.Value ?? "" });
        }
        if (res.tags.length > 50) throw ec2Error("TagLimitExceeded", `The maximum number of Tags for a resource has been reached.`);
        res.save();
      }
      return {};
    },
  },
  DeleteTags: {
    iamAction: "ec2:DeleteTags",
    mutating: true,
    authorize: authorizeEach("ec2:DeleteTags"),
    run(ctx, p) {
      const tags = p.Tags as { Key: string; Value?: string }[] | undefined;
      for (const id of strList(p, "Resources")) {
        const res = resourceOf(ctx, id);
        // Without Tags, every tag goes; a tag given with a Value goes only when its value matches.
        const kept = tags === undefined ? [] : res.tags.filter((x) => !tags.some((t) => t.Key === x.Key && (t.Value === undefined || t.Value === x.Value)));
        res.tags.splice(0, res.tags.length, ...kept);
        res.save();
      }
      return {};
    },
  },
  DescribeTags: {
    iamAction: "ec2:DescribeTags",
    mutating: false,
    run(ctx, p) {
      type Row = Resource & { resourceId: string; resourceType: Kind | "security-group-rule"; key: string; value: string };
      const rows: Row[] = [];
      for (const { kind, res } of ctx.model.listAll(ctx.region)) {
        for (const t of res.tags as Tag[]) rows.push({ id: res.id, tags: [], resourceId: res.id, resourceType: kind, key: t.Key, value: t.Value });
        if (kind !== "security-group") continue;
        const g = res as SecurityGroup;
        for (const r of [...g.ingress, ...g.egress]) {
          for (const t of r.tags ?? []) rows.push({ id: r.ruleId, tags: [], resourceId: r.ruleId, resourceType: "security-group-rule", key: t.Key, value: t.Value });
        }
      }
      const items = applyFilters(rows, filtersOf(p), {
        "resource-id": (r) => r.resourceId,
        "resource-type": (r) => r.resourceType,
        key: (r) => r.key,
        value: (r) => r.value,
      });
      const pg = page(items, p);
      return { Tags: pg.items.map((r) => ({ ResourceId: r.resourceId, ResourceType: r.resourceType, Key: r.key, Value: r.value })), ...(pg.next ? { NextToken: pg.next } : {}) };
    },
  },
};
