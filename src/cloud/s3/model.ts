// The S3 model of one account: buckets, objects (with versions), multipart uploads, in SQLite; bytes in a
// BlobStore next to the database (TFSIM_HOME/s3-objects). Only this file speaks SQL for S3.
import { createHash } from "node:crypto";
import { urlSafeToken } from "../ids.js";
import { dirname, join } from "node:path";
import type Database from "better-sqlite3";
import type { Db } from "../store/db.js";
import { BlobStore } from "./blobs.js";
import { CONFIG_MIGRATION } from "./configs.js";

export const S3_MIGRATIONS: readonly string[] = [
  `CREATE TABLE s3_buckets (
     name TEXT PRIMARY KEY, region TEXT NOT NULL, created_ms INTEGER NOT NULL,
     policy TEXT, versioning TEXT, website TEXT, public_access_block TEXT, tags TEXT);
   CREATE TABLE s3_objects (
     bucket TEXT NOT NULL, key TEXT NOT NULL, version_id TEXT NOT NULL, seq INTEGER NOT NULL,
     is_latest INTEGER NOT NULL, delete_marker INTEGER NOT NULL,
     size INTEGER NOT NULL, etag TEXT NOT NULL, blob TEXT, last_modified_ms INTEGER NOT NULL,
     headers TEXT NOT NULL, metadata TEXT NOT NULL, tags TEXT,
     PRIMARY KEY (bucket, key, version_id));
   CREATE INDEX s3_objects_latest ON s3_objects (bucket, is_latest, key);
   CREATE TABLE s3_uploads (
     upload_id TEXT PRIMARY KEY, bucket TEXT NOT NULL, key TEXT NOT NULL, initiated_ms INTEGER NOT NULL,
     headers TEXT NOT NULL, metadata TEXT NOT NULL);
   CREATE TABLE s3_parts (
     upload_id TEXT NOT NULL, part_number INTEGER NOT NULL, etag TEXT NOT NULL, size INTEGER NOT NULL,
     blob TEXT NOT NULL, last_modified_ms INTEGER NOT NULL, PRIMARY KEY (upload_id, part_number));`,
  // Small bodies live in the row itself: one commit, no file to create and fsync (see INLINE_MAX_BYTES).
  `ALTER TABLE s3_objects ADD COLUMN data BLOB;
   CREATE INDEX s3_objects_blob ON s3_objects (blob) WHERE blob IS NOT NULL;
   CREATE INDEX s3_parts_blob ON s3_parts (blob);`,
  CONFIG_MIGRATION,
  // The x-amz-tagging of CreateMultipartUpload, given to the object at CompleteMultipartUpload.
  `ALTER TABLE s3_uploads ADD COLUMN tags TEXT;`,
];

/** Bodies up to this size are stored in SQLite with their metadata; larger ones as files (BlobStore). */
export const INLINE_MAX_BYTES = 64 * 1024;

/** Every column but the inline body, which only GET reads. */
const COLS = "bucket, key, version_id, seq, is_latest, delete_marker, size, etag, blob, last_modified_ms, headers, metadata, tags";

export interface BucketRow {
  name: string;
  region: string;
  created_ms: number;
  policy: string | null;
  versioning: string | null;
  website: string | null;
  public_access_block: string | null;
  tags: string | null;
}

export interface ObjectRow {
  bucket: string;
  key: string;
  version_id: string;
  seq: number;
  is_latest: number;
  delete_marker: number;
  size: number;
  etag: string;
  blob: string | null;
  last_modified_ms: number;
  /** JSON: the standard headers stored with the object (ContentType, CacheControl, ...). */
  headers: string;
  /** JSON: x-amz-meta-* user metadata. */
  metadata: string;
  tags: string | null;
}

export interface UploadRow {
  upload_id: string;
  bucket: string;
  key: string;
  initiated_ms: number;
  headers: string;
  metadata: string;
  tags: string | null;
}

export interface PartRow {
  upload_id: string;
  part_number: number;
  etag: string;
  size: number;
  blob: string;
  last_modified_ms: number;
}

export function md5Hex(bytes: Buffer): string {
  return createHash("md5").update(bytes).digest("hex");
}

