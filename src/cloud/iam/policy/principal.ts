// The Principal / NotPrincipal element of resource-based policies (trust policies, bucket policies),
// compiled, and how a caller matches it. How strongly a match grants matters to the evaluation logic:
// naming the caller itself (its user ARN, its role-session ARN, or everyone with "*") grants directly;
// naming the role a session came from grants like an identity-based policy would; naming the account
// only delegates to the account's own identity-based policies.
import type { AuthzPrincipal } from "./types.js";

export interface PrincipalSet {
  /** "*" or {"AWS": "*"}: everyone, anonymous callers included. */
  readonly everyone: boolean;
  readonly aws: readonly string[];
  readonly service: readonly string[];
  readonly federated: readonly string[];
  readonly canonicalUser: readonly string[];
}

/** How a Principal element names the caller. "none" when it does not. */
export type PrincipalMatch = "direct" | "role" | "account" | "none";

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):root$/;

/** Matches a Principal element: the strongest way any of its entries names the caller. */
export function matchPrincipal(set: PrincipalSet, p: AuthzPrincipal): PrincipalMatch {
  if (set.everyone) return "direct";
  let best: PrincipalMatch = "none";
  if (p.type === "service") {
    for (const s of set.service) if (s === p.arn || s === p.userId) return "direct";
    return "none";
  }
  if (p.type === "anonymous") return "none";
  for (const a of set.aws) {
    if (a === "*" || a === p.arn) return "direct";
    if (accountOf(a) === p.accountId) {
      if (p.type === "root") return "direct";
      if (best === "none") best = "account";
    } else if (isRoleArnOf(a, p)) best = "role";
  }
  return best;
}

/**
 * Matches a NotPrincipal element, which AWS reads literally: an account exempts only its root user, and a
 * role's ARN does not exempt its sessions (the session ARN must be listed too).
 */
export function inNotPrincipal(set: PrincipalSet, p: AuthzPrincipal): boolean {
  if (set.everyone) return true;
  if (p.type === "service") return set.service.includes(p.arn) || set.service.includes(p.userId);
  if (p.type === "anonymous") return false;
  for (const a of set.aws) {
    if (a === "*" || a === p.arn) return true;
    if (p.type === "root" && accountOf(a) === p.accountId) return true;
  }
  return false;
}

function accountOf(a: string): string | undefined {
  if (ACCOUNT_ID.test(a)) return a;
  return ROOT_ARN.exec(a)?.[1];
}

/** "arn:aws:iam::123456789012:role/path/Name" names sessions of role Name in that account. */
function isRoleArnOf(a: string, p: AuthzPrincipal): boolean {
  if (p.roleName === undefined) return false;
  const prefix = `:iam::${p.accountId}:role/`;
  const at = a.indexOf(prefix);
  if (at < 0 || !a.startsWith("arn:")) return false;
  const path = a.slice(at + prefix.length);
  return path === p.roleName || path.endsWith("/" + p.roleName);
}
