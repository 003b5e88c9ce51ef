// What every S3 action shares: the bucket lookup, the owner element, ARNs, and the object's stored headers.
import { createHash } from "node:crypto";
import type { ActionContext, Params } from "../service.js";
import { accessDenied, noSuchBucket, s3Error } from "./errors.js";
import { heldByAnotherAccount } from "./names.js";
import type { BucketRow, ObjectRow, S3Model } from "./model.js";

export type Ctx = ActionContext<S3Model>;

export function bucketOf(ctx: Ctx, params: Params): BucketRow {
  const name = String(params.Bucket ?? "");
  const b = ctx.model.bucket(name);
  if (!b) throw heldByAnotherAccount(name) ? accessDenied() : noSuchBucket(name);
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

const MAX_KEY_BYTES = 1024;
const MAX_METADATA_BYTES = 2048;
const MAX_OBJECT_TAGS = 10;

/** The key of an object being written, within S3's 1,024 bytes (KeyTooLongError). */
export function newObjectKey(params: Params): string {
  const key = String(params.Key ?? "");
  const size = Buffer.byteLength(key, "utf8");
  if (size > MAX_KEY_BYTES) throw s3Error("KeyTooLongError", "Your key is too long", 400, { MaxSizeAllowed: String(MAX_KEY_BYTES), Size: String(size) });
  return key;
}

/** User metadata (x-amz-meta-*) as stored, within S3's 2 KB: the UTF-8 bytes of every key and value (MetadataTooLarge). */
export function metadataOf(params: Params): string {
  const m = params.Metadata && typeof params.Metadata === "object" ? (params.Metadata as Record<string, unknown>) : {};
  let size = 0;
  for (const [k, v] of Object.entries(m)) size += Buffer.byteLength(k, "utf8") + Buffer.byteLength(String(v), "utf8");
  if (size > MAX_METADATA_BYTES) {
    throw s3Error("MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size.", 400, { Size: String(size), MaxSizeAllowed: String(MAX_METADATA_BYTES) });
  }
  return JSON.stringify(m);
}

/** An object's tag set within S3's ten tags. */
export function checkObjectTagCount(count: number): void {
  if (count > MAX_OBJECT_TAGS) throw s3Error("BadRequest", `Object tags cannot be greater than ${MAX_OBJECT_TAGS}`, 400);
}

/** Tags from the x-amz-tagging header ("k1=v1&k2=v2"). */
export function tagsFromHeader(v: unknown): string | null {
  if (typeof v !== "string" || v === "") return null;
  const tags: { Key: string; Value: string }[] = [];
  for (const [k, val] of new URLSearchParams(v)) tags.push({ Key: k, Value: val });
  checkObjectTagCount(tags.length);
  return JSON.stringify(tags);
}

export function quoted(etag: string): string {
  return `"${etag}"`;
}
