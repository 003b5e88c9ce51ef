// IAM users: create/get/list/update/delete, tags, permissions boundaries.
import { iamArn, uniqueId } from "../ids.js";
import type { ActionContext, ActionSpec, Params } from "../service.js";
import {
  boundaryOut,
  mergeTags,
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
import { alreadyExists, deleteConflict, entityNotFound, validationError } from "./errors.js";
import type { IamModel, UserRow } from "./model.js";

type Ctx = ActionContext<IamModel>;

export function userOut(u: UserRow, full: boolean): Record<string, unknown> {
  const tags = full ? parseTags(u.tags) : [];
  return {
    Path: u.path,
    UserName: u.name,
    UserId: u.id,
    Arn: u.arn,
    CreateDate: new Date(u.create_date),
    ...(u.password_last_used !== null ? { PasswordLastUsed: new Date(u.password_last_used) } : {}),
    ...(full ? boundaryOut(u.boundary_arn) : {}),
    ...(tags.length ? { Tags: tags } : {}),
  };
}

export function requireUser(ctx: Ctx, name: string): UserRow {
  const u = ctx.iam.userByName(name);
  if (!u) throw entityNotFound("user", name);
  return u;
}

/** The ARN IAM authorizes a call on the user named in params (existing path if any). */
export function userResource(ctx: Ctx, p: Params, param = "UserName"): string {
  const name = optStr(p, param);
  if (name === undefined) return ctx.caller.kind === "user" ? ctx.caller.arn : "*";
  return ctx.iam.userByName(name)?.arn ?? iamArn(ctx.accountId, "user", optStr(p, "Path") ?? "/", name);
}

function count(ctx: Ctx, sql: string, ...args: string[]): number {
  return (ctx.iam.q(sql).get(...args) as { n: number }).n;
}

const actions: Record<string, ActionSpec<IamModel>> = {
  CreateUser: {
    iamAction: "iam:CreateUser",
    mutating: true,
    resource: (ctx, p) => iamArn(ctx.accountId, "user", pathParam(p), str(p, "UserName")),
    conditionKeys: (_ctx, p) => (optStr(p, "PermissionsBoundary") ? { "iam:PermissionsBoundary": str(p, "PermissionsBoundary") } : {}),
    run(ctx, p) {
      const name = str(p, "UserName");
      if (ctx.iam.userByName(name)) throw alreadyExists(`User with name ${name} already exists.`);
      const boundary = optStr(p, "PermissionsBoundary") ?? null;
      if (boundary) requireAttachable(ctx.iam, boundary);
      const path = pathParam(p);
      const tags = tagsParam(p);
      const row: UserRow = {
        id: uniqueId("AIDA"),
        name,
        path,
        arn: iamArn(ctx.accountId, "user", path, name),
        create_date: ctx.nowMs,
        boundary_arn: boundary,
        tags: JSON.stringify(tags),
        password_last_used: null,
      };
      ctx.iam
        .q("INSERT INTO users (id, name, name_lc, path, arn, create_date, boundary_arn, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .run(row.id, name, name.toLowerCase(), path, row.arn, row.create_date, boundary, row.tags);
      return { User: userOut(row, true) };
    },
  },
  GetUser: {
    iamAction: "iam:GetUser",
    mutating: false,
    resource: (ctx, p) => userResource(ctx, p),
    run(ctx, p) {
      const name = optStr(p, "UserName");
      if (name === undefined) {
        const c = ctx.caller;
        if (c.kind === "root") {
          const created = Number((ctx.iam.q("SELECT value FROM meta WHERE key = 'created'").get() as { value: string }).value);
          return { User: { Path: "/", UserId: ctx.accountId, Arn: c.arn, CreateDate: new Date(created) } };
        }
        if (c.kind !== "user") throw validationError("Must specify userName when calling with non-User credentials");
        return { User: userOut(requireUser(ctx, c.userName!), true) };
      }
      return { User: userOut(requireUser(ctx, name), true) };
    },
  },
  ListUsers: {
    iamAction: "iam:ListUsers",
    mutating: false,
    // AWS authorizes listings on the path: "arn:aws:iam::ACCOUNT:user/" (or the PathPrefix).
    resource: (ctx, p) => listResource(ctx.accountId, "user", p),
    run(ctx, p) {
      return listPage<UserRow>(ctx.iam, "users", p, "Users", (u) => userOut(u, false));
    },
  },
  UpdateUser: {
    iamAction: "iam:UpdateUser",
    mutating: true,
    resource: (ctx, p) => userResource(ctx, p),
    run(ctx, p) {
      const u = requireUser(ctx, str(p, "UserName"));
      const newName = optStr(p, "NewUserName") ?? u.name;
      const newPath = optStr(p, "NewPath") ?? u.path;
      if (newName.toLowerCase() !== u.name.toLowerCase() && ctx.iam.userByName(newName)) {
        throw alreadyExists(`User with name ${newName} already exists.`);
      }
      ctx.iam
        .q("UPDATE users SET name = ?, name_lc = ?, path = ?, arn = ? WHERE id = ?")
        .run(newName, newName.toLowerCase(), newPath, iamArn(ctx.accountId, "user", newPath, newName), u.id);
      ctx.iam.changed();
      return {};
    },
  },
  DeleteUser: {
    iamAction: "iam:DeleteUser",
    mutating: true,
    resource: (ctx, p) => userResource(ctx, p),
    run(ctx, p) {
      const u = requireUser(ctx, str(p, "UserName"));
      if (count(ctx, "SELECT count(*) AS n FROM login_profiles WHERE user_id = ?", u.id)) {
        throw deleteConflict("Cannot delete entity, must delete login profile first.");
      }
      if (count(ctx, "SELECT count(*) AS n FROM access_keys WHERE user_id = ?", u.id)) {
        throw deleteConflict("Cannot delete entity, must delete access keys first.");
      }
      if (count(ctx, "SELECT count(*) AS n FROM group_members WHERE user_id = ?", u.id)) {
        throw deleteConflict("Cannot delete entity, must remove users from group first.");
      }
      if (count(ctx, "SELECT count(*) AS n FROM attachments WHERE entity_kind = 'user' AND entity_id = ?", u.id)) {
        throw deleteConflict("Cannot delete entity, must detach all policies first.");
      }
      if (count(ctx, "SELECT count(*) AS n FROM inline_policies WHERE entity_kind = 'user' AND entity_id = ?", u.id)) {
        throw deleteConflict("Cannot delete entity, must delete policies first.");
      }
      ctx.iam.q("DELETE FROM sessions WHERE user_id = ?").run(u.id);
      ctx.iam.q("DELETE FROM users WHERE id = ?").run(u.id);
      ctx.iam.changed();
      return {};
    },
  },
  TagUser: {
    iamAction: "iam:TagUser",
    mutating: true,
    resource: (ctx, p) => userResource(ctx, p),
    run(ctx, p) {
      const u = requireUser(ctx, str(p, "UserName"));
      const tags = mergeTags(parseTags(u.tags), tagsParam(p), "TagsPerUser");
      ctx.iam.q("UPDATE users SET tags = ? WHERE id = ?").run(JSON.stringify(tags), u.id);
      ctx.iam.changed();
      return {};
    },
  },
  UntagUser: {
    iamAction: "iam:UntagUser",
    mutating: true,
    resource: (ctx, p) => userResource(ctx, p),
    run(ctx, p) {
      const u = requireUser(ctx, str(p, "UserName"));
      const tags = removeTags(parseTags(u.tags), p.TagKeys as string[]);
      ctx.iam.q("UPDATE users SET tags = ? WHERE id = ?").run(JSON.stringify(tags), u.id);
      ctx.iam.changed();
      return {};
    },
  },
  ListUserTags: {
    iamAction: "iam:ListUserTags",
    mutating: false,
    resource: (ctx, p) => userResource(ctx, p),
    run(ctx, p) {
      return paginate(parseTags(requireUser(ctx, str(p, "UserName")).tags), p, "Tags");
    },
  },
  PutUserPermissionsBoundary: {
    iamAction: "iam:PutUserPermissionsBoundary",
    mutating: true,
    resource: (ctx, p) => userResource(ctx, p),
    conditionKeys: (_ctx, p) => ({ "iam:PermissionsBoundary": str(p, "PermissionsBoundary") }),
    run(ctx, p) {
      const u = requireUser(ctx, str(p, "UserName"));
      requireAttachable(ctx.iam, str(p, "PermissionsBoundary"));
      ctx.iam.q("UPDATE users SET boundary_arn = ? WHERE id = ?").run(str(p, "PermissionsBoundary"), u.id);
      ctx.iam.changed();
      return {};
    },
  },
  DeleteUserPermissionsBoundary: {
    iamAction: "iam:DeleteUserPermissionsBoundary",
    mutating: true,
    resource: (ctx, p) => userResource(ctx, p),
    run(ctx, p) {
      const u = requireUser(ctx, str(p, "UserName"));
      ctx.iam.q("UPDATE users SET boundary_arn = NULL WHERE id = ?").run(u.id);
      ctx.iam.changed();
      return {};
    },
  },
};

export const userActions = withResourceTags(actions, ["CreateUser", "ListUsers"], (ctx, p) => {
  const name = optStr(p, "UserName") ?? (ctx.caller.kind === "user" ? ctx.caller.userName : undefined);
  return name === undefined ? undefined : ctx.iam.userByName(name)?.tags;
});
