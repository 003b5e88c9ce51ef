// The request context that Condition blocks and policy variables read: the caller's keys (any case, since
// condition keys are case-insensitive) plus the keys AWS derives from the principal itself (aws:username,
// aws:userid, aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:PrincipalTag/*), which the
// caller may override. Built lazily: a decision that never reaches a Condition or variable never builds it.
import type { AuthzPrincipal, ContextValue } from "./types.js";

export class ConditionContext {
  private map: Map<string, ContextValue> | undefined;

  constructor(
    private readonly principal: AuthzPrincipal,
    private readonly given: Readonly<Record<string, ContextValue>>,
  ) {}

  get(key: string): ContextValue {
    return (this.map ??= this.build()).get(key);
  }

  /** A single-valued key as text (for policy variables); undefined when absent or multi-valued. */
  text(key: string): string | undefined {
    const v = this.get(key);
    return v === undefined || Array.isArray(v) ? undefined : valueText(v);
  }

  private build(): Map<string, ContextValue> {
    const m = new Map<string, ContextValue>();
    const p = this.principal;
    if (p.type !== "anonymous") {
      m.set("aws:userid", p.userId);
      m.set("aws:principalarn", principalArnKey(p));
      m.set("aws:principalaccount", p.accountId);
      m.set("aws:principaltype", principalTypeKey(p));
      if (p.type === "user" && p.username !== undefined) m.set("aws:username", p.username);
      for (const [k, v] of Object.entries(p.tags)) m.set("aws:principaltag/" + k.toLowerCase(), v);
      m.set("aws:principalisawsservice", p.type === "service");
    }
    for (const k of Object.keys(this.given)) {
      const v = this.given[k];
      if (v !== undefined) m.set(k.toLowerCase(), v);
    }
    return m;
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
