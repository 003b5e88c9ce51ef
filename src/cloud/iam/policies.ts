// Customer managed policies with versions (5 at most, one default), AWS managed policies, attachments to users,
// groups and roles, and the listings over them.
import { iamArn, uniqueId } from "../ids.js";
import type { ActionContext, ActionSpec, Params } from "../service.js";
import { awsManagedPolicy, awsManagedPolicies, checkPolicySize } from "./authz.js";
import {
  encodedDocument,
  mergeTags,
  notAttachable,
  optBool,
  optStr,
  paginate,
  parseTags,
  pathParam,
  removeTags,
  str,
  tagsParam,
  listResource,
} from "./common.js";
import { alreadyExists, deleteConflict, limitExceeded, noSuchEntity } from "./errors.js";
import { groupResource, requireGroup } from "./groups.js";
import type { EntityKind, IamModel, PolicyRow } from "./model.js";
import { requireRole, roleResource } from "./roles.js";
import { requireUser, userResource } from "./users.js";

type Ctx = ActionContext<IamModel>;

const ATTACHED_PER_ENTITY = 10;

function usage(ctx: Ctx, arn: string): { attachments: number; boundaries: number } {
  const a = (ctx.iam.q("SELECT count(*) AS n FROM attachments WHERE policy_arn = ?").get(arn) as { n: number }).n;
  const b = (
    ctx.iam.q("SELECT (SELECT count(*) FROM users WHERE boundary_arn = ?) + (SELECT count(*) FROM roles WHERE boundary_arn = ?) AS n").get(arn, arn) as {
      n: number;
    }
  ).n;
  return { attachments: a, boundaries: b };
}

export function policyOut(ctx: Ctx, arn: string, form: "get" | "create" | "list"): Record<string, unknown> | undefined {
  const aws = awsManagedPolicy(arn);
  const u = usage(ctx, arn);
  if (aws) {
    return {
      PolicyName: aws.policyName,
      PolicyId: aws.policyId,
      Arn: aws.arn,
      Path: aws.path,
      DefaultVersionId: aws.defaultVersionId,
      AttachmentCount: u.attachments,
      PermissionsBoundaryUsageCount: u.boundaries,
      IsAttachable: true,
      ...(form === "get" && aws.description ? { Description: aws.description } : {}),
      CreateDate: new Date(aws.createDate),
      UpdateDate: new Date(aws.updateDate),
    };
  }
  const p = ctx.iam.customerPolicy(arn);
  if (!p) return undefined;
  const tags = form === "list" ? [] : parseTags(p.tags);
  return {
    PolicyName: p.name,
    PolicyId: p.id,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.default_version,
    AttachmentCount: u.attachments,
    PermissionsBoundaryUsageCount: u.boundaries,
    IsAttachable: true,
    ...(form === "get" && p.description !== null ? { Description: p.description } : {}),
    CreateDate: new Date(p.create_date),
    UpdateDate: new Date(p.update_date),
    ...(tags.length ? { Tags: tags } : {}),
  };
}

function requireCustomer(ctx: Ctx, arn: string): PolicyRow {
  const p = ctx.iam.customerPolicy(arn);
  if (!p) throw noSuchEntity(`Policy ${arn} was not found.`);
  return p;
}

function checkManagedSize(doc: string): void {
  const tooLarge = checkPolicySize("managed", doc);
  if (tooLarge) throw limitExceeded(tooLarge.message);
}

export interface VersionRow {
  version_id: string;
  document: string;
  create_date: number;
}

export function versionOut(p: PolicyRow, v: VersionRow, withDocument: boolean): Record<string, unknown> {
  return {
    ...(withDocument ? { Document: encodedDocument(v.document) } : {}),
    VersionId: v.version_id,
    IsDefaultVersion: v.version_id === p.default_version,
    CreateDate: new Date(v.create_date),
  };
}

// ---- attachments ----------------------------------------------------------------------------------------

