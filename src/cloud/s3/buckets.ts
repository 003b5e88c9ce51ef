// Bucket actions: create/list/head/location/delete, policy, versioning, website, tagging, public access block, ACL.
import type { Output, Params } from "../service.js";
import { type Ctx, bucketOf, owner } from "./common.js";
import { s3Error } from "./errors.js";
import { checkCreateBucketAcl, ownerAcl } from "./acl.js";
import { heldByAnotherAccount, validBucketName } from "./names.js";
import { checkBucketPolicy, isPublicPolicy, publicAccessBlock } from "./policy.js";

export function createBucket(ctx: Ctx, params: Params): Output {
  const name = String(params.Bucket ?? "");
  if (!validBucketName(name)) throw s3Error("InvalidBucketName", "The specified bucket is not valid.", 400, { BucketName: name });
  const constraint = ((params.CreateBucketConfiguration ?? {}) as { LocationConstraint?: string }).LocationConstraint;
  if (ctx.region === "us-east-1") {
    if (constraint !== undefined && constraint !== "") {
      if (constraint === "us-east-1") throw s3Error("InvalidLocationConstraint", "The specified location-constraint is not valid", 400, { LocationConstraint: constraint });
      throw s3Error("IllegalLocationConstraintException", `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`, 400);
    }
  } else if (constraint === undefined || constraint === "") {
    throw s3Error("IllegalLocationConstraintException", "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.", 400);
  } else if (constraint !== ctx.region) {
    throw s3Error("IllegalLocationConstraintException", `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`, 400);
  }
  if (heldByAnotherAccount(name)) {
    throw s3Error("BucketAlreadyExists", "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.", 409, { BucketName: name });
  }
  const existing = ctx.model.bucket(name);
  if (existing) {
    // us-east-1's legacy behaviour: re-creating your own bucket there succeeds.
    if (ctx.region === "us-east-1" && existing.region === "us-east-1") return { Location: `/${name}` };
    throw s3Error("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", 409, { BucketName: name });
  }
  checkCreateBucketAcl(params);
  ctx.model.q("INSERT INTO s3_buckets (name, region, created_ms) VALUES (?, ?, ?)").run(name, ctx.region, ctx.nowMs);
  // x-amz-object-ownership: the bucket's ownership controls from the start (BucketOwnerEnforced when absent).
  if (typeof params.ObjectOwnership === "string" && params.ObjectOwnership !== "BucketOwnerEnforced") {
    ctx.model.q("INSERT OR REPLACE INTO s3_bucket_configs (bucket, name, doc) VALUES (?, 'OwnershipControls', ?)").run(name, JSON.stringify({ Rules: [{ ObjectOwnership: params.ObjectOwnership }] }));
  }
  return { Location: ctx.region === "us-east-1" ? `/${name}` : `http://${name}.s3.amazonaws.com/` };
}

export function listBuckets(ctx: Ctx): Output {
  return { Buckets: ctx.model.buckets().map((b) => ({ Name: b.name, CreationDate: new Date(b.created_ms), BucketRegion: b.region })), Owner: owner(ctx.accountId) };
}

export function headBucket(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  return { BucketRegion: b.region };
}

export function getBucketLocation(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  return b.region === "us-east-1" ? {} : { LocationConstraint: b.region };
}

export function deleteBucket(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  if (ctx.model.objectCount(b.name) > 0) throw s3Error("BucketNotEmpty", "The bucket you tried to delete is not empty", 409, { BucketName: b.name });
  for (const u of ctx.model.uploads(b.name)) ctx.model.collect(ctx.model.dropUpload(u.upload_id));
  ctx.model.q("DELETE FROM s3_bucket_configs WHERE bucket = ?").run(b.name);
  ctx.model.q("DELETE FROM s3_buckets WHERE name = ?").run(b.name);
  return {};
}

export function putBucketPolicy(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  const text = String(params.Policy ?? "");
  const doc = checkBucketPolicy(b.name, text);
  if (publicAccessBlock(b).BlockPublicPolicy && isPublicPolicy(doc)) throw s3Error("AccessDenied", "Access Denied", 403);
  ctx.model.setBucketField(b.name, "policy", text);
  return {};
}

