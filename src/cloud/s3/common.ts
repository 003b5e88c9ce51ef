// What every S3 action shares: the bucket lookup, the owner element, ARNs, and the object's stored headers.
import { createHash } from "node:crypto";
import type { ActionContext, Params } from "../service.js";
import { noSuchBucket } from "./errors.js";
import type { BucketRow, ObjectRow, S3Model } from "./model.js";

export type Ctx = ActionContext<S3Model>;

export function bucketOf(ctx: Ctx, params: Params): BucketRow {
  const name = String(params.Bucket ?? "");
  const b = ctx.model.bucket(name);
  if (!b) throw noSuchBucket(name);
  return b;
}

export function bucketArn(params: Params): string {
  return `arn:aws:s3:::${String(params.Bucket ?? "")}`;
}

export function objectArn(params: Params): string {
  return `arn:aws:s3:::${String(params.Bucket ?? "")}/${String(params.Key ?? "")}`;
}

/** The account's canonical user id (S3 shows a 64-hex id, not the account number). */
export function owner(accountId: string): { ID: string; DisplayName: string } {
  return { ID: createHash("sha256").update(`tfsim:${accountId}`).digest("hex"), DisplayName: "tfsim" };
}

/** The standard headers S3 stores with an object and returns on GET/HEAD (model member names). */
export const STORED_HEADERS = ["ContentType", "CacheControl", "ContentDisposition", "ContentEncoding", "ContentLanguage", "WebsiteRedirectLocation"] as const;

export function storedHeaders(params: Params): string {
  const h: Record<string, string> = {};
  for (const k of STORED_HEADERS) if (typeof params[k] === "string") h[k] = params[k];
  if (params.Expires instanceof Date) h.Expires = params.Expires.toUTCString();
  if (h.ContentType === undefined) h.ContentType = "binary/octet-stream";
  return JSON.stringify(h);
}

export function objectHeaders(o: ObjectRow): Record<string, unknown> {
  const h = JSON.parse(o.headers) as Record<string, string>;
  const out: Record<string, unknown> = { ...h };
  if (h.Expires !== undefined) out.Expires = new Date(h.Expires);
  return out;
}

export function metadataOf(params: Params): string {
  const m = params.Metadata;
  return JSON.stringify(m && typeof m === "object" ? m : {});
}

/** Tags from the x-amz-tagging header ("k1=v1&k2=v2"). */
export function tagsFromHeader(v: unknown): string | null {
  if (typeof v !== "string" || v === "") return null;
  const tags: { Key: string; Value: string }[] = [];
  for (const [k, val] of new URLSearchParams(v)) tags.push({ Key: k, Value: val });
  return JSON.stringify(tags);
}

export function quoted(etag: string): string {
  return `"${etag}"`;
}
