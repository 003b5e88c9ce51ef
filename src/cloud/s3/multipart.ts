// Multipart uploads: Create/UploadPart/Complete/Abort/ListParts/ListMultipartUploads. Parts are blobs of
// their own; Complete joins them into the object's blob and names it "md5(part md5s)-N" as S3 does.
import { createHash } from "node:crypto";
import { urlSafeToken } from "../ids.js";
import type { Output, Params } from "../service.js";
import { type Ctx, bucketOf, metadataOf, newObjectKey, owner, quoted, storedHeaders, tagsFromHeader } from "./common.js";
import { checkAcl } from "./acl.js";
import { verifiedChecksums } from "./checksums.js";
import { noSuchUpload, s3Error } from "./errors.js";
import { md5Hex, type UploadRow } from "./model.js";
import { checkWriteConditions, copySourceObject, storeObject } from "./objects.js";

const MIN_PART = 5 * 1024 * 1024;

function uploadOf(ctx: Ctx, params: Params): UploadRow {
  const b = bucketOf(ctx, params);
  const id = String(params.UploadId ?? "");
  const u = ctx.model.upload(id);
  if (!u || u.bucket !== b.name || u.key !== String(params.Key ?? "")) throw noSuchUpload(id);
  return u;
}

export function createMultipartUpload(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  checkAcl(ctx, b.name, params);
  const id = urlSafeToken(32);
  ctx.model
    .q("INSERT INTO s3_uploads (upload_id, bucket, key, initiated_ms, headers, metadata, tags) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .run(id, b.name, newObjectKey(params), ctx.nowMs, storedHeaders(params), metadataOf(params), tagsFromHeader(params.Tagging));
  return { Bucket: b.name, Key: params.Key, UploadId: id };
}

function partNumber(params: Params): number {
  const n = Number(params.PartNumber);
  if (!Number.isInteger(n) || n < 1 || n > 10000) throw s3Error("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive", 400, { ArgumentName: "partNumber", ArgumentValue: String(params.PartNumber) });
  return n;
}

/** Stores a part's bytes (replacing an earlier part of the same number) and answers its ETag. */
function storePart(ctx: Ctx, u: UploadRow, n: number, body: Buffer): string {
  const etag = md5Hex(body);
  const blob = ctx.model.blobs.put(body);
  const old = ctx.model.q("SELECT blob FROM s3_parts WHERE upload_id = ? AND part_number = ?").get(u.upload_id, n) as { blob: string } | undefined;
  ctx.model
    .q("INSERT OR REPLACE INTO s3_parts (upload_id, part_number, etag, size, blob, last_modified_ms) VALUES (?, ?, ?, ?, ?, ?)")
    .run(u.upload_id, n, etag, body.length, blob, ctx.nowMs);
  if (old) ctx.model.collect([old.blob]);
  return etag;
}

export function uploadPart(ctx: Ctx, params: Params): Output {
  const u = uploadOf(ctx, params);
  const n = partNumber(params);
  const body = Buffer.isBuffer(params.Body) ? params.Body : Buffer.alloc(0);
  const checksums = verifiedChecksums(params, body);
  return { ETag: quoted(storePart(ctx, u, n, body)), ...checksums };
}

/** A part copied from an existing object, whole or the x-amz-copy-source-range "bytes=first-last" of it. */
export function uploadPartCopy(ctx: Ctx, params: Params): Output {
  const u = uploadOf(ctx, params);
  const n = partNumber(params);
  const { object, sourceVersioned } = copySourceObject(ctx, params);
  let body = ctx.model.body(object);
  if (typeof params.CopySourceRange === "string") {
    const m = /^bytes=(\d+)-(\d+)$/.exec(params.CopySourceRange.trim());
    const first = m ? Number(m[1]) : NaN;
    const last = m ? Number(m[2]) : NaN;
    if (!m) throw s3Error("InvalidArgument", "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy", 400, { ArgumentName: "x-amz-copy-source-range", ArgumentValue: params.CopySourceRange });
    if (first > last || last >= object.size) throw s3Error("InvalidArgument", `Range specified is not valid for source object of size: ${object.size}`, 400, { ArgumentName: "x-amz-copy-source-range", ArgumentValue: params.CopySourceRange });
    body = body.subarray(first, last + 1);
  }
  const etag = storePart(ctx, u, n, body);
  const out: Output = { CopyPartResult: { ETag: quoted(etag), LastModified: new Date(ctx.nowMs) } };
  if (sourceVersioned) out.CopySourceVersionId = object.version_id;
  return out;
}

export function completeMultipartUpload(ctx: Ctx, params: Params): Output {
  const u = uploadOf(ctx, params);
  const asked = ((params.MultipartUpload ?? {}) as { Parts?: { ETag?: string; PartNumber?: number }[] }).Parts ?? [];
  if (asked.length === 0) throw s3Error("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", 400);
  const stored = new Map(ctx.model.parts(u.upload_id).map((p) => [p.part_number, p]));
  const chosen = [];
  let prev = 0;
  for (const a of asked) {
    const n = Number(a.PartNumber);
    if (n <= prev) throw s3Error("InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.", 400, { UploadId: u.upload_id });
    prev = n;
    const p = stored.get(n);
    const etag = String(a.ETag ?? "").replace(/"/g, "");
    if (!p || p.etag !== etag) {
      throw s3Error("InvalidPart", "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.", 400, {
        UploadId: u.upload_id,
        PartNumber: String(n),
        ETag: etag,
      });
    }
    chosen.push(p);
  }
  for (let i = 0; i < chosen.length - 1; i++) {
    if (chosen[i]!.size < MIN_PART) {
      throw s3Error("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.", 400, {
        ProposedSize: String(chosen[i]!.size),
        MinSizeAllowed: String(MIN_PART),
        PartNumber: String(chosen[i]!.part_number),
        ETag: chosen[i]!.etag,
      });
    }
  }
  const body = Buffer.concat(chosen.map((p) => ctx.model.blobs.get(p.blob)));
  const digest = createHash("md5");
  for (const p of chosen) digest.update(Buffer.from(p.etag, "hex"));
  const etag = `${digest.digest("hex")}-${chosen.length}`;
  checkWriteConditions(ctx, u.bucket, u.key, params);
  const r = storeObject(ctx, u.bucket, u.key, body, etag, u.headers, u.metadata, u.tags);
  ctx.model.collect(ctx.model.dropUpload(u.upload_id));
  const out: Output = { Location: `http://${u.bucket}.s3.amazonaws.com/${encodeURIComponent(u.key)}`, Bucket: u.bucket, Key: u.key, ETag: r.ETag };
  if (r.VersionId) out.VersionId = r.VersionId;
  return out;
}

export function abortMultipartUpload(ctx: Ctx, params: Params): Output {
  const u = uploadOf(ctx, params);
  ctx.model.collect(ctx.model.dropUpload(u.upload_id));
  return {};
}

export function listParts(ctx: Ctx, params: Params): Output {
  const u = uploadOf(ctx, params);
  const parts = ctx.model.parts(u.upload_id).map((p) => ({ PartNumber: p.part_number, LastModified: new Date(p.last_modified_ms), ETag: quoted(p.etag), Size: p.size }));
  return { Bucket: u.bucket, Key: u.key, UploadId: u.upload_id, Parts: parts, IsTruncated: false, MaxParts: 1000, Owner: owner(ctx.accountId), Initiator: owner(ctx.accountId), StorageClass: "STANDARD" };
}

export function listMultipartUploads(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  const uploads = ctx.model.uploads(b.name).map((u) => ({ UploadId: u.upload_id, Key: u.key, Initiated: new Date(u.initiated_ms), StorageClass: "STANDARD", Owner: owner(ctx.accountId), Initiator: owner(ctx.accountId) }));
  return { Bucket: b.name, Uploads: uploads, IsTruncated: false, MaxUploads: 1000 };
}
