// The S3 service on the pipeline: each REST-XML operation with the IAM action it is authorized as, its ARN
// (arn:aws:s3:::bucket or arn:aws:s3:::bucket/key), and the bucket policy as the resource-based policy of the
// evaluation (which is how an anonymous, unsigned request can be allowed: a public-read policy).
import { evaluate, denialMessage } from "../iam/authz.js";
import type { ActionContext, ActionSpec, Output, Params, ServiceSpec } from "../service.js";
import * as acl from "./acl.js";
import * as buckets from "./buckets.js";
import { bucketArn, objectArn } from "./common.js";
import { configActions } from "./configs.js";
import { accessDenied } from "./errors.js";
import * as list from "./list.js";
import { S3_MIGRATIONS, S3Model } from "./model.js";
import * as multipart from "./multipart.js";
import * as objects from "./objects.js";
import { effectiveBucketPolicy } from "./policy.js";
import { WEBSITE_ACTION, websiteGet } from "./website.js";

type Run = (ctx: ActionContext<S3Model>, params: Params) => Output;

function action(iamAction: string | ((p: Params) => string), level: "bucket" | "object" | "none", mutating: boolean, run: Run, listKeys = false): ActionSpec<S3Model> {
  return {
    iamAction: typeof iamAction === "string" ? iamAction : "s3:*",
    mutating,
    resource: (_ctx, params) => (level === "bucket" ? bucketArn(params) : level === "object" ? objectArn(params) : "*"),
    ...(listKeys
      ? {
          conditionKeys: (_ctx: ActionContext<S3Model>, params: Params) => ({
            ...(typeof params.Prefix === "string" ? { "s3:prefix": params.Prefix } : {}),
            ...(typeof params.Delimiter === "string" ? { "s3:delimiter": params.Delimiter } : {}),
            ...(typeof params.MaxKeys === "number" ? { "s3:max-keys": params.MaxKeys } : {}),
          }),
        }
      : {}),
    authorize(ctx, params, request) {
      const bucket = level === "none" ? undefined : ctx.model.bucket(String(params.Bucket ?? ""));
      const policy = effectiveBucketPolicy(bucket);
      const req = {
        ...request,
        ...(typeof iamAction === "function" ? { action: iamAction(params) } : {}),
        ...(policy ? { resourcePolicy: policy } : {}),
      };
      const decision = evaluate(req);
      if (decision.effect !== "Allow") {
        if (process.env.TFSIM_DEBUG) console.error(denialMessage(req, decision));
        throw accessDenied();
      }
    },
    run,
  };
}

const versioned = (plain: string, withVersion: string) => (p: Params) => (typeof p.VersionId === "string" ? withVersion : plain);

