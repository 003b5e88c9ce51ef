// Object actions: Put/Get/Head/Delete/DeleteObjects/CopyObject and object tagging, with versions, ranges and
// conditional requests as S3 answers them.
import type { Output, Params } from "../service.js";
import { type Ctx, bucketOf, checkObjectTagCount, metadataOf, newObjectKey, objectHeaders, owner, quoted, storedHeaders, tagsFromHeader } from "./common.js";
import { checkAcl, ownerAcl } from "./acl.js";
import { verifiedChecksums } from "./checksums.js";
import { noSuchKey, s3Error } from "./errors.js";
import { INLINE_MAX_BYTES, md5Hex, type ObjectRow } from "./model.js";
import { effectiveBucketPolicy } from "./policy.js";

/** Stores bytes as the key's new current version. */
export function storeObject(ctx: Ctx, bucket: string, key: string, body: Buffer, etag: string, headers: string, metadata: string, tags: string | null): Output {
  const b = ctx.model.bucket(bucket)!;
  const inline = body.length <= INLINE_MAX_BYTES;
  const blob = inline ? null : ctx.model.blobs.put(body);
  const { versionId, freed } = ctx.model.putVersion(
    { bucket, key, delete_marker: 0, size: body.length, etag, blob, last_modified_ms: ctx.nowMs, headers, metadata, tags, data: inline ? body : null },
    b.versioning,
  );
  ctx.model.collect(freed);
  const out: Output = { ETag: quoted(etag) };
  if (b.versioning) out.VersionId = versionId;
  return out;
}

export function putObject(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  const body = Buffer.isBuffer(params.Body) ? params.Body : Buffer.alloc(0);
  const etag = md5Hex(body);
  if (typeof params.ContentMD5 === "string" && Buffer.from(params.ContentMD5, "base64").toString("hex") !== etag) {
    throw s3Error("BadDigest", "The Content-MD5 you specified did not match what we received.", 400);
  }
  const checksums = verifiedChecksums(params, body);
  const key = newObjectKey(params);
  checkAcl(ctx, b.name, params);
  checkWriteConditions(ctx, b.name, key, params);
  return { ...storeObject(ctx, b.name, key, body, etag, storedHeaders(params), metadataOf(params), tagsFromHeader(params.Tagging)), ...checksums };
}

/** The version a GET/HEAD/tagging call names: the current one, or VersionId's. */
function findObject(ctx: Ctx, params: Params): ObjectRow {
  const b = bucketOf(ctx, params);
  const key = String(params.Key ?? "");
  const versionId = typeof params.VersionId === "string" ? params.VersionId : undefined;
  const o = versionId !== undefined ? ctx.model.version(b.name, key, versionId) : ctx.model.latest(b.name, key);
  if (!o) {
    if (versionId !== undefined) throw s3Error("NoSuchVersion", "The specified version does not exist.", 404, { Key: key, VersionId: versionId });
    throw noSuchKey(key);
  }
  if (o.delete_marker) {
    // S3 says which version answered: the delete marker, by its id.
    const marker = { "x-amz-delete-marker": "true", "x-amz-version-id": o.version_id };
    if (versionId !== undefined) throw s3Error("MethodNotAllowed", "The specified method is not allowed against this resource.", 405, { Method: "GET", ResourceType: "DeleteMarker" }, marker);
    throw noSuchKey(key, marker);
  }
  return o;
}

/** The four HTTP preconditions of a read, or of a copy's source (x-amz-copy-source-if-*). */
interface Preconditions {
  readonly ifMatch?: unknown;
  readonly ifNoneMatch?: unknown;
  readonly ifModifiedSince?: unknown;
  readonly ifUnmodifiedSince?: unknown;
}

const preconditionFailed = (condition: string) => s3Error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412, { Condition: condition });

/** Whether an If-Match / If-None-Match list ("*", quoted or bare ETags, comma-separated) names this object. */
function etagListMatches(list: string, etag: string): boolean {
  return list.split(",").some((t) => t.trim() === "*" || t.trim() === quoted(etag) || t.trim() === etag);
}

/**
 * If-Match / If-Unmodified-Since → 412, If-None-Match / If-Modified-Since → 304, in RFC 7232's order. A copy's
 * source conditions answer 412 for all four, as S3 documents for CopyObject and UploadPartCopy.
 */
