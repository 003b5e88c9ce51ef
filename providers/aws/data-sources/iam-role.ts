// data "aws_iam_role": a role by name.
import { mapOf, NumberType, StringType } from "../../../src/lang/types.js";
import { decodePolicy, rfc3339 } from "../resources/iam-common.js";
import type { DataSourceType } from "./data-source.js";

const c = { type: StringType, computed: true } as const;

export const iamRoleData: DataSourceType = {
  schema: {
    version: 0,
    block: {
      attributes: {
        arn: c,
        assume_role_policy: c,
        create_date: c,
        description: c,
        id: { type: StringType, optional: true, computed: true },
        max_session_duration: { type: NumberType, computed: true },
        name: { type: StringType, required: true },
        path: c,
        permissions_boundary: c,
        tags: { type: mapOf(StringType), optional: true, computed: true },
        unique_id: c,
      },
    },
  },
  async read(ctx, config) {
    const r = (await ctx.client.call("iam", "GetRole", { RoleName: config.name })).Role as Record<string, unknown>;
    const tags: Record<string, string> = {};
    for (const t of (r.Tags as { Key: string; Value: string }[] | undefined) ?? []) tags[t.Key] = t.Value;
    return {
      arn: String(r.Arn),
      assume_role_policy: decodePolicy(r.AssumeRolePolicyDocument),
      create_date: rfc3339(r.CreateDate),
      description: typeof r.Description === "string" ? r.Description : "",
      id: String(r.RoleName),
      max_session_duration: Number(r.MaxSessionDuration ?? 3600),
      name: String(r.RoleName),
      path: String(r.Path),
      permissions_boundary: (r.PermissionsBoundary as { PermissionsBoundaryArn?: string } | undefined)?.PermissionsBoundaryArn ?? "",
      tags,
      unique_id: String(r.RoleId),
    };
  },
};
