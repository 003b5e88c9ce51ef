// The S3 family: aws_s3_bucket (v4+ shape: configuration lives in its own resources), aws_s3_object,
// aws_s3_bucket_policy, aws_s3_bucket_versioning, aws_s3_bucket_website_configuration,
// aws_s3_bucket_public_access_block. Every one but aws_s3_object has id = bucket name.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { BoolType, mapOf } from "../../../src/lang/types.js";
import { AwsCallError } from "../errors.js";
import { strMap, type Obj, type Plain } from "../plain.js";
import { adoptByName, PartialCreate, type ResourceContext, type ResourceType } from "../resource.js";
import { Unknown } from "../plain.js";
import { computed, keepEquivalent, prefixedUniqueId, S, sdkId, tagsAttrs, tagsFromAws, tagsToSend } from "./iam-common.js";

const missing = (e: unknown, ...codes: string[]): boolean => e instanceof AwsCallError && ["NoSuchBucket", "NotFound", ...codes].includes(e.code);
const bucketRequired = { type: S, required: true, forceNew: true } as const;
const optBoolDefaultFalse = { type: BoolType, optional: true } as const;

/** S3's hosted zone id for website/alias records, per region (us-east-1's shown; others follow AWS's table). */
const hostedZones: Record<string, string> = {
  "us-east-1": "Z3AQBSTGFYJSTF",
  "us-east-2": "Z2O1EMRO9K5GLX",
  "us-west-1": "Z2F56UZL2M1ACD",
  "us-west-2": "Z3BJ6K6RIION7M",
  "eu-west-1": "Z1BKCTXD74EZPE",
  "eu-central-1": "Z21DNDUVLTQW6Q",
};

async function bucketExists(ctx: ResourceContext, bucket: Plain | undefined): Promise<boolean> {
  try {
    await ctx.client.call("s3", "HeadBucket", { Bucket: bucket });
    return true;
  } catch (e) {
    if (missing(e)) return false;
    throw e;
  }
}

export const s3Bucket: ResourceType = {
  noun: "S3 Bucket",
  label: (o) => String(o.bucket ?? o.id),
  schema: {
    version: 0,
    block: {
      attributes: {
        arn: computed,
        bucket: { type: S, optional: true, computed: true, forceNew: true },
        bucket_domain_name: computed,
        bucket_prefix: { type: S, optional: true, computed: true, forceNew: true },
        bucket_regional_domain_name: computed,
        force_destroy: optBoolDefaultFalse,
        hosted_zone_id: computed,
        id: sdkId,
        object_lock_enabled: { type: BoolType, optional: true, computed: true, forceNew: true },
        region: computed,
        ...tagsAttrs,
      },
    },
  },
  defaults: { force_destroy: false },
  adopt: adoptByName("bucket"),
  async create(ctx, p) {
    const name = typeof p.bucket === "string" ? p.bucket : prefixedUniqueId(typeof p.bucket_prefix === "string" ? p.bucket_prefix : "terraform-");
    await ctx.client.call("s3", "CreateBucket", {
      Bucket: name,
      ...(ctx.region !== "us-east-1" ? { CreateBucketConfiguration: { LocationConstraint: ctx.region } } : {}),
      ...(p.object_lock_enabled === true ? { ObjectLockEnabledForBucket: true } : {}),
    });
    const tags = tagsToSend(ctx, p);
    const made = { ...p, id: name, bucket: name };
    try {
      if (tags.length) await ctx.client.call("s3", "PutBucketTagging", { Bucket: name, Tagging: { TagSet: tags } });
    } catch (e) {
      throw new PartialCreate(made, `setting S3 Bucket (${name}) tags`, e);
    }
    return made;
  },
  async read(ctx, prior) {
    if (!(await bucketExists(ctx, prior.id))) return null;
    let tagSet: unknown = [];
    try {
      tagSet = (await ctx.client.call("s3", "GetBucketTagging", { Bucket: prior.id })).TagSet;
    } catch (e) {
      if (!missing(e, "NoSuchTagSet")) throw e;
    }
    const name = String(prior.id);
    return {
      ...prior,
      arn: `arn:aws:s3:::${name}`,
      bucket: name,
      bucket_domain_name: `${name}.s3.amazonaws.com`,
      bucket_prefix: prior.bucket_prefix ?? null,
      bucket_regional_domain_name: `${name}.s3.${ctx.region}.amazonaws.com`,
      force_destroy: prior.force_destroy ?? false,
      hosted_zone_id: hostedZones[ctx.region] ?? null,
      id: name,
      object_lock_enabled: prior.object_lock_enabled === true,
      region: ctx.region,
      ...tagsFromAws(ctx, tagSet, prior),
    };
  },
  async update(ctx, _prior, p) {
    const tags = tagsToSend(ctx, p);
    if (tags.length) await ctx.client.call("s3", "PutBucketTagging", { Bucket: p.id, Tagging: { TagSet: tags } });
    else await ctx.client.call("s3", "DeleteBucketTagging", { Bucket: p.id });
  },
  async delete(ctx, s) {
    try {
      if (s.force_destroy === true) {
        // Every version and delete marker goes first, as the provider's emptyBucket does.
        for (;;) {
          const out = await ctx.client.call("s3", "ListObjectVersions", { Bucket: s.id });
          const all = [...((out.Versions as { Key: string; VersionId?: string }[]) ?? []), ...((out.DeleteMarkers as { Key: string; VersionId?: string }[]) ?? [])];
          if (!all.length) break;
          await ctx.client.call("s3", "DeleteObjects", { Bucket: s.id, Delete: { Objects: all.map((o) => ({ Key: o.Key, ...(o.VersionId ? { VersionId: o.VersionId } : {}) })), Quiet: true } });
        }
      }
      await ctx.client.call("s3", "DeleteBucket", { Bucket: s.id });
    } catch (e) {
      if (!missing(e)) throw e;
    }
  },
  importId: (id) => ({ id, bucket: id, force_destroy: false }),
};