function checkConditions(o: ObjectRow, c: Preconditions, copySource = false): void {
  const modifiedS = Math.floor(o.last_modified_ms / 1000);
  const name = (h: string) => (copySource ? `x-amz-copy-source-${h}` : h);
  if (typeof c.ifMatch === "string") {
    if (!etagListMatches(c.ifMatch, o.etag)) throw preconditionFailed(name("If-Match"));
  } else if (c.ifUnmodifiedSince instanceof Date && modifiedS > Math.floor(c.ifUnmodifiedSince.getTime() / 1000)) {
    throw preconditionFailed(name("If-Unmodified-Since"));
  }
  const notModified = (h: string) => (copySource ? preconditionFailed(name(h)) : s3Error("NotModified", "Not Modified", 304));
  if (typeof c.ifNoneMatch === "string") {
    if (etagListMatches(c.ifNoneMatch, o.etag)) throw notModified("If-None-Match");
  } else if (c.ifModifiedSince instanceof Date && modifiedS <= Math.floor(c.ifModifiedSince.getTime() / 1000)) {
    throw notModified("If-Modified-Since");
  }
}

const readConditions = (p: Params): Preconditions => ({ ifMatch: p.IfMatch, ifNoneMatch: p.IfNoneMatch, ifModifiedSince: p.IfModifiedSince, ifUnmodifiedSince: p.IfUnmodifiedSince });

/**
 * A conditional write (PutObject, CopyObject, CompleteMultipartUpload with If-None-Match: * or If-Match): 412
 * when the key exists (or its ETag differs), NoSuchKey when If-Match names a key that does not exist.
 */
export function checkWriteConditions(ctx: Ctx, bucket: string, key: string, p: Params): void {
  if (typeof p.IfNoneMatch !== "string" && typeof p.IfMatch !== "string") return;
  const cur = ctx.model.latest(bucket, key);
  const current = cur && !cur.delete_marker ? cur : undefined;
  if (typeof p.IfNoneMatch === "string" && current && etagListMatches(p.IfNoneMatch, current.etag)) throw preconditionFailed("If-None-Match");
  if (typeof p.IfMatch === "string") {
    if (!current) throw noSuchKey(key);
    if (!etagListMatches(p.IfMatch, current.etag)) throw preconditionFailed("If-Match");
  }
}

/** "bytes=a-b", "bytes=a-", "bytes=-n" → [start, end] inclusive; undefined when S3 would ignore the header. */
function parseRange(spec: string, size: number, key: string): [number, number] | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(spec.trim());
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  let start: number;
  let end: number;
  if (m[1] === "") {
    const n = Number(m[2]);
    if (n === 0) throw invalidRange(spec, size);
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== "" && Number(m[2]) < start) return undefined;
  }
  if (start >= size) throw invalidRange(spec, size);
  void key;
  return [start, end];
}

function invalidRange(spec: string, size: number) {
  return s3Error("InvalidRange", "The requested range is not satisfiable", 416, { RangeRequested: spec, ActualObjectSize: String(size) });
}

function describe(ctx: Ctx, o: ObjectRow, params: Params): Output {
  const b = ctx.model.bucket(o.bucket)!;
  const out: Output = {
    ...objectHeaders(o),
    AcceptRanges: "bytes",
    ContentLength: o.size,
    ETag: quoted(o.etag),
    LastModified: new Date(o.last_modified_ms),
    Metadata: JSON.parse(o.metadata) as Record<string, string>,
  };
  if (b.versioning) out.VersionId = o.version_id;
  if (o.tags) out.TagCount = (JSON.parse(o.tags) as unknown[]).length;
  for (const [p, h] of [["ResponseContentType", "ContentType"], ["ResponseCacheControl", "CacheControl"], ["ResponseContentDisposition", "ContentDisposition"], ["ResponseContentEncoding", "ContentEncoding"], ["ResponseContentLanguage", "ContentLanguage"]] as const) {
    if (typeof params[p] === "string") out[h] = params[p];
  }
  return out;
}

