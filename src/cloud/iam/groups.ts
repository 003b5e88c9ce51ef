// IAM groups and their membership.
import { iamArn, uniqueId } from "../ids.js";
import type { ActionContext, ActionSpec, Params } from "../service.js";
import { listPage, listResource, optStr, paginate, pathParam, str,
} from "./common.js";
import { alreadyExists, deleteConflict, entityNotFound, limitExceeded } from "./errors.js";
import type { GroupRow, IamModel, UserRow } from "./model.js";
import { requireUser, userOut } from "./users.js";

type Ctx = ActionContext<IamModel>;

export function groupOut(g: GroupRow): Record<string, unknown> {
  return { Path: g.path, GroupName: g.name, GroupId: g.id, Arn: g.arn, CreateDate: new Date(g.create_date) };
}

export function requireGroup(ctx: Ctx, name: string): GroupRow {
  const g = ctx.iam.groupByName(name);
  if (!g) throw entityNotFound("group", name);
  return g;
}

export function groupResource(ctx: Ctx, p: Params): string {
  const name = str(p, "GroupName");
  return ctx.iam.groupByName(name)?.arn ?? iamArn(ctx.accountId, "group", optStr(p, "Path") ?? "/", name);
}

function count(ctx: Ctx, sql: string, id: string): number {
  return (ctx.iam.q(sql).get(id) as { n: number }).n;
}

export const groupActions: Record<string, ActionSpec<IamModel>> = {
  CreateGroup: {
    iamAction: "iam:CreateGroup",
    mutating: true,
    resource: (ctx, p) => iamArn(ctx.accountId, "group", pathParam(p), str(p, "GroupName")),
    run(ctx, p) {
      const name = str(p, "GroupName");
      if (ctx.iam.groupByName(name)) throw alreadyExists(`Group with name ${name} already exists.`);
      const path = pathParam(p);
      const g: GroupRow = { id: uniqueId("AGPA"), name, path, arn: iamArn(ctx.accountId, "group", path, name), create_date: ctx.nowMs };
      ctx.iam
        .q("INSERT INTO groups_ (id, name, name_lc, path, arn, create_date) VALUES (?, ?, ?, ?, ?, ?)")
        .run(g.id, name, name.toLowerCase(), path, g.arn, g.create_date);
      return { Group: groupOut(g) };
    },
  },
  GetGroup: {
    iamAction: "iam:GetGroup",
    mutating: false,
    resource: (ctx, p) => groupResource(ctx, p),
    run(ctx, p) {
      const g = requireGroup(ctx, str(p, "GroupName"));
      const users = ctx.iam
        .q("SELECT u.* FROM users u JOIN group_members m ON m.user_id = u.id WHERE m.group_id = ? ORDER BY u.name_lc")
        .all(g.id) as UserRow[];
      return { Group: groupOut(g), ...paginate(users, p, "Users", (u) => userOut(u, false)) };
    },
  },
  ListGroups: {
    iamAction: "iam:ListGroups",
    mutating: false,
    // AWS authorizes listings on the path: "arn:aws:iam::ACCOUNT:group/" (or the PathPrefix).
    resource: (ctx, p) => listResource(ctx.accountId, "group", p),
    run(ctx, p) {
      return listPage<GroupRow>(ctx.iam, "groups_", p, "Groups", groupOut);
    },
  },
  ListGroupsForUser: {
    iamAction: "iam:ListGroupsForUser",
    mutating: false,
    resource: (ctx, p) => requireUser(ctx, str(p, "UserName")).arn,
    run(ctx, p) {
      const u = requireUser(ctx, str(p, "UserName"));
      const rows = ctx.iam
        .q("SELECT g.* FROM groups_ g JOIN group_members m ON m.group_id = g.id WHERE m.user_id = ? ORDER BY g.name_lc")
        .all(u.id) as GroupRow[];
      return paginate(rows, p, "Groups", groupOut);
    },
  },
  UpdateGroup: {
    iamAction: "iam:UpdateGroup",
    mutating: true,
    resource: (ctx, p) => groupResource(ctx, p),
    run(ctx, p) {
      const g = requireGroup(ctx, str(p, "GroupName"));
      const newName = optStr(p, "NewGroupName") ?? g.name;
      const newPath = optStr(p, "NewPath") ?? g.path;
      if (newName.toLowerCase() !== g.name.toLowerCase() && ctx.iam.groupByName(newName)) {
        throw alreadyExists(`Group with name ${newName} already exists.`);
      }
      ctx.iam
        .q("UPDATE groups_ SET name = ?, name_lc = ?, path = ?, arn = ? WHERE id = ?")
        .run(newName, newName.toLowerCase(), newPath, iamArn(ctx.accountId, "group", newPath, newName), g.id);
      ctx.iam.changed();
      return {};
    },
  },
  DeleteGroup: {
    iamAction: "iam:DeleteGroup",
    mutating: true,
    resource: (ctx, p) => groupResource(ctx, p),
    run(ctx, p) {
      const g = requireGroup(ctx, str(p, "GroupName"));
      if (count(ctx, "SELECT count(*) AS n FROM group_members WHERE group_id = ?", g.id)) {
        throw deleteConflict("Cannot delete entity, must remove users from group first.");
      }
      if (count(ctx, "SELECT count(*) AS n FROM attachments WHERE entity_kind = 'group' AND entity_id = ?", g.id)) {
        throw deleteConflict("Cannot delete entity, must detach all policies first.");
      }
      if (count(ctx, "SELECT count(*) AS n FROM inline_policies WHERE entity_kind = 'group' AND entity_id = ?", g.id)) {
        throw deleteConflict("Cannot delete entity, must delete policies first.");
      }
      ctx.iam.q("DELETE FROM groups_ WHERE id = ?").run(g.id);
      ctx.iam.changed();
      return {};
    },
  },
  AddUserToGroup: {
    iamAction: "iam:AddUserToGroup",
    mutating: true,
    resource: (ctx, p) => groupResource(ctx, p),
    run(ctx, p) {
      const g = requireGroup(ctx, str(p, "GroupName"));
      const u = requireUser(ctx, str(p, "UserName"));
      if (ctx.iam.q("SELECT 1 FROM group_members WHERE group_id = ? AND user_id = ?").get(g.id, u.id)) return {};
      if (count(ctx, "SELECT count(*) AS n FROM group_members WHERE user_id = ?", u.id) >= 10) {
        throw limitExceeded("Cannot exceed quota for GroupsPerUser: 10");
      }
      ctx.iam.q("INSERT INTO group_members (group_id, user_id, added) VALUES (?, ?, ?)").run(g.id, u.id, ctx.nowMs);
      ctx.iam.changed();
      return {};
    },
  },
  RemoveUserFromGroup: {
    iamAction: "iam:RemoveUserFromGroup",
    mutating: true,
    resource: (ctx, p) => groupResource(ctx, p),
    run(ctx, p) {
      const g = requireGroup(ctx, str(p, "GroupName"));
      const u = requireUser(ctx, str(p, "UserName"));
      const r = ctx.iam.q("DELETE FROM group_members WHERE group_id = ? AND user_id = ?").run(g.id, u.id);
      if (r.changes === 0) throw entityNotFound("user", u.name);
      ctx.iam.changed();
      return {};
    },
  },
};
