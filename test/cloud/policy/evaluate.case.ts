// The policy-evaluation corpus: each case is tied to the rule of AWS's documented evaluation logic ("Policy
// evaluation logic", "Condition operators", "Policy variables", "Permissions boundaries", "Session policies"
// in the IAM User Guide) that decides it. Expected outcomes come from those rules, not from our evaluator.
// The documents are plain JSON so the pipeline's tests can replay a sample end to end (create the user,
// attach the policies, call the API with the `aws` CLI) with the same expectations.
import type { AuthzPrincipal, ContextValue, PolicyType } from "../../../src/cloud/iam/policy/index.js";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A policy inline ({name, document}), or an AWS managed policy by ARN. */
export type PolicySpec = { readonly name: string; readonly arn?: string; readonly document: Json } | string;

export interface EvaluationCase {
  readonly name: string;
  /** The rule of AWS's evaluation logic the case shows. */
  readonly rule: string;
  readonly principal: AuthzPrincipal;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccountId?: string;
  readonly context?: Readonly<Record<string, ContextValue>>;
  readonly identity?: readonly PolicySpec[];
  readonly resourcePolicy?: { readonly name: string; readonly kind: "resource" | "trust"; readonly document: Json };
  readonly boundary?: PolicySpec;
  readonly session?: readonly PolicySpec[];
  readonly expect: {
    readonly effect: "Allow" | "Deny";
    readonly reason: "allowed" | "explicit-deny" | "implicit-deny";
    readonly deniedBy?: PolicyType;
    /** The exact denial message, where the case is about its wording. */
    readonly message?: string;
  };
}

export const ACCOUNT = "123456789012";
export const OTHER_ACCOUNT = "999999999999";

export const dev: AuthzPrincipal = {
  type: "user",
  arn: `arn:aws:iam::${ACCOUNT}:user/dev`,
  accountId: ACCOUNT,
  userId: "AIDAEXAMPLEDEV000001",
  username: "dev",
  tags: { team: "blue" },
};
export const admin: AuthzPrincipal = { type: "user", arn: `arn:aws:iam::${ACCOUNT}:user/admin`, accountId: ACCOUNT, userId: "AIDAEXAMPLEADMIN0001", username: "admin", tags: {} };
export const root: AuthzPrincipal = { type: "root", arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, userId: ACCOUNT, tags: {} };
export const session: AuthzPrincipal = {
  type: "assumed-role",
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app/sess1`,
  accountId: ACCOUNT,
  userId: "AROAEXAMPLEAPP000001:sess1",
  roleName: "app",
  sessionName: "sess1",
  tags: {},
};
export const outsider: AuthzPrincipal = { type: "user", arn: `arn:aws:iam::${OTHER_ACCOUNT}:user/ext`, accountId: OTHER_ACCOUNT, userId: "AIDAEXAMPLEEXT000001", username: "ext", tags: {} };
export const anonymous: AuthzPrincipal = { type: "anonymous", arn: "", accountId: "", userId: "", tags: {} };
export const ec2Service: AuthzPrincipal = { type: "service", arn: "ec2.amazonaws.com", accountId: "", userId: "ec2.amazonaws.com", tags: {} };

type Stmt = { [k: string]: Json };
const doc = (...Statement: Stmt[]): Json => ({ Version: "2012-10-17", Statement });
const allow = (Action: Json, Resource: Json = "*", extra: Stmt = {}): Stmt => ({ Effect: "Allow", Action, Resource, ...extra });
const deny = (Action: Json, Resource: Json = "*", extra: Stmt = {}): Stmt => ({ Effect: "Deny", Action, Resource, ...extra });
const inline = (name: string, ...statements: Stmt[]) => ({ name, document: doc(...statements) });
const managed = (name: string, ...statements: Stmt[]) => ({ name, arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`, document: doc(...statements) });

const ALLOW = { effect: "Allow", reason: "allowed" } as const;
const EXPLICIT = (deniedBy: PolicyType, message?: string) => ({ effect: "Deny", reason: "explicit-deny", deniedBy, ...(message ? { message } : {}) }) as const;
const IMPLICIT = (deniedBy: PolicyType, message?: string) => ({ effect: "Deny", reason: "implicit-deny", deniedBy, ...(message ? { message } : {}) }) as const;

const ADMIN = inline("admin", allow("*"));
const DEV_USER = `arn:aws:iam::${ACCOUNT}:user/dev`;
const ROLE_X = `arn:aws:iam::${ACCOUNT}:role/x`;
const APP_ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
const bucketObject = (b: string, k: string) => `arn:aws:s3:::${b}/${k}`;
const bucketPolicy = (...statements: Stmt[]) => ({ name: "BucketPolicy", kind: "resource" as const, document: doc(...statements) });
const trustPolicy = (...statements: Stmt[]) => ({ name: "TrustPolicy", kind: "trust" as const, document: doc(...statements) });
const assumeFrom = (Principal: Json, extra: Stmt = {}): Stmt => ({ Effect: "Allow", Principal, Action: "sts:AssumeRole", ...extra });

const AT = new Date("2026-11-23T10:00:00Z");

