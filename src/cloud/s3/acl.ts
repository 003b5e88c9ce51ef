// Access control lists under Object Ownership: a bucket is BucketOwnerEnforced unless its ownership controls say
// otherwise (the default since April 2023), and then S3 refuses any ACL but the owner's own — a canned ACL other
// than private/bucket-owner-full-control, or an x-amz-grant-* header — with AccessControlListNotSupported, and a
// CreateBucket that asks for one with InvalidBucketAclWithObjectOwnership. The ACL S3 reports is the owner's
// FULL_CONTROL.
import type { Output, Params } from "../service.js";
import { type Ctx, bucketOf, owner } from "./common.js";
import { s3Error } from "./errors.js";

const OWNER_ONLY = new Set(["private", "bucket-owner-full-control"]);
const GRANTS = ["GrantFullControl", "GrantRead", "GrantReadACP", "GrantWrite", "GrantWriteACP"] as const;

/** Whether the request sets an ACL beyond the owner's own. */
function asksForAcl(p: Params): boolean {
  if (typeof p.ACL === "string" && !OWNER_ONLY.has(p.ACL)) return true;
  if (GRANTS.some((g) => typeof p[g] === "string")) return true;
  const policy = p.AccessControlPolicy as { Grants?: unknown[] } | undefined;
  return (policy?.Grants?.length ?? 0) > 1;
}

/** The bucket's Object Ownership setting (its ownership controls, BucketOwnerEnforced by default). */
export function objectOwnership(ctx: Ctx, bucket: string): string {
  const row = ctx.model.q("SELECT doc FROM s3_bucket_configs WHERE bucket = ? AND name = 'OwnershipControls'").get(bucket) as { doc: string } | undefined;
  const rules = row ? ((JSON.parse(row.doc) as { Rules?: { ObjectOwnership?: string }[] }).Rules ?? []) : [];
  return rules[0]?.ObjectOwnership ?? "BucketOwnerEnforced";
}

/** Refuses an object or bucket ACL on a bucket whose ownership is enforced. */
export function checkAcl(ctx: Ctx, bucket: string, p: Params): void {
  if (asksForAcl(p) && objectOwnership(ctx, bucket) === "BucketOwnerEnforced") {
    throw s3Error("AccessControlListNotSupported", "The bucket does not allow ACLs", 400);
  }
}

/** CreateBucket: an ACL needs an ObjectOwnership that allows ACLs in the same request. */
export function checkCreateBucketAcl(p: Params): void {
  if (asksForAcl(p) && (p.ObjectOwnership ?? "BucketOwnerEnforced") === "BucketOwnerEnforced") {
    throw s3Error("InvalidBucketAclWithObjectOwnership", "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", 400);
  }
}

export function ownerAcl(ctx: Ctx): Output {
  const o = owner(ctx.accountId);
  return { Owner: o, Grants: [{ Grantee: { Type: "CanonicalUser", ID: o.ID, DisplayName: o.DisplayName }, Permission: "FULL_CONTROL" }] };
}

export function putBucketAcl(ctx: Ctx, p: Params): Output {
  const b = bucketOf(ctx, p);
  checkAcl(ctx, b.name, p);
  return {};
}