const QUOTA: Record<EntityKind, string> = { user: "PoliciesPerUser", group: "PoliciesPerGroup", role: "PoliciesPerRole" };

function entity(ctx: Ctx, kind: EntityKind, p: Params): { id: string; arn: string } {
  if (kind === "user") return requireUser(ctx, str(p, "UserName"));
  if (kind === "group") return requireGroup(ctx, str(p, "GroupName"));
  return requireRole(ctx, str(p, "RoleName"));
}

function entityResource(kind: EntityKind): (ctx: Ctx, p: Params) => string {
  if (kind === "user") return (ctx, p) => userResource(ctx, p);
  if (kind === "group") return (ctx, p) => groupResource(ctx, p);
  return (ctx, p) => roleResource(ctx, p);
}

function attachmentActions(kind: EntityKind, Kind: string): Record<string, ActionSpec<IamModel>> {
  const resource = entityResource(kind);
  return {
    [`Attach${Kind}Policy`]: {
      iamAction: `iam:Attach${Kind}Policy`,
      mutating: true,
      resource,
      conditionKeys: (_ctx, p) => ({ "iam:PolicyARN": str(p, "PolicyArn") }),
      run(ctx, p) {
        const e = entity(ctx, kind, p);
        const arn = str(p, "PolicyArn");
        if (ctx.iam.managedPolicyDocument(arn) === undefined) throw notAttachable(arn);
        if (ctx.iam.q("SELECT 1 FROM attachments WHERE entity_kind = ? AND entity_id = ? AND policy_arn = ?").get(kind, e.id, arn)) return {};
        const n = (ctx.iam.q("SELECT count(*) AS n FROM attachments WHERE entity_kind = ? AND entity_id = ?").get(kind, e.id) as { n: number }).n;
        if (n >= ATTACHED_PER_ENTITY) throw limitExceeded(`Cannot exceed quota for ${QUOTA[kind]}: ${ATTACHED_PER_ENTITY}`);
        ctx.iam.q("INSERT INTO attachments (entity_kind, entity_id, policy_arn, attached) VALUES (?, ?, ?, ?)").run(kind, e.id, arn, ctx.nowMs);
        ctx.iam.changed();
        return {};
      },
    },
    [`Detach${Kind}Policy`]: {
      iamAction: `iam:Detach${Kind}Policy`,
      mutating: true,
      resource,
      conditionKeys: (_ctx, p) => ({ "iam:PolicyARN": str(p, "PolicyArn") }),
      run(ctx, p) {
        const e = entity(ctx, kind, p);
        const arn = str(p, "PolicyArn");
        const r = ctx.iam.q("DELETE FROM attachments WHERE entity_kind = ? AND entity_id = ? AND policy_arn = ?").run(kind, e.id, arn);
        if (r.changes === 0) throw noSuchEntity(`Policy ${arn} was not found.`);
        ctx.iam.changed();
        return {};
      },
    },
    [`ListAttached${Kind}Policies`]: {
      iamAction: `iam:ListAttached${Kind}Policies`,
      mutating: false,
      resource,
      run(ctx, p) {
        const e = entity(ctx, kind, p);
        const prefix = optStr(p, "PathPrefix");
        const rows = ctx.iam.q("SELECT policy_arn FROM attachments WHERE entity_kind = ? AND entity_id = ? ORDER BY attached, policy_arn").all(kind, e.id) as {
          policy_arn: string;
        }[];
        const out: { PolicyName: string; PolicyArn: string }[] = [];
        for (const r of rows) {
          const aws = awsManagedPolicy(r.policy_arn);
          const path = aws?.path ?? ctx.iam.customerPolicy(r.policy_arn)?.path ?? "/";
          if (prefix && !path.startsWith(prefix)) continue;
          out.push({ PolicyName: r.policy_arn.slice(r.policy_arn.lastIndexOf("/") + 1), PolicyArn: r.policy_arn });
        }
        return paginate(out, p, "AttachedPolicies");
      },
    },
  };
}

