// The bucket's other configuration documents, stored as given and returned as S3 returns them, with S3's
// defaults and "not found" errors: CORS, lifecycle, default encryption (SSE-S3 by default, as since 2023),
// ownership controls (BucketOwnerEnforced by default), logging, transfer acceleration, request payment; and the
// read-only answers for object lock, replication and policy status. Tools (Terraform's AWS provider) read all
// of them when they refresh a bucket.
import type { ActionSpec, Output, Params } from "../service.js";
import { type Ctx, bucketOf } from "./common.js";
import { s3Error } from "./errors.js";
import type { S3Model } from "./model.js";
import { bucketPolicyDocument, isPublicPolicy } from "./policy.js";

export const CONFIG_MIGRATION = `CREATE TABLE s3_bucket_configs (bucket TEXT NOT NULL, name TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (bucket, name));`;

interface ConfigKind {
  /** The Put call's payload member. */
  readonly input: string;
  /** The Get call's output from the stored document (or the default). */
  readonly output: (doc: Record<string, unknown>) => Output;
  readonly missing: { code: string; message: string } | { default: Record<string, unknown> };
  /** What S3 checks of the document beyond its XML schema (throws S3's error). */
  readonly check?: (doc: Record<string, unknown>) => void;
}

const malformedXml = () => s3Error("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", 400);
const CORS_METHODS = new Set(["GET", "PUT", "POST", "DELETE", "HEAD"]);

/** At least one rule; each with origins and methods S3 knows. */
function checkCors(doc: Record<string, unknown>): void {
  const rules = (doc.CORSRules ?? []) as { AllowedMethods?: string[]; AllowedOrigins?: string[] }[];
  if (rules.length === 0 || rules.length > 100) throw malformedXml();
  for (const r of rules) {
    if (!r.AllowedMethods?.length || !r.AllowedOrigins?.length) throw malformedXml();
    const bad = r.AllowedMethods.find((m) => !CORS_METHODS.has(m));
    if (bad !== undefined) throw s3Error("InvalidRequest", `Found unsupported HTTP method in CORS config. Unsupported method is ${bad}`, 400);
  }
}

/** At least one rule; each Enabled or Disabled, with an action to take. */
function checkLifecycle(doc: Record<string, unknown>): void {
  const rules = (doc.Rules ?? []) as Record<string, unknown>[];
  if (rules.length === 0 || rules.length > 1000) throw malformedXml();
  const actions = ["Expiration", "Transitions", "NoncurrentVersionExpiration", "NoncurrentVersionTransitions", "AbortIncompleteMultipartUpload"];
  for (const r of rules) {
    if (r.Status !== "Enabled" && r.Status !== "Disabled") throw malformedXml();
    if (!actions.some((a) => r[a] !== undefined)) throw s3Error("InvalidRequest", "At least one action needs to be specified in a rule", 400);
  }
}

const KINDS: Record<string, ConfigKind> = {
  Cors: {
    input: "CORSConfiguration",
    output: (d) => ({ CORSRules: d.CORSRules }),
    missing: { code: "NoSuchCORSConfiguration", message: "The CORS configuration does not exist" },
    check: checkCors,
  },
  LifecycleConfiguration: {
    input: "LifecycleConfiguration",
    output: (d) => ({ Rules: d.Rules }),
    missing: { code: "NoSuchLifecycleConfiguration", message: "The lifecycle configuration does not exist" },
    check: checkLifecycle,
  },
  Encryption: {
    input: "ServerSideEncryptionConfiguration",
    output: (d) => ({ ServerSideEncryptionConfiguration: d }),
    missing: { default: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: false }] } },
  },
  OwnershipControls: { input: "OwnershipControls", output: (d) => ({ OwnershipControls: d }), missing: { default: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] } } },
  Logging: { input: "BucketLoggingStatus", output: (d) => d, missing: { default: {} } },
  AccelerateConfiguration: { input: "AccelerateConfiguration", output: (d) => d, missing: { default: {} } },
  RequestPayment: { input: "RequestPaymentConfiguration", output: (d) => d, missing: { default: { Payer: "BucketOwner" } } },
};

function stored(m: S3Model, bucket: string, name: string): Record<string, unknown> | undefined {
  const row = m.q("SELECT doc FROM s3_bucket_configs WHERE bucket = ? AND name = ?").get(bucket, name) as { doc: string } | undefined;
  return row ? (JSON.parse(row.doc) as Record<string, unknown>) : undefined;
}

