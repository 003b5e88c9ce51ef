// The account's IAM store: prepared statements over the SQLite tables (store/schema.ts), the generation counter
// that tells every process when IAM changed, and the per-principal authorization context (policies parsed once
// per stored version and cached until IAM changes).
import type Database from "better-sqlite3";
import type { Caller } from "../caller.js";
import type { Db } from "../store/db.js";
import { type AuthzPrincipal, type PolicyDocument, awsManagedPolicy, awsManagedPolicyDocument, parsePolicyDocument } from "./authz.js";
import { malformedPolicy } from "./errors.js";

export type PolicyKind = "identity" | "resource" | "trust" | "boundary" | "session";

export interface Tag {
  Key: string;
  Value: string;
}

export interface NamedPolicy {
  name: string;
  arn?: string;
  policy: PolicyDocument;
}

/** What IAM evaluates for a principal, besides the request itself. */
export interface IdentityContext {
  readonly identityPolicies: NamedPolicy[];
  readonly permissionsBoundary?: NamedPolicy;
  readonly tags: Record<string, string>;
}

export interface UserRow {
  id: string;
  name: string;
  path: string;
  arn: string;
  create_date: number;
  boundary_arn: string | null;
  tags: string;
  password_last_used: number | null;
}

export interface RoleRow {
  id: string;
  name: string;
  path: string;
  arn: string;
  create_date: number;
  trust_policy: string;
  description: string | null;
  max_session_duration: number;
  boundary_arn: string | null;
  tags: string;
  last_used: number | null;
  last_used_region: string | null;
}

export interface GroupRow {
  id: string;
  name: string;
  path: string;
  arn: string;
  create_date: number;
}

export interface PolicyRow {
  id: string;
  name: string;
  path: string;
  arn: string;
  create_date: number;
  update_date: number;
  default_version: string;
  next_version: number;
  description: string | null;
  tags: string;
}

export type EntityKind = "user" | "group" | "role";

export interface CachedKey {
  readonly secret: string;
  /** Temporary credentials only. */
  readonly token?: string;
  readonly expirationMs?: number;
  readonly caller: Caller;
}

/** IAM writes made through any model of this process: the server's signing-key lookup drops its caches after one. */
let writesInProcess = 0;

export class IamModel {
  readonly db: Db;
  readonly accountId: string;
  private readonly statements = new Map<string, Database.Statement>();
  private generation = -1;
  /** writesInProcess when the generation was last read. */
  private checkedAtWrites = -1;
  /** Parsed documents by kind, keyed by their text (inline and trust policies, session policies). */
  private readonly parsed = new Map<PolicyKind, Map<string, PolicyDocument>>();
  /** Parsed customer managed policy versions, keyed "policyId/versionId" (a version never changes). */
  private readonly versions = new Map<string, PolicyDocument>();
  private readonly identities = new Map<string, IdentityContext>();
  /** Authenticated keys (authenticate.ts), valid until IAM changes: key status and deletions bump the generation. */
  readonly keys = new Map<string, CachedKey>();

  constructor(db: Db, accountId: string) {
    this.db = db;
    this.accountId = accountId;
  }

