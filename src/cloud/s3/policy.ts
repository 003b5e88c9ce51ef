// Bucket policies in the evaluator: parsed as resource-based policies, checked against the bucket's public
// access block (BlockPublicPolicy refuses a public policy; RestrictPublicBuckets ignores one), and what
// "public" means (an Allow to everyone, "*", that no condition narrows).
import { parsePolicyDocument, type PolicyDocument } from "../iam/authz.js";
import type { BucketRow } from "./model.js";
import { s3Error } from "./errors.js";

export interface PublicAccessBlock {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

const parsed = new Map<string, PolicyDocument>();

/** The bucket policy as a parsed document (cached by text: a policy is parsed once per process). */
export function bucketPolicyDocument(text: string): PolicyDocument | undefined {
  let doc = parsed.get(text);
  if (doc) return doc;
  const r = parsePolicyDocument(text, "resource");
  if (!r.ok) return undefined;
  doc = r.policy;
  if (parsed.size > 1000) parsed.clear();
  parsed.set(text, doc);
  return doc;
}

/** Validates a policy as PutBucketPolicy does: MalformedPolicy with S3's wording. */
export function checkBucketPolicy(bucket: string, text: string): PolicyDocument {
  const r = parsePolicyDocument(text, "resource");
  if (!r.ok) throw s3Error("MalformedPolicy", r.message, 400);
  for (const s of r.policy.statements) {
    if (!s.principal && !s.notPrincipal) throw s3Error("MalformedPolicy", "Missing required field Principal", 400);
    for (const res of [...(s.resources ?? []), ...(s.notResources ?? [])]) {
      if (res !== `arn:aws:s3:::${bucket}` && !res.startsWith(`arn:aws:s3:::${bucket}/`) && !(res === "*")) {
        throw s3Error("MalformedPolicy", "Policy has invalid resource", 400);
      }
    }
  }
  return r.policy;
}

export function isPublicPolicy(doc: PolicyDocument): boolean {
  return doc.statements.some((s) => s.effect === "Allow" && s.principal?.everyone === true && s.conditions.length === 0);
}

export function publicAccessBlock(b: BucketRow): PublicAccessBlock {
  return b.public_access_block ? (JSON.parse(b.public_access_block) as PublicAccessBlock) : {};
}

/** The policy the evaluator sees for a request on this bucket, if any. */
export function effectiveBucketPolicy(b: BucketRow | undefined): { name: string; policy: PolicyDocument } | undefined {
  if (!b?.policy) return undefined;
  const doc = bucketPolicyDocument(b.policy);
  if (!doc) return undefined;
  if (publicAccessBlock(b).RestrictPublicBuckets && isPublicPolicy(doc)) return undefined;
  return { name: "BucketPolicy", policy: doc };
}
