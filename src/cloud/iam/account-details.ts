// GetAccountAuthorizationDetails: a snapshot of every user, group, role and managed policy with their policies,
// as IAM reports it (AWS managed policies only when attached to something).
import type { ActionContext, ActionSpec } from "../service.js";
import { awsManagedPolicy } from "./authz.js";
import { encodedDocument } from "./common.js";
import { groupOut } from "./groups.js";
import { profileOut, type ProfileRow } from "./instance-profiles.js";
import type { EntityKind, GroupRow, IamModel, PolicyRow, RoleRow, UserRow } from "./model.js";
import { policyOut, versionOut, type VersionRow } from "./policies.js";
import { roleOut } from "./roles.js";
import { userOut } from "./users.js";

type Ctx = ActionContext<IamModel>;

function inline(ctx: Ctx, kind: EntityKind, id: string): { PolicyName: string; PolicyDocument: string }[] {
  return (ctx.iam.q("SELECT name, document FROM inline_policies WHERE entity_kind = ? AND entity_id = ? ORDER BY name").all(kind, id) as {
    name: string;
    document: string;
  }[]).map((r) => ({ PolicyName: r.name, PolicyDocument: encodedDocument(r.document) }));
}

function attached(ctx: Ctx, kind: EntityKind, id: string): { PolicyName: string; PolicyArn: string }[] {
  return (ctx.iam.q("SELECT policy_arn FROM attachments WHERE entity_kind = ? AND entity_id = ? ORDER BY attached, policy_arn").all(kind, id) as {
    policy_arn: string;
  }[]).map((r) => ({ PolicyName: r.policy_arn.slice(r.policy_arn.lastIndexOf("/") + 1), PolicyArn: r.policy_arn }));
}

export const accountDetailsActions: Record<string, ActionSpec<IamModel>> = {
  GetAccountAuthorizationDetails: {
    iamAction: "iam:GetAccountAuthorizationDetails",
    mutating: false,
    run(ctx, p) {
      const filter = (p.Filter as string[] | undefined) ?? [];
      const want = (f: string) => filter.length === 0 || filter.includes(f);
      const out: Record<string, unknown> = {};
      if (want("User")) {
        out.UserDetailList = (ctx.iam.q("SELECT * FROM users ORDER BY name_lc").all() as UserRow[]).map((u) => ({
          ...userOut(u, true),
          UserPolicyList: inline(ctx, "user", u.id),
          GroupList: (
            ctx.iam.q("SELECT g.name FROM groups_ g JOIN group_members m ON m.group_id = g.id WHERE m.user_id = ? ORDER BY g.name_lc").all(u.id) as { name: string }[]
          ).map((g) => g.name),
          AttachedManagedPolicies: attached(ctx, "user", u.id),
        }));
      }
      if (want("Group")) {
        out.GroupDetailList = (ctx.iam.q("SELECT * FROM groups_ ORDER BY name_lc").all() as GroupRow[]).map((g) => ({
          ...groupOut(g),
          GroupPolicyList: inline(ctx, "group", g.id),
          AttachedManagedPolicies: attached(ctx, "group", g.id),
        }));
      }
      if (want("Role")) {
        out.RoleDetailList = (ctx.iam.q("SELECT * FROM roles ORDER BY name_lc").all() as RoleRow[]).map((r) => ({
          ...roleOut(r, "full"),
          InstanceProfileList: (
            ctx.iam
              .q("SELECT ip.* FROM instance_profiles ip JOIN instance_profile_roles x ON x.profile_id = ip.id WHERE x.role_id = ? ORDER BY ip.name_lc")
              .all(r.id) as ProfileRow[]
          ).map((ip) => profileOut(ctx, ip, false)),
          RolePolicyList: inline(ctx, "role", r.id),
          AttachedManagedPolicies: attached(ctx, "role", r.id),
        }));
      }
      const policies: Record<string, unknown>[] = [];
      if (want("LocalManagedPolicy")) {
        for (const pol of ctx.iam.q("SELECT * FROM policies ORDER BY name_lc").all() as PolicyRow[]) {
          const versions = ctx.iam.q("SELECT * FROM policy_versions WHERE policy_id = ? ORDER BY create_date, version_id").all(pol.id) as VersionRow[];
          const { Tags: _tags, ...base } = policyOut(ctx, pol.arn, "get")!;
          policies.push({ ...base, PolicyVersionList: versions.map((v) => versionOut(pol, v, true)) });
        }
      }
      if (want("AWSManagedPolicy")) {
        for (const r of ctx.iam.q("SELECT DISTINCT policy_arn FROM attachments WHERE policy_arn LIKE 'arn:aws:iam::aws:policy/%' ORDER BY policy_arn").all() as {
          policy_arn: string;
        }[]) {
          const aws = awsManagedPolicy(r.policy_arn);
          if (!aws) continue;
          policies.push({
            ...policyOut(ctx, r.policy_arn, "get")!,
            PolicyVersionList: [{ Document: encodedDocument(aws.document), VersionId: aws.defaultVersionId, IsDefaultVersion: true, CreateDate: new Date(aws.updateDate) }],
          });
        }
      }
      if (want("LocalManagedPolicy") || want("AWSManagedPolicy")) out.Policies = policies;
      return { ...out, IsTruncated: false };
    },
  },
  GetAccountSummary: {
    iamAction: "iam:GetAccountSummary",
    mutating: false,
    run(ctx) {
      const n = (sql: string) => (ctx.iam.q(sql).get() as { n: number }).n;
      return {
        SummaryMap: {
          Users: n("SELECT count(*) AS n FROM users"),
          UsersQuota: 5000,
          Groups: n("SELECT count(*) AS n FROM groups_"),
          GroupsQuota: 300,
          Roles: n("SELECT count(*) AS n FROM roles"),
          RolesQuota: 1000,
          Policies: n("SELECT count(*) AS n FROM policies"),
          PoliciesQuota: 1500,
          InstanceProfiles: n("SELECT count(*) AS n FROM instance_profiles"),
          InstanceProfilesQuota: 1000,
          AccessKeysPerUserQuota: 2,
          GroupsPerUserQuota: 10,
          AttachedPoliciesPerUserQuota: 10,
          AttachedPoliciesPerGroupQuota: 10,
          AttachedPoliciesPerRoleQuota: 10,
          PolicyVersionsInUseQuota: 10000,
          PolicySizeQuota: 6144,
          UserPolicySizeQuota: 2048,
          GroupPolicySizeQuota: 5120,
          RolePolicySizeQuota: 10240,
          VersionsPerPolicyQuota: 5,
          AccountAccessKeysPresent: n("SELECT count(*) AS n FROM access_keys WHERE user_id IS NULL") > 0 ? 1 : 0,
          AccountMFAEnabled: 0,
          MFADevices: 0,
          MFADevicesInUse: 0,
          ServerCertificates: 0,
          ServerCertificatesQuota: 20,
          Providers: 0,
          GlobalEndpointTokenVersion: 1,
        },
      };
    },
  },
};
