// STS: who am I (GetCallerIdentity, GetAccessKeyInfo), temporary credentials (AssumeRole, GetSessionToken) and
// DecodeAuthorizationMessage. Sessions live in the store's `sessions` table; authenticate.ts accepts them.
import { accessKeyId, assumedRoleArn, secretAccessKey, sessionToken } from "../ids.js";
import { denialMessage, evaluate } from "../iam/authz.js";
import { optNum, optStr, str } from "../iam/common.js";
import type { IamModel, RoleRow } from "../iam/model.js";
import type { ActionContext, ActionSpec, Params, ServiceSpec } from "../service.js";
import { decodeAuthorizationMessage } from "./authorization-message.js";
import { accessDenied, invalidAuthorizationMessage, validationError } from "./errors.js";
import { inputShapes } from "./input-shapes.js";

type Ctx = ActionContext<IamModel>;

/** A role by ARN in this account (the name is the ARN's last path segment). */
function roleByArn(ctx: Ctx, arn: string): RoleRow | undefined {
  const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m || m[1] !== ctx.accountId) return undefined;
  const role = ctx.iam.roleByName(m[2]!);
  return role && role.arn === arn ? role : undefined;
}

function credentials(ctx: Ctx, expirationMs: number): { id: string; secret: string; token: string; out: Record<string, unknown> } {
  const id = accessKeyId("ASIA");
  const secret = secretAccessKey();
  const token = sessionToken();
  return { id, secret, token, out: { AccessKeyId: id, SecretAccessKey: secret, SessionToken: token, Expiration: new Date(expirationMs) } };
}

function insertSession(
  ctx: Ctx,
  c: { id: string; secret: string; token: string },
  s: {
    kind: string;
    roleId?: string;
    userId?: string | null;
    sessionName?: string;
    policy?: string;
    policyArns?: string[];
    tags?: { Key: string; Value: string }[];
    expirationMs: number;
  },
): void {
  ctx.iam
    .q(
      "INSERT INTO sessions (access_key_id, secret, token, kind, role_id, user_id, session_name, session_policy, policy_arns, tags, create_date, expiration, source_arn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .run(
      c.id,
      c.secret,
      c.token,
      s.kind,
      s.roleId ?? null,
      s.userId ?? null,
      s.sessionName ?? null,
      s.policy ?? null,
      s.policyArns && s.policyArns.length ? JSON.stringify(s.policyArns) : null,
      s.tags && s.tags.length ? JSON.stringify(s.tags) : null,
      ctx.nowMs,
      s.expirationMs,
      ctx.caller.arn,
    );
  // Expired sessions are of no use to anyone: drop them while we hold the write lock anyway.
  ctx.iam.q("DELETE FROM sessions WHERE expiration < ?").run(ctx.nowMs - 86_400_000);
}

function policyArnsParam(p: Params): string[] {
  return ((p.PolicyArns as { arn?: string }[] | undefined) ?? []).map((d) => d.arn).filter((a): a is string => typeof a === "string");
}

