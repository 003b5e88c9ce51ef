// The pipeline's view of the policy engine (src/cloud/iam/policy/ and managed-policies/, the policy engineer's
// modules): parse a document once when it is stored, evaluate a request, word a denial as AWS does, look up
// AWS managed policies, check IAM's size quotas. The cloud reaches the engine only through this file.
export type { AuthzPrincipal, AuthzRequest, Decision, PolicyDocument } from "./policy/index.js";
export { evaluate, denialMessage, parsePolicyDocument, checkPolicySize, policySize } from "./policy/index.js";
export type { ManagedPolicyEntry } from "./managed-policies/index.js";
import { managedPolicies, managedPolicyByArn, managedPolicyDocument, type ManagedPolicyEntry } from "./managed-policies/index.js";
import type { PolicyDocument } from "./policy/index.js";

/** An AWS managed policy (arn:aws:iam::aws:policy/...) with its real document, or undefined. */
export function awsManagedPolicy(arn: string): ManagedPolicyEntry | undefined {
  return managedPolicyByArn(arn);
}

export function awsManagedPolicies(): readonly ManagedPolicyEntry[] {
  return managedPolicies;
}

/** An AWS managed policy's document, parsed once per process. */
export function awsManagedPolicyDocument(arn: string): PolicyDocument | undefined {
  return managedPolicyDocument(arn);
}
