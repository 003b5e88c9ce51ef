// Long-term credentials of IAM users (and root): access keys (2 per user) and login profiles (console passwords).
import { randomBytes, scryptSync } from "node:crypto";
import { AwsError } from "../api.js";
import { accessKeyId, secretAccessKey } from "../ids.js";
import type { ActionContext, ActionSpec, Params } from "../service.js";
import { optBool, optStr, paginate, str } from "./common.js";
import { alreadyExists, limitExceeded, noSuchEntity, validationError } from "./errors.js";
import type { IamModel, UserRow } from "./model.js";
import { requireUser, userResource } from "./users.js";

type Ctx = ActionContext<IamModel>;

interface KeyRow {
  id: string;
  secret: string;
  user_id: string | null;
  status: string;
  create_date: number;
  last_used: number | null;
  last_used_service: string | null;
  last_used_region: string | null;
}

/** The user a key call is about: UserName, or else the caller (root's own keys when the caller is root). */
function targetUser(ctx: Ctx, p: Params): UserRow | null {
  const name = optStr(p, "UserName");
  if (name !== undefined) return requireUser(ctx, name);
  const c = ctx.caller;
  if (c.kind === "root") return null;
  if (c.kind === "user") return requireUser(ctx, c.userName!);
  throw validationError("Must specify userName when calling with non-User credentials");
}

/** The user a login profile call is about: UserName, or the calling IAM user (root has no login profile here). */
function loginProfileUser(ctx: Ctx, p: Params): UserRow {
  const user = targetUser(ctx, p);
  if (!user) throw validationError("Must specify userName when calling with non-User credentials");
  return user;
}

function requireKey(ctx: Ctx, id: string, user: UserRow | null): KeyRow {
  const k = ctx.iam.q("SELECT * FROM access_keys WHERE id = ?").get(id) as KeyRow | undefined;
  if (!k || k.user_id !== (user?.id ?? null)) throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
  return k;
}

