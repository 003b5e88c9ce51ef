// aws_iam_policy: id = arn. A document change is a new default version (the oldest non-default version is
// deleted first when five exist, as the provider does); name, path and description force a new policy.
import { NumberType } from "../../../src/lang/types.js";
import { isNotFound } from "../errors.js";
import type { ResourceType } from "../resource.js";
import { computed, decodePolicy, keepEquivalent, required, resourceName, S, sdkId, tagsAttrs, tagsFromAws, tagsToSend, updateTags } from "./iam-common.js";

export const iamPolicy: ResourceType = {
  noun: "IAM Policy",
  label: (o) => String(o.arn ?? o.name ?? o.id),
  schema: {
    version: 0,
    block: {
      attributes: {
        arn: computed,
        attachment_count: { type: NumberType, computed: true },
        description: { type: S, optional: true, forceNew: true },
        id: sdkId,
        name: { type: S, optional: true, computed: true, forceNew: true },
        name_prefix: { type: S, optional: true, computed: true, forceNew: true },
        path: { type: S, optional: true, forceNew: true },
        policy: required,
        policy_id: computed,
        ...tagsAttrs,
      },
    },
  },
  defaults: { path: "/" },
  plan(_ctx, prior, p) {
    if (prior && prior.policy !== p.policy) p.attachment_count = prior.attachment_count ?? null;
  },
  adopt: async (ctx, p) => (typeof p.name === "string" ? { ...p, id: `arn:aws:iam::${ctx.accountId}:policy${typeof p.path === "string" ? p.path : "/"}${p.name}` } : null),
  async create(ctx, p) {
    const name = resourceName(p);
    const tags = tagsToSend(ctx, p);
    const out = await ctx.client.call("iam", "CreatePolicy", {
      PolicyName: name,
      Path: p.path,
      PolicyDocument: p.policy,
      ...(p.description ? { Description: p.description } : {}),
      ...(tags.length ? { Tags: tags } : {}),
    });
    const arn = String((out.Policy as { Arn: string }).Arn);
    return { ...p, id: arn, arn, name };
  },
  async read(ctx, prior) {
    let pol: Record<string, unknown>;
    let doc: string;
    try {
      pol = (await ctx.client.call("iam", "GetPolicy", { PolicyArn: prior.id })).Policy as Record<string, unknown>;
      const v = (await ctx.client.call("iam", "GetPolicyVersion", { PolicyArn: prior.id, VersionId: pol.DefaultVersionId }))
        .PolicyVersion as Record<string, unknown>;
      doc = decodePolicy(v.Document);
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
    return {
      ...prior,
      arn: String(pol.Arn),
      attachment_count: Number(pol.AttachmentCount ?? 0),
      description: typeof pol.Description === "string" && pol.Description !== "" ? pol.Description : null,
      id: String(pol.Arn),
      name: String(pol.PolicyName),
      name_prefix: typeof prior.name_prefix === "string" ? prior.name_prefix : null,
      path: String(pol.Path),
      policy: keepEquivalent(prior.policy, doc),
      policy_id: String(pol.PolicyId),
      ...tagsFromAws(ctx, pol.Tags, prior),
    };
  },
  async update(ctx, prior, p) {
    const PolicyArn = prior.id;
    if (prior.policy !== p.policy) {
      const versions = (await ctx.client.call("iam", "ListPolicyVersions", { PolicyArn })).Versions as { VersionId: string; IsDefaultVersion: boolean; CreateDate: unknown }[];
      if ((versions ?? []).length >= 5) {
        const oldest = versions.filter((v) => !v.IsDefaultVersion).sort((a, b) => String(a.CreateDate).localeCompare(String(b.CreateDate)))[0];
        if (oldest) await ctx.client.call("iam", "DeletePolicyVersion", { PolicyArn, VersionId: oldest.VersionId });
      }
      await ctx.client.call("iam", "CreatePolicyVersion", { PolicyArn, PolicyDocument: p.policy, SetAsDefault: true });
    }
    await updateTags(
      ctx,
      prior,
      p,
      (Tags) => ctx.client.call("iam", "TagPolicy", { PolicyArn, Tags }),
      (TagKeys) => ctx.client.call("iam", "UntagPolicy", { PolicyArn, TagKeys }),
    );
  },
  async delete(ctx, s) {
    const PolicyArn = s.id;
    try {
      const versions = (await ctx.client.call("iam", "ListPolicyVersions", { PolicyArn })).Versions as { VersionId: string; IsDefaultVersion: boolean }[];
      for (const v of versions ?? []) if (!v.IsDefaultVersion) await ctx.client.call("iam", "DeletePolicyVersion", { PolicyArn, VersionId: v.VersionId });
      await ctx.client.call("iam", "DeletePolicy", { PolicyArn });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  },
  importId: (id) => ({ id, arn: id }),
};
