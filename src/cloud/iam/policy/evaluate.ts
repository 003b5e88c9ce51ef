// AWS's policy evaluation logic ("Policy evaluation logic", IAM User Guide), for requests within one account
// and across accounts:
//  1. an explicit Deny in any policy (identity-based, resource-based, boundary, session) wins;
//  2. the root user is allowed everything else in its own account;
//  3. a role's trust policy, and any resource policy of another account, must allow;
//  4. a resource-based policy that names the caller itself (user ARN, role-session ARN, or "*") allows on
//     its own in the same account, unlimited by boundaries and session policies;
//  5. otherwise an identity-based policy must allow (or a resource policy naming the session's role), and
//     then the permissions boundary, if any, and the session policies, if any, must allow too;
//  6. anything else is an implicit deny.
import { matchAction, prepareAction, type RequestAction } from "./action.js";
import { arnMatch, prepareArn, type PreparedArn } from "./arn.js";
import { evaluateClause, type Unresolved } from "./condition.js";
import { ConditionContext } from "./context.js";
import { inNotPrincipal, matchPrincipal, type PrincipalMatch } from "./principal.js";
import type { AuthzRequest, Decision, PolicyDocument, PolicyType, Statement } from "./types.js";
import { resolveTemplate } from "./variables.js";

interface Found {
  readonly policyName: string;
  readonly policyArn: string | undefined;
  readonly statement: Statement;
  readonly match: PrincipalMatch;
}

interface Scan {
  deny?: Found;
  allow?: Found;
}

/** Per-evaluation state shared by every statement check. */
export class Evaluation implements Unresolved {
  unresolved = false;
  readonly action: RequestAction;
  readonly ctx: ConditionContext;
  private resource: PreparedArn | undefined;
  constructor(readonly req: AuthzRequest) {
    this.action = prepareAction(req.action);
    this.ctx = new ConditionContext(req.principal, req.context);
  }

  /** Do the statement's Action/NotAction and Resource/NotResource cover this request? */
  targets(st: Statement): boolean {
    if (matchAction(st.actionMatcher, this.action) === st.actionNegated) return false;
    const patterns = st.resourcePatterns;
    if (patterns) {
      let hit = false;
      for (let i = 0; i < patterns.length && !hit; i++) {
        const text = resolveTemplate(patterns[i]!, (k) => this.ctx.text(k));
        if (text === undefined) {
          if (st.resourceNegated) return false;
          continue;
        }
        hit = arnMatch(text, (this.resource ??= prepareArn(this.req.resource)));
      }
      if (hit === st.resourceNegated) return false;
    }
    return true;
  }

  /** Does the statement apply to this request? For resource policies, how its Principal names the caller. */
  applies(st: Statement): PrincipalMatch {
    if (!this.targets(st)) return "none";
    let match: PrincipalMatch = "direct";
    if (st.principal) {
      match = matchPrincipal(st.principal, this.req.principal);
      if (match === "none") return "none";
    } else if (st.notPrincipal && inNotPrincipal(st.notPrincipal, this.req.principal)) return "none";
    const conds = st.conditions;
    if (conds.length > 0) {
      this.unresolved = false;
      for (const c of conds) if (!evaluateClause(c, this.ctx, this) || this.unresolved) return "none";
    }
    return match;
  }

  /** Scans policies for the first matching Deny (which ends the scan) and the strongest matching Allow. */
  scan(policies: readonly { readonly name: string; readonly arn?: string; readonly policy: PolicyDocument }[], out: Scan): Scan {
    for (const p of policies) {
      for (const st of p.policy.statements) {
        if (st.effect === "Allow" && out.allow && out.allow.match === "direct") {
          continue; // nothing stronger to find; only a Deny can still change the outcome
        }
        const m = this.applies(st);
        if (m === "none") continue;
        const found: Found = { policyName: p.name, policyArn: p.arn, statement: st, match: m };
        if (st.effect === "Deny") {
          out.deny = found;
          return out;
        }
        if (!out.allow || rank(m) > rank(out.allow.match)) out.allow = found;
      }
    }
    return out;
  }
}

function rank(m: PrincipalMatch): number {
  return m === "direct" ? 3 : m === "role" ? 2 : m === "account" ? 1 : 0;
}

function explicitDeny(by: PolicyType, f: Found): Decision {
  return {
    effect: "Deny",
    reason: "explicit-deny",
    deniedBy: by,
    decidingStatement: deciding(f),
    ...(f.policyArn !== undefined ? { decidingPolicyArn: f.policyArn } : {}),
  };
}

function implicitDeny(by: PolicyType): Decision {
  return { effect: "Deny", reason: "implicit-deny", deniedBy: by };
}

function allowed(f: Found | undefined): Decision {
  if (!f) return { effect: "Allow", reason: "allowed" };
  return { effect: "Allow", reason: "allowed", decidingStatement: deciding(f), ...(f.policyArn !== undefined ? { decidingPolicyArn: f.policyArn } : {}) };
}

function deciding(f: Found): { policyName: string; sid?: string; index: number } {
  return f.statement.sid !== undefined ? { policyName: f.policyName, sid: f.statement.sid, index: f.statement.index } : { policyName: f.policyName, index: f.statement.index };
}

export function evaluate(req: AuthzRequest): Decision {
  const ev = new Evaluation(req);
  const principal = req.principal;

  const identity = ev.scan(req.identityPolicies, {});
  if (identity.deny) return explicitDeny("identity-based policy", identity.deny);
  const resource: Scan = req.resourcePolicy ? ev.scan([req.resourcePolicy], {}) : {};
  if (resource.deny) return explicitDeny("resource-based policy", resource.deny);
  const boundary: Scan | undefined = req.permissionsBoundary ? ev.scan([req.permissionsBoundary], {}) : undefined;
  if (boundary?.deny) return explicitDeny("permissions boundary", boundary.deny);
  const sessions = req.sessionPolicies && req.sessionPolicies.length > 0 ? req.sessionPolicies : undefined;
  const session: Scan | undefined = sessions ? ev.scan(sessions, {}) : undefined;
  if (session?.deny) return explicitDeny("session policy", session.deny);

  const sameAccount = req.resourceAccountId === undefined || req.resourceAccountId === principal.accountId;
  const isTrust = req.resourcePolicy?.policy.kind === "trust";
  const resourceMatch = resource.allow?.match ?? "none";

  if ((isTrust || !sameAccount) && resourceMatch === "none") return implicitDeny("resource-based policy");
  if (principal.type === "root") return allowed(resource.allow);
  if (sameAccount && resourceMatch === "direct") return allowed(resource.allow);

  const grant = identity.allow ?? (sameAccount && resourceMatch === "role" ? resource.allow : undefined);
  if (!grant) return implicitDeny(principal.type === "anonymous" || principal.type === "service" ? "resource-based policy" : "identity-based policy");
  if (boundary && !boundary.allow) return implicitDeny("permissions boundary");
  if (session && !session.allow) return implicitDeny("session policy");
  return allowed(grant);
}