const actions: Record<string, ActionSpec<S3Model>> = {
  CreateBucket: action("s3:CreateBucket", "bucket", true, buckets.createBucket),
  ListBuckets: action("s3:ListAllMyBuckets", "none", false, buckets.listBuckets),
  HeadBucket: action("s3:ListBucket", "bucket", false, buckets.headBucket),
  GetBucketLocation: action("s3:GetBucketLocation", "bucket", false, buckets.getBucketLocation),
  DeleteBucket: action("s3:DeleteBucket", "bucket", true, buckets.deleteBucket),
  PutBucketPolicy: action("s3:PutBucketPolicy", "bucket", true, buckets.putBucketPolicy),
  GetBucketPolicy: action("s3:GetBucketPolicy", "bucket", false, buckets.getBucketPolicy),
  DeleteBucketPolicy: action("s3:DeleteBucketPolicy", "bucket", true, buckets.deleteBucketPolicy),
  PutBucketVersioning: action("s3:PutBucketVersioning", "bucket", true, buckets.putBucketVersioning),
  GetBucketVersioning: action("s3:GetBucketVersioning", "bucket", false, buckets.getBucketVersioning),
  PutBucketWebsite: action("s3:PutBucketWebsite", "bucket", true, buckets.putBucketWebsite),
  GetBucketWebsite: action("s3:GetBucketWebsite", "bucket", false, buckets.getBucketWebsite),
  DeleteBucketWebsite: action("s3:DeleteBucketWebsite", "bucket", true, buckets.deleteBucketWebsite),
  PutBucketTagging: action("s3:PutBucketTagging", "bucket", true, buckets.putBucketTagging),
  GetBucketTagging: action("s3:GetBucketTagging", "bucket", false, buckets.getBucketTagging),
  DeleteBucketTagging: action("s3:PutBucketTagging", "bucket", true, buckets.deleteBucketTagging),
  PutPublicAccessBlock: action("s3:PutBucketPublicAccessBlock", "bucket", true, buckets.putPublicAccessBlock),
  GetPublicAccessBlock: action("s3:GetBucketPublicAccessBlock", "bucket", false, buckets.getPublicAccessBlock),
  DeletePublicAccessBlock: action("s3:PutBucketPublicAccessBlock", "bucket", true, buckets.deletePublicAccessBlock),
  GetBucketAcl: action("s3:GetBucketAcl", "bucket", false, buckets.getBucketAcl),
  PutBucketAcl: action("s3:PutBucketAcl", "bucket", true, acl.putBucketAcl),

  PutObject: action("s3:PutObject", "object", true, objects.putObject),
  GetObject: action(versioned("s3:GetObject", "s3:GetObjectVersion"), "object", false, objects.getObject),
  HeadObject: action(versioned("s3:GetObject", "s3:GetObjectVersion"), "object", false, objects.headObject),
  DeleteObject: action(versioned("s3:DeleteObject", "s3:DeleteObjectVersion"), "object", true, objects.deleteObject),
  // Authorized per key inside (each key is its own s3:DeleteObject); the call itself needs the bucket to exist.
  DeleteObjects: { mutating: true, run: objects.deleteObjects },
  CopyObject: action("s3:PutObject", "object", true, objects.copyObject),
  PutObjectTagging: action(versioned("s3:PutObjectTagging", "s3:PutObjectVersionTagging"), "object", true, objects.putObjectTagging),
  GetObjectTagging: action(versioned("s3:GetObjectTagging", "s3:GetObjectVersionTagging"), "object", false, objects.getObjectTagging),
  GetObjectAcl: action(versioned("s3:GetObjectAcl", "s3:GetObjectVersionAcl"), "object", false, objects.getObjectAcl),
  PutObjectAcl: action(versioned("s3:PutObjectAcl", "s3:PutObjectVersionAcl"), "object", true, objects.putObjectAcl),
  DeleteObjectTagging: action(versioned("s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging"), "object", true, objects.deleteObjectTagging),

  ListObjectsV2: action("s3:ListBucket", "bucket", false, list.listObjectsV2, true),
  ListObjects: action("s3:ListBucket", "bucket", false, list.listObjects, true),
  ListObjectVersions: action("s3:ListBucketVersions", "bucket", false, list.listObjectVersions, true),

  CreateMultipartUpload: action("s3:PutObject", "object", true, multipart.createMultipartUpload),
  UploadPart: action("s3:PutObject", "object", true, multipart.uploadPart),
  // s3:PutObject on the destination here; s3:GetObject on the source inside, as CopyObject does.
  UploadPartCopy: action("s3:PutObject", "object", true, multipart.uploadPartCopy),
  CompleteMultipartUpload: action("s3:PutObject", "object", true, multipart.completeMultipartUpload),
  AbortMultipartUpload: action("s3:AbortMultipartUpload", "object", true, multipart.abortMultipartUpload),
  ListParts: action("s3:ListMultipartUploadParts", "object", false, multipart.listParts),
  ListMultipartUploads: action("s3:ListBucketMultipartUploads", "bucket", false, multipart.listMultipartUploads),

  ...configActions((iamAction, mutating, run) => action(iamAction, "bucket", mutating, run)),

  // The website endpoint's GET (authorized inside as s3:GetObject on each object it reads).
  [WEBSITE_ACTION]: { mutating: false, run: websiteGet },
};

export const s3Service: ServiceSpec<S3Model> = {
  name: "s3",
  apiVersion: "2006-03-01",
  inputShapes: {},
  actions,
  denied: () => accessDenied(),
  migrations: S3_MIGRATIONS,
  createModel: (core) => new S3Model(core.db),
  beginCall: (model) => model.beginCall(),
};
