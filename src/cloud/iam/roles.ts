// IAM roles: trust policy, max session duration, description, path, tags, permissions boundary.
import { iamArn, uniqueId } from "../ids.js";
import type { ActionContext, ActionSpec, Params } from "../service.js";
import {
  boundaryOut,
  encodedDocument,
  mergeTags,
  optNum,
  optStr,
  paginate,
  parseTags,
  pathParam,
  removeTags,
  requireAttachable,
  str,
  tagsParam,
  listResource,
  listPage,
  withResourceTags,
} from "./common.js";
import { checkPolicySize } from "./authz.js";
import { alreadyExists, deleteConflict, entityNotFound, limitExceeded } from "./errors.js";
import type { IamModel, RoleRow } from "./model.js";

type Ctx = ActionContext<IamModel>;

export function roleOut(r: RoleRow, form: "full" | "list"): Record<string, unknown> {
  const tags = form === "full" ? parseTags(r.tags) : [];
  return {
    Path: r.path,
    RoleName: r.name,
    RoleId: r.id,
    Arn: r.arn,
    CreateDate: new Date(r.create_date),
    AssumeRolePolicyDocument: encodedDocument(r.trust_policy),
    ...(r.description !== null ? { Description: r.description } : {}),
    MaxSessionDuration: r.max_session_duration,
    ...(form === "full" ? boundaryOut(r.boundary_arn) : {}),
    ...(tags.length ? { Tags: tags } : {}),
    ...(form === "full"
      ? { RoleLastUsed: r.last_used !== null ? { LastUsedDate: new Date(r.last_used), Region: r.last_used_region } : {} }
      : {}),
  };
}

export function requireRole(ctx: Ctx, name: string): RoleRow {
  const r = ctx.iam.roleByName(name);
  if (!r) throw entityNotFound("role", name);
  return r;
}

export function roleResource(ctx: Ctx, p: Params, param = "RoleName"): string {
  const name = str(p, param);
  return ctx.iam.roleByName(name)?.arn ?? iamArn(ctx.accountId, "role", optStr(p, "Path") ?? "/", name);
}

function validateTrust(ctx: Ctx, doc: string): void {
  ctx.iam.validatePolicy(doc, "trust");
  const tooLarge = checkPolicySize("trust", doc);
  if (tooLarge) throw limitExceeded(tooLarge.message);
}

function count(ctx: Ctx, sql: string, id: string): number {
  return (ctx.iam.q(sql).get(id) as { n: number }).n;
}

