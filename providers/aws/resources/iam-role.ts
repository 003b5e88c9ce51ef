// aws_iam_role: id = name (generated from name_prefix when unset); the trust policy is updated in place.
import { NumberType } from "../../../src/lang/types.js";
import { isNotFound } from "../errors.js";
import { adoptByName, type ResourceType } from "../resource.js";
import { computed, decodePolicy, forceDestroy, keepEquivalent, optional, required, resourceName, rfc3339, S, sdkId, tagsAttrs, tagsFromAws, tagsToSend, updateTags } from "./iam-common.js";

export const iamRole: ResourceType = {
  noun: "IAM Role",
  label: (o) => String(o.name ?? o.id),
  schema: {
    version: 0,
    block: {
      attributes: {
        arn: computed,
        assume_role_policy: required,
        create_date: computed,
        description: optional,
        force_detach_policies: forceDestroy,
        id: sdkId,
        max_session_duration: { type: NumberType, optional: true },
        name: { type: S, optional: true, computed: true, forceNew: true },
        name_prefix: { type: S, optional: true, computed: true, forceNew: true },
        path: { type: S, optional: true, forceNew: true },
        permissions_boundary: optional,
        ...tagsAttrs,
        unique_id: computed,
      },
    },
  },
  defaults: { path: "/", force_detach_policies: false, max_session_duration: 3600 },
  adopt: adoptByName("name"),
  async create(ctx, p) {
    const name = resourceName(p);
    const tags = tagsToSend(ctx, p);
    await ctx.client.call("iam", "CreateRole", {
      RoleName: name,
      Path: p.path,
      AssumeRolePolicyDocument: p.assume_role_policy,
      MaxSessionDuration: p.max_session_duration,
      ...(p.description ? { Description: p.description } : {}),
      ...(p.permissions_boundary ? { PermissionsBoundary: p.permissions_boundary } : {}),
      ...(tags.length ? { Tags: tags } : {}),
    });
    return { ...p, id: name, name };
  },
  async read(ctx, prior) {
    let r: Record<string, unknown>;
    try {
      r = (await ctx.client.call("iam", "GetRole", { RoleName: prior.id })).Role as Record<string, unknown>;
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
    const name = String(r.RoleName);
    const pb = (r.PermissionsBoundary as { PermissionsBoundaryArn?: string } | undefined)?.PermissionsBoundaryArn ?? null;
    return {
      ...prior,
      arn: String(r.Arn),
      assume_role_policy: keepEquivalent(prior.assume_role_policy, decodePolicy(r.AssumeRolePolicyDocument)),
      create_date: rfc3339(r.CreateDate),
      description: typeof r.Description === "string" && r.Description !== "" ? r.Description : null,
      force_detach_policies: prior.force_detach_policies ?? false,
      id: name,
      max_session_duration: Number(r.MaxSessionDuration ?? 3600),
      name,
      name_prefix: typeof prior.name_prefix === "string" ? prior.name_prefix : null,
      path: String(r.Path),
      permissions_boundary: pb,
      unique_id: String(r.RoleId),
      ...tagsFromAws(ctx, r.Tags, prior),
    };
  },
  async update(ctx, prior, p) {
    const RoleName = prior.id;
    if (prior.assume_role_policy !== p.assume_role_policy) {
      await ctx.client.call("iam", "UpdateAssumeRolePolicy", { RoleName, PolicyDocument: p.assume_role_policy });
    }
    if (prior.description !== p.description || prior.max_session_duration !== p.max_session_duration) {
      await ctx.client.call("iam", "UpdateRole", { RoleName, Description: p.description ?? "", MaxSessionDuration: p.max_session_duration });
    }
    if (prior.permissions_boundary !== p.permissions_boundary) {
      if (p.permissions_boundary) await ctx.client.call("iam", "PutRolePermissionsBoundary", { RoleName, PermissionsBoundary: p.permissions_boundary });
      else await ctx.client.call("iam", "DeleteRolePermissionsBoundary", { RoleName });
    }
    await updateTags(
      ctx,
      prior,
      p,
      (Tags) => ctx.client.call("iam", "TagRole", { RoleName, Tags }),
      (TagKeys) => ctx.client.call("iam", "UntagRole", { RoleName, TagKeys }),
    );
  },
  async delete(ctx, s) {
    const RoleName = s.id;
    try {
      // The provider always removes the role from its instance profiles; policies only with force_detach_policies.
      const ips = (await ctx.client.call("iam", "ListInstanceProfilesForRole", { RoleName })).InstanceProfiles as { InstanceProfileName: string }[];
      for (const ip of ips ?? []) await ctx.client.call("iam", "RemoveRoleFromInstanceProfile", { RoleName, InstanceProfileName: ip.InstanceProfileName });
      if (s.force_detach_policies === true) {
        const attached = (await ctx.client.call("iam", "ListAttachedRolePolicies", { RoleName })).AttachedPolicies as { PolicyArn: string }[];
        for (const a of attached ?? []) await ctx.client.call("iam", "DetachRolePolicy", { RoleName, PolicyArn: a.PolicyArn });
        const inline = (await ctx.client.call("iam", "ListRolePolicies", { RoleName })).PolicyNames as string[];
        for (const n of inline ?? []) await ctx.client.call("iam", "DeleteRolePolicy", { RoleName, PolicyName: n });
      }
      await ctx.client.call("iam", "DeleteRole", { RoleName });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
  importId: (id) => ({ id, name: id, force_detach_policies: false }),
};
