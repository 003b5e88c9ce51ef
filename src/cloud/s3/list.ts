// Listings: ListObjectsV2 and v1 (prefix, delimiter → CommonPrefixes, max-keys, markers) and ListObjectVersions.
import type { Output, Params } from "../service.js";
import { type Ctx, bucketOf, owner, quoted } from "./common.js";
import { s3Error } from "./errors.js";
import type { ObjectRow } from "./model.js";

interface Page {
  contents: ObjectRow[];
  prefixes: string[];
  truncated: boolean;
  /** The last key or common prefix returned (where the next page starts). */
  last: string | undefined;
}

/** One page of the bucket's current keys after `after`, grouped by the delimiter, at most maxKeys entries. */
function page(ctx: Ctx, bucket: string, prefix: string, delimiter: string, after: string, maxKeys: number): Page {
  const out: Page = { contents: [], prefixes: [], truncated: false, last: undefined };
  let cursor = after;
  let skipPrefix: string | undefined = delimiter !== "" && after.startsWith(prefix) && after.endsWith(delimiter) ? after : undefined;
  for (;;) {
    const rows = ctx.model.listLatest(bucket, prefix, cursor, 1000);
    if (rows.length === 0) return out;
    for (const r of rows) {
      cursor = r.key;
      if (skipPrefix !== undefined && r.key.startsWith(skipPrefix)) continue;
      let common: string | undefined;
      if (delimiter !== "") {
        const i = r.key.indexOf(delimiter, prefix.length);
        if (i >= 0) common = r.key.slice(0, i + delimiter.length);
      }
      if (out.contents.length + out.prefixes.length >= maxKeys) {
        out.truncated = true;
        return out;
      }
      if (common !== undefined) {
        out.prefixes.push(common);
        skipPrefix = common;
        out.last = common;
      } else {
        out.contents.push(r);
        out.last = r.key;
      }
    }
    if (rows.length < 1000) return out;
  }
}

function maxKeysOf(params: Params): number {
  const m = params.MaxKeys;
  if (m === undefined) return 1000;
  if (typeof m !== "number" || m < 0 || !Number.isInteger(m)) throw s3Error("InvalidArgument", "Provided max-keys not an integer or within integer range", 400);
  return Math.min(m, 1000);
}

function entry(ctx: Ctx, r: ObjectRow, withOwner: boolean): Output {
  return { Key: r.key, LastModified: new Date(r.last_modified_ms), ETag: quoted(r.etag), Size: r.size, StorageClass: "STANDARD", ...(withOwner ? { Owner: owner(ctx.accountId) } : {}) };
}

export function listObjectsV2(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  const prefix = typeof params.Prefix === "string" ? params.Prefix : "";
  const delimiter = typeof params.Delimiter === "string" ? params.Delimiter : "";
  const maxKeys = maxKeysOf(params);
  let after = typeof params.StartAfter === "string" ? params.StartAfter : "";
  if (typeof params.ContinuationToken === "string") {
    const t = Buffer.from(params.ContinuationToken, "base64url").toString("utf8");
    if (!t.startsWith("tfsim:")) throw s3Error("InvalidArgument", "The continuation token provided is incorrect", 400, { ArgumentName: "continuation-token" });
    after = t.slice("tfsim:".length);
  }
  const p = page(ctx, b.name, prefix, delimiter, after, maxKeys);
  const out: Output = {
    Name: b.name,
    Prefix: prefix,
    MaxKeys: maxKeys,
    KeyCount: p.contents.length + p.prefixes.length,
    IsTruncated: p.truncated,
    Contents: p.contents.map((r) => entry(ctx, r, params.FetchOwner === true)),
    CommonPrefixes: p.prefixes.map((x) => ({ Prefix: x })),
  };
  if (delimiter !== "") out.Delimiter = delimiter;
  if (typeof params.StartAfter === "string") out.StartAfter = params.StartAfter;
  if (typeof params.ContinuationToken === "string") out.ContinuationToken = params.ContinuationToken;
  if (params.EncodingType === "url") out.EncodingType = "url";
  if (p.truncated && p.last !== undefined) out.NextContinuationToken = Buffer.from("tfsim:" + p.last).toString("base64url");
  if (params.EncodingType === "url") encodeKeys(out);
  return out;
}

export function listObjects(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  const prefix = typeof params.Prefix === "string" ? params.Prefix : "";
  const delimiter = typeof params.Delimiter === "string" ? params.Delimiter : "";
  const marker = typeof params.Marker === "string" ? params.Marker : "";
  const maxKeys = maxKeysOf(params);
  const p = page(ctx, b.name, prefix, delimiter, marker, maxKeys);
  const out: Output = {
    Name: b.name,
    Prefix: prefix,
    Marker: marker,
    MaxKeys: maxKeys,
    IsTruncated: p.truncated,
    Contents: p.contents.map((r) => entry(ctx, r, true)),
    CommonPrefixes: p.prefixes.map((x) => ({ Prefix: x })),
  };
  if (delimiter !== "") out.Delimiter = delimiter;
  if (p.truncated && delimiter !== "" && p.last !== undefined) out.NextMarker = p.last;
  if (params.EncodingType === "url") {
    out.EncodingType = "url";
    encodeKeys(out);
  }
  return out;
}

export function listObjectVersions(ctx: Ctx, params: Params): Output {
  const b = bucketOf(ctx, params);
  const prefix = typeof params.Prefix === "string" ? params.Prefix : "";
  const maxKeys = maxKeysOf(params);
  const keyMarker = typeof params.KeyMarker === "string" ? params.KeyMarker : "";
  const versionMarker = typeof params.VersionIdMarker === "string" ? params.VersionIdMarker : "";
  const rows = ctx.model.listVersions(b.name, prefix);
  // Versions come newest first within a key; a page resumes after (KeyMarker, VersionIdMarker), or after the
  // whole KeyMarker key when no version marker is given.
  let start = 0;
  if (keyMarker !== "") {
    const at = versionMarker !== "" ? rows.findIndex((r) => r.key === keyMarker && r.version_id === versionMarker) : -1;
    start = at >= 0 ? at + 1 : rows.findIndex((r) => r.key > keyMarker);
    if (start < 0) start = rows.length;
  }
  const page = rows.slice(start, start + maxKeys);
  const truncated = start + maxKeys < rows.length;
  const versions: Output[] = [];
  const markers: Output[] = [];
  for (const r of page) {
    const base = { Key: r.key, VersionId: r.version_id, IsLatest: r.is_latest === 1, LastModified: new Date(r.last_modified_ms), Owner: owner(ctx.accountId) };
    if (r.delete_marker) markers.push(base);
    else versions.push({ ...base, ETag: quoted(r.etag), Size: r.size, StorageClass: "STANDARD" });
  }
  const out: Output = { Name: b.name, Prefix: prefix, KeyMarker: keyMarker, MaxKeys: maxKeys, IsTruncated: truncated, Versions: versions, DeleteMarkers: markers };
  if (versionMarker !== "") out.VersionIdMarker = versionMarker;
  if (truncated && page.length > 0) {
    out.NextKeyMarker = page[page.length - 1]!.key;
    out.NextVersionIdMarker = page[page.length - 1]!.version_id;
  }
  return out;
}

function encodeKeys(out: Output): void {
  for (const c of (out.Contents as Output[]) ?? []) c.Key = encodeURIComponent(String(c.Key));
  for (const c of (out.CommonPrefixes as Output[]) ?? []) c.Prefix = encodeURIComponent(String(c.Prefix));
}