function objectBody(o: Obj): Buffer | undefined {
  if (typeof o.content === "string") return Buffer.from(o.content, "utf8");
  if (typeof o.content_base64 === "string") return Buffer.from(o.content_base64, "base64");
  if (typeof o.source === "string") return readFileSync(o.source);
  return undefined;
}

const contentArgs = ["content", "content_base64", "source", "source_hash", "content_type", "cache_control", "content_disposition", "content_encoding", "content_language", "metadata", "website_redirect"];

export const s3Object: ResourceType = {
  noun: "S3 Object",
  label: (o) => `${String(o.bucket)}/${String(o.key)}`,
  schema: {
    version: 0,
    block: {
      attributes: {
        acl: { type: S, optional: true, computed: true },
        arn: computed,
        bucket: bucketRequired,
        bucket_key_enabled: { type: BoolType, optional: true, computed: true },
        cache_control: { type: S, optional: true },
        content: { type: S, optional: true },
        content_base64: { type: S, optional: true },
        content_disposition: { type: S, optional: true },
        content_encoding: { type: S, optional: true },
        content_language: { type: S, optional: true },
        content_type: { type: S, optional: true, computed: true },
        etag: { type: S, optional: true, computed: true },
        force_destroy: { type: BoolType, optional: true },
        id: sdkId,
        key: { type: S, required: true, forceNew: true },
        kms_key_id: { type: S, optional: true, computed: true },
        metadata: { type: mapOf(S), optional: true },
        server_side_encryption: { type: S, optional: true, computed: true },
        source: { type: S, optional: true },
        source_hash: { type: S, optional: true },
        storage_class: { type: S, optional: true, computed: true },
        ...tagsAttrs,
        version_id: computed,
        website_redirect: { type: S, optional: true },
      },
    },
  },
  plan(_ctx, prior, p) {
    // New content means a new ETag and version (the provider's CustomizeDiff); the ETag of plain content is its MD5.
    if (prior && contentArgs.some((k) => JSON.stringify(prior[k] ?? null) !== JSON.stringify(p[k] ?? null))) {
      p.version_id = Unknown;
      p.etag = Unknown;
    }
    if (typeof p.content === "string" && p.etag !== Unknown && !prior) p.etag = createHash("md5").update(p.content).digest("hex");
  },
  async create(ctx, p) {
    await put(ctx, p);
    return { ...p, id: p.key };
  },
  async read(ctx, prior) {
    let h: Record<string, unknown>;
    try {
      h = await ctx.client.call("s3", "HeadObject", { Bucket: prior.bucket, Key: prior.key ?? prior.id });
    } catch (e) {
      if (missing(e, "NoSuchKey")) return null;
      throw e;
    }
    let tagSet: unknown = [];
    try {
      tagSet = (await ctx.client.call("s3", "GetObjectTagging", { Bucket: prior.bucket, Key: prior.key ?? prior.id })).TagSet;
    } catch (e) {
      if (!missing(e, "NoSuchKey")) throw e;
    }
    const key = String(prior.key ?? prior.id);
    return {
      ...prior,
      arn: `arn:aws:s3:::${String(prior.bucket)}/${key}`,
      bucket_key_enabled: h.BucketKeyEnabled === true,
      content_type: typeof h.ContentType === "string" ? h.ContentType : null,
      etag: String(h.ETag ?? "").replace(/"/g, ""),
      id: key,
      key,
      kms_key_id: typeof h.SSEKMSKeyId === "string" ? h.SSEKMSKeyId : null,
      server_side_encryption: typeof h.ServerSideEncryption === "string" ? h.ServerSideEncryption : "AES256",
      storage_class: typeof h.StorageClass === "string" ? h.StorageClass : "STANDARD",
      version_id: typeof h.VersionId === "string" && h.VersionId !== "null" ? h.VersionId : "",
      ...tagsFromAws(ctx, tagSet, prior),
    };
  },
  async update(ctx, prior, p) {
    if (contentArgs.some((k) => JSON.stringify(prior[k] ?? null) !== JSON.stringify(p[k] ?? null)) || JSON.stringify(prior.tags_all) !== JSON.stringify(p.tags_all)) await put(ctx, p);
  },
  async delete(ctx, s) {
    try {
      await ctx.client.call("s3", "DeleteObject", { Bucket: s.bucket, Key: s.key });
    } catch (e) {
      if (!missing(e, "NoSuchKey")) throw e;
    }
  },
  importId(id) {
    const i = id.replace(/^s3:\/\//, "").indexOf("/");
    const bare = id.replace(/^s3:\/\//, "");
    return { bucket: bare.slice(0, i), key: bare.slice(i + 1), id: bare.slice(i + 1) };
  },
};

async function put(ctx: ResourceContext, p: Obj): Promise<void> {
  const tags = tagsToSend(ctx, p);
  const s = (k: string): string | undefined => (typeof p[k] === "string" ? (p[k] as string) : undefined);
  await ctx.client.call("s3", "PutObject", {
    Bucket: p.bucket,
    Key: p.key,
    Body: objectBody(p) ?? Buffer.alloc(0),
    ...(s("content_type") ? { ContentType: s("content_type") } : {}),
    ...(s("cache_control") ? { CacheControl: s("cache_control") } : {}),
    ...(s("content_disposition") ? { ContentDisposition: s("content_disposition") } : {}),
    ...(s("content_encoding") ? { ContentEncoding: s("content_encoding") } : {}),
    ...(s("content_language") ? { ContentLanguage: s("content_language") } : {}),
    ...(s("website_redirect") ? { WebsiteRedirectLocation: s("website_redirect") } : {}),
    ...(s("acl") ? { ACL: s("acl") } : {}),
    ...(Object.keys(strMap(p.metadata)).length ? { Metadata: strMap(p.metadata) } : {}),
    ...(tags.length ? { Tagging: tags.map((t) => `${encodeURIComponent(t.Key)}=${encodeURIComponent(t.Value)}`).join("&") } : {}),
  });
}

export const s3BucketPolicy: ResourceType = {
  noun: "S3 Bucket Policy",
  label: (o) => String(o.bucket ?? o.id),
  schema: { version: 0, block: { attributes: { bucket: bucketRequired, id: sdkId, policy: { type: S, required: true } } } },
  async create(ctx, p) {
    await ctx.client.call("s3", "PutBucketPolicy", { Bucket: p.bucket, Policy: p.policy });
    return { ...p, id: p.bucket };
  },
  async read(ctx, prior) {
    try {
      const out = await ctx.client.call("s3", "GetBucketPolicy", { Bucket: prior.id });
      return { ...prior, bucket: prior.id, policy: keepEquivalent(prior.policy, String(out.Policy)) };
    } catch (e) {
      if (missing(e, "NoSuchBucketPolicy")) return null;
      throw e;
    }
  },
  async update(ctx, _prior, p) {
    await ctx.client.call("s3", "PutBucketPolicy", { Bucket: p.bucket, Policy: p.policy });
  },
  async delete(ctx, s) {
    try {
      await ctx.client.call("s3", "DeleteBucketPolicy", { Bucket: s.id });
    } catch (e) {
      if (!missing(e, "NoSuchBucketPolicy")) throw e;
    }
  },
  importId: (id) => ({ id, bucket: id }),
};

export const s3BucketPublicAccessBlock: ResourceType = {
  noun: "S3 Bucket Public Access Block",
  label: (o) => String(o.bucket ?? o.id),
  schema: {
    version: 0,
    block: {
      attributes: {
        block_public_acls: { type: BoolType, optional: true },
        block_public_policy: { type: BoolType, optional: true },
        bucket: bucketRequired,
        id: sdkId,
        ignore_public_acls: { type: BoolType, optional: true },
        restrict_public_buckets: { type: BoolType, optional: true },
      },
    },
  },
  defaults: { block_public_acls: false, block_public_policy: false, ignore_public_acls: false, restrict_public_buckets: false },
  async create(ctx, p) {
    await putPab(ctx, p);
    return { ...p, id: p.bucket };
  },
  async read(ctx, prior) {
    try {
      const c = (await ctx.client.call("s3", "GetPublicAccessBlock", { Bucket: prior.id })).PublicAccessBlockConfiguration as Record<string, boolean>;
      return {
        ...prior,
        bucket: prior.id,
        block_public_acls: c.BlockPublicAcls === true,
        block_public_policy: c.BlockPublicPolicy === true,
        ignore_public_acls: c.IgnorePublicAcls === true,
        restrict_public_buckets: c.RestrictPublicBuckets === true,
      };
    } catch (e) {
      if (missing(e, "NoSuchPublicAccessBlockConfiguration")) return null;
      throw e;
    }
  },
  async update(ctx, _prior, p) {
    await putPab(ctx, p);
  },
  async delete(ctx, s) {
    try {
      await ctx.client.call("s3", "DeletePublicAccessBlock", { Bucket: s.id });
    } catch (e) {
      if (!missing(e, "NoSuchPublicAccessBlockConfiguration")) throw e;
    }
  },
  importId: (id) => ({ id, bucket: id }),
};

async function putPab(ctx: ResourceContext, p: Obj): Promise<void> {
  await ctx.client.call("s3", "PutPublicAccessBlock", {
    Bucket: p.bucket,
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: p.block_public_acls === true,
      BlockPublicPolicy: p.block_public_policy === true,
      IgnorePublicAcls: p.ignore_public_acls === true,
      RestrictPublicBuckets: p.restrict_public_buckets === true,
    },
  });
}

function first(p: Plain | undefined): Obj | undefined {
  const a = Array.isArray(p) ? p : [];
  const o = a[0];
  return o && typeof o === "object" && !Array.isArray(o) ? o : undefined;
}

export const s3BucketVersioning: ResourceType = {
  noun: "S3 Bucket Versioning",
  label: (o) => String(o.bucket ?? o.id),
  schema: {
    version: 0,
    block: {
      attributes: { bucket: bucketRequired, expected_bucket_owner: { type: S, optional: true, forceNew: true }, id: sdkId, mfa: { type: S, optional: true } },
      blockTypes: {
        versioning_configuration: {
          nesting: "list",
          minItems: 1,
          maxItems: 1,
          block: { attributes: { mfa_delete: { type: S, optional: true, computed: true }, status: { type: S, required: true } } },
        },
      },
    },
  },
  async create(ctx, p) {
    await putVersioning(ctx, p);
    return { ...p, id: p.bucket };
  },
  async read(ctx, prior) {
    if (!(await bucketExists(ctx, prior.id))) return null;
    const out = await ctx.client.call("s3", "GetBucketVersioning", { Bucket: prior.id });
    return {
      ...prior,
      bucket: prior.id,
      versioning_configuration: [{ status: typeof out.Status === "string" ? out.Status : "Disabled", mfa_delete: typeof out.MFADelete === "string" ? out.MFADelete : null }],
    };
  },
  async update(ctx, _prior, p) {
    await putVersioning(ctx, p);
  },
  async delete(ctx, s) {
    // As the provider: versioning cannot be removed, only suspended (and a never-enabled bucket is left alone).
    if (first(s.versioning_configuration)?.status === "Enabled" && (await bucketExists(ctx, s.id))) {
      await ctx.client.call("s3", "PutBucketVersioning", { Bucket: s.id, VersioningConfiguration: { Status: "Suspended" } });
    }
  },
  importId: (id) => ({ id, bucket: id }),
};

async function putVersioning(ctx: ResourceContext, p: Obj): Promise<void> {
  const status = String(first(p.versioning_configuration)?.status ?? "Enabled");
  if (status === "Disabled") return;
  await ctx.client.call("s3", "PutBucketVersioning", { Bucket: p.bucket, VersioningConfiguration: { Status: status } });
}

export const s3BucketWebsiteConfiguration: ResourceType = {
  noun: "S3 Bucket Website Configuration",
  label: (o) => String(o.bucket ?? o.id),
  schema: {
    version: 0,
    block: {
      attributes: { bucket: bucketRequired, id: sdkId, website_domain: computed, website_endpoint: computed },
      blockTypes: {
        error_document: { nesting: "list", maxItems: 1, block: { attributes: { key: { type: S, required: true } } } },
        index_document: { nesting: "list", maxItems: 1, block: { attributes: { suffix: { type: S, required: true } } } },
      },
    },
  },
  async create(ctx, p) {
    await putWebsite(ctx, p);
    return { ...p, id: p.bucket };
  },
  async read(ctx, prior) {
    let out: Record<string, unknown>;
    try {
      out = await ctx.client.call("s3", "GetBucketWebsite", { Bucket: prior.id });
    } catch (e) {
      if (missing(e, "NoSuchWebsiteConfiguration")) return null;
      throw e;
    }
    const idx = (out.IndexDocument as { Suffix?: string } | undefined)?.Suffix;
    const err = (out.ErrorDocument as { Key?: string } | undefined)?.Key;
    return {
      ...prior,
      bucket: prior.id,
      error_document: err ? [{ key: err }] : [],
      index_document: idx ? [{ suffix: idx }] : [],
      website_domain: `s3-website-${ctx.region}.amazonaws.com`,
      website_endpoint: `${String(prior.id)}.s3-website-${ctx.region}.amazonaws.com`,
    };
  },
  async update(ctx, _prior, p) {
    await putWebsite(ctx, p);
  },
  async delete(ctx, s) {
    try {
      await ctx.client.call("s3", "DeleteBucketWebsite", { Bucket: s.id });
    } catch (e) {
      if (!missing(e)) throw e;
    }
  },
  importId: (id) => ({ id, bucket: id }),
};

async function putWebsite(ctx: ResourceContext, p: Obj): Promise<void> {
  const idx = first(p.index_document)?.suffix;
  const err = first(p.error_document)?.key;
  await ctx.client.call("s3", "PutBucketWebsite", {
    Bucket: p.bucket,
    WebsiteConfiguration: { ...(idx ? { IndexDocument: { Suffix: idx } } : {}), ...(err ? { ErrorDocument: { Key: err } } : {}) },
  });
}