export const evaluationCases: readonly EvaluationCase[] = [
  // ── No policy, no access ─────────────────────────────────────────────────────────────────────────────
  {
    name: "no policy at all: implicit deny, worded as AWS words it",
    rule: "By default all requests are implicitly denied (except the root user's)",
    principal: dev, action: "iam:CreateRole", resource: ROLE_X,
    expect: IMPLICIT("identity-based policy", `User: ${DEV_USER} is not authorized to perform: iam:CreateRole on resource: ${ROLE_X} because no identity-based policy allows the iam:CreateRole action`),
  },
  {
    name: "an action that takes no resource is worded without 'on resource'",
    rule: "Implicit deny; the message names the resource only when there is one",
    principal: dev, action: "ec2:DescribeInstances", resource: "*",
    expect: IMPLICIT("identity-based policy", `User: ${DEV_USER} is not authorized to perform: ec2:DescribeInstances because no identity-based policy allows the ec2:DescribeInstances action`),
  },
  {
    name: "an allow for another action does not allow this one",
    rule: "An identity-based policy must allow the exact action",
    principal: dev, action: "iam:DeleteUser", resource: DEV_USER, identity: [inline("p", allow("iam:GetUser"))],
    expect: IMPLICIT("identity-based policy"),
  },
  // ── Explicit deny wins ───────────────────────────────────────────────────────────────────────────────
  {
    name: "deny beats allow in the same policy",
    rule: "An explicit deny in any policy overrides any allow",
    principal: dev, action: "iam:CreateRole", resource: ROLE_X, identity: [inline("p", allow("*"), deny("iam:CreateRole"))],
    expect: EXPLICIT("identity-based policy", `User: ${DEV_USER} is not authorized to perform: iam:CreateRole on resource: ${ROLE_X} with an explicit deny in an identity-based policy`),
  },
  {
    name: "deny in a managed policy beats allow in another, and the message names the policy",
    rule: "An explicit deny in any policy overrides any allow; AWS names the denying managed policy",
    principal: dev, action: "iam:CreateRole", resource: ROLE_X, identity: [ADMIN, managed("DenyIam", deny("iam:*"))],
    expect: EXPLICIT("identity-based policy", `User: ${DEV_USER} is not authorized to perform: iam:CreateRole on resource: ${ROLE_X} with an explicit deny in an identity-based policy: arn:aws:iam::${ACCOUNT}:policy/DenyIam`),
  },
  {
    name: "a deny for another action leaves the allow standing",
    rule: "A Deny applies only to the actions and resources it matches",
    principal: dev, action: "iam:GetUser", resource: DEV_USER, identity: [ADMIN, inline("d", deny("iam:DeleteUser"))],
    expect: ALLOW,
  },
  {
    name: "a deny for another resource leaves the allow standing",
    rule: "A Deny applies only to the resources it matches",
    principal: dev, action: "s3:GetObject", resource: bucketObject("public", "a"), identity: [ADMIN, inline("d", deny("s3:*", "arn:aws:s3:::secret/*"))],
    expect: ALLOW,
  },
  // ── NotAction ────────────────────────────────────────────────────────────────────────────────────────
  {
    name: "Deny with NotAction denies every other action",
    rule: "NotAction with Deny: the statement applies to every action not listed",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), identity: [ADMIN, inline("d", { Effect: "Deny", NotAction: "iam:*", Resource: "*" })],
    expect: EXPLICIT("identity-based policy"),
  },
  {
    name: "Deny with NotAction does not deny the listed action",
    rule: "NotAction with Deny: listed actions are outside the statement",
    principal: dev, action: "iam:ListUsers", resource: "*", identity: [ADMIN, inline("d", { Effect: "Deny", NotAction: "iam:*", Resource: "*" })],
    expect: ALLOW,
  },
  {
    name: "Allow with NotAction does not allow the listed action",
    rule: "NotAction with Allow grants everything but the listed actions",
    principal: dev, action: "iam:CreateUser", resource: "*", identity: [inline("p", { Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" })],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "Allow with NotAction allows other actions",
    rule: "NotAction with Allow grants everything but the listed actions",
    principal: dev, action: "ec2:RunInstances", resource: "*", identity: [inline("p", { Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" })],
    expect: ALLOW,
  },
  // ── NotResource ──────────────────────────────────────────────────────────────────────────────────────
  {
    name: "Allow with NotResource allows other resources",
    rule: "NotResource: the statement applies to every resource not listed",
    principal: dev, action: "s3:GetObject", resource: bucketObject("public", "a"), identity: [inline("p", { Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::secret/*" })],
    expect: ALLOW,
  },
  {
    name: "Allow with NotResource does not allow the listed resource",
    rule: "NotResource: listed resources are outside the statement",
    principal: dev, action: "s3:GetObject", resource: bucketObject("secret", "a"), identity: [inline("p", { Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::secret/*" })],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "Deny with NotResource denies everything outside the listed resources",
    rule: "NotResource with Deny is a deny, never an allow (moto treats it as an allow)",
    principal: dev, action: "s3:GetObject", resource: bucketObject("secret", "a"), identity: [ADMIN, inline("d", { Effect: "Deny", Action: "s3:*", NotResource: "arn:aws:s3:::public/*" })],
    expect: EXPLICIT("identity-based policy"),
  },
  {
    name: "Deny with NotResource leaves the listed resources to the allow",
    rule: "NotResource with Deny: listed resources are outside the deny",
    principal: dev, action: "s3:GetObject", resource: bucketObject("public", "a"), identity: [ADMIN, inline("d", { Effect: "Deny", Action: "s3:*", NotResource: "arn:aws:s3:::public/*" })],
    expect: ALLOW,
  },
  // ── Wildcards and case ───────────────────────────────────────────────────────────────────────────────
  {
    name: "action prefix wildcard",
    rule: "`*` in an action matches any run of characters",
    principal: dev, action: "iam:GetUser", resource: DEV_USER, identity: [inline("p", allow("iam:Get*"))],
    expect: ALLOW,
  },
  {
    name: "action prefix wildcard does not match another prefix",
    rule: "`*` in an action matches only where it stands",
    principal: dev, action: "iam:ListUsers", resource: "*", identity: [inline("p", allow("iam:Get*"))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "wildcard inside an action name",
    rule: "`*` may stand anywhere in the action name",
    principal: dev, action: "ec2:RunInstances", resource: "*", identity: [inline("p", allow("ec2:*Instances"))],
    expect: ALLOW,
  },
  {
    name: "? matches exactly one character",
    rule: "`?` matches any single character",
    principal: dev, action: "iam:GetUser", resource: DEV_USER, identity: [inline("p", allow("iam:Get?ser"))],
    expect: ALLOW,
  },
  {
    name: "? does not match two characters",
    rule: "`?` matches exactly one character",
    principal: dev, action: "iam:GetUserPolicy", resource: DEV_USER, identity: [inline("p", allow("iam:Get?ser"))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "actions are case-insensitive",
    rule: "Action names are not case-sensitive",
    principal: dev, action: "iam:GetUser", resource: DEV_USER, identity: [inline("p", allow("IAM:getuser"))],
    expect: ALLOW,
  },
  {
    name: "resources are case-sensitive",
    rule: "Resource ARNs are case-sensitive",
    principal: dev, action: "s3:GetObject", resource: bucketObject("bucket", "x"), identity: [inline("p", allow("s3:GetObject", "arn:aws:s3:::Bucket/*"))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "a '.' in a resource is literal",
    rule: "Only `*` and `?` are wildcards in a resource (moto's regex treats '.' as any character)",
    principal: dev, action: "s3:GetObject", resource: bucketObject("myxbucket", "a"), identity: [inline("p", allow("s3:GetObject", "arn:aws:s3:::my.bucket/*"))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "'+', '(', ')', '[' and ']' in a resource are literal",
    rule: "Only `*` and `?` are wildcards in a resource (moto's regex breaks on these)",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "a+(1)[x].txt"), identity: [inline("p", allow("s3:GetObject", "arn:aws:s3:::b/a+(1)[x].txt"))],
    expect: ALLOW,
  },
  {
    name: "'+' in a resource pattern does not mean 'one or more'",
    rule: "Only `*` and `?` are wildcards in a resource",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "aaa"), identity: [inline("p", allow("s3:GetObject", "arn:aws:s3:::b/a+"))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "? in a resource matches one character",
    rule: "`?` matches any single character in a resource",
    principal: dev, action: "iam:GetUser", resource: `arn:aws:iam::${ACCOUNT}:user/dev1`, identity: [inline("p", allow("iam:GetUser", `arn:aws:iam::${ACCOUNT}:user/dev?`))],
    expect: ALLOW,
  },
  {
    name: "? in a resource does not match two characters",
    rule: "`?` matches exactly one character in a resource",
    principal: dev, action: "iam:GetUser", resource: `arn:aws:iam::${ACCOUNT}:user/dev12`, identity: [inline("p", allow("iam:GetUser", `arn:aws:iam::${ACCOUNT}:user/dev?`))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "wildcards in region and account parts",
    rule: "Each ARN part may hold wildcards",
    principal: dev, action: "ec2:TerminateInstances", resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`, identity: [inline("p", allow("ec2:TerminateInstances", "arn:aws:ec2:*:*:instance/*"))],
    expect: ALLOW,
  },
  {
    name: "a fixed account part does not match another account",
    rule: "ARN parts are matched one by one",
    principal: dev, action: "ec2:TerminateInstances", resource: `arn:aws:ec2:us-east-1:${OTHER_ACCOUNT}:instance/i-0abc`, identity: [inline("p", allow("ec2:TerminateInstances", `arn:aws:ec2:*:${ACCOUNT}:instance/*`))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "a wildcard in one ARN part does not swallow the next part",
    rule: "The six colon-separated parts of an ARN are matched separately",
    principal: dev, action: "ec2:TerminateInstances", resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`, identity: [inline("p", allow("ec2:TerminateInstances", "arn:aws:ec2:us-*:instance/*"))],
    expect: IMPLICIT("identity-based policy"),
  },
  // ── Root ─────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: "the root user needs no policy",
    rule: "The root user has full access to its account",
    principal: root, action: "iam:CreateRole", resource: ROLE_X,
    expect: ALLOW,
  },
  {
    name: "a resource policy's deny applies to the root user too",
    rule: "An explicit deny in a resource-based policy applies even to the root user",
    principal: root, action: "s3:GetObject", resource: bucketObject("b", "k"), resourcePolicy: bucketPolicy({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::b/*" }),
    expect: EXPLICIT("resource-based policy", `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k with an explicit deny in a resource-based policy`),
  },
  // ── Permissions boundaries ───────────────────────────────────────────────────────────────────────────
  {
    name: "a boundary that does not allow the action caps the identity allow",
    rule: "Effective permissions are the intersection of identity-based policies and the permissions boundary",
    principal: dev, action: "iam:CreateRole", resource: ROLE_X, identity: [ADMIN], boundary: managed("S3Only", allow("s3:*")),
    expect: IMPLICIT("permissions boundary", `User: ${DEV_USER} is not authorized to perform: iam:CreateRole on resource: ${ROLE_X} because no permissions boundary allows the iam:CreateRole action`),
  },
  {
    name: "an action inside both identity policy and boundary is allowed",
    rule: "Effective permissions are the intersection of identity-based policies and the permissions boundary",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), identity: [inline("p", allow("s3:GetObject"))], boundary: managed("S3Only", allow("s3:*")),
    expect: ALLOW,
  },
  {
    name: "a boundary grants nothing by itself",
    rule: "A permissions boundary limits permissions but never grants them",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), boundary: managed("All", allow("*")),
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "an explicit deny in a boundary",
    rule: "An explicit deny in any policy, a boundary included, overrides any allow",
    principal: dev, action: "iam:DeleteUser", resource: DEV_USER, identity: [ADMIN], boundary: managed("B", allow("*"), deny("iam:Delete*")),
    expect: EXPLICIT("permissions boundary", `User: ${DEV_USER} is not authorized to perform: iam:DeleteUser on resource: ${DEV_USER} with an explicit deny in a permissions boundary`),
  },
  {
    name: "a resource policy naming the user is not limited by the user's boundary",
    rule: "Resource-based policies that name the user ARN are not limited by a permissions boundary (same account)",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), boundary: managed("Ec2Only", allow("ec2:*")),
    resourcePolicy: bucketPolicy({ Effect: "Allow", Principal: { AWS: DEV_USER }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
    expect: ALLOW,
  },
  // ── Session policies ─────────────────────────────────────────────────────────────────────────────────
  {
    name: "a session policy caps the role's permissions",
    rule: "A role session's permissions are the intersection of the role's identity-based policies and the session policies",
    principal: session, action: "s3:PutObject", resource: bucketObject("b", "k"), identity: [ADMIN], session: [inline("Session", allow("s3:GetObject"))],
    expect: IMPLICIT("session policy", `User: arn:aws:sts::${ACCOUNT}:assumed-role/app/sess1 is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::b/k because no session policy allows the s3:PutObject action`),
  },
  {
    name: "an action inside both role policy and session policy is allowed",
    rule: "Intersection of identity-based and session policies",
    principal: session, action: "s3:GetObject", resource: bucketObject("b", "k"), identity: [ADMIN], session: [inline("Session", allow("s3:GetObject"))],
    expect: ALLOW,
  },
  {
    name: "a session policy grants nothing by itself",
    rule: "Session policies limit permissions but never grant them",
    principal: session, action: "s3:GetObject", resource: bucketObject("b", "k"), session: [inline("Session", allow("*"))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "an explicit deny in a session policy",
    rule: "An explicit deny in any policy, a session policy included, overrides any allow",
    principal: session, action: "s3:DeleteObject", resource: bucketObject("b", "k"), identity: [ADMIN], session: [inline("Session", allow("*"), deny("s3:Delete*"))],
    expect: EXPLICIT("session policy", `User: arn:aws:sts::${ACCOUNT}:assumed-role/app/sess1 is not authorized to perform: s3:DeleteObject on resource: arn:aws:s3:::b/k with an explicit deny in a session policy`),
  },
  {
    name: "several session policies: any of them may allow",
    rule: "Session policies (inline and managed ARNs) together bound the session",
    principal: session, action: "ec2:DescribeInstances", resource: "*", identity: [ADMIN], session: [inline("S1", allow("s3:GetObject")), inline("S2", allow("ec2:Describe*"))],
    expect: ALLOW,
  },
  {
    name: "a role's identity allow works without session policies",
    rule: "A role session without session policies has the role's permissions",
    principal: session, action: "ec2:DescribeInstances", resource: "*", identity: [inline("role", allow("ec2:Describe*"))],
    expect: ALLOW,
  },
  // ── Resource-based policies ──────────────────────────────────────────────────────────────────────────
  {
    name: "a bucket policy naming the user allows without an identity policy",
    rule: "Within an account, a resource-based policy that names the principal is enough on its own",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"),
    resourcePolicy: bucketPolicy({ Effect: "Allow", Principal: { AWS: DEV_USER }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
    expect: ALLOW,
  },
  {
    name: "a bucket policy naming the account only delegates to identity policies",
    rule: "A resource policy granting to the account needs an identity-based policy to allow too",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"),
    resourcePolicy: bucketPolicy({ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "a bucket policy naming another user does not allow",
    rule: "A resource-based policy statement applies only to the principals it names",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"),
    resourcePolicy: bucketPolicy({ Effect: "Allow", Principal: { AWS: admin.arn }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "a public bucket policy allows anonymous callers",
    rule: "Principal \"*\" includes anonymous requests",
    principal: anonymous, action: "s3:GetObject", resource: bucketObject("site", "index.html"),
    resourcePolicy: bucketPolicy({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::site/*" }),
    expect: ALLOW,
  },
  {
    name: "anonymous callers without a resource policy are denied",
    rule: "Anonymous requests can be allowed only by a resource-based policy",
    principal: anonymous, action: "s3:GetObject", resource: bucketObject("site", "index.html"),
    expect: IMPLICIT("resource-based policy"),
  },
  {
    name: "cross-account: identity allow alone is not enough",
    rule: "Across accounts, both the caller's identity-based policy and the resource's policy must allow",
    principal: outsider, action: "s3:GetObject", resource: bucketObject("b", "k"), resourceAccountId: ACCOUNT, identity: [ADMIN],
    expect: IMPLICIT("resource-based policy", `User: ${outsider.arn} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no resource-based policy allows the s3:GetObject action`),
  },
  {
    name: "cross-account: identity allow and resource allow",
    rule: "Across accounts, both the caller's identity-based policy and the resource's policy must allow",
    principal: outsider, action: "s3:GetObject", resource: bucketObject("b", "k"), resourceAccountId: ACCOUNT, identity: [ADMIN],
    resourcePolicy: bucketPolicy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
    expect: ALLOW,
  },
  {
    name: "cross-account: resource allow alone is not enough",
    rule: "Across accounts, the caller's own account must allow too",
    principal: outsider, action: "s3:GetObject", resource: bucketObject("b", "k"), resourceAccountId: ACCOUNT,
    resourcePolicy: bucketPolicy({ Effect: "Allow", Principal: { AWS: outsider.arn }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "Deny with NotPrincipal denies everyone not listed",
    rule: "NotPrincipal with Deny: the statement applies to every principal not listed",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), identity: [ADMIN],
    resourcePolicy: bucketPolicy({ Effect: "Deny", NotPrincipal: { AWS: admin.arn }, Action: "s3:*", Resource: "arn:aws:s3:::b/*" }),
    expect: EXPLICIT("resource-based policy"),
  },
  {
    name: "Deny with NotPrincipal spares the listed principal",
    rule: "NotPrincipal with Deny: listed principals are outside the deny",
    principal: admin, action: "s3:GetObject", resource: bucketObject("b", "k"), identity: [ADMIN],
    resourcePolicy: bucketPolicy({ Effect: "Deny", NotPrincipal: { AWS: admin.arn }, Action: "s3:*", Resource: "arn:aws:s3:::b/*" }),
    expect: ALLOW,
  },
  {
    name: "a role ARN as principal covers the role's sessions",
    rule: "A resource policy naming a role applies to sessions of that role",
    principal: session, action: "s3:GetObject", resource: bucketObject("b", "k"),
    resourcePolicy: bucketPolicy({ Effect: "Allow", Principal: { AWS: APP_ROLE }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
    expect: ALLOW,
  },
  {
    name: "a grant to the role ARN is still capped by the session policy",
    rule: "Session policies limit resource-based grants to the role ARN (only grants to the session ARN escape them)",
    principal: session, action: "s3:GetObject", resource: bucketObject("b", "k"), session: [inline("Session", allow("ec2:*"))],
    resourcePolicy: bucketPolicy({ Effect: "Allow", Principal: { AWS: APP_ROLE }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
    expect: IMPLICIT("session policy"),
  },
  {
    name: "a grant to the session ARN is not capped by the session policy",
    rule: "Resource-based policies naming the role-session ARN are not limited by session policies",
    principal: session, action: "s3:GetObject", resource: bucketObject("b", "k"), session: [inline("Session", allow("ec2:*"))],
    resourcePolicy: bucketPolicy({ Effect: "Allow", Principal: { AWS: session.arn }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
    expect: ALLOW,
  },
  // ── Role trust policies ──────────────────────────────────────────────────────────────────────────────
  {
    name: "trust policy trusting the account, and an identity allow for sts:AssumeRole",
    rule: "A trust policy naming the account delegates to the caller's identity-based policies",
    principal: dev, action: "sts:AssumeRole", resource: ROLE_X, identity: [inline("p", allow("sts:AssumeRole", ROLE_X))],
    resourcePolicy: trustPolicy(assumeFrom({ AWS: `arn:aws:iam::${ACCOUNT}:root` })),
    expect: ALLOW,
  },
  {
    name: "trust policy trusting the account, no identity allow",
    rule: "A trust policy naming the account delegates to the caller's identity-based policies",
    principal: dev, action: "sts:AssumeRole", resource: ROLE_X,
    resourcePolicy: trustPolicy(assumeFrom({ AWS: `arn:aws:iam::${ACCOUNT}:root` })),
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "trust policy not trusting the caller, even with an identity allow",
    rule: "A role can be assumed only by principals its trust policy allows",
    principal: dev, action: "sts:AssumeRole", resource: ROLE_X, identity: [ADMIN],
    resourcePolicy: trustPolicy(assumeFrom({ Service: "ec2.amazonaws.com" })),
    expect: IMPLICIT("resource-based policy", `User: ${DEV_USER} is not authorized to perform: sts:AssumeRole on resource: ${ROLE_X} because no resource-based policy allows the sts:AssumeRole action`),
  },
  {
    name: "trust policy naming the user directly",
    rule: "Within an account, a resource-based (trust) policy naming the principal is enough on its own",
    principal: dev, action: "sts:AssumeRole", resource: ROLE_X,
    resourcePolicy: trustPolicy(assumeFrom({ AWS: DEV_USER })),
    expect: ALLOW,
  },
  {
    name: "trust policy for a service principal",
    rule: "A service principal is allowed by a trust policy naming the service",
    principal: ec2Service, action: "sts:AssumeRole", resource: ROLE_X,
    resourcePolicy: trustPolicy(assumeFrom({ Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"] })),
    expect: ALLOW,
  },
  {
    name: "trust policy with an explicit deny",
    rule: "An explicit deny in a resource-based (trust) policy overrides any allow",
    principal: dev, action: "sts:AssumeRole", resource: ROLE_X, identity: [ADMIN],
    resourcePolicy: trustPolicy(assumeFrom({ AWS: ACCOUNT }), { Effect: "Deny", Principal: { AWS: DEV_USER }, Action: "sts:AssumeRole" }),
    expect: EXPLICIT("resource-based policy"),
  },
  // ── String conditions ────────────────────────────────────────────────────────────────────────────────
  {
    name: "StringEquals matching",
    rule: "StringEquals: exact, case-sensitive match",
    principal: dev, action: "ec2:RunInstances", resource: "*", context: { "aws:RequestedRegion": "us-east-1" },
    identity: [inline("p", allow("ec2:*", "*", { Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } }))],
    expect: ALLOW,
  },
  {
    name: "StringEquals not matching",
    rule: "StringEquals: exact, case-sensitive match",
    principal: dev, action: "ec2:RunInstances", resource: "*", context: { "aws:RequestedRegion": "eu-west-1" },
    identity: [inline("p", allow("ec2:*", "*", { Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } }))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "StringEquals is case-sensitive",
    rule: "StringEquals: exact, case-sensitive match",
    principal: dev, action: "ec2:RunInstances", resource: "*", context: { "aws:RequestedRegion": "US-EAST-1" },
    identity: [inline("p", allow("ec2:*", "*", { Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } }))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "several values for a key: any may match (OR)",
    rule: "Multiple values for one condition key are ORed",
    principal: dev, action: "ec2:RunInstances", resource: "*", context: { "aws:RequestedRegion": "eu-west-1" },
    identity: [inline("p", allow("ec2:*", "*", { Condition: { StringEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } } }))],
    expect: ALLOW,
  },
  {
    name: "StringNotEquals with several values is a NOR: a listed region escapes the deny",
    rule: "Negated operators with multiple values: the request value must match none (NOR)",
    principal: dev, action: "ec2:RunInstances", resource: "*", context: { "aws:RequestedRegion": "eu-west-1" },
    identity: [ADMIN, inline("d", deny("*", "*", { Condition: { StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } } }))],
    expect: ALLOW,
  },
  {
    name: "StringNotEquals: an unlisted region is denied",
    rule: "Negated operators with multiple values: the request value must match none (NOR)",
    principal: dev, action: "ec2:RunInstances", resource: "*", context: { "aws:RequestedRegion": "ap-south-1" },
    identity: [ADMIN, inline("d", deny("*", "*", { Condition: { StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } } }))],
    expect: EXPLICIT("identity-based policy"),
  },
  {
    name: "a negated operator on an absent key is true",
    rule: "If the key is absent, negated operators (StringNotEquals, ...) evaluate to true",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"),
    identity: [ADMIN, inline("d", deny("s3:*", "*", { Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } }))],
    expect: EXPLICIT("identity-based policy"),
  },
  {
    name: "a positive operator on an absent key is false",
    rule: "If the key is absent, the condition is false",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"),
    identity: [inline("p", allow("s3:*", "*", { Condition: { StringEquals: { "s3:prefix": "home/" } } }))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "StringEqualsIgnoreCase",
    rule: "StringEqualsIgnoreCase: exact match ignoring case",
    principal: dev, action: "ec2:RunInstances", resource: "*", context: { "ec2:InstanceType": "T3.Micro" },
    identity: [inline("p", allow("ec2:*", "*", { Condition: { StringEqualsIgnoreCase: { "ec2:InstanceType": "t3.micro" } } }))],
    expect: ALLOW,
  },
  {
    name: "StringNotEqualsIgnoreCase",
    rule: "StringNotEqualsIgnoreCase: negated match ignoring case",
    principal: dev, action: "ec2:RunInstances", resource: "*", context: { "ec2:InstanceType": "T3.MICRO" },
    identity: [ADMIN, inline("d", deny("ec2:RunInstances", "*", { Condition: { StringNotEqualsIgnoreCase: { "ec2:InstanceType": "t3.micro" } } }))],
    expect: ALLOW,
  },
  {
    name: "StringLike with a wildcard and a policy variable",
    rule: "StringLike: `*` and `?` wildcards; ${aws:username} is substituted",
    principal: dev, action: "s3:ListBucket", resource: "arn:aws:s3:::home", context: { "s3:prefix": "home/dev/photos" },
    identity: [inline("p", allow("s3:ListBucket", "arn:aws:s3:::home", { Condition: { StringLike: { "s3:prefix": ["home/${aws:username}/*"] } } }))],
    expect: ALLOW,
  },
  {
    name: "StringLike with a policy variable: another user's prefix",
    rule: "StringLike: `*` and `?` wildcards; ${aws:username} is substituted",
    principal: dev, action: "s3:ListBucket", resource: "arn:aws:s3:::home", context: { "s3:prefix": "home/admin/photos" },
    identity: [inline("p", allow("s3:ListBucket", "arn:aws:s3:::home", { Condition: { StringLike: { "s3:prefix": ["home/${aws:username}/*"] } } }))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "StringNotLike",
    rule: "StringNotLike: negated wildcard match",
    principal: dev, action: "ec2:RunInstances", resource: "*", context: { "ec2:InstanceType": "p4d.24xlarge" },
    identity: [ADMIN, inline("d", deny("ec2:RunInstances", "*", { Condition: { StringNotLike: { "ec2:InstanceType": ["t3.*", "t4g.*"] } } }))],
    expect: EXPLICIT("identity-based policy"),
  },
  {
    name: "condition keys are case-insensitive",
    rule: "Condition key names are not case-sensitive",
    principal: dev, action: "ec2:RunInstances", resource: "*", context: { "aws:requestedregion": "us-east-1" },
    identity: [inline("p", allow("ec2:*", "*", { Condition: { StringEquals: { "AWS:RequestedRegion": "us-east-1" } } }))],
    expect: ALLOW,
  },
  {
    name: "several keys and operators must all hold (AND)",
    rule: "Multiple condition keys and operators are ANDed",
    principal: dev, action: "ec2:RunInstances", resource: "*", context: { "aws:RequestedRegion": "us-east-1", "aws:SecureTransport": false },
    identity: [inline("p", allow("ec2:*", "*", { Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" }, Bool: { "aws:SecureTransport": "true" } } }))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "aws:PrincipalTag from the caller's tags",
    rule: "aws:PrincipalTag/key holds the principal's tags",
    principal: dev, action: "ec2:StartInstances", resource: "*",
    identity: [inline("p", allow("ec2:StartInstances", "*", { Condition: { StringEquals: { "aws:PrincipalTag/team": "blue" } } }))],
    expect: ALLOW,
  },
  // ── Numeric, Date, Bool, Binary, IP, ARN, Null ───────────────────────────────────────────────────────
  {
    name: "NumericLessThan true",
    rule: "NumericLessThan",
    principal: dev, action: "iam:DeleteUser", resource: DEV_USER, context: { "aws:MultiFactorAuthAge": 100 },
    identity: [inline("p", allow("iam:*", "*", { Condition: { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } } }))],
    expect: ALLOW,
  },
  {
    name: "NumericLessThan false",
    rule: "NumericLessThan",
    principal: dev, action: "iam:DeleteUser", resource: DEV_USER, context: { "aws:MultiFactorAuthAge": "7200" },
    identity: [inline("p", allow("iam:*", "*", { Condition: { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } } }))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "NumericGreaterThanEquals on the boundary value",
    rule: "NumericGreaterThanEquals",
    principal: dev, action: "s3:ListBucket", resource: "arn:aws:s3:::b", context: { "s3:max-keys": "10" },
    identity: [inline("p", allow("s3:ListBucket", "*", { Condition: { NumericGreaterThanEquals: { "s3:max-keys": 10 } } }))],
    expect: ALLOW,
  },
  {
    name: "NumericNotEquals",
    rule: "NumericNotEquals",
    principal: dev, action: "s3:ListBucket", resource: "arn:aws:s3:::b", context: { "s3:max-keys": 10 },
    identity: [inline("p", allow("s3:ListBucket", "*", { Condition: { NumericNotEquals: { "s3:max-keys": "10" } } }))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "DateLessThan before the date",
    rule: "DateLessThan with an ISO 8601 date",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), context: { "aws:CurrentTime": AT },
    identity: [inline("p", allow("s3:*", "*", { Condition: { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } } }))],
    expect: ALLOW,
  },
  {
    name: "DateGreaterThan before the date",
    rule: "DateGreaterThan with an ISO 8601 date",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), context: { "aws:CurrentTime": AT },
    identity: [inline("p", allow("s3:*", "*", { Condition: { DateGreaterThan: { "aws:CurrentTime": "2030-01-01" } } }))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "DateGreaterThanEquals with epoch seconds",
    rule: "Date operators accept epoch seconds",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), context: { "aws:CurrentTime": AT },
    identity: [inline("p", allow("s3:*", "*", { Condition: { DateGreaterThanEquals: { "aws:CurrentTime": "1700000000" } } }))],
    expect: ALLOW,
  },
  {
    name: "DateNotEquals",
    rule: "DateNotEquals",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), context: { "aws:CurrentTime": "2026-11-23T10:00:00Z" },
    identity: [inline("p", allow("s3:*", "*", { Condition: { DateNotEquals: { "aws:CurrentTime": "2026-11-23T11:00:00+01:00" } } }))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "Bool: deny plain HTTP",
    rule: "Bool",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), context: { "aws:SecureTransport": false },
    identity: [ADMIN, inline("d", deny("s3:*", "*", { Condition: { Bool: { "aws:SecureTransport": "false" } } }))],
    expect: EXPLICIT("identity-based policy"),
  },
  {
    name: "Bool: HTTPS passes",
    rule: "Bool",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), context: { "aws:SecureTransport": true },
    identity: [ADMIN, inline("d", deny("s3:*", "*", { Condition: { Bool: { "aws:SecureTransport": "false" } } }))],
    expect: ALLOW,
  },
  {
    name: "Bool on an absent key is false",
    rule: "If the key is absent, the condition is false",
    principal: dev, action: "iam:CreateUser", resource: "*",
    identity: [inline("p", allow("iam:*", "*", { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "BoolIfExists on an absent key is true",
    rule: "...IfExists: if the key is absent, the condition is true",
    principal: dev, action: "iam:CreateUser", resource: "*",
    identity: [ADMIN, inline("d", deny("*", "*", { Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } }))],
    expect: EXPLICIT("identity-based policy"),
  },
  {
    name: "StringEqualsIfExists on a present key still compares",
    rule: "...IfExists: if the key is present, the operator applies as usual",
    principal: dev, action: "ec2:RunInstances", resource: "*", context: { "ec2:InstanceType": "m5.large" },
    identity: [inline("p", allow("ec2:*", "*", { Condition: { StringEqualsIfExists: { "ec2:InstanceType": "t3.micro" } } }))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "Null true on an absent key",
    rule: "Null: true tests that the key is absent",
    principal: dev, action: "iam:CreateUser", resource: "*",
    identity: [ADMIN, inline("d", deny("*", "*", { Condition: { Null: { "aws:MultiFactorAuthAge": "true" } } }))],
    expect: EXPLICIT("identity-based policy"),
  },
  {
    name: "Null false on a present key",
    rule: "Null: false tests that the key is present",
    principal: dev, action: "iam:CreateUser", resource: "*", context: { "aws:MultiFactorAuthAge": 30 },
    identity: [inline("p", allow("*", "*", { Condition: { Null: { "aws:MultiFactorAuthAge": "false" } } }))],
    expect: ALLOW,
  },
  {
    name: "IpAddress in range",
    rule: "IpAddress with an IPv4 CIDR",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), context: { "aws:SourceIp": "203.0.113.77" },
    identity: [inline("p", allow("s3:*", "*", { Condition: { IpAddress: { "aws:SourceIp": ["198.51.100.0/24", "203.0.113.0/24"] } } }))],
    expect: ALLOW,
  },
  {
    name: "IpAddress out of range",
    rule: "IpAddress with an IPv4 CIDR",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), context: { "aws:SourceIp": "192.0.2.1" },
    identity: [inline("p", allow("s3:*", "*", { Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "NotIpAddress: deny from outside the office",
    rule: "NotIpAddress",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), context: { "aws:SourceIp": "192.0.2.1" },
    identity: [ADMIN, inline("d", deny("*", "*", { Condition: { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }))],
    expect: EXPLICIT("identity-based policy"),
  },
  {
    name: "IpAddress with an IPv6 CIDR",
    rule: "IpAddress accepts IPv6 CIDRs",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), context: { "aws:SourceIp": "2001:db8:1::5" },
    identity: [inline("p", allow("s3:*", "*", { Condition: { IpAddress: { "aws:SourceIp": "2001:db8::/32" } } }))],
    expect: ALLOW,
  },
  {
    name: "IpAddress with a single address (no prefix length)",
    rule: "IpAddress: an address without a prefix is a /32",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), context: { "aws:SourceIp": "203.0.113.8" },
    identity: [inline("p", allow("s3:*", "*", { Condition: { IpAddress: { "aws:SourceIp": "203.0.113.7" } } }))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "ArnLike with wildcards",
    rule: "ArnLike: per-part wildcard match of an ARN",
    principal: dev, action: "iam:PassRole", resource: APP_ROLE, context: { "aws:SourceArn": `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1` },
    identity: [inline("p", allow("iam:PassRole", "*", { Condition: { ArnLike: { "aws:SourceArn": `arn:aws:ec2:*:${ACCOUNT}:instance/*` } } }))],
    expect: ALLOW,
  },
  {
    name: "ArnEquals on another account",
    rule: "ArnEquals: case-sensitive per-part match",
    principal: dev, action: "iam:PassRole", resource: APP_ROLE, context: { "aws:SourceArn": `arn:aws:ec2:us-east-1:${OTHER_ACCOUNT}:instance/i-1` },
    identity: [inline("p", allow("iam:PassRole", "*", { Condition: { ArnEquals: { "aws:SourceArn": `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1` } } }))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "ArnNotLike denies other sources",
    rule: "ArnNotLike",
    principal: dev, action: "iam:PassRole", resource: APP_ROLE, context: { "aws:SourceArn": `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f` },
    identity: [ADMIN, inline("d", deny("iam:PassRole", "*", { Condition: { ArnNotLike: { "aws:SourceArn": "arn:aws:ec2:*" } } }))],
    expect: EXPLICIT("identity-based policy"),
  },
  {
    name: "BinaryEquals",
    rule: "BinaryEquals compares base64 values",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), context: { "s3:x-amz-meta-key": "QmluYXJ5VmFsdWU=" },
    identity: [inline("p", allow("s3:*", "*", { Condition: { BinaryEquals: { "s3:x-amz-meta-key": "QmluYXJ5VmFsdWU=" } } }))],
    expect: ALLOW,
  },
  // ── Set operators on multivalued keys ────────────────────────────────────────────────────────────────
  {
    name: "ForAnyValue: one request value matches",
    rule: "ForAnyValue: true if at least one request value matches a policy value",
    principal: dev, action: "ec2:CreateTags", resource: "*", context: { "aws:TagKeys": ["env", "cost"] },
    identity: [inline("p", allow("ec2:CreateTags", "*", { Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": ["env", "team"] } } }))],
    expect: ALLOW,
  },
  {
    name: "ForAnyValue on an absent key is false",
    rule: "ForAnyValue: false if the key is absent",
    principal: dev, action: "ec2:CreateTags", resource: "*",
    identity: [inline("p", allow("ec2:CreateTags", "*", { Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": ["env"] } } }))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "ForAllValues: a request value outside the list",
    rule: "ForAllValues: true only if every request value matches a policy value",
    principal: dev, action: "ec2:CreateTags", resource: "*", context: { "aws:TagKeys": ["env", "cost"] },
    identity: [inline("p", allow("ec2:CreateTags", "*", { Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["env", "team"] } } }))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "ForAllValues: every request value in the list",
    rule: "ForAllValues: true only if every request value matches a policy value",
    principal: dev, action: "ec2:CreateTags", resource: "*", context: { "aws:TagKeys": ["team", "env"] },
    identity: [inline("p", allow("ec2:CreateTags", "*", { Condition: { "ForAllValues:StringLike": { "aws:TagKeys": ["env", "te*"] } } }))],
    expect: ALLOW,
  },
  {
    name: "ForAllValues on an absent key is true",
    rule: "ForAllValues: true if the key is absent (why AWS pairs it with Null)",
    principal: dev, action: "ec2:CreateTags", resource: "*",
    identity: [inline("p", allow("ec2:CreateTags", "*", { Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["env"] } } }))],
    expect: ALLOW,
  },
  {
    name: "ForAnyValue with a negated operator",
    rule: "ForAnyValue:StringNotEquals: true if some request value equals none of the policy values",
    principal: dev, action: "ec2:CreateTags", resource: "*", context: { "aws:TagKeys": ["env", "secret"] },
    identity: [ADMIN, inline("d", deny("ec2:CreateTags", "*", { Condition: { "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["env", "team"] } } }))],
    expect: EXPLICIT("identity-based policy"),
  },
  // ── Policy variables ─────────────────────────────────────────────────────────────────────────────────
  {
    name: "${aws:username} in a resource: the user's own ARN",
    rule: "Policy variables are replaced with request values",
    principal: dev, action: "iam:CreateAccessKey", resource: DEV_USER,
    identity: [inline("p", allow("iam:*AccessKey*", `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`))],
    expect: ALLOW,
  },
  {
    name: "${aws:username} in a resource: another user's ARN",
    rule: "Policy variables are replaced with request values",
    principal: dev, action: "iam:CreateAccessKey", resource: admin.arn,
    identity: [inline("p", allow("iam:*AccessKey*", `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "${aws:PrincipalTag/team} in a resource",
    rule: "Policy variables may read the principal's tags",
    principal: dev, action: "s3:PutObject", resource: bucketObject("teams", "blue/report.csv"),
    identity: [inline("p", allow("s3:PutObject", "arn:aws:s3:::teams/${aws:PrincipalTag/team}/*"))],
    expect: ALLOW,
  },
  {
    name: "an unresolvable variable makes the statement not apply",
    rule: "A policy variable whose key is absent (a role session has no aws:username) does not match",
    principal: session, action: "iam:CreateAccessKey", resource: `arn:aws:iam::${ACCOUNT}:user/sess1`,
    identity: [inline("p", allow("iam:*", `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "a variable's default value is used when the key is absent",
    rule: "Policy variables may carry a default: ${key, 'default'}",
    principal: dev, action: "s3:GetObject", resource: bucketObject("projects", "shared/a"),
    identity: [inline("p", allow("s3:GetObject", "arn:aws:s3:::projects/${aws:PrincipalTag/project, 'shared'}/*"))],
    expect: ALLOW,
  },
  {
    name: "${*} is a literal asterisk, not a wildcard",
    rule: "Special characters ${*}, ${?}, ${$} stand for the literal character",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "x"),
    identity: [inline("p", allow("s3:GetObject", "arn:aws:s3:::b/${*}"))],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "${*} matches an object literally named *",
    rule: "Special characters ${*}, ${?}, ${$} stand for the literal character",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "*"),
    identity: [inline("p", allow("s3:GetObject", "arn:aws:s3:::b/${*}"))],
    expect: ALLOW,
  },
  {
    name: "variables are literal text in a 2008-10-17 policy",
    rule: "Policy variables work only with Version 2012-10-17",
    principal: dev, action: "s3:GetObject", resource: bucketObject("home", "dev/a"),
    resourcePolicy: { name: "BucketPolicy", kind: "resource", document: { Version: "2008-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: DEV_USER }, Action: "s3:GetObject", Resource: "arn:aws:s3:::home/${aws:username}/*" }] } },
    expect: IMPLICIT("identity-based policy"),
  },
  // ── AWS managed policies ─────────────────────────────────────────────────────────────────────────────
  {
    name: "AmazonEC2ReadOnlyAccess denies RunInstances",
    rule: "Managed policy AmazonEC2ReadOnlyAccess allows only ec2:Describe* and ec2:GetSecurityGroupsForVpc",
    principal: dev, action: "ec2:RunInstances", resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`, identity: ["arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess"],
    expect: IMPLICIT("identity-based policy", `User: ${DEV_USER} is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:${ACCOUNT}:instance/* because no identity-based policy allows the ec2:RunInstances action`),
  },
  {
    name: "AmazonEC2ReadOnlyAccess allows DescribeInstances",
    rule: "Managed policy AmazonEC2ReadOnlyAccess allows ec2:Describe*",
    principal: dev, action: "ec2:DescribeInstances", resource: "*", identity: ["arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess"],
    expect: ALLOW,
  },
  {
    name: "AmazonEC2FullAccess allows RunInstances",
    rule: "Managed policy AmazonEC2FullAccess allows ec2:*",
    principal: dev, action: "ec2:RunInstances", resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`, identity: ["arn:aws:iam::aws:policy/AmazonEC2FullAccess"],
    expect: ALLOW,
  },
  {
    name: "AmazonEC2FullAccess allows the service-linked role only for its listed services",
    rule: "Managed policy AmazonEC2FullAccess: iam:CreateServiceLinkedRole with an iam:AWSServiceName condition",
    principal: dev, action: "iam:CreateServiceLinkedRole", resource: "*", context: { "iam:AWSServiceName": "rds.amazonaws.com" }, identity: ["arn:aws:iam::aws:policy/AmazonEC2FullAccess"],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "AdministratorAccess allows CreateRole",
    rule: "Managed policy AdministratorAccess allows everything",
    principal: dev, action: "iam:CreateRole", resource: ROLE_X, identity: ["arn:aws:iam::aws:policy/AdministratorAccess"],
    expect: ALLOW,
  },
  {
    name: "PowerUserAccess denies IAM user management",
    rule: "Managed policy PowerUserAccess: NotAction iam:*, with a few IAM reads added back",
    principal: dev, action: "iam:CreateUser", resource: `arn:aws:iam::${ACCOUNT}:user/new`, identity: ["arn:aws:iam::aws:policy/PowerUserAccess"],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "PowerUserAccess allows iam:ListRoles",
    rule: "Managed policy PowerUserAccess adds iam:ListRoles back",
    principal: dev, action: "iam:ListRoles", resource: "*", identity: ["arn:aws:iam::aws:policy/PowerUserAccess"],
    expect: ALLOW,
  },
  {
    name: "ReadOnlyAccess allows s3:GetObject",
    rule: "Managed policy ReadOnlyAccess allows s3:Get*",
    principal: dev, action: "s3:GetObject", resource: bucketObject("b", "k"), identity: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    expect: ALLOW,
  },
  {
    name: "ReadOnlyAccess denies iam:CreateRole",
    rule: "Managed policy ReadOnlyAccess allows no writes",
    principal: dev, action: "iam:CreateRole", resource: ROLE_X, identity: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "IAMReadOnlyAccess allows GetUser, denies CreateUser",
    rule: "Managed policy IAMReadOnlyAccess allows iam:Get* and iam:List*",
    principal: dev, action: "iam:CreateUser", resource: `arn:aws:iam::${ACCOUNT}:user/new`, identity: ["arn:aws:iam::aws:policy/IAMReadOnlyAccess"],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "IAMFullAccess allows CreateUser",
    rule: "Managed policy IAMFullAccess allows iam:*",
    principal: dev, action: "iam:CreateUser", resource: `arn:aws:iam::${ACCOUNT}:user/new`, identity: ["arn:aws:iam::aws:policy/IAMFullAccess"],
    expect: ALLOW,
  },
  {
    name: "IAMUserChangePassword: one's own password",
    rule: "Managed policy IAMUserChangePassword scopes iam:ChangePassword to ${aws:username}",
    principal: dev, action: "iam:ChangePassword", resource: DEV_USER, identity: ["arn:aws:iam::aws:policy/IAMUserChangePassword"],
    expect: ALLOW,
  },
  {
    name: "IAMUserChangePassword: another user's password",
    rule: "Managed policy IAMUserChangePassword scopes iam:ChangePassword to ${aws:username}",
    principal: dev, action: "iam:ChangePassword", resource: admin.arn, identity: ["arn:aws:iam::aws:policy/IAMUserChangePassword"],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "AmazonS3ReadOnlyAccess denies PutObject",
    rule: "Managed policy AmazonS3ReadOnlyAccess allows s3:Get*, s3:List*, s3:Describe*",
    principal: dev, action: "s3:PutObject", resource: bucketObject("b", "k"), identity: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
    expect: IMPLICIT("identity-based policy"),
  },
  {
    name: "AmazonS3FullAccess allows PutObject",
    rule: "Managed policy AmazonS3FullAccess allows s3:*",
    principal: dev, action: "s3:PutObject", resource: bucketObject("b", "k"), identity: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"],
    expect: ALLOW,
  },
  {
    name: "a user with several managed policies and an explicit deny",
    rule: "An explicit deny in any attached policy overrides allows in the others",
    principal: dev, action: "ec2:TerminateInstances", resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1`,
    identity: ["arn:aws:iam::aws:policy/AmazonEC2FullAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess", managed("NoTerminate", deny("ec2:TerminateInstances"))],
    expect: EXPLICIT("identity-based policy"),
  },
];

/**
 * The cases a pipeline test can replay end to end through the real API: the caller is the IAM user `dev`
 * with only identity-based policies (inline or AWS managed), no condition keys beyond what a plain call
 * carries, and an IAM action on an IAM resource.
 */
export const endToEndSample: readonly EvaluationCase[] = evaluationCases.filter(
  (c) => c.principal === dev && !c.resourcePolicy && !c.boundary && !c.session && !c.context && !c.resourceAccountId && c.action.startsWith("iam:"),
);