const actions: Record<string, ActionSpec<IamModel>> = {
  // GetCallerIdentity needs no permission: AWS answers it even when every action is denied.
  GetCallerIdentity: {
    mutating: false,
    run: (ctx) => ({ UserId: ctx.caller.userId, Account: ctx.accountId, Arn: ctx.caller.arn }),
  },
  GetAccessKeyInfo: {
    iamAction: "sts:GetAccessKeyInfo",
    mutating: false,
    run: (ctx) => ({ Account: ctx.accountId }),
  },
  AssumeRole: {
    iamAction: "sts:AssumeRole",
    mutating: true,
    resource: (_ctx, p) => str(p, "RoleArn"),
    conditionKeys: (_ctx, p) => ({
      "sts:RoleSessionName": str(p, "RoleSessionName"),
      ...(optStr(p, "ExternalId") !== undefined ? { "sts:ExternalId": str(p, "ExternalId") } : {}),
    }),
    // The identity policies must allow sts:AssumeRole on the role AND the role's trust policy must allow the
    // caller: the evaluator treats a "trust" resource policy that way.
    authorize(ctx, p, request) {
      const arn = str(p, "RoleArn");
      if (ctx.caller.kind === "root") throw accessDenied("Roles may not be assumed by root accounts.");
      const role = roleByArn(ctx, arn);
      if (!role) throw accessDenied(`User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${arn}`);
      const trust = { name: `${role.name} trust policy`, policy: ctx.iam.policy(role.trust_policy, "trust") };
      const withTrust = { ...request, resourcePolicy: trust };
      const d = evaluate(withTrust);
      if (d.effect !== "Allow") throw accessDenied(denialMessage(withTrust, d));
      // Session tags need sts:TagSession too, from the caller's policies and the trust policy alike.
      if (Array.isArray(p.Tags) && p.Tags.length > 0) ctx.authorize("sts:TagSession", arn, request.context, trust);
    },
    run(ctx, p) {
      const role = roleByArn(ctx, str(p, "RoleArn"))!;
      const duration = optNum(p, "DurationSeconds") ?? 3600;
      if (ctx.caller.kind === "assumed-role" && duration > 3600) {
        throw validationError("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
      }
      if (duration > role.max_session_duration) throw validationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
      const policy = optStr(p, "Policy");
      if (policy !== undefined) ctx.iam.validatePolicy(policy, "session");
      const policyArns = policyArnsParam(p);
      for (const a of policyArns) {
        if (ctx.iam.managedPolicyDocument(a) === undefined) throw validationError(`The policy ${a} does not exist or is not attachable.`);
      }
      const sessionName = str(p, "RoleSessionName");
      const expirationMs = ctx.nowMs + duration * 1000;
      const c = credentials(ctx, expirationMs);
      insertSession(ctx, c, {
        kind: "assumed-role",
        roleId: role.id,
        sessionName,
        ...(policy !== undefined ? { policy } : {}),
        policyArns,
        tags: (p.Tags as { Key: string; Value: string }[] | undefined) ?? [],
        expirationMs,
      });
      ctx.iam.q("UPDATE roles SET last_used = ?, last_used_region = ? WHERE id = ?").run(ctx.nowMs, ctx.region, role.id);
      return {
        Credentials: c.out,
        AssumedRoleUser: { AssumedRoleId: `${role.id}:${sessionName}`, Arn: assumedRoleArn(ctx.accountId, role.name, sessionName) },
        ...(policy !== undefined || policyArns.length ? { PackedPolicySize: Math.min(100, Math.ceil(((policy?.length ?? 0) + policyArns.length * 64) / 20.48)) } : {}),
      };
    },
  },
  // "No permissions are required for users to perform this operation" (STS API reference): policies cannot
  // control authentication operations.
  GetSessionToken: {
    mutating: true,
    run(ctx, p) {
      const c0 = ctx.caller;
      if (c0.session) throw accessDenied("Cannot call GetSessionToken with session credentials");
      const max = c0.kind === "root" ? 3600 : 129_600;
      const duration = Math.min(optNum(p, "DurationSeconds") ?? (c0.kind === "root" ? 3600 : 43_200), max);
      const expirationMs = ctx.nowMs + duration * 1000;
      const c = credentials(ctx, expirationMs);
      insertSession(ctx, c, { kind: "session", userId: c0.iamUserId ?? null, expirationMs });
      return { Credentials: c.out };
    },
  },
  DecodeAuthorizationMessage: {
    iamAction: "sts:DecodeAuthorizationMessage",
    mutating: false,
    run(_ctx, p) {
      const decoded = decodeAuthorizationMessage(str(p, "EncodedMessage"));
      if (decoded === undefined) throw invalidAuthorizationMessage();
      return { DecodedMessage: decoded };
    },
  },
};

export const stsService: ServiceSpec<IamModel> = {
  name: "sts",
  apiVersion: "2011-06-15",
  inputShapes,
  actions,
  denied: accessDenied,
  createModel: (core) => core.iam,
};
