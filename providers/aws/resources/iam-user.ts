// aws_iam_user: id = name; a rename or path change is an UpdateUser, not a replacement.
import { isNotFound } from "../errors.js";
import type { Obj } from "../plain.js";
import { adoptByName, type ResourceContext, type ResourceType } from "../resource.js";
import { computed, forceDestroy, optional, required, sdkId, tagsAttrs, tagsFromAws, tagsToSend, updateTags } from "./iam-common.js";

export const iamUser: ResourceType = {
  noun: "IAM User",
  label: (o) => String(o.name ?? o.id),
  schema: {
    version: 0,
    block: {
      attributes: {
        arn: computed,
        force_destroy: forceDestroy,
        id: sdkId,
        name: required,
        path: optional,
        permissions_boundary: optional,
        ...tagsAttrs,
        unique_id: computed,
      },
    },
  },
  defaults: { path: "/", force_destroy: false },
  adopt: adoptByName("name"),
  async create(ctx, p) {
    const name = String(p.name);
    await ctx.client.call("iam", "CreateUser", {
      UserName: name,
      Path: p.path,
      ...(p.permissions_boundary ? { PermissionsBoundary: p.permissions_boundary } : {}),
      ...(tagsToSend(ctx, p).length ? { Tags: tagsToSend(ctx, p) } : {}),
    });
    return { ...p, id: name };
  },
  async read(ctx, prior) {
    let u: Record<string, unknown>;
    try {
      u = (await ctx.client.call("iam", "GetUser", { UserName: prior.id })).User as Record<string, unknown>;
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
    const pb = (u.PermissionsBoundary as { PermissionsBoundaryArn?: string } | undefined)?.PermissionsBoundaryArn ?? null;
    return {
      ...prior,
      arn: String(u.Arn),
      id: String(u.UserName),
      name: String(u.UserName),
      path: String(u.Path),
      permissions_boundary: pb,
      unique_id: String(u.UserId),
      force_destroy: prior.force_destroy ?? false,
      ...tagsFromAws(ctx, u.Tags, prior),
    };
  },
  async update(ctx, prior, p) {
    if (prior.name !== p.name || prior.path !== p.path) {
      await ctx.client.call("iam", "UpdateUser", { UserName: prior.id, NewUserName: p.name, NewPath: p.path });
      p.id = p.name;
    }
    if (prior.permissions_boundary !== p.permissions_boundary) {
      if (p.permissions_boundary) await ctx.client.call("iam", "PutUserPermissionsBoundary", { UserName: p.name, PermissionsBoundary: p.permissions_boundary });
      else await ctx.client.call("iam", "DeleteUserPermissionsBoundary", { UserName: p.name });
    }
    await updateTags(
      ctx,
      prior,
      p,
      (Tags) => ctx.client.call("iam", "TagUser", { UserName: p.name, Tags }),
      (TagKeys) => ctx.client.call("iam", "UntagUser", { UserName: p.name, TagKeys }),
    );
  },
  async delete(ctx, s) {
    if (s.force_destroy === true) await detachEverything(ctx, s);
    try {
      await ctx.client.call("iam", "DeleteUser", { UserName: s.id });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
  importId: (id) => ({ id, name: id, force_destroy: false }),
};

/** force_destroy: what the provider removes before DeleteUser (keys, login profile, policies, group memberships). */
async function detachEverything(ctx: ResourceContext, s: Obj): Promise<void> {
  const UserName = s.id;
  const keys = (await ctx.client.call("iam", "ListAccessKeys", { UserName })).AccessKeyMetadata as { AccessKeyId: string }[];
  for (const k of keys ?? []) await ctx.client.call("iam", "DeleteAccessKey", { UserName, AccessKeyId: k.AccessKeyId });
  try {
    await ctx.client.call("iam", "DeleteLoginProfile", { UserName });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  const attached = (await ctx.client.call("iam", "ListAttachedUserPolicies", { UserName })).AttachedPolicies as { PolicyArn: string }[];
  for (const a of attached ?? []) await ctx.client.call("iam", "DetachUserPolicy", { UserName, PolicyArn: a.PolicyArn });
  const inline = (await ctx.client.call("iam", "ListUserPolicies", { UserName })).PolicyNames as string[];
  for (const n of inline ?? []) await ctx.client.call("iam", "DeleteUserPolicy", { UserName, PolicyName: n });
  const groups = (await ctx.client.call("iam", "ListGroupsForUser", { UserName })).Groups as { GroupName: string }[];
  for (const g of groups ?? []) await ctx.client.call("iam", "RemoveUserFromGroup", { UserName, GroupName: g.GroupName });
}