export function getObject(ctx: Ctx, params: Params): Output {
  const o = findObject(ctx, params);
  checkConditions(o, readConditions(params));
  const out = describe(ctx, o, params);
  const body = ctx.model.body(o);
  const range = typeof params.Range === "string" ? parseRange(params.Range, o.size, o.key) : undefined;
  if (range) {
    out.Body = body.subarray(range[0], range[1] + 1);
    out.ContentLength = range[1] - range[0] + 1;
    out.ContentRange = `bytes ${range[0]}-${range[1]}/${o.size}`;
    out.$httpStatus = 206;
  } else {
    out.Body = body;
  }
  return out;
}

export function headObject(ctx: Ctx, params: Params): Output {
  const o = findObject(ctx, params);
  checkConditions(o, readConditions(params));
  const out = describe(ctx, o, params);
  const range = typeof params.Range === "string" ? parseRange(params.Range, o.size, o.key) : undefined;
  if (range) {
    out.ContentLength = range[1] - range[0] + 1;
    out.ContentRange = `bytes ${range[0]}-${range[1]}/${o.size}`;
    out.$httpStatus = 206;
  }
  return out;
}

/** Deletes a key (a delete marker when versioning is on) or one version; a missing key is not an error. */
function deleteOne(ctx: Ctx, bucket: string, key: string, versionId: string | undefined): Output {
  const b = ctx.model.bucket(bucket)!;
  if (versionId !== undefined) {
    const old = ctx.model.version(bucket, key, versionId);
    const blob = ctx.model.deleteVersion(bucket, key, versionId);
    if (blob) ctx.model.collect([blob]);
    const out: Output = { VersionId: versionId };
    if (old?.delete_marker) out.DeleteMarker = true;
    return out;
  }
  if (b.versioning) {
    const { versionId: v, freed } = ctx.model.putVersion(
      { bucket, key, delete_marker: 1, size: 0, etag: "", blob: null, last_modified_ms: ctx.nowMs, headers: "{}", metadata: "{}", tags: null, data: null },
      b.versioning,
    );
    ctx.model.collect(freed);
    return { DeleteMarker: true, VersionId: v };
  }
  const blob = ctx.model.deleteVersion(bucket, key, "null");
  if (blob) ctx.model.collect([blob]);
  return {};
}

export function deleteObject(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  return deleteOne(ctx, b.name, String(params.Key ?? ""), typeof params.VersionId === "string" ? params.VersionId : undefined);
}

export function deleteObjects(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  const del = (params.Delete ?? {}) as { Objects?: { Key?: string; VersionId?: string }[]; Quiet?: boolean };
  const objects = del.Objects ?? [];
  if (objects.length > 1000) throw s3Error("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", 400);
  const deleted: Output[] = [];
  const errors: Output[] = [];
  const policy = effectiveBucketPolicy(b);
  for (const o of objects) {
    const key = String(o.Key ?? "");
    try {
      ctx.authorize(o.VersionId ? "s3:DeleteObjectVersion" : "s3:DeleteObject", `arn:aws:s3:::${b.name}/${key}`, undefined, policy);
    } catch {
      errors.push({ Key: key, ...(o.VersionId ? { VersionId: o.VersionId } : {}), Code: "AccessDenied", Message: "Access Denied" });
      continue;
    }
    const r = deleteOne(ctx, b.name, key, o.VersionId);
    if (!del.Quiet) {
      deleted.push({ Key: key, ...(o.VersionId ? { VersionId: o.VersionId } : {}), ...(r.DeleteMarker ? { DeleteMarker: true, DeleteMarkerVersionId: r.VersionId } : {}) });
    }
  }
  const out: Output = {};
  if (deleted.length) out.Deleted = deleted;
  if (errors.length) out.Errors = errors;
  return out;
}

/** "bucket/key", "/bucket/key" or either with "?versionId=…", URL-encoded. */
function parseCopySource(src: string): { bucket: string; key: string; versionId?: string } {
  let s = src.startsWith("/") ? src.slice(1) : src;
  let versionId: string | undefined;
  const q = s.indexOf("?versionId=");
  if (q >= 0) {
    versionId = decodeURIComponent(s.slice(q + "?versionId=".length));
    s = s.slice(0, q);
  }
  const slash = s.indexOf("/");
  if (slash <= 0 || slash === s.length - 1) throw s3Error("InvalidArgument", "Invalid copy source object key", 400, { ArgumentName: "x-amz-copy-source", ArgumentValue: src });
  let key: string;
  try {
    key = decodeURIComponent(s.slice(slash + 1));
  } catch {
    throw s3Error("InvalidArgument", "Invalid copy source encoding", 400);
  }
  return versionId !== undefined ? { bucket: s.slice(0, slash), key, versionId } : { bucket: s.slice(0, slash), key };
}

