// One AWS managed policy as IAM's GetPolicy / GetPolicyVersion describe it.
export interface ManagedPolicyEntry {
  readonly policyName: string;
  /** IAM's id for the policy, "ANPA…". */
  readonly policyId: string;
  /** "arn:aws:iam::aws:policy/NAME", with the path when there is one ("…:policy/service-role/NAME"). */
  readonly arn: string;
  readonly path: string;
  readonly description: string;
  readonly defaultVersionId: string;
  /** ISO 8601, UTC. */
  readonly createDate: string;
  readonly updateDate: string;
  /** The default version's document, as AWS serves it (pretty-printed JSON). */
  readonly document: string;
}
