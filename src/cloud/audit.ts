// The audit trail: one record per call, allowed or denied, like CloudTrail's management events. Secrets in the
// request parameters are replaced as CloudTrail does ("HIDDEN_DUE_TO_SECURITY_REASONS").
import type Database from "better-sqlite3";
import type { Db } from "./store/db.js";

export interface AuditRecord {
  readonly time: Date;
  readonly requestId: string;
  /** Undefined when the caller could not be authenticated. */
  readonly principalArn?: string;
  readonly accessKeyId?: string;
  readonly region: string;
  readonly service: string;
  readonly action: string;
  readonly params: Record<string, unknown>;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly sourceIp?: string;
}

export interface TrailFilter {
  /** Only calls refused for lack of permission (AccessDenied, UnauthorizedOperation). */
  readonly denied?: boolean;
  readonly principalArn?: string;
  /** "CreateUser" or "iam:CreateUser" (case-insensitive). */
  readonly action?: string;
  readonly limit?: number;
}

const SECRET_MEMBERS = new Set([
  "Password",
  "OldPassword",
  "NewPassword",
  "SecretAccessKey",
  "SessionToken",
  "PrivateKey",
  "CertificateBody",
  "SAMLAssertion",
  "WebIdentityToken",
  "SSHPublicKeyBody",
]);

export const HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";
/** CloudTrail's event history keeps 90 days. */
export const RETENTION_MS = 90 * 86_400_000;
export const DENIED_CODES: readonly string[] = ["AccessDenied", "UnauthorizedOperation", "AccessDeniedException"];

function redact(key: string, value: unknown): unknown {
  if (SECRET_MEMBERS.has(key)) return HIDDEN;
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (value !== null && typeof value === "object" && (value as { type?: unknown }).type === "Buffer") {
    return `<${((value as { data?: unknown[] }).data ?? []).length} bytes>`;
  }
  return value;
}

/**
 * The parameters with their top-level bytes (S3's Body) as "<N bytes>" before JSON.stringify sees them: it would
 * first turn a Buffer into an array of its bytes (Buffer.toJSON) and only then ask the replacer.
 */
function withoutBytes(params: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const k in params) {
    const v = params[k];
    if (Buffer.isBuffer(v)) (out ??= { ...params })[k] = `<${v.length} bytes>`;
  }
  return out ?? params;
}

export class AuditTrail {
  private readonly insert: Database.Statement;
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
    this.insert = db.prepare(
      "INSERT INTO audit (time, request_id, principal_arn, access_key_id, region, service, action, params, error_code, error_message, source_ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
  }

  record(r: AuditRecord): void {
    this.insert.run(
      r.time.getTime(),
      r.requestId,
      r.principalArn ?? null,
      r.accessKeyId ?? null,
      r.region,
      r.service,
      r.action,
      JSON.stringify(withoutBytes(r.params), redact),
      r.errorCode ?? null,
      r.errorMessage ?? null,
      r.sourceIp ?? null,
    );
  }

  /**
   * Drops records older than CloudTrail's event history keeps them (90 days). Writes only when the oldest record
   * is that old, so opening a young account stays read-only.
   */
  prune(nowMs: number, keepMs = RETENTION_MS): number {
    const cutoff = nowMs - keepMs;
    const oldest = this.db.prepare("SELECT time FROM audit ORDER BY seq LIMIT 1").get() as { time: number } | undefined;
    if (!oldest || oldest.time >= cutoff) return 0;
    return this.db.prepare("DELETE FROM audit WHERE time < ?").run(cutoff).changes;
  }

  /** Newest first. */
  list(filter: TrailFilter = {}): AuditRecord[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (filter.denied) where.push(`error_code IN (${DENIED_CODES.map(() => "?").join(", ")})`), args.push(...DENIED_CODES);
    if (filter.principalArn) where.push("principal_arn = ?"), args.push(filter.principalArn);
    if (filter.action) {
      const colon = filter.action.indexOf(":");
      if (colon >= 0) {
        where.push("lower(service) = lower(?) AND lower(action) = lower(?)");
        args.push(filter.action.slice(0, colon), filter.action.slice(colon + 1));
      } else {
        where.push("lower(action) = lower(?)");
        args.push(filter.action);
      }
    }
    const sql = `SELECT * FROM audit ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY seq DESC${filter.limit ? ` LIMIT ${Math.floor(filter.limit)}` : ""}`;
    const rows = this.db.prepare(sql).all(...args) as {
      time: number;
      request_id: string;
      principal_arn: string | null;
      access_key_id: string | null;
      region: string;
      service: string;
      action: string;
      params: string;
      error_code: string | null;
      error_message: string | null;
      source_ip: string | null;
    }[];
    return rows.map((row) => ({
      time: new Date(row.time),
      requestId: row.request_id,
      ...(row.principal_arn !== null ? { principalArn: row.principal_arn } : {}),
      ...(row.access_key_id !== null ? { accessKeyId: row.access_key_id } : {}),
      region: row.region,
      service: row.service,
      action: row.action,
      params: JSON.parse(row.params) as Record<string, unknown>,
      ...(row.error_code !== null ? { errorCode: row.error_code } : {}),
      ...(row.error_message !== null ? { errorMessage: row.error_message } : {}),
      ...(row.source_ip !== null ? { sourceIp: row.source_ip } : {}),
    }));
  }
}