function getter(name: string): (ctx: Ctx, p: Params) => Output {
  const k = KINDS[name]!;
  return (ctx, p) => {
    const b = bucketOf(ctx, p);
    const doc = stored(ctx.model, b.name, name);
    if (doc) return k.output(doc);
    if ("default" in k.missing) return k.output(k.missing.default);
    throw s3Error(k.missing.code, k.missing.message, 404, { BucketName: b.name });
  };
}

function putter(name: string): (ctx: Ctx, p: Params) => Output {
  const k = KINDS[name]!;
  return (ctx, p) => {
    const b = bucketOf(ctx, p);
    const doc = p[k.input];
    if (!doc || typeof doc !== "object") throw malformedXml();
    k.check?.(doc as Record<string, unknown>);
    ctx.model.q("INSERT OR REPLACE INTO s3_bucket_configs (bucket, name, doc) VALUES (?, ?, ?)").run(b.name, name, JSON.stringify(doc));
    return {};
  };
}

function deleter(name: string): (ctx: Ctx, p: Params) => Output {
  return (ctx, p) => {
    const b = bucketOf(ctx, p);
    ctx.model.q("DELETE FROM s3_bucket_configs WHERE bucket = ? AND name = ?").run(b.name, name);
    return {};
  };
}

function notFound(code: string, message: string): (ctx: Ctx, p: Params) => Output {
  return (ctx, p) => {
    const b = bucketOf(ctx, p);
    throw s3Error(code, message, 404, { BucketName: b.name });
  };
}

function policyStatus(ctx: Ctx, p: Params): Output {
  const b = bucketOf(ctx, p);
  if (!b.policy) throw s3Error("NoSuchBucketPolicy", "The bucket policy does not exist", 404, { BucketName: b.name });
  const doc = bucketPolicyDocument(b.policy);
  return { PolicyStatus: { IsPublic: doc ? isPublicPolicy(doc) : false } };
}

type Make = (iamAction: string, mutating: boolean, run: (ctx: Ctx, p: Params) => Output) => ActionSpec<S3Model>;

/** The configuration actions, made with the service's bucket-level action maker. */
export function configActions(make: Make): Record<string, ActionSpec<S3Model>> {
  return {
    GetBucketCors: make("s3:GetBucketCORS", false, getter("Cors")),
    PutBucketCors: make("s3:PutBucketCORS", true, putter("Cors")),
    DeleteBucketCors: make("s3:PutBucketCORS", true, deleter("Cors")),
    GetBucketLifecycleConfiguration: make("s3:GetLifecycleConfiguration", false, getter("LifecycleConfiguration")),
    PutBucketLifecycleConfiguration: make("s3:PutLifecycleConfiguration", true, putter("LifecycleConfiguration")),
    DeleteBucketLifecycle: make("s3:PutLifecycleConfiguration", true, deleter("LifecycleConfiguration")),
    GetBucketEncryption: make("s3:GetEncryptionConfiguration", false, getter("Encryption")),
    PutBucketEncryption: make("s3:PutEncryptionConfiguration", true, putter("Encryption")),
    DeleteBucketEncryption: make("s3:PutEncryptionConfiguration", true, deleter("Encryption")),
    GetBucketOwnershipControls: make("s3:GetBucketOwnershipControls", false, getter("OwnershipControls")),
    PutBucketOwnershipControls: make("s3:PutBucketOwnershipControls", true, putter("OwnershipControls")),
    DeleteBucketOwnershipControls: make("s3:PutBucketOwnershipControls", true, deleter("OwnershipControls")),
    GetBucketLogging: make("s3:GetBucketLogging", false, getter("Logging")),
    PutBucketLogging: make("s3:PutBucketLogging", true, putter("Logging")),
    GetBucketAccelerateConfiguration: make("s3:GetAccelerateConfiguration", false, getter("AccelerateConfiguration")),
    PutBucketAccelerateConfiguration: make("s3:PutAccelerateConfiguration", true, putter("AccelerateConfiguration")),
    GetBucketRequestPayment: make("s3:GetBucketRequestPayment", false, getter("RequestPayment")),
    PutBucketRequestPayment: make("s3:PutBucketRequestPayment", true, putter("RequestPayment")),
    GetObjectLockConfiguration: make("s3:GetBucketObjectLockConfiguration", false, notFound("ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket")),
    GetBucketReplication: make("s3:GetReplicationConfiguration", false, notFound("ReplicationConfigurationNotFoundError", "The replication configuration was not found")),
    GetBucketPolicyStatus: make("s3:GetBucketPolicyStatus", false, policyStatus),
  };
}