  /** A prepared statement, prepared once per model. */
  q(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Reads IAM's generation; drops the cached identity contexts when another call (any process) changed IAM. */
  refresh(): void {
    this.checkedAtWrites = writesInProcess;
    const row = this.q("SELECT value FROM meta WHERE key = 'iam_generation'").get() as { value: string } | undefined;
    const g = row ? Number(row.value) : 0;
    if (g !== this.generation) {
      this.generation = g;
      this.identities.clear();
      this.keys.clear();
    }
  }

  /** Drops the caches when an IAM write of this process came after the last read of the generation (no read
   *  otherwise: what other processes changed is seen by the next refresh()). */
  refreshAfterOwnWrites(): void {
    if (this.checkedAtWrites !== writesInProcess) this.refresh();
  }

  /** Called, inside its transaction, by every IAM write that changes what some principal may do (policies,
   *  attachments, memberships, boundaries, tags, deletions); creating a new entity changes nobody's rights. */
  changed(): void {
    writesInProcess++;
    this.q("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'iam_generation'").run();
  }

  /** Parses a policy document for storing; throws MalformedPolicyDocument with AWS's message. */
  validatePolicy(json: string, kind: PolicyKind): PolicyDocument {
    let byText = this.parsed.get(kind);
    if (!byText) this.parsed.set(kind, (byText = new Map()));
    const cached = byText.get(json);
    if (cached) return cached;
    const r = parsePolicyDocument(json, kind);
    if (!r.ok) throw malformedPolicy(r.message);
    if (byText.size > 10_000) byText.clear();
    byText.set(json, r.policy);
    return r.policy;
  }

  /** A stored document, parsed once (documents are immutable per policy version). */
  policy(json: string, kind: PolicyKind): PolicyDocument {
    return this.validatePolicy(json, kind);
  }

  // ---- lookups -------------------------------------------------------------------------------------------

  userByName(name: string): UserRow | undefined {
    return this.q("SELECT * FROM users WHERE name_lc = ?").get(name.toLowerCase()) as UserRow | undefined;
  }

  userById(id: string): UserRow | undefined {
    return this.q("SELECT * FROM users WHERE id = ?").get(id) as UserRow | undefined;
  }

  roleByName(name: string): RoleRow | undefined {
    return this.q("SELECT * FROM roles WHERE name_lc = ?").get(name.toLowerCase()) as RoleRow | undefined;
  }

  roleById(id: string): RoleRow | undefined {
    return this.q("SELECT * FROM roles WHERE id = ?").get(id) as RoleRow | undefined;
  }

  groupByName(name: string): GroupRow | undefined {
    return this.q("SELECT * FROM groups_ WHERE name_lc = ?").get(name.toLowerCase()) as GroupRow | undefined;
  }

  customerPolicy(arn: string): PolicyRow | undefined {
    return this.q("SELECT * FROM policies WHERE arn = ?").get(arn) as PolicyRow | undefined;
  }

  /** The default version's document of a managed policy (customer or AWS managed), or undefined. */
  managedPolicyDocument(arn: string): string | undefined {
    if (arn.startsWith("arn:aws:iam::aws:policy/")) return awsManagedPolicy(arn)?.document;
    const row = this.q(
      "SELECT v.document FROM policies p JOIN policy_versions v ON v.policy_id = p.id AND v.version_id = p.default_version WHERE p.arn = ?",
    ).get(arn) as { document: string } | undefined;
    return row?.document;
  }

  /** A managed policy's default version, parsed once per version; undefined when it does not exist. */
  managedPolicy(arn: string): PolicyDocument | undefined {
    if (arn.startsWith("arn:aws:iam::aws:policy/")) return awsManagedPolicyDocument(arn);
    const row = this.q("SELECT id, default_version FROM policies WHERE arn = ?").get(arn) as { id: string; default_version: string } | undefined;
    if (!row) return undefined;
    const key = `${row.id}/${row.default_version}`;
    let doc = this.versions.get(key);
    if (!doc) {
      const v = this.q("SELECT document FROM policy_versions WHERE policy_id = ? AND version_id = ?").get(row.id, row.default_version) as
        | { document: string }
        | undefined;
      if (!v) return undefined;
      doc = this.policy(v.document, "identity");
      this.versions.set(key, doc);
    }
    return doc;
  }

  // ---- identity contexts for authorization --------------------------------------------------------------

  /** The identity policies of a user (with its groups'), a group or a role, as IAM evaluates them. */
  policiesOf(kind: EntityKind, id: string): NamedPolicy[] {
    const out: NamedPolicy[] = [];
    this.entityPolicies(kind, id, out);
    if (kind === "user") {
      for (const g of this.q("SELECT group_id FROM group_members WHERE user_id = ?").all(id) as { group_id: string }[]) {
        this.entityPolicies("group", g.group_id, out);
      }
    }
    return out;
  }

  /** The permissions boundary of a user or role, if it has one. */
  boundaryOf(kind: EntityKind, id: string): NamedPolicy | undefined {
    if (kind === "group") return undefined;
    const row = this.q(`SELECT boundary_arn FROM ${kind === "user" ? "users" : "roles"} WHERE id = ?`).get(id) as { boundary_arn: string | null } | undefined;
    return this.boundary(row?.boundary_arn ?? null);
  }

  private entityPolicies(kind: EntityKind, id: string, out: NamedPolicy[]): void {
    for (const r of this.q("SELECT name, document FROM inline_policies WHERE entity_kind = ? AND entity_id = ?").all(kind, id) as {
      name: string;
      document: string;
    }[]) {
      out.push({ name: r.name, policy: this.policy(r.document, "identity") });
    }
    for (const r of this.q("SELECT policy_arn FROM attachments WHERE entity_kind = ? AND entity_id = ?").all(kind, id) as {
      policy_arn: string;
    }[]) {
      const policy = this.managedPolicy(r.policy_arn);
      if (policy) out.push({ name: r.policy_arn.slice(r.policy_arn.lastIndexOf("/") + 1), arn: r.policy_arn, policy });
    }
  }

  private boundary(arn: string | null): NamedPolicy | undefined {
    if (!arn) return undefined;
    const policy = this.managedPolicy(arn);
    return policy ? { name: arn.slice(arn.lastIndexOf("/") + 1), arn, policy } : undefined;
  }

  /** The policies and tags IAM evaluates for a caller; cached until IAM changes. Root has none (allowed all). */
  identityContext(caller: Caller): IdentityContext {
    const key = caller.kind === "user" ? caller.iamUserId! : caller.kind === "assumed-role" ? caller.roleId! : "root";
    const cached = this.identities.get(key);
    if (cached) return cached;
    let ctx: IdentityContext;
    if (caller.kind === "user") {
      const user = this.userById(caller.iamUserId!);
      const policies = this.policiesOf("user", caller.iamUserId!);
      const b = this.boundary(user?.boundary_arn ?? null);
      ctx = { identityPolicies: policies, tags: tagMap(user?.tags), ...(b ? { permissionsBoundary: b } : {}) };
    } else if (caller.kind === "assumed-role") {
      const role = this.roleById(caller.roleId!);
      const policies = this.policiesOf("role", caller.roleId!);
      const b = this.boundary(role?.boundary_arn ?? null);
      ctx = { identityPolicies: policies, tags: tagMap(role?.tags), ...(b ? { permissionsBoundary: b } : {}) };
    } else {
      ctx = { identityPolicies: [], tags: {} };
    }
    this.identities.set(key, ctx);
    return ctx;
  }

  /** The session policies of temporary credentials: the inline Policy and the managed PolicyArns of AssumeRole. */
  sessionPolicies(caller: Caller): NamedPolicy[] {
    const out: NamedPolicy[] = [];
    const s = caller.session;
    if (!s) return out;
    if (s.policy) out.push({ name: "session policy", policy: this.policy(s.policy, "session") });
    for (const arn of s.policyArns ?? []) {
      const policy = this.managedPolicy(arn);
      if (policy) out.push({ name: arn.slice(arn.lastIndexOf("/") + 1), arn, policy });
    }
    return out;
  }

  /** The principal as the policy engine sees it. */
  static principal(c: Omit<Caller, "principal">, tags: Record<string, string>): AuthzPrincipal {
    return {
      type: c.kind,
      arn: c.arn,
      accountId: c.accountId,
      userId: c.userId,
      ...(c.userName !== undefined ? { username: c.userName } : {}),
      ...(c.roleName !== undefined ? { roleName: c.roleName } : {}),
      ...(c.sessionName !== undefined ? { sessionName: c.sessionName } : {}),
      tags,
    };
  }
}

export function tagMap(json: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!json || json === "[]") return out;
  for (const t of JSON.parse(json) as Tag[]) out[t.Key] = t.Value;
  return out;
}