function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt:${salt.toString("base64")}:${scryptSync(password, salt, 32).toString("base64")}`;
}

/** The default IAM password policy: at least 8 characters (AWS's wording for the violation). */
function checkPassword(password: string): void {
  if (password.length < 8) {
    throw new AwsError("PasswordPolicyViolation", "Password should have a minimum length of 8", 400);
  }
}

export const credentialActions: Record<string, ActionSpec<IamModel>> = {
  CreateAccessKey: {
    iamAction: "iam:CreateAccessKey",
    mutating: true,
    resource: (ctx, p) => userResource(ctx, p),
    run(ctx, p) {
      const user = targetUser(ctx, p);
      const n = (ctx.iam.q("SELECT count(*) AS n FROM access_keys WHERE user_id IS ?").get(user?.id ?? null) as { n: number }).n;
      if (n >= 2) throw limitExceeded("Cannot exceed quota for AccessKeysPerUser: 2");
      const id = accessKeyId("AKIA");
      const secret = secretAccessKey();
      ctx.iam.q("INSERT INTO access_keys (id, secret, user_id, status, create_date) VALUES (?, ?, ?, 'Active', ?)").run(id, secret, user?.id ?? null, ctx.nowMs);
      return {
        AccessKey: { ...(user ? { UserName: user.name } : {}), AccessKeyId: id, Status: "Active", SecretAccessKey: secret, CreateDate: new Date(ctx.nowMs) },
      };
    },
  },
  DeleteAccessKey: {
    iamAction: "iam:DeleteAccessKey",
    mutating: true,
    resource: (ctx, p) => userResource(ctx, p),
    run(ctx, p) {
      const k = requireKey(ctx, str(p, "AccessKeyId"), targetUser(ctx, p));
      ctx.iam.q("DELETE FROM access_keys WHERE id = ?").run(k.id);
      ctx.iam.changed();
      return {};
    },
  },
  UpdateAccessKey: {
    iamAction: "iam:UpdateAccessKey",
    mutating: true,
    resource: (ctx, p) => userResource(ctx, p),
    run(ctx, p) {
      const k = requireKey(ctx, str(p, "AccessKeyId"), targetUser(ctx, p));
      ctx.iam.q("UPDATE access_keys SET status = ? WHERE id = ?").run(str(p, "Status"), k.id);
      ctx.iam.changed();
      return {};
    },
  },
  ListAccessKeys: {
    iamAction: "iam:ListAccessKeys",
    mutating: false,
    resource: (ctx, p) => userResource(ctx, p),
    run(ctx, p) {
      const user = targetUser(ctx, p);
      const rows = ctx.iam.q("SELECT * FROM access_keys WHERE user_id IS ? ORDER BY create_date, id").all(user?.id ?? null) as KeyRow[];
      const meta = rows.map((k) => ({ ...(user ? { UserName: user.name } : {}), AccessKeyId: k.id, Status: k.status, CreateDate: new Date(k.create_date) }));
      return paginate(meta, p, "AccessKeyMetadata");
    },
  },
  GetAccessKeyLastUsed: {
    iamAction: "iam:GetAccessKeyLastUsed",
    mutating: false,
    run(ctx, p) {
      const id = str(p, "AccessKeyId");
      const k = ctx.iam.q("SELECT * FROM access_keys WHERE id = ?").get(id) as KeyRow | undefined;
      if (!k) throw new AwsError("AccessDenied", `The Access Key with id ${id} cannot be found.`, 403);
      const user = k.user_id ? ctx.iam.userById(k.user_id) : undefined;
      return {
        ...(user ? { UserName: user.name } : {}),
        AccessKeyLastUsed: {
          ...(k.last_used !== null ? { LastUsedDate: new Date(k.last_used) } : {}),
          ServiceName: k.last_used_service ?? "N/A",
          Region: k.last_used_region ?? "N/A",
        },
      };
    },
  },
  CreateLoginProfile: {
    iamAction: "iam:CreateLoginProfile",
    mutating: true,
    resource: (ctx, p) => userResource(ctx, p),
    run(ctx, p) {
      const user = loginProfileUser(ctx, p);
      if (ctx.iam.q("SELECT 1 FROM login_profiles WHERE user_id = ?").get(user.id)) {
        throw alreadyExists(`Login Profile for user ${user.name} already exists.`);
      }
      const password = optStr(p, "Password");
      if (password === undefined) throw validationError("1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null");
      checkPassword(password);
      const reset = optBool(p, "PasswordResetRequired") ?? false;
      ctx.iam.q("INSERT INTO login_profiles (user_id, password_hash, reset_required, create_date) VALUES (?, ?, ?, ?)").run(user.id, hashPassword(password), reset ? 1 : 0, ctx.nowMs);
      return { LoginProfile: { UserName: user.name, CreateDate: new Date(ctx.nowMs), PasswordResetRequired: reset } };
    },
  },
  GetLoginProfile: {
    iamAction: "iam:GetLoginProfile",
    mutating: false,
    resource: (ctx, p) => userResource(ctx, p),
    run(ctx, p) {
      const user = loginProfileUser(ctx, p);
      const lp = ctx.iam.q("SELECT * FROM login_profiles WHERE user_id = ?").get(user.id) as { reset_required: number; create_date: number } | undefined;
      if (!lp) throw noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
      return { LoginProfile: { UserName: user.name, CreateDate: new Date(lp.create_date), PasswordResetRequired: lp.reset_required === 1 } };
    },
  },
  UpdateLoginProfile: {
    iamAction: "iam:UpdateLoginProfile",
    mutating: true,
    resource: (ctx, p) => userResource(ctx, p),
    run(ctx, p) {
      const user = requireUser(ctx, str(p, "UserName"));
      if (!ctx.iam.q("SELECT 1 FROM login_profiles WHERE user_id = ?").get(user.id)) {
        throw noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
      }
      const password = optStr(p, "Password");
      if (password !== undefined) {
        checkPassword(password);
        ctx.iam.q("UPDATE login_profiles SET password_hash = ? WHERE user_id = ?").run(hashPassword(password), user.id);
      }
      const reset = optBool(p, "PasswordResetRequired");
      if (reset !== undefined) ctx.iam.q("UPDATE login_profiles SET reset_required = ? WHERE user_id = ?").run(reset ? 1 : 0, user.id);
      return {};
    },
  },
  DeleteLoginProfile: {
    iamAction: "iam:DeleteLoginProfile",
    mutating: true,
    resource: (ctx, p) => userResource(ctx, p),
    run(ctx, p) {
      const user = loginProfileUser(ctx, p);
      const r = ctx.iam.q("DELETE FROM login_profiles WHERE user_id = ?").run(user.id);
      if (r.changes === 0) throw noSuchEntity(`Login Profile for User ${user.name} cannot be found.`);
      return {};
    },
  },
};
