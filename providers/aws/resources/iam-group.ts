// aws_iam_group: id = name; renames are an UpdateGroup.
import { isNotFound } from "../errors.js";
import { adoptByName, type ResourceType } from "../resource.js";
import { computed, optional, required, sdkId } from "./iam-common.js";

export const iamGroup: ResourceType = {
  noun: "IAM Group",
  label: (o) => String(o.name ?? o.id),
  schema: { version: 0, block: { attributes: { arn: computed, id: sdkId, name: required, path: optional, unique_id: computed } } },
  defaults: { path: "/" },
  adopt: adoptByName("name"),
  async create(ctx, p) {
    await ctx.client.call("iam", "CreateGroup", { GroupName: p.name, Path: p.path });
    return { ...p, id: p.name };
  },
  async read(ctx, prior) {
    let g: Record<string, unknown>;
    try {
      g = (await ctx.client.call("iam", "GetGroup", { GroupName: prior.id })).Group as Record<string, unknown>;
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
    return { ...prior, arn: String(g.Arn), id: String(g.GroupName), name: String(g.GroupName), path: String(g.Path), unique_id: String(g.GroupId) };
  },
  async update(ctx, prior, p) {
    await ctx.client.call("iam", "UpdateGroup", { GroupName: prior.id, NewGroupName: p.name, NewPath: p.path });
    p.id = p.name;
  },
  async delete(ctx, s) {
    try {
      await ctx.client.call("iam", "DeleteGroup", { GroupName: s.id });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
  importId: (id) => ({ id, name: id }),
};
