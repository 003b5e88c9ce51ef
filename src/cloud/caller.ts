// The authenticated principal of a call: who AWS says you are (GetCallerIdentity) and what IAM evaluates.
import type { AuthzPrincipal } from "./iam/authz.js";

export interface Caller {
  readonly kind: "root" | "user" | "assumed-role";
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
