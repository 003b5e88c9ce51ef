// The pipeline's view of the policy engine (src/cloud/iam/policy/ and managed-policies/, the policy engineer's
// modules): parse a document once when it is stored, evaluate a request, word a denial as AWS does, look up
// AWS managed policies, check IAM's size quotas. The cloud reaches the engine only through this file.
export type { AuthzPrincipal, AuthzRequest, Decision, PolicyDocument } from "./policy/index.js";
export { evaluate, denialMessage, parsePolicyDocument, checkPolicySize, policySize } from "./policy/index.js";
export type { ManagedPolicyEntry } from "./managed-policies/index.js";
import { managedPolicies, managedPolicyByArn, type ManagedPolicyEntry } from "./managed-policies/index.js";

/** An AWS managed policy (arn:aws:iam::aws:policy/...) with its real document, or undefined. */
export function awsManagedPolicy(arn: string): ManagedPolicyEntry | undefined {
  return managedPolicyByArn(arn);
}

export function awsManagedPolicies(): readonly ManagedPolicyEntry[] {
  return managedPolicies;
}
