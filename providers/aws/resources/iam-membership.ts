// Group membership two ways: aws_iam_user_group_membership (one user, some of its groups: only those are
// managed) and aws_iam_group_membership (one group, exactly these users).
import { setOf } from "../../../src/lang/types.js";
import { isNotFound } from "../errors.js";
import { strList } from "../plain.js";
import type { ResourceContext, ResourceType } from "../resource.js";
import { computed, prefixedUniqueId, requiredForceNew, S, sdkId } from "./iam-common.js";

const stringSet = { type: setOf(S), required: true } as const;

async function groupsOf(ctx: ResourceContext, user: unknown): Promise<string[]> {
  const out = await ctx.client.call("iam", "ListGroupsForUser", { UserName: user });
  return ((out.Groups as { GroupName: string }[]) ?? []).map((g) => g.GroupName);
}

async function usersOf(ctx: ResourceContext, group: unknown): Promise<string[]> {
  const out = await ctx.client.call("iam", "GetGroup", { GroupName: group });
  return ((out.Users as { UserName: string }[]) ?? []).map((u) => u.UserName);
}

export const iamUserGroupMembership: ResourceType = {
  noun: "IAM User Group Membership",
  label: (o) => String(o.user),
  schema: { version: 0, block: { attributes: { groups: stringSet, id: sdkId, user: requiredForceNew } } },
  async create(ctx, p) {
    for (const g of strList(p.groups)) await ctx.client.call("iam", "AddUserToGroup", { UserName: p.user, GroupName: g });
    return { ...p, id: prefixedUniqueId("terraform-") };
  },
  async read(ctx, prior) {
    let now: string[];
    try {
      now = await groupsOf(ctx, prior.user);
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
    const managed = strList(prior.groups);
    const groups = managed.length ? now.filter((g) => managed.includes(g)) : now;
    return groups.length ? { ...prior, groups } : null;
  },
  async update(ctx, prior, p) {
    const before = strList(prior.groups);
    const after = strList(p.groups);
    for (const g of before) if (!after.includes(g)) await ctx.client.call("iam", "RemoveUserFromGroup", { UserName: p.user, GroupName: g });
    for (const g of after) if (!before.includes(g)) await ctx.client.call("iam", "AddUserToGroup", { UserName: p.user, GroupName: g });
  },
  async delete(ctx, s) {
    for (const g of strList(s.groups)) {
      try {
        await ctx.client.call("iam", "RemoveUserFromGroup", { UserName: s.user, GroupName: g });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  },
  importId(id) {
    const [user, ...groups] = id.split("/");
    return { id: prefixedUniqueId("terraform-"), user: user ?? "", groups };
  },
};

export const iamGroupMembership: ResourceType = {
  noun: "IAM Group Membership",
  label: (o) => String(o.name),
  schema: { version: 0, block: { attributes: { group: requiredForceNew, id: sdkId, name: requiredForceNew, users: stringSet } } },
  async create(ctx, p) {
    for (const u of strList(p.users)) await ctx.client.call("iam", "AddUserToGroup", { UserName: u, GroupName: p.group });
    return { ...p, id: p.name };
  },
  async read(ctx, prior) {
    let users: string[];
    try {
      users = await usersOf(ctx, prior.group);
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
    return { ...prior, users };
  },
  async update(ctx, prior, p) {
    const before = strList(prior.users);
    const after = strList(p.users);
    for (const u of before) if (!after.includes(u)) await ctx.client.call("iam", "RemoveUserFromGroup", { UserName: u, GroupName: p.group });
    for (const u of after) if (!before.includes(u)) await ctx.client.call("iam", "AddUserToGroup", { UserName: u, GroupName: p.group });
  },
  async delete(ctx, s) {
    for (const u of strList(s.users)) {
      try {
        await ctx.client.call("iam", "RemoveUserFromGroup", { UserName: u, GroupName: s.group });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  },
};
