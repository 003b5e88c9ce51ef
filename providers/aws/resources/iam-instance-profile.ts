// aws_iam_instance_profile: id = name; `role` is swapped in place (remove, then add).
import { isNotFound } from "../errors.js";
import { adoptByName, type ResourceType } from "../resource.js";
import { computed, optional, resourceName, rfc3339, S, sdkId, tagsAttrs, tagsFromAws, tagsToSend, updateTags } from "./iam-common.js";

export const iamInstanceProfile: ResourceType = {
  noun: "IAM Instance Profile",
  label: (o) => String(o.name ?? o.id),
  schema: {
    version: 0,
    block: {
      attributes: {
        arn: computed,
        create_date: computed,
        id: sdkId,
        name: { type: S, optional: true, computed: true, forceNew: true },
        name_prefix: { type: S, optional: true, computed: true, forceNew: true },
        path: { type: S, optional: true, forceNew: true },
        role: optional,
        ...tagsAttrs,
        unique_id: computed,
      },
    },
  },
  defaults: { path: "/" },
  adopt: adoptByName("name"),
  async create(ctx, p) {
    const name = resourceName(p);
    const tags = tagsToSend(ctx, p);
    await ctx.client.call("iam", "CreateInstanceProfile", { InstanceProfileName: name, Path: p.path, ...(tags.length ? { Tags: tags } : {}) });
    if (p.role) await ctx.client.call("iam", "AddRoleToInstanceProfile", { InstanceProfileName: name, RoleName: p.role });
    return { ...p, id: name, name };
  },
  async read(ctx, prior) {
    let ip: Record<string, unknown>;
    try {
      ip = (await ctx.client.call("iam", "GetInstanceProfile", { InstanceProfileName: prior.id })).InstanceProfile as Record<string, unknown>;
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
    const roles = (ip.Roles as { RoleName: string }[] | undefined) ?? [];
    return {
      ...prior,
      arn: String(ip.Arn),
      create_date: rfc3339(ip.CreateDate),
      id: String(ip.InstanceProfileName),
      name: String(ip.InstanceProfileName),
      name_prefix: prior.name_prefix ?? null,
      path: String(ip.Path),
      role: roles[0]?.RoleName ?? null,
      unique_id: String(ip.InstanceProfileId),
      ...tagsFromAws(ctx, ip.Tags, prior),
    };
  },
  async update(ctx, prior, p) {
    const InstanceProfileName = prior.id;
    if (prior.role !== p.role) {
      if (prior.role) await ctx.client.call("iam", "RemoveRoleFromInstanceProfile", { InstanceProfileName, RoleName: prior.role });
      if (p.role) await ctx.client.call("iam", "AddRoleToInstanceProfile", { InstanceProfileName, RoleName: p.role });
    }
    await updateTags(
      ctx,
      prior,
      p,
      (Tags) => ctx.client.call("iam", "TagInstanceProfile", { InstanceProfileName, Tags }),
      (TagKeys) => ctx.client.call("iam", "UntagInstanceProfile", { InstanceProfileName, TagKeys }),
    );
  },
  async delete(ctx, s) {
    const InstanceProfileName = s.id;
    try {
      if (s.role) await ctx.client.call("iam", "RemoveRoleFromInstanceProfile", { InstanceProfileName, RoleName: s.role });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    try {
      await ctx.client.call("iam", "DeleteInstanceProfile", { InstanceProfileName });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
  importId: (id) => ({ id, name: id }),
};
