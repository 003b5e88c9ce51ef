// The instance metadata service's data: an EC2 instance (read from the EC2 engineer's store, ec2_resources,
// through the Instance shape src/cloud/ec2/instances.ts exports) and the temporary credentials of its instance
// profile's role, issued as STS sessions named after the instance (arn:aws:sts::ACCOUNT:assumed-role/ROLE/i-…)
// so that they carry exactly that role's permissions. Tokens for IMDSv2 are held in memory, as on EC2.
import { randomBytes } from "node:crypto";
import type { Db } from "../store/db.js";
import type { Instance } from "../ec2/instances.js";
import { LEGACY_METADATA_OPTIONS } from "../ec2/metadata-options.js";
import { idRange } from "../ec2/model.js";
import { accessKeyId, secretAccessKey, sessionToken } from "../ids.js";

/** AWS rotates instance credentials well before they expire; they last about six hours. */
const CREDENTIAL_LIFETIME_MS = 6 * 3600_000;
const RENEW_BEFORE_MS = 15 * 60_000;

export interface InstanceRecord {
  readonly region: string;
  readonly instance: Instance;
}

export interface RoleCredentials {
  readonly Code: "Success";
  readonly LastUpdated: string;
  readonly Type: "AWS-HMAC";
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly Token: string;
  readonly Expiration: string;
}

/** AWS's timestamp form in IMDS documents: seconds precision, "Z". */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export class MetadataSource {
  private readonly tokens = new Map<string, { instanceId: string; expiresMs: number }>();
  private readonly issued = new Map<string, { role: string; creds: RoleCredentials; expirationMs: number }>();

  constructor(
    private readonly db: Db,
    readonly accountId: string,
    private readonly nowMs: () => number,
  ) {}

  instance(id: string): InstanceRecord | undefined {
    let row: { region: string; doc: string } | undefined;
    try {
      row = this.db.prepare("SELECT region, doc FROM ec2_resources WHERE id = ? AND kind = 'instance'").get(id) as typeof row;
    } catch {
      return undefined; // EC2 has never run in this store.
    }
    if (!row) return undefined;
    const instance = JSON.parse(row.doc) as InstanceRecord["instance"];
    // A pending instance settles to running; anything stopping or stopped has no metadata service.
    if (instance.state !== "running" && instance.state !== "pending") return undefined;
    return { region: row.region, instance };
  }

  /** The names of the instance's security groups, in its order (the security-groups leaf). */
  securityGroupNames(rec: InstanceRecord): string[] {
    const q = this.db.prepare("SELECT doc FROM ec2_resources WHERE id = ? AND region = ? AND kind = 'security-group'");
    return rec.instance.securityGroupIds.flatMap((id) => {
      const row = q.get(id, rec.region) as { doc: string } | undefined;
      return row ? [(JSON.parse(row.doc) as { name: string }).name] : [];
    });
  }

  /** The OpenSSH public key of the instance's key pair, as it was at launch time's name (public-keys/0). */
  publicKey(rec: InstanceRecord): string | undefined {
    const name = rec.instance.keyName;
    if (name === undefined) return undefined;
    const [from, to] = idRange("key-pair");
    const rows = this.db.prepare("SELECT doc FROM ec2_resources WHERE id >= ? AND id < ? AND +region = ? AND +kind = 'key-pair'").all(from, to, rec.region) as { doc: string }[];
    for (const r of rows) {
      const k = JSON.parse(r.doc) as { name: string; publicKey: string };
      if (k.name === name) return k.publicKey;
    }
    return undefined;
  }

  requiresToken(rec: InstanceRecord): boolean {
    return (rec.instance.metadataOptions ?? LEGACY_METADATA_OPTIONS).httpTokens === "required";
  }

  /** HttpEndpoint=disabled: the instance's metadata service refuses every request (403, as EC2 answers). */
  endpointDisabled(rec: InstanceRecord): boolean {
    return (rec.instance.metadataOptions ?? LEGACY_METADATA_OPTIONS).httpEndpoint === "disabled";
  }

  newToken(instanceId: string, ttlSeconds: number): string {
    const token = randomBytes(32).toString("base64");
    this.tokens.set(token, { instanceId, expiresMs: Date.now() + ttlSeconds * 1000 });
    return token;
  }

  tokenValid(token: string, instanceId: string): boolean {
    const t = this.tokens.get(token);
    if (!t) return false;
    if (t.expiresMs <= Date.now()) {
      this.tokens.delete(token);
      return false;
    }
    return t.instanceId === instanceId;
  }

  /** The role of the instance's profile, or undefined without one. */
  role(rec: InstanceRecord): { id: string; name: string; arn: string; profileArn: string; profileId: string } | undefined {
    const p = rec.instance.iamInstanceProfile;
    if (!p) return undefined;
    const row = this.db
      .prepare(
        "SELECT r.id AS id, r.name AS name, r.arn AS arn FROM roles r JOIN instance_profile_roles x ON x.role_id = r.id JOIN instance_profiles ip ON ip.id = x.profile_id WHERE ip.arn = ?",
      )
      .get(p.arn) as { id: string; name: string; arn: string } | undefined;
    return row ? { ...row, profileArn: p.arn, profileId: p.id } : undefined;
  }

  /** The instance's current credentials for its role, issued (as an STS session) when none is fresh. */
  credentials(rec: InstanceRecord, roleName: string): RoleCredentials | undefined {
    const role = this.role(rec);
    if (!role || role.name !== roleName) return undefined;
    const now = this.nowMs();
    const key = rec.instance.id;
    const cached = this.issued.get(key);
    if (cached && cached.role === role.id && cached.expirationMs - now > RENEW_BEFORE_MS) {
      const live = this.db.prepare("SELECT 1 FROM sessions WHERE access_key_id = ?").get(cached.creds.AccessKeyId);
      if (live) return cached.creds;
    }
    const id = accessKeyId("ASIA");
    const secret = secretAccessKey();
    const token = sessionToken();
    const expirationMs = now + CREDENTIAL_LIFETIME_MS;
    this.db
      .prepare(
        "INSERT INTO sessions (access_key_id, secret, token, kind, role_id, user_id, session_name, session_policy, policy_arns, tags, create_date, expiration, source_arn) VALUES (?, ?, ?, 'assumed-role', ?, NULL, ?, NULL, NULL, NULL, ?, ?, ?)",
      )
      .run(id, secret, token, role.id, rec.instance.id, now, expirationMs, `arn:aws:ec2:${rec.region}:${this.accountId}:instance/${rec.instance.id}`);
    const creds: RoleCredentials = {
      Code: "Success",
      LastUpdated: isoSeconds(now),
      Type: "AWS-HMAC",
      AccessKeyId: id,
      SecretAccessKey: secret,
      Token: token,
      Expiration: isoSeconds(expirationMs),
    };
    this.issued.set(key, { role: role.id, creds, expirationMs });
    return creds;
  }
}