/**
 * The object a copy reads (CopyObject, UploadPartCopy): x-amz-copy-source parsed, s3:GetObject authorized on it
 * with its bucket's policy, and its x-amz-copy-source-if-* preconditions checked.
 */
export function copySourceObject(ctx: Ctx, params: Params): { src: { bucket: string; key: string; versionId?: string }; object: ObjectRow; sourceVersioned: boolean } {
  const src = parseCopySource(String(params.CopySource ?? ""));
  const sb = ctx.model.bucket(src.bucket);
  ctx.authorize(src.versionId ? "s3:GetObjectVersion" : "s3:GetObject", `arn:aws:s3:::${src.bucket}/${src.key}`, undefined, effectiveBucketPolicy(sb));
  const object = findObject(ctx, { Bucket: src.bucket, Key: src.key, ...(src.versionId ? { VersionId: src.versionId } : {}) });
  checkConditions(
    object,
    { ifMatch: params.CopySourceIfMatch, ifNoneMatch: params.CopySourceIfNoneMatch, ifModifiedSince: params.CopySourceIfModifiedSince, ifUnmodifiedSince: params.CopySourceIfUnmodifiedSince },
    true,
  );
  return { src, object, sourceVersioned: Boolean(sb?.versioning) };
}

export function copyObject(ctx: Ctx, params: Params): Output {
  const dest = bucketOf(ctx, params);
  const key = newObjectKey(params);
  const { src, object: o, sourceVersioned } = copySourceObject(ctx, params);
  const replace = params.MetadataDirective === "REPLACE";
  if (src.bucket === dest.name && src.key === key && !replace && src.versionId === undefined) {
    throw s3Error(
      "InvalidRequest",
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      400,
    );
  }
  checkWriteConditions(ctx, dest.name, key, params);
  checkAcl(ctx, dest.name, params);
  const body = ctx.model.body(o);
  const tags = params.TaggingDirective === "REPLACE" ? tagsFromHeader(params.Tagging) : o.tags;
  const r = storeObject(ctx, dest.name, key, body, o.etag, replace ? storedHeaders(params) : o.headers, replace ? metadataOf(params) : o.metadata, tags);
  const out: Output = { CopyObjectResult: { ETag: r.ETag, LastModified: new Date(ctx.nowMs) } };
  if (r.VersionId) out.VersionId = r.VersionId;
  if (sourceVersioned) out.CopySourceVersionId = o.version_id;
  return out;
}

export function putObjectTagging(ctx: Ctx, params: Params): Output {
  const o = findObject(ctx, params);
  const set = ((params.Tagging ?? {}) as { TagSet?: unknown[] }).TagSet ?? [];
  checkObjectTagCount(set.length);
  ctx.model.setObjectTags(o.bucket, o.key, o.version_id, JSON.stringify(set));
  return ctx.model.bucket(o.bucket)!.versioning ? { VersionId: o.version_id } : {};
}

export function getObjectTagging(ctx: Ctx, params: Params): Output {
  const o = findObject(ctx, params);
  const out: Output = { TagSet: o.tags ? JSON.parse(o.tags) : [] };
  if (ctx.model.bucket(o.bucket)!.versioning) out.VersionId = o.version_id;
  return out;
}

export function deleteObjectTagging(ctx: Ctx, params: Params): Output {
  const o = findObject(ctx, params);
  ctx.model.setObjectTags(o.bucket, o.key, o.version_id, null);
  return {};
}

export function getObjectAcl(ctx: Ctx, params: Params): Output {
  findObject(ctx, params);
  return ownerAcl(ctx);
}

export function putObjectAcl(ctx: Ctx, params: Params): Output {
  const o = findObject(ctx, params);
  checkAcl(ctx, o.bucket, params);
  return {};
}

export { owner };
