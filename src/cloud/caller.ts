// The authenticated principal of a call: who AWS says you are (GetCallerIdentity) and what IAM evaluates.
import type { AuthzPrincipal } from "./iam/authz.js";

export interface Caller {
  readonly kind: "root" | "user" | "assumed-role" | "anonymous";
  readonly accessKeyId: string;
  readonly accountId: string;
  /** arn:aws:iam::ACCOUNT:root, arn:aws:iam::ACCOUNT:user/path/name, arn:aws:sts::ACCOUNT:assumed-role/R/S */
  readonly arn: string;
  /** As GetCallerIdentity's UserId: the account id for root, AIDA… for a user, "AROA…:session" for a role. */
  readonly userId: string;
  /** The IAM user's id (AIDA…) when kind is "user". */
  readonly iamUserId?: string;
  readonly userName?: string;
  /** The role's id (AROA…) when kind is "assumed-role". */
  readonly roleId?: string;
  readonly roleName?: string;
  readonly sessionName?: string;
  /** Temporary credentials only. */
  readonly session?: {
    readonly issuedMs: number;
    readonly expirationMs: number;
    /** The inline session policy passed to AssumeRole, as JSON. */
    readonly policy?: string;
    /** Managed session policies passed to AssumeRole (PolicyArns). */
    readonly policyArns?: readonly string[];
  };
  readonly principal: AuthzPrincipal;
}

/** An unsigned request (S3 only): no identity policies, allowed only by a resource policy such as a bucket's. */
export function anonymousCaller(accountId: string): Caller {
  return {
    kind: "anonymous",
    accessKeyId: "",
    accountId,
    arn: "anonymous",
    userId: "anonymous",
    // The bucket's own account, so that a policy naming everyone ("*") grants as a same-account policy does.
    principal: { type: "anonymous", arn: "anonymous", accountId, userId: "anonymous", tags: {} },
  };
}