/** 32 URL-safe characters, as S3's version ids are. */
export function newVersionId(): string {
  return urlSafeToken(24);
}

export class S3Model {
  readonly blobs: BlobStore;
  private readonly stmts = new Map<string, Database.Statement>();
  /**
   * Bucket rows read during the current call: one S3 call reads its bucket up to four times (authorization,
   * the action, the output's version id). Forgotten at each call's start (another process may have written
   * since) and on any write through q().
   */
  private readonly bucketMemo = new Map<string, BucketRow | undefined>();

  constructor(readonly db: Db) {
    this.blobs = new BlobStore(join(dirname(db.name), "s3-objects"));
  }

  q(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    if (!s.reader) this.bucketMemo.clear();
    return s;
  }

  /** The start of a call: rows read by an earlier call may be stale. */
  beginCall(): void {
    this.bucketMemo.clear();
  }

  bucket(name: string): BucketRow | undefined {
    if (this.bucketMemo.has(name)) return this.bucketMemo.get(name);
    const row = this.q("SELECT * FROM s3_buckets WHERE name = ?").get(name) as BucketRow | undefined;
    this.bucketMemo.set(name, row);
    return row;
  }

  buckets(): BucketRow[] {
    return this.q("SELECT * FROM s3_buckets ORDER BY name").all() as BucketRow[];
  }

  setBucketField(name: string, field: "policy" | "versioning" | "website" | "public_access_block" | "tags", value: string | null): void {
    this.q(`UPDATE s3_buckets SET ${field} = ? WHERE name = ?`).run(value, name);
  }

  latest(bucket: string, key: string): ObjectRow | undefined {
    return this.q(`SELECT ${COLS} FROM s3_objects WHERE bucket = ? AND key = ? AND is_latest = 1`).get(bucket, key) as ObjectRow | undefined;
  }

  version(bucket: string, key: string, versionId: string): ObjectRow | undefined {
    return this.q(`SELECT ${COLS} FROM s3_objects WHERE bucket = ? AND key = ? AND version_id = ?`).get(bucket, key, versionId) as ObjectRow | undefined;
  }

  /** Latest, non-deleted objects of a bucket in key order, after `after` (exclusive), with a prefix. */
  listLatest(bucket: string, prefix: string, after: string, limit: number): ObjectRow[] {
    return this.q(
      `SELECT ${COLS} FROM s3_objects WHERE bucket = ? AND is_latest = 1 AND delete_marker = 0 AND key > ? AND substr(key, 1, ?) = ? ORDER BY key LIMIT ?`,
    ).all(bucket, after, prefix.length, prefix, limit) as ObjectRow[];
  }

  listVersions(bucket: string, prefix: string): ObjectRow[] {
    return this.q(`SELECT ${COLS} FROM s3_objects WHERE bucket = ? AND substr(key, 1, ?) = ? ORDER BY key, seq DESC`).all(bucket, prefix.length, prefix) as ObjectRow[];
  }

  objectCount(bucket: string): number {
    return (this.q("SELECT COUNT(*) AS n FROM s3_objects WHERE bucket = ?").get(bucket) as { n: number }).n;
  }

