// AWS managed policies (arn:aws:iam::aws:policy/...) with their real documents: lookup by ARN, and the
// parsed document, parsed once on first use (ReadOnlyAccess is about 85,000 characters).
import { parsePolicyDocument } from "../policy/parse.js";
import type { PolicyDocument } from "../policy/types.js";
import { catalog } from "./catalog.js";
import type { ManagedPolicyEntry } from "./entry.js";

export type { ManagedPolicyEntry };
export { catalog as managedPolicies };

let byArn: Map<string, ManagedPolicyEntry> | undefined;
const parsed = new Map<string, PolicyDocument>();

export function managedPolicyByArn(arn: string): ManagedPolicyEntry | undefined {
  byArn ??= new Map(catalog.map((e) => [e.arn, e]));
  return byArn.get(arn);
}

/** The managed policy's document, compiled for evaluation; undefined for an unknown ARN. */
export function managedPolicyDocument(arn: string): PolicyDocument | undefined {
  const hit = parsed.get(arn);
  if (hit) return hit;
  const entry = managedPolicyByArn(arn);
  if (!entry) return undefined;
  const r = parsePolicyDocument(entry.document, "identity");
  if (!r.ok) throw new Error(`AWS managed policy ${arn} does not parse: ${r.message}`);
  parsed.set(arn, r.policy);
  return r.policy;
}
