// data "aws_iam_policy": a managed policy by arn, or by name (and path_prefix) among the account's and AWS's.
import { mapOf, NumberType, StringType } from "../../../src/lang/types.js";
import { decodePolicy } from "../resources/iam-common.js";
import type { DataSourceType } from "./data-source.js";

const c = { type: StringType, computed: true } as const;
const oc = { type: StringType, optional: true, computed: true } as const;

export const iamPolicyData: DataSourceType = {
  schema: {
    version: 0,
    block: {
      attributes: {
        arn: oc,
        attachment_count: { type: NumberType, computed: true },
        description: c,
        id: { type: StringType, optional: true, computed: true },
        name: oc,
        path: c,
        path_prefix: { type: StringType, optional: true },
        policy: c,
        policy_id: c,
        tags: { type: mapOf(StringType), optional: true, computed: true },
      },
    },
  },
  async read(ctx, config) {
    let arn = typeof config.arn === "string" ? config.arn : undefined;
    if (!arn) {
      const matches: string[] = [];
      let marker: unknown;
      do {
        const out = await ctx.client.call("iam", "ListPolicies", {
          ...(typeof config.path_prefix === "string" ? { PathPrefix: config.path_prefix } : {}),
          ...(marker ? { Marker: marker } : {}),
        });
        for (const p of (out.Policies as { PolicyName: string; Arn: string }[]) ?? []) if (p.PolicyName === config.name) matches.push(p.Arn);
        marker = out.IsTruncated ? out.Marker : undefined;
      } while (marker);
      if (matches.length === 0) throw new Error("no matching IAM Policy found");
      if (matches.length > 1) throw new Error(`multiple IAM Policies matched; use additional constraints to reduce matches to a single IAM Policy`);
      arn = matches[0]!;
    }
    const pol = (await ctx.client.call("iam", "GetPolicy", { PolicyArn: arn })).Policy as Record<string, unknown>;
    const v = (await ctx.client.call("iam", "GetPolicyVersion", { PolicyArn: arn, VersionId: pol.DefaultVersionId })).PolicyVersion as Record<string, unknown>;
    const tags: Record<string, string> = {};
    for (const t of (pol.Tags as { Key: string; Value: string }[] | undefined) ?? []) tags[t.Key] = t.Value;
    return {
      arn,
      attachment_count: Number(pol.AttachmentCount ?? 0),
      description: typeof pol.Description === "string" ? pol.Description : "",
      id: arn,
      name: String(pol.PolicyName),
      path: String(pol.Path),
      path_prefix: config.path_prefix ?? null,
      policy: decodePolicy(v.Document),
      policy_id: String(pol.PolicyId),
      tags,
    };
  },
};
