// Instance profiles: the container that passes one role to an EC2 instance.
import { iamArn, uniqueId } from "../ids.js";
import type { ActionContext, ActionSpec, Params } from "../service.js";
import { mergeTags, optStr, paginate, parseTags, pathParam, removeTags, str, tagsParam, listResource, listPage
} from "./common.js";
import { alreadyExists, deleteConflict, entityNotFound, limitExceeded, noSuchEntity } from "./errors.js";
import type { IamModel, RoleRow } from "./model.js";
import { requireRole, roleOut } from "./roles.js";

type Ctx = ActionContext<IamModel>;

export interface ProfileRow {
  id: string;
  name: string;
  path: string;
  arn: string;
  create_date: number;
  tags: string;
}

export function profileOut(ctx: Ctx, ip: ProfileRow, withTags: boolean): Record<string, unknown> {
  const roles = ctx.iam.q("SELECT r.* FROM roles r JOIN instance_profile_roles x ON x.role_id = r.id WHERE x.profile_id = ?").all(ip.id) as RoleRow[];
  const tags = withTags ? parseTags(ip.tags) : [];
  return {
    Path: ip.path,
    InstanceProfileName: ip.name,
    InstanceProfileId: ip.id,
    Arn: ip.arn,
    CreateDate: new Date(ip.create_date),
    Roles: roles.map((r) => roleOut(r, "list")),
    ...(tags.length ? { Tags: tags } : {}),
  };
}

function requireProfile(ctx: Ctx, name: string): ProfileRow {
  const ip = ctx.iam.q("SELECT * FROM instance_profiles WHERE name_lc = ?").get(name.toLowerCase()) as ProfileRow | undefined;
  if (!ip) throw noSuchEntity(`Instance Profile ${name} cannot be found.`);
  return ip;
}

function profileResource(ctx: Ctx, p: Params): string {
  const name = str(p, "InstanceProfileName");
  const ip = ctx.iam.q("SELECT arn FROM instance_profiles WHERE name_lc = ?").get(name.toLowerCase()) as { arn: string } | undefined;
  return ip?.arn ?? iamArn(ctx.accountId, "instance-profile", optStr(p, "Path") ?? "/", name);
}

