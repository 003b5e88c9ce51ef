// Inline policies embedded in a user, group or role (Put/Get/Delete/List{User,Group,Role}Policy).
import type { ActionContext, ActionSpec, Params } from "../service.js";
import { encodedDocument, paginate, str } from "./common.js";
import { limitExceeded, noSuchEntity } from "./errors.js";
import { groupResource, requireGroup } from "./groups.js";
import type { EntityKind, IamModel } from "./model.js";
import { checkPolicySize } from "./authz.js";
import { requireRole, roleResource } from "./roles.js";
import { requireUser, userResource } from "./users.js";

type Ctx = ActionContext<IamModel>;

/** IAM's quotas apply to the total size of an entity's inline policies. */
const SIZE_KIND = { user: "userInline", group: "groupInline", role: "roleInline" } as const;

function entity(ctx: Ctx, kind: EntityKind, p: Params): { id: string; name: string } {
  if (kind === "user") return requireUser(ctx, str(p, "UserName"));
  if (kind === "group") return requireGroup(ctx, str(p, "GroupName"));
  return requireRole(ctx, str(p, "RoleName"));
}

function inlineActions(kind: EntityKind, Kind: string): Record<string, ActionSpec<IamModel>> {
  const resource =
    kind === "user" ? (ctx: Ctx, p: Params) => userResource(ctx, p) : kind === "group" ? (ctx: Ctx, p: Params) => groupResource(ctx, p) : (ctx: Ctx, p: Params) => roleResource(ctx, p);
  const nameMember = `${Kind}Name`;
  const notFound = (name: string) => noSuchEntity(`The ${kind} policy with name ${name} cannot be found.`);
  return {
    [`Put${Kind}Policy`]: {
      iamAction: `iam:Put${Kind}Policy`,
      mutating: true,
      resource,
      run(ctx, p) {
        const e = entity(ctx, kind, p);
        const name = str(p, "PolicyName");
        const doc = str(p, "PolicyDocument");
        ctx.iam.validatePolicy(doc, "identity");
        const others = ctx.iam.q("SELECT name, document FROM inline_policies WHERE entity_kind = ? AND entity_id = ?").all(kind, e.id) as {
          name: string;
          document: string;
        }[];
        // The quota is on the sum: measure the new document together with the entity's other inline policies.
        let combined = doc;
        for (const o of others) if (o.name !== name) combined += o.document;
        const tooLarge = checkPolicySize(SIZE_KIND[kind], combined, e.name);
        if (tooLarge) throw limitExceeded(tooLarge.message);
        ctx.iam
          .q("INSERT INTO inline_policies (entity_kind, entity_id, name, document) VALUES (?, ?, ?, ?) ON CONFLICT (entity_kind, entity_id, name) DO UPDATE SET document = excluded.document")
          .run(kind, e.id, name, doc);
        ctx.iam.changed();
        return {};
      },
    },
    [`Get${Kind}Policy`]: {
      iamAction: `iam:Get${Kind}Policy`,
      mutating: false,
      resource,
      run(ctx, p) {
        const e = entity(ctx, kind, p);
        const name = str(p, "PolicyName");
        const r = ctx.iam.q("SELECT document FROM inline_policies WHERE entity_kind = ? AND entity_id = ? AND name = ?").get(kind, e.id, name) as
          | { document: string }
          | undefined;
        if (!r) throw notFound(name);
        return { [nameMember]: e.name, PolicyName: name, PolicyDocument: encodedDocument(r.document) };
      },
    },
    [`Delete${Kind}Policy`]: {
      iamAction: `iam:Delete${Kind}Policy`,
      mutating: true,
      resource,
      run(ctx, p) {
        const e = entity(ctx, kind, p);
        const name = str(p, "PolicyName");
        const r = ctx.iam.q("DELETE FROM inline_policies WHERE entity_kind = ? AND entity_id = ? AND name = ?").run(kind, e.id, name);
        if (r.changes === 0) throw notFound(name);
        ctx.iam.changed();
        return {};
      },
    },
    [`List${Kind}Policies`]: {
      iamAction: `iam:List${Kind}Policies`,
      mutating: false,
      resource,
      run(ctx, p) {
        const e = entity(ctx, kind, p);
        const names = (ctx.iam.q("SELECT name FROM inline_policies WHERE entity_kind = ? AND entity_id = ? ORDER BY name").all(kind, e.id) as { name: string }[]).map(
          (r) => r.name,
        );
        return paginate(names, p, "PolicyNames");
      },
    },
  };
}

export const inlinePolicyActions: Record<string, ActionSpec<IamModel>> = {
  ...inlineActions("user", "User"),
  ...inlineActions("group", "Group"),
  ...inlineActions("role", "Role"),
};