export const policyActions: Record<string, ActionSpec<IamModel>> = {
  CreatePolicy: {
    iamAction: "iam:CreatePolicy",
    mutating: true,
    resource: (ctx, p) => iamArn(ctx.accountId, "policy", pathParam(p), str(p, "PolicyName")),
    run(ctx, p) {
      const name = str(p, "PolicyName");
      const doc = str(p, "PolicyDocument");
      ctx.iam.validatePolicy(doc, "identity");
      checkManagedSize(doc);
      if (ctx.iam.q("SELECT 1 FROM policies WHERE name_lc = ?").get(name.toLowerCase())) {
        throw alreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
      }
      const path = pathParam(p);
      const row: PolicyRow = {
        id: uniqueId("ANPA"),
        name,
        path,
        arn: iamArn(ctx.accountId, "policy", path, name),
        create_date: ctx.nowMs,
        update_date: ctx.nowMs,
        default_version: "v1",
        next_version: 2,
        description: optStr(p, "Description") ?? null,
        tags: JSON.stringify(tagsParam(p)),
      };
      ctx.iam
        .q(
          "INSERT INTO policies (id, name, name_lc, path, arn, create_date, update_date, default_version, next_version, description, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .run(row.id, name, name.toLowerCase(), path, row.arn, row.create_date, row.update_date, "v1", 2, row.description, row.tags);
      ctx.iam.q("INSERT INTO policy_versions (policy_id, version_id, document, create_date) VALUES (?, 'v1', ?, ?)").run(row.id, doc, ctx.nowMs);
      return { Policy: policyOut(ctx, row.arn, "create") };
    },
  },
  GetPolicy: {
    iamAction: "iam:GetPolicy",
    mutating: false,
    resource: (_ctx, p) => str(p, "PolicyArn"),
    run(ctx, p) {
      const arn = str(p, "PolicyArn");
      const out = policyOut(ctx, arn, "get");
      if (!out) throw noSuchEntity(`Policy ${arn} was not found.`);
      return { Policy: out };
    },
  },
  DeletePolicy: {
    iamAction: "iam:DeletePolicy",
    mutating: true,
    resource: (_ctx, p) => str(p, "PolicyArn"),
    run(ctx, p) {
      const pol = requireCustomer(ctx, str(p, "PolicyArn"));
      const u = usage(ctx, pol.arn);
      if (u.attachments > 0 || u.boundaries > 0) throw deleteConflict("Cannot delete a policy attached to entities.");
      const versions = (ctx.iam.q("SELECT count(*) AS n FROM policy_versions WHERE policy_id = ?").get(pol.id) as { n: number }).n;
      if (versions > 1) {
        throw deleteConflict(
          "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
        );
      }
      ctx.iam.q("DELETE FROM policy_versions WHERE policy_id = ?").run(pol.id);
      ctx.iam.q("DELETE FROM policies WHERE id = ?").run(pol.id);
      ctx.iam.changed();
      return {};
    },
  },
  ListPolicies: {
    iamAction: "iam:ListPolicies",
    mutating: false,
    // AWS authorizes listings on the path: "arn:aws:iam::ACCOUNT:policy/" (or the PathPrefix).
    resource: (ctx, p) => listResource(ctx.accountId, "policy", p),
    run(ctx, p) {
      const scope = optStr(p, "Scope") ?? "All";
      const onlyAttached = optBool(p, "OnlyAttached") ?? false;
      const prefix = optStr(p, "PathPrefix");
      const attached = new Set(
        onlyAttached ? (ctx.iam.q("SELECT DISTINCT policy_arn FROM attachments").all() as { policy_arn: string }[]).map((r) => r.policy_arn) : [],
      );
      const candidates: string[] = [];
      const consider = (arn: string, path: string) => {
        if (onlyAttached && !attached.has(arn)) return;
        if (prefix && !path.startsWith(prefix)) return;
        candidates.push(arn);
      };
      if (scope !== "Local") for (const e of awsManagedPolicies()) consider(e.arn, e.path);
      if (scope !== "AWS") for (const r of ctx.iam.q("SELECT arn, path FROM policies ORDER BY name_lc").all() as { arn: string; path: string }[]) consider(r.arn, r.path);
      // Only the page's policies are shaped (each needs its usage counts).
      return paginate(candidates, p, "Policies", (arn) => policyOut(ctx, arn, "list"));
    },
  },
  ListEntitiesForPolicy: {
    iamAction: "iam:ListEntitiesForPolicy",
    mutating: false,
    resource: (_ctx, p) => str(p, "PolicyArn"),
    run(ctx, p) {
      const arn = str(p, "PolicyArn");
      if (ctx.iam.managedPolicyDocument(arn) === undefined) throw noSuchEntity(`Policy ${arn} was not found.`);
      const filter = optStr(p, "EntityFilter");
      const want = (k: string) => filter === undefined || filter === k;
      const q = (sql: string) => ctx.iam.q(sql).all(arn) as { name: string; id: string }[];
      return {
        PolicyGroups: want("Group")
          ? q("SELECT g.name, g.id FROM groups_ g JOIN attachments a ON a.entity_kind = 'group' AND a.entity_id = g.id WHERE a.policy_arn = ?").map((r) => ({ GroupName: r.name, GroupId: r.id }))
          : [],
        PolicyUsers: want("User")
          ? q("SELECT u.name, u.id FROM users u JOIN attachments a ON a.entity_kind = 'user' AND a.entity_id = u.id WHERE a.policy_arn = ?").map((r) => ({ UserName: r.name, UserId: r.id }))
          : [],
        PolicyRoles: want("Role")
          ? q("SELECT r.name, r.id FROM roles r JOIN attachments a ON a.entity_kind = 'role' AND a.entity_id = r.id WHERE a.policy_arn = ?").map((r) => ({ RoleName: r.name, RoleId: r.id }))
          : [],
        IsTruncated: false,
      };
    },
  },
  CreatePolicyVersion: {
    iamAction: "iam:CreatePolicyVersion",
    mutating: true,
    resource: (_ctx, p) => str(p, "PolicyArn"),
    run(ctx, p) {
      const pol = requireCustomer(ctx, str(p, "PolicyArn"));
      const doc = str(p, "PolicyDocument");
      ctx.iam.validatePolicy(doc, "identity");
      checkManagedSize(doc);
      const n = (ctx.iam.q("SELECT count(*) AS n FROM policy_versions WHERE policy_id = ?").get(pol.id) as { n: number }).n;
      if (n >= 5) {
        throw limitExceeded("A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.");
      }
      const version = `v${pol.next_version}`;
      ctx.iam.q("INSERT INTO policy_versions (policy_id, version_id, document, create_date) VALUES (?, ?, ?, ?)").run(pol.id, version, doc, ctx.nowMs);
      const setDefault = optBool(p, "SetAsDefault") ?? false;
      ctx.iam
        .q("UPDATE policies SET next_version = next_version + 1, update_date = ?, default_version = ? WHERE id = ?")
        .run(ctx.nowMs, setDefault ? version : pol.default_version, pol.id);
      ctx.iam.changed();
      return { PolicyVersion: { VersionId: version, IsDefaultVersion: setDefault, CreateDate: new Date(ctx.nowMs) } };
    },
  },
  GetPolicyVersion: {
    iamAction: "iam:GetPolicyVersion",
    mutating: false,
    resource: (_ctx, p) => str(p, "PolicyArn"),
    run(ctx, p) {
      const arn = str(p, "PolicyArn");
      const versionId = str(p, "VersionId");
      const aws = awsManagedPolicy(arn);
      if (aws) {
        if (versionId !== aws.defaultVersionId) throw noSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);
        return { PolicyVersion: { Document: encodedDocument(aws.document), VersionId: versionId, IsDefaultVersion: true, CreateDate: new Date(aws.updateDate) } };
      }
      const pol = ctx.iam.customerPolicy(arn);
      const v = pol && (ctx.iam.q("SELECT * FROM policy_versions WHERE policy_id = ? AND version_id = ?").get(pol.id, versionId) as VersionRow | undefined);
      if (!pol || !v) throw noSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);
      return { PolicyVersion: versionOut(pol, v, true) };
    },
  },
  ListPolicyVersions: {
    iamAction: "iam:ListPolicyVersions",
    mutating: false,
    resource: (_ctx, p) => str(p, "PolicyArn"),
    run(ctx, p) {
      const arn = str(p, "PolicyArn");
      const aws = awsManagedPolicy(arn);
      if (aws) return paginate([{ VersionId: aws.defaultVersionId, IsDefaultVersion: true, CreateDate: new Date(aws.updateDate) }], p, "Versions");
      const pol = requireCustomer(ctx, arn);
      const rows = ctx.iam.q("SELECT * FROM policy_versions WHERE policy_id = ? ORDER BY create_date DESC, version_id DESC").all(pol.id) as VersionRow[];
      return paginate(rows, p, "Versions", (v) => versionOut(pol, v, false));
    },
  },
  DeletePolicyVersion: {
    iamAction: "iam:DeletePolicyVersion",
    mutating: true,
    resource: (_ctx, p) => str(p, "PolicyArn"),
    run(ctx, p) {
      const arn = str(p, "PolicyArn");
      const pol = requireCustomer(ctx, arn);
      const versionId = str(p, "VersionId");
      if (versionId === pol.default_version) throw deleteConflict("Cannot delete the default version of a policy.");
      const r = ctx.iam.q("DELETE FROM policy_versions WHERE policy_id = ? AND version_id = ?").run(pol.id, versionId);
      if (r.changes === 0) throw noSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);
      ctx.iam.changed();
      return {};
    },
  },
  SetDefaultPolicyVersion: {
    iamAction: "iam:SetDefaultPolicyVersion",
    mutating: true,
    resource: (_ctx, p) => str(p, "PolicyArn"),
    run(ctx, p) {
      const arn = str(p, "PolicyArn");
      const pol = requireCustomer(ctx, arn);
      const versionId = str(p, "VersionId");
      if (!ctx.iam.q("SELECT 1 FROM policy_versions WHERE policy_id = ? AND version_id = ?").get(pol.id, versionId)) {
        throw noSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);
      }
      ctx.iam.q("UPDATE policies SET default_version = ?, update_date = ? WHERE id = ?").run(versionId, ctx.nowMs, pol.id);
      ctx.iam.changed();
      return {};
    },
  },
  TagPolicy: {
    iamAction: "iam:TagPolicy",
    mutating: true,
    resource: (_ctx, p) => str(p, "PolicyArn"),
    run(ctx, p) {
      const pol = requireCustomer(ctx, str(p, "PolicyArn"));
      ctx.iam.q("UPDATE policies SET tags = ? WHERE id = ?").run(JSON.stringify(mergeTags(parseTags(pol.tags), tagsParam(p), "TagsPerPolicy")), pol.id);
      return {};
    },
  },
  UntagPolicy: {
    iamAction: "iam:UntagPolicy",
    mutating: true,
    resource: (_ctx, p) => str(p, "PolicyArn"),
    run(ctx, p) {
      const pol = requireCustomer(ctx, str(p, "PolicyArn"));
      ctx.iam.q("UPDATE policies SET tags = ? WHERE id = ?").run(JSON.stringify(removeTags(parseTags(pol.tags), p.TagKeys as string[])), pol.id);
      return {};
    },
  },
  ListPolicyTags: {
    iamAction: "iam:ListPolicyTags",
    mutating: false,
    resource: (_ctx, p) => str(p, "PolicyArn"),
    run: (ctx, p) => paginate(parseTags(requireCustomer(ctx, str(p, "PolicyArn")).tags), p, "Tags"),
  },
  ...attachmentActions("user", "User"),
  ...attachmentActions("group", "Group"),
  ...attachmentActions("role", "Role"),
};