const actions: Record<string, ActionSpec<IamModel>> = {
  CreateRole: {
    iamAction: "iam:CreateRole",
    mutating: true,
    resource: (ctx, p) => iamArn(ctx.accountId, "role", pathParam(p), str(p, "RoleName")),
    conditionKeys: (_ctx, p) => (optStr(p, "PermissionsBoundary") ? { "iam:PermissionsBoundary": str(p, "PermissionsBoundary") } : {}),
    run(ctx, p) {
      const name = str(p, "RoleName");
      if (ctx.iam.roleByName(name)) throw alreadyExists(`Role with name ${name} already exists.`);
      const trust = str(p, "AssumeRolePolicyDocument");
      validateTrust(ctx, trust);
      const boundary = optStr(p, "PermissionsBoundary") ?? null;
      if (boundary) requireAttachable(ctx.iam, boundary);
      const path = pathParam(p);
      const row: RoleRow = {
        id: uniqueId("AROA"),
        name,
        path,
        arn: iamArn(ctx.accountId, "role", path, name),
        create_date: ctx.nowMs,
        trust_policy: trust,
        description: optStr(p, "Description") ?? null,
        max_session_duration: optNum(p, "MaxSessionDuration") ?? 3600,
        boundary_arn: boundary,
        tags: JSON.stringify(tagsParam(p)),
        last_used: null,
        last_used_region: null,
      };
      ctx.iam
        .q(
          "INSERT INTO roles (id, name, name_lc, path, arn, create_date, trust_policy, description, max_session_duration, boundary_arn, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .run(row.id, name, name.toLowerCase(), path, row.arn, row.create_date, trust, row.description, row.max_session_duration, boundary, row.tags);
      return { Role: roleOut(row, "full") };
    },
  },
  GetRole: {
    iamAction: "iam:GetRole",
    mutating: false,
    resource: (ctx, p) => roleResource(ctx, p),
    run: (ctx, p) => ({ Role: roleOut(requireRole(ctx, str(p, "RoleName")), "full") }),
  },
  ListRoles: {
    iamAction: "iam:ListRoles",
    mutating: false,
    // AWS authorizes listings on the path: "arn:aws:iam::ACCOUNT:role/" (or the PathPrefix).
    resource: (ctx, p) => listResource(ctx.accountId, "role", p),
    run(ctx, p) {
      return listPage<RoleRow>(ctx.iam, "roles", p, "Roles", (r) => roleOut(r, "list"));
    },
  },
  UpdateRole: {
    iamAction: "iam:UpdateRole",
    mutating: true,
    resource: (ctx, p) => roleResource(ctx, p),
    run(ctx, p) {
      const r = requireRole(ctx, str(p, "RoleName"));
      const d = optStr(p, "Description");
      if (d !== undefined) ctx.iam.q("UPDATE roles SET description = ? WHERE id = ?").run(d, r.id);
      const m = optNum(p, "MaxSessionDuration");
      if (m !== undefined) ctx.iam.q("UPDATE roles SET max_session_duration = ? WHERE id = ?").run(m, r.id);
      ctx.iam.changed();
      return {};
    },
  },
  UpdateRoleDescription: {
    iamAction: "iam:UpdateRoleDescription",
    mutating: true,
    resource: (ctx, p) => roleResource(ctx, p),
    run(ctx, p) {
      const r = requireRole(ctx, str(p, "RoleName"));
      ctx.iam.q("UPDATE roles SET description = ? WHERE id = ?").run(str(p, "Description"), r.id);
      ctx.iam.changed();
      return { Role: roleOut({ ...r, description: str(p, "Description") }, "full") };
    },
  },
  UpdateAssumeRolePolicy: {
    iamAction: "iam:UpdateAssumeRolePolicy",
    mutating: true,
    resource: (ctx, p) => roleResource(ctx, p),
    run(ctx, p) {
      const r = requireRole(ctx, str(p, "RoleName"));
      const doc = str(p, "PolicyDocument");
      validateTrust(ctx, doc);
      ctx.iam.q("UPDATE roles SET trust_policy = ? WHERE id = ?").run(doc, r.id);
      ctx.iam.changed();
      return {};
    },
  },
  DeleteRole: {
    iamAction: "iam:DeleteRole",
    mutating: true,
    resource: (ctx, p) => roleResource(ctx, p),
    run(ctx, p) {
      const r = requireRole(ctx, str(p, "RoleName"));
      if (count(ctx, "SELECT count(*) AS n FROM instance_profile_roles WHERE role_id = ?", r.id)) {
        throw deleteConflict("Cannot delete entity, must remove roles from instance profile first.");
      }
      if (count(ctx, "SELECT count(*) AS n FROM attachments WHERE entity_kind = 'role' AND entity_id = ?", r.id)) {
        throw deleteConflict("Cannot delete entity, must detach all policies first.");
      }
      if (count(ctx, "SELECT count(*) AS n FROM inline_policies WHERE entity_kind = 'role' AND entity_id = ?", r.id)) {
        throw deleteConflict("Cannot delete entity, must delete policies first.");
      }
      ctx.iam.q("DELETE FROM sessions WHERE role_id = ?").run(r.id);
      ctx.iam.q("DELETE FROM roles WHERE id = ?").run(r.id);
      ctx.iam.changed();
      return {};
    },
  },
  TagRole: {
    iamAction: "iam:TagRole",
    mutating: true,
    resource: (ctx, p) => roleResource(ctx, p),
    run(ctx, p) {
      const r = requireRole(ctx, str(p, "RoleName"));
      ctx.iam.q("UPDATE roles SET tags = ? WHERE id = ?").run(JSON.stringify(mergeTags(parseTags(r.tags), tagsParam(p), "TagsPerRole")), r.id);
      ctx.iam.changed();
      return {};
    },
  },
  UntagRole: {
    iamAction: "iam:UntagRole",
    mutating: true,
    resource: (ctx, p) => roleResource(ctx, p),
    run(ctx, p) {
      const r = requireRole(ctx, str(p, "RoleName"));
      ctx.iam.q("UPDATE roles SET tags = ? WHERE id = ?").run(JSON.stringify(removeTags(parseTags(r.tags), p.TagKeys as string[])), r.id);
      ctx.iam.changed();
      return {};
    },
  },
  ListRoleTags: {
    iamAction: "iam:ListRoleTags",
    mutating: false,
    resource: (ctx, p) => roleResource(ctx, p),
    run: (ctx, p) => paginate(parseTags(requireRole(ctx, str(p, "RoleName")).tags), p, "Tags"),
  },
  PutRolePermissionsBoundary: {
    iamAction: "iam:PutRolePermissionsBoundary",
    mutating: true,
    resource: (ctx, p) => roleResource(ctx, p),
    conditionKeys: (_ctx, p) => ({ "iam:PermissionsBoundary": str(p, "PermissionsBoundary") }),
    run(ctx, p) {
      const r = requireRole(ctx, str(p, "RoleName"));
      requireAttachable(ctx.iam, str(p, "PermissionsBoundary"));
      ctx.iam.q("UPDATE roles SET boundary_arn = ? WHERE id = ?").run(str(p, "PermissionsBoundary"), r.id);
      ctx.iam.changed();
      return {};
    },
  },
  DeleteRolePermissionsBoundary: {
    iamAction: "iam:DeleteRolePermissionsBoundary",
    mutating: true,
    resource: (ctx, p) => roleResource(ctx, p),
    run(ctx, p) {
      const r = requireRole(ctx, str(p, "RoleName"));
      ctx.iam.q("UPDATE roles SET boundary_arn = NULL WHERE id = ?").run(r.id);
      ctx.iam.changed();
      return {};
    },
  },
};

export const roleActions = withResourceTags(actions, ["CreateRole", "ListRoles"], (ctx, p) => {
  const name = optStr(p, "RoleName");
  return name === undefined ? undefined : ctx.iam.roleByName(name)?.tags;
});