export const instanceProfileActions: Record<string, ActionSpec<IamModel>> = {
  CreateInstanceProfile: {
    iamAction: "iam:CreateInstanceProfile",
    mutating: true,
    resource: (ctx, p) => iamArn(ctx.accountId, "instance-profile", pathParam(p), str(p, "InstanceProfileName")),
    run(ctx, p) {
      const name = str(p, "InstanceProfileName");
      if (ctx.iam.q("SELECT 1 FROM instance_profiles WHERE name_lc = ?").get(name.toLowerCase())) {
        throw alreadyExists(`Instance Profile ${name} already exists.`);
      }
      const path = pathParam(p);
      const ip: ProfileRow = {
        id: uniqueId("AIPA"),
        name,
        path,
        arn: iamArn(ctx.accountId, "instance-profile", path, name),
        create_date: ctx.nowMs,
        tags: JSON.stringify(tagsParam(p)),
      };
      ctx.iam
        .q("INSERT INTO instance_profiles (id, name, name_lc, path, arn, create_date, tags) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .run(ip.id, name, name.toLowerCase(), path, ip.arn, ip.create_date, ip.tags);
      return { InstanceProfile: profileOut(ctx, ip, true) };
    },
  },
  GetInstanceProfile: {
    iamAction: "iam:GetInstanceProfile",
    mutating: false,
    resource: profileResource,
    run: (ctx, p) => ({ InstanceProfile: profileOut(ctx, requireProfile(ctx, str(p, "InstanceProfileName")), true) }),
  },
  ListInstanceProfiles: {
    iamAction: "iam:ListInstanceProfiles",
    mutating: false,
    // AWS authorizes listings on the path: "arn:aws:iam::ACCOUNT:instance-profile/" (or the PathPrefix).
    resource: (ctx, p) => listResource(ctx.accountId, "instance-profile", p),
    run(ctx, p) {
      return listPage<ProfileRow>(ctx.iam, "instance_profiles", p, "InstanceProfiles", (ip) => profileOut(ctx, ip, false));
    },
  },
  ListInstanceProfilesForRole: {
    iamAction: "iam:ListInstanceProfilesForRole",
    mutating: false,
    resource: (ctx, p) => requireRole(ctx, str(p, "RoleName")).arn,
    run(ctx, p) {
      const role = requireRole(ctx, str(p, "RoleName"));
      const rows = ctx.iam
        .q("SELECT ip.* FROM instance_profiles ip JOIN instance_profile_roles x ON x.profile_id = ip.id WHERE x.role_id = ? ORDER BY ip.name_lc")
        .all(role.id) as ProfileRow[];
      return paginate(rows, p, "InstanceProfiles", (ip) => profileOut(ctx, ip, false));
    },
  },
  DeleteInstanceProfile: {
    iamAction: "iam:DeleteInstanceProfile",
    mutating: true,
    resource: profileResource,
    run(ctx, p) {
      const ip = requireProfile(ctx, str(p, "InstanceProfileName"));
      if (ctx.iam.q("SELECT 1 FROM instance_profile_roles WHERE profile_id = ?").get(ip.id)) {
        throw deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
      }
      ctx.iam.q("DELETE FROM instance_profiles WHERE id = ?").run(ip.id);
      return {};
    },
  },
  AddRoleToInstanceProfile: {
    iamAction: "iam:AddRoleToInstanceProfile",
    mutating: true,
    resource: profileResource,
    run(ctx, p) {
      const ip = requireProfile(ctx, str(p, "InstanceProfileName"));
      const role = requireRole(ctx, str(p, "RoleName"));
      // "The caller of this operation must be granted the PassRole permission on the IAM role" (IAM API reference).
      ctx.authorize("iam:PassRole", role.arn);
      if (ctx.iam.q("SELECT 1 FROM instance_profile_roles WHERE profile_id = ?").get(ip.id)) {
        throw limitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
      }
      ctx.iam.q("INSERT INTO instance_profile_roles (profile_id, role_id) VALUES (?, ?)").run(ip.id, role.id);
      return {};
    },
  },
  RemoveRoleFromInstanceProfile: {
    iamAction: "iam:RemoveRoleFromInstanceProfile",
    mutating: true,
    resource: profileResource,
    run(ctx, p) {
      const ip = requireProfile(ctx, str(p, "InstanceProfileName"));
      const role = requireRole(ctx, str(p, "RoleName"));
      const r = ctx.iam.q("DELETE FROM instance_profile_roles WHERE profile_id = ? AND role_id = ?").run(ip.id, role.id);
      if (r.changes === 0) throw entityNotFound("role", role.name);
      return {};
    },
  },
  TagInstanceProfile: {
    iamAction: "iam:TagInstanceProfile",
    mutating: true,
    resource: profileResource,
    run(ctx, p) {
      const ip = requireProfile(ctx, str(p, "InstanceProfileName"));
      ctx.iam
        .q("UPDATE instance_profiles SET tags = ? WHERE id = ?")
        .run(JSON.stringify(mergeTags(parseTags(ip.tags), tagsParam(p), "TagsPerInstanceProfile")), ip.id);
      return {};
    },
  },
  UntagInstanceProfile: {
    iamAction: "iam:UntagInstanceProfile",
    mutating: true,
    resource: profileResource,
    run(ctx, p) {
      const ip = requireProfile(ctx, str(p, "InstanceProfileName"));
      ctx.iam.q("UPDATE instance_profiles SET tags = ? WHERE id = ?").run(JSON.stringify(removeTags(parseTags(ip.tags), p.TagKeys as string[])), ip.id);
      return {};
    },
  },
  ListInstanceProfileTags: {
    iamAction: "iam:ListInstanceProfileTags",
    mutating: false,
    resource: profileResource,
    run: (ctx, p) => paginate(parseTags(requireProfile(ctx, str(p, "InstanceProfileName")).tags), p, "Tags"),
  },
};
