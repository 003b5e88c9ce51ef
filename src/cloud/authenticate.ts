// Authentication: which principal holds this access key, and may it still act. Long-term keys (AKIA…) belong to
// the root user or an IAM user; temporary ones (ASIA…) to an STS session with a token and an expiry.
import { AwsError, type AwsCredentials } from "./api.js";
import type { Caller } from "./caller.js";
import { assumedRoleArn, rootArn } from "./ids.js";
import { type CachedKey, IamModel, tagMap } from "./iam/model.js";

export function invalidClientTokenId(): AwsError {
  return new AwsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403);
}

export function expiredToken(): AwsError {
  return new AwsError("ExpiredToken", "The security token included in the request is expired", 403);
}

interface KeyRow {
  id: string;
  secret: string;
  user_id: string | null;
  status: string;
}

interface SessionRow {
  access_key_id: string;
  secret: string;
  token: string;
  kind: string;
  role_id: string | null;
  user_id: string | null;
  session_name: string | null;
  session_policy: string | null;
  policy_arns: string | null;
  tags: string | null;
  create_date: number;
  expiration: number;
}

function signatureDoesNotMatch(): AwsError {
  return new AwsError(
    "SignatureDoesNotMatch",
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    403,
  );
}

/**
 * The principal holding a key and the key's secret, or the error AWS answers for it (unknown or inactive key,
 * wrong or missing session token, expired session). Shared by in-process calls and SigV4 verification; cached
 * until IAM changes.
 */
export function lookupKey(iam: IamModel, nowMs: number, keyId: string, token: string | undefined): CachedKey | AwsError {
  let found = iam.keys.get(keyId);
  if (!found) {
    const loaded = loadKey(iam, keyId);
    if (loaded instanceof AwsError) return loaded;
    iam.keys.set(keyId, (found = loaded));
  }
  if (found.token !== undefined) {
    if (token !== found.token) return invalidClientTokenId();
    if (found.expirationMs! <= nowMs) return expiredToken();
  }
  return found;
}

/** Authenticates a call's credentials; throws AWS's error. `trusted` when SigV4 was already verified. */
export function authenticate(iam: IamModel, nowMs: number, creds: AwsCredentials, trusted: boolean): Caller {
  const found = lookupKey(iam, nowMs, creds.accessKeyId, creds.sessionToken);
  if (found instanceof AwsError) throw found;
  if (!trusted && creds.secretAccessKey !== found.secret) throw signatureDoesNotMatch();
  return found.caller;
}

function loadKey(iam: IamModel, keyId: string): CachedKey | AwsError {
  const accountId = iam.accountId;
  let base: Omit<Caller, "principal">;
  let key: { secret: string; token?: string; expirationMs?: number };
  let sessionTags: string | null = null;
  if (keyId.startsWith("ASIA")) {
    const s = iam.q("SELECT * FROM sessions WHERE access_key_id = ?").get(keyId) as SessionRow | undefined;
    if (!s) return invalidClientTokenId();
    key = { secret: s.secret, token: s.token, expirationMs: s.expiration };
    sessionTags = s.tags;
    const session = {
      issuedMs: s.create_date,
      expirationMs: s.expiration,
      ...(s.session_policy ? { policy: s.session_policy } : {}),
      ...(s.policy_arns ? { policyArns: JSON.parse(s.policy_arns) as string[] } : {}),
    };
    if (s.kind === "assumed-role") {
      const role = iam.roleById(s.role_id!);
      if (!role) return invalidClientTokenId();
      base = {
        kind: "assumed-role",
        accessKeyId: keyId,
        accountId,
        arn: assumedRoleArn(accountId, role.name, s.session_name!),
        userId: `${role.id}:${s.session_name}`,
        roleId: role.id,
        roleName: role.name,
        sessionName: s.session_name!,
        session,
      };
    } else {
      const b = longTermPrincipal(iam, s.user_id, keyId, session);
      if (!b) return invalidClientTokenId();
      base = b;
    }
  } else {
    const k = iam.q("SELECT id, secret, user_id, status FROM access_keys WHERE id = ?").get(keyId) as KeyRow | undefined;
    if (!k || k.status !== "Active") return invalidClientTokenId();
    key = { secret: k.secret };
    const b = longTermPrincipal(iam, k.user_id, keyId, undefined);
    if (!b) return invalidClientTokenId();
    base = b;
  }
  let tags = base.kind === "root" ? {} : iam.identityContext(base as Caller).tags;
  // Session tags override the role's tags of the same key (STS: "Passing session tags").
  if (sessionTags) tags = { ...tags, ...tagMap(sessionTags) };
  return { ...key, caller: { ...base, principal: IamModel.principal(base, tags) } };
}

function longTermPrincipal(iam: IamModel, userId: string | null, keyId: string, session: Caller["session"]): Omit<Caller, "principal"> | undefined {
  const accountId = iam.accountId;
  if (userId === null) {
    return { kind: "root", accessKeyId: keyId, accountId, arn: rootArn(accountId), userId: accountId, ...(session ? { session } : {}) };
  }
  const user = iam.userById(userId);
  if (!user) return undefined;
  return {
    kind: "user",
    accessKeyId: keyId,
    accountId,
    arn: user.arn,
    userId: user.id,
    iamUserId: user.id,
    userName: user.name,
    ...(session ? { session } : {}),
  };
}