export function getBucketPolicy(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  if (!b.policy) throw s3Error("NoSuchBucketPolicy", "The bucket policy does not exist", 404, { BucketName: b.name });
  return { Policy: b.policy };
}

export function deleteBucketPolicy(ctx: Ctx, params: Params): Output {
  ctx.model.setBucketField(bucketOf(ctx, params).name, "policy", null);
  return {};
}

export function putBucketVersioning(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  const status = ((params.VersioningConfiguration ?? {}) as { Status?: string }).Status;
  if (status !== "Enabled" && status !== "Suspended") {
    throw s3Error("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", 400);
  }
  // A bucket never versioned that is "suspended" stays unversioned, as S3 reports it.
  if (status === "Suspended" && !b.versioning) return {};
  ctx.model.setBucketField(b.name, "versioning", status);
  return {};
}

export function getBucketVersioning(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  return b.versioning ? { Status: b.versioning } : {};
}

export function putBucketWebsite(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  const conf = (params.WebsiteConfiguration ?? {}) as { IndexDocument?: { Suffix?: string }; RedirectAllRequestsTo?: { HostName?: string } };
  if (!conf.IndexDocument && !conf.RedirectAllRequestsTo) {
    throw s3Error("InvalidArgument", "A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty", 400);
  }
  if (conf.IndexDocument && (!conf.IndexDocument.Suffix || conf.IndexDocument.Suffix.includes("/"))) {
    throw s3Error("InvalidArgument", "The IndexDocument Suffix is not well formed", 400, { ArgumentName: "IndexDocument", ArgumentValue: String(conf.IndexDocument.Suffix ?? "") });
  }
  ctx.model.setBucketField(b.name, "website", JSON.stringify(conf));
  return {};
}

export function getBucketWebsite(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  if (!b.website) throw s3Error("NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration", 404, { BucketName: b.name });
  return JSON.parse(b.website) as Output;
}

export function deleteBucketWebsite(ctx: Ctx, params: Params): Output {
  ctx.model.setBucketField(bucketOf(ctx, params).name, "website", null);
  return {};
}

export function putBucketTagging(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  const set = ((params.Tagging ?? {}) as { TagSet?: { Key?: string; Value?: string }[] }).TagSet ?? [];
  const keys = new Set<string>();
  for (const t of set) {
    if (keys.has(String(t.Key))) throw s3Error("InvalidTag", "Cannot provide multiple Tags with the same key", 400);
    keys.add(String(t.Key));
  }
  ctx.model.setBucketField(b.name, "tags", JSON.stringify(set));
  return {};
}

export function getBucketTagging(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  if (!b.tags) throw s3Error("NoSuchTagSet", "The TagSet does not exist", 404, { BucketName: b.name });
  return { TagSet: JSON.parse(b.tags) };
}

export function deleteBucketTagging(ctx: Ctx, params: Params): Output {
  ctx.model.setBucketField(bucketOf(ctx, params).name, "tags", null);
  return {};
}

export function putPublicAccessBlock(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  const c = (params.PublicAccessBlockConfiguration ?? {}) as Record<string, unknown>;
  const conf = {
    BlockPublicAcls: c.BlockPublicAcls === true,
    IgnorePublicAcls: c.IgnorePublicAcls === true,
    BlockPublicPolicy: c.BlockPublicPolicy === true,
    RestrictPublicBuckets: c.RestrictPublicBuckets === true,
  };
  ctx.model.setBucketField(b.name, "public_access_block", JSON.stringify(conf));
  return {};
}

export function getPublicAccessBlock(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  if (!b.public_access_block) {
    throw s3Error("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", 404, { BucketName: b.name });
  }
  return { PublicAccessBlockConfiguration: JSON.parse(b.public_access_block) };
}

export function deletePublicAccessBlock(ctx: Ctx, params: Params): Output {
  ctx.model.setBucketField(bucketOf(ctx, params).name, "public_access_block", null);
  return {};
}

export function getBucketAcl(ctx: Ctx, params: Params): Output {
  bucketOf(ctx, params);
  return ownerAcl(ctx);
}