  /**
   * Stores a new current version. With versioning off or suspended it replaces the "null" version; enabled,
   * it adds one. Returns the superseded blob (to collect once the call commits), if any.
   */
  putVersion(row: Omit<ObjectRow, "seq" | "is_latest" | "version_id"> & { data: Buffer | null }, versioning: string | null): { versionId: string; freed: string[] } {
    const freed: string[] = [];
    const versionId = versioning === "Enabled" ? newVersionId() : "null";
    // One read of the key's versions (by the primary key's index) decides which writes are needed: a new key, as
    // most PUTs are, is then a single INSERT.
    const key = this.q(
      `SELECT MAX(seq) AS max_seq, MAX(is_latest) AS has_latest, MAX(version_id = 'null') AS has_null,
              MAX(CASE WHEN version_id = 'null' THEN is_latest END) AS null_is_latest, MAX(CASE WHEN version_id = 'null' THEN blob END) AS null_blob
       FROM s3_objects WHERE bucket = ? AND key = ?`,
    ).get(row.bucket, row.key) as { max_seq: number | null; has_latest: number | null; has_null: number | null; null_is_latest: number | null; null_blob: string | null };
    const replacesNull = versionId === "null" && key.has_null === 1;
    if (key.has_latest === 1 && !(replacesNull && key.null_is_latest === 1)) {
      this.q("UPDATE s3_objects SET is_latest = 0 WHERE bucket = ? AND key = ? AND is_latest = 1").run(row.bucket, row.key);
    }
    if (replacesNull) {
      if (key.null_blob) freed.push(key.null_blob);
      this.q("DELETE FROM s3_objects WHERE bucket = ? AND key = ? AND version_id = 'null'").run(row.bucket, row.key);
    }
    this.q(
      `INSERT INTO s3_objects (bucket, key, version_id, seq, is_latest, delete_marker, size, etag, blob, last_modified_ms, headers, metadata, tags, data)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(row.bucket, row.key, versionId, (key.max_seq ?? 0) + 1, row.delete_marker, row.size, row.etag, row.blob, row.last_modified_ms, row.headers, row.metadata, row.tags, row.data);
    return { versionId, freed };
  }

  /** Removes one version; the one before it (by sequence) becomes current. */
  deleteVersion(bucket: string, key: string, versionId: string): string | null {
    const old = this.version(bucket, key, versionId);
    if (!old) return null;
    this.q("DELETE FROM s3_objects WHERE bucket = ? AND key = ? AND version_id = ?").run(bucket, key, versionId);
    if (old.is_latest) {
      this.q(
        "UPDATE s3_objects SET is_latest = 1 WHERE rowid = (SELECT rowid FROM s3_objects WHERE bucket = ? AND key = ? ORDER BY seq DESC LIMIT 1)",
      ).run(bucket, key);
    }
    return old.blob;
  }

  /** An object version's bytes, from its row or its file. */
  body(o: ObjectRow): Buffer {
    if (o.blob) return this.blobs.get(o.blob);
    if (o.size === 0) return Buffer.alloc(0);
    const row = this.q("SELECT data FROM s3_objects WHERE bucket = ? AND key = ? AND version_id = ?").get(o.bucket, o.key, o.version_id) as { data: Buffer | null } | undefined;
    return row?.data ?? Buffer.alloc(0);
  }

  setObjectTags(bucket: string, key: string, versionId: string, tags: string | null): void {
    this.q("UPDATE s3_objects SET tags = ? WHERE bucket = ? AND key = ? AND version_id = ?").run(tags, bucket, key, versionId);
  }

  upload(uploadId: string): UploadRow | undefined {
    return this.q("SELECT * FROM s3_uploads WHERE upload_id = ?").get(uploadId) as UploadRow | undefined;
  }

  uploads(bucket: string): UploadRow[] {
    return this.q("SELECT * FROM s3_uploads WHERE bucket = ? ORDER BY key, initiated_ms").all(bucket) as UploadRow[];
  }

  parts(uploadId: string): PartRow[] {
    return this.q("SELECT * FROM s3_parts WHERE upload_id = ? ORDER BY part_number").all(uploadId) as PartRow[];
  }

  /** Drops an upload and its parts; returns their blobs to collect. */
  dropUpload(uploadId: string): string[] {
    const blobs = this.parts(uploadId).map((p) => p.blob);
    this.q("DELETE FROM s3_parts WHERE upload_id = ?").run(uploadId);
    this.q("DELETE FROM s3_uploads WHERE upload_id = ?").run(uploadId);
    return blobs;
  }

  /** Removes the files of blobs no row names any more (run after the call's transaction has committed). */
  collect(blobs: readonly string[]): void {
    if (blobs.length === 0) return;
    setImmediate(() => {
      for (const b of blobs) {
        const used =
          this.q("SELECT 1 FROM s3_objects WHERE blob = ? LIMIT 1").get(b) !== undefined ||
          this.q("SELECT 1 FROM s3_parts WHERE blob = ? LIMIT 1").get(b) !== undefined;
        if (!used) this.blobs.remove(b);
      }
    });
  }
}
