// The policy contract the cloud's pipeline calls: parsed documents, the authorization request, the decision.
import type { ActionMatcher } from "./action.js";
import type { ConditionClause } from "./condition.js";
import type { PrincipalSet } from "./principal.js";
import type { Template } from "./variables.js";

/** Where a document is used; it decides which elements are required or forbidden, and the Version rules. */
export type PolicyKind = "identity" | "resource" | "trust" | "boundary" | "session";

export type Effect = "Allow" | "Deny";

export interface PolicyDocument {
  readonly version: "2012-10-17" | "2008-10-17";
  readonly id?: string;
  readonly statements: readonly Statement[];
  /** The JSON text as stored (AWS returns documents as written, URL-encoded on the wire). */
  readonly source: string;
  readonly kind: PolicyKind;
}

/** One statement, kept as written (for the simulator's output) and compiled (for evaluation). */
export interface Statement {
  /** Position in the Statement array, from 0. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly principal?: PrincipalSet;
  readonly notPrincipal?: PrincipalSet;
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly conditions: readonly ConditionClause[];
  /** Compiled Action or NotAction (see `actionNegated`). */
  readonly actionMatcher: ActionMatcher;
  readonly actionNegated: boolean;
  /** Compiled Resource or NotResource patterns; undefined when the statement has neither (trust policies). */
  readonly resourcePatterns?: readonly Template[];
  readonly resourceNegated: boolean;
}

export interface AuthzPrincipal {
  readonly type: "root" | "user" | "assumed-role" | "anonymous" | "service";
  /** For a service principal: its name, "ec2.amazonaws.com". */
  readonly arn: string;
  readonly accountId: string;
  /** aws:userid: AIDA… for a user, "AROA…:session" for a role session, the account id for root. */
  readonly userId: string;
  readonly username?: string;
  readonly roleName?: string;
  readonly sessionName?: string;
  readonly tags: Readonly<Record<string, string>>;
}

export type ContextValue = string | string[] | boolean | number | Date | undefined;

export interface AuthzRequest {
  readonly principal: AuthzPrincipal;
  /** "iam:CreateRole", "ec2:RunInstances", "s3:GetObject". */
  readonly action: string;
  /** The resource's ARN, or "*" where the action takes none. */
  readonly resource: string;
  /** Owner of the resource when it is not the caller's account (cross-account access). */
  readonly resourceAccountId?: string;
  /** Condition keys, any case: aws:SourceIp, aws:RequestedRegion, aws:CurrentTime, iam:PassedToService… */
  readonly context: Readonly<Record<string, ContextValue>>;
  /** The user's inline and managed policies and those of its groups, or the role's for a role session. */
  readonly identityPolicies: readonly { readonly name: string; readonly arn?: string; readonly policy: PolicyDocument }[];
  /** A bucket policy, or a role's trust policy (kind "trust": then it must allow, and governs sts:AssumeRole*). */
  readonly resourcePolicy?: { readonly name: string; readonly policy: PolicyDocument };
  readonly permissionsBoundary?: { readonly name: string; readonly arn?: string; readonly policy: PolicyDocument };
  readonly sessionPolicies?: readonly { readonly name: string; readonly policy: PolicyDocument }[];
}

export type PolicyType = "identity-based policy" | "resource-based policy" | "permissions boundary" | "session policy" | "service control policy";

export interface Decision {
  readonly effect: "Allow" | "Deny";
  readonly reason: "explicit-deny" | "allowed" | "implicit-deny";
  /** Which kind of policy denied (explicitly, or by not allowing). */
  readonly deniedBy?: PolicyType;
  /** The statement that decided: the Deny that matched, or the Allow that granted. */
  readonly decidingStatement?: { readonly policyName: string; readonly sid?: string; readonly index: number };
  /** ARN of the managed policy holding the deciding statement, when it has one (used in denial messages). */
  readonly decidingPolicyArn?: string;
}
