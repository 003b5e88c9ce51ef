// The request context that Condition blocks and policy variables read: the caller's keys (any case, since
// condition keys are case-insensitive) plus the keys AWS derives from the principal itself (aws:username,
// aws:userid, aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:PrincipalTag/*), which the
// caller may override. Nothing is built until a Condition or variable asks, and derived keys are computed on demand.
import type { AuthzPrincipal, ContextValue } from "./types.js";

export class ConditionContext {
  /** The caller's keys, lower-cased; built on first use. */
  private given: Map<string, ContextValue> | undefined;

  constructor(
    private readonly principal: AuthzPrincipal,
    private readonly raw: Readonly<Record<string, ContextValue>>,
  ) {}

  /** A key's value; `key` is lower-case. The caller's keys win over those derived from the principal. */
  get(key: string): ContextValue {
    if (this.given === undefined) {
      this.given = new Map();
      for (const k in this.raw) {
        const v = this.raw[k];
        if (v !== undefined) this.given.set(k.toLowerCase(), v);
      }
    }
    const v = this.given.get(key);
    return v !== undefined ? v : this.derived(key);
  }

  /** A single-valued key as text (for policy variables); undefined when absent or multi-valued. */
  text(key: string): string | undefined {
    const v = this.get(key);
    return v === undefined || Array.isArray(v) ? undefined : valueText(v);
  }

  private derived(key: string): ContextValue {
    const p = this.principal;
    if (p.type === "anonymous" || !key.startsWith("aws:")) return undefined;
    switch (key) {
      case "aws:userid":
        return p.userId;
      case "aws:username":
        return p.type === "user" ? p.username : undefined;
      case "aws:principalarn":
        return principalArnKey(p);
      case "aws:principalaccount":
        return p.accountId;
      case "aws:principaltype":
        return principalTypeKey(p);
      case "aws:principalisawsservice":
        return p.type === "service";
    }
    if (key.startsWith("aws:principaltag/")) {
      const tag = key.slice("aws:principaltag/".length);
      for (const k in p.tags) if (k.toLowerCase() === tag) return p.tags[k];
    }
    return undefined;
  }
}

/** aws:PrincipalArn: for a role session it is the role's ARN, not the session's. */
function principalArnKey(p: AuthzPrincipal): string {
  if (p.type === "assumed-role" && p.roleName !== undefined) return `arn:aws:iam::${p.accountId}:role/${p.roleName}`;
  return p.arn;
}

function principalTypeKey(p: AuthzPrincipal): string {
  switch (p.type) {
    case "root":
      return "Account";
    case "user":
      return "User";
    case "assumed-role":
      return "AssumedRole";
    case "service":
      return "Service";
    case "anonymous":
      return "Anonymous";
  }
}

export function valueText(v: Exclude<ContextValue, undefined | string[]>): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean" || typeof v === "number") return String(v);
  return v.toISOString().replace(/\.\d{3}Z$/, "Z");
}
