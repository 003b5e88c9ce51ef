// The store's schema, versioned with PRAGMA user_version. Each migration runs once, in an IMMEDIATE transaction,
// so two processes opening a fresh home at the same time do not both apply it.
import type Database from "better-sqlite3";

const migrations: readonly string[] = [
  // 1: the account, IAM, STS sessions, audit trail.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE users (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_lc TEXT NOT NULL UNIQUE, path TEXT NOT NULL, arn TEXT NOT NULL,
    create_date INTEGER NOT NULL, boundary_arn TEXT, tags TEXT NOT NULL DEFAULT '[]', password_last_used INTEGER
  );
  CREATE TABLE groups_ (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_lc TEXT NOT NULL UNIQUE, path TEXT NOT NULL, arn TEXT NOT NULL,
    create_date INTEGER NOT NULL
  );
  CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES groups_(id), user_id TEXT NOT NULL REFERENCES users(id),
    added INTEGER NOT NULL, PRIMARY KEY (group_id, user_id)
  );
  CREATE INDEX group_members_user ON group_members(user_id);
  CREATE TABLE roles (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_lc TEXT NOT NULL UNIQUE, path TEXT NOT NULL, arn TEXT NOT NULL,
    create_date INTEGER NOT NULL, trust_policy TEXT NOT NULL, description TEXT, max_session_duration INTEGER NOT NULL,
    boundary_arn TEXT, tags TEXT NOT NULL DEFAULT '[]', last_used INTEGER, last_used_region TEXT
  );
  CREATE TABLE policies (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_lc TEXT NOT NULL UNIQUE, path TEXT NOT NULL, arn TEXT NOT NULL UNIQUE,
    create_date INTEGER NOT NULL, update_date INTEGER NOT NULL, default_version TEXT NOT NULL, next_version INTEGER NOT NULL,
    description TEXT, tags TEXT NOT NULL DEFAULT '[]'
  );
  CREATE TABLE policy_versions (
    policy_id TEXT NOT NULL REFERENCES policies(id), version_id TEXT NOT NULL, document TEXT NOT NULL,
    create_date INTEGER NOT NULL, PRIMARY KEY (policy_id, version_id)
  );
  -- Managed policy attachments; policy_arn may name an AWS managed policy (arn:aws:iam::aws:policy/...).
  CREATE TABLE attachments (
    entity_kind TEXT NOT NULL, entity_id TEXT NOT NULL, policy_arn TEXT NOT NULL, attached INTEGER NOT NULL,
    PRIMARY KEY (entity_kind, entity_id, policy_arn)
  );
  CREATE INDEX attachments_policy ON attachments(policy_arn);
  CREATE TABLE inline_policies (
    entity_kind TEXT NOT NULL, entity_id TEXT NOT NULL, name TEXT NOT NULL, document TEXT NOT NULL,
    PRIMARY KEY (entity_kind, entity_id, name)
  );
  CREATE TABLE access_keys (
    id TEXT PRIMARY KEY, secret TEXT NOT NULL, user_id TEXT, status TEXT NOT NULL, create_date INTEGER NOT NULL,
    last_used INTEGER, last_used_service TEXT, last_used_region TEXT
  );
  CREATE INDEX access_keys_user ON access_keys(user_id);
  CREATE TABLE login_profiles (
    user_id TEXT PRIMARY KEY REFERENCES users(id), password_hash TEXT NOT NULL, reset_required INTEGER NOT NULL,
    create_date INTEGER NOT NULL
  );
  CREATE TABLE instance_profiles (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_lc TEXT NOT NULL UNIQUE, path TEXT NOT NULL, arn TEXT NOT NULL,
    create_date INTEGER NOT NULL, tags TEXT NOT NULL DEFAULT '[]'
  );
  CREATE TABLE instance_profile_roles (
    profile_id TEXT NOT NULL REFERENCES instance_profiles(id), role_id TEXT NOT NULL REFERENCES roles(id),
    PRIMARY KEY (profile_id, role_id)
  );
  CREATE INDEX instance_profile_roles_role ON instance_profile_roles(role_id);
  -- Temporary credentials from STS. kind: 'assumed-role' (role_id set) or 'session' (GetSessionToken: user_id
  -- set, or NULL for root).
  CREATE TABLE sessions (
    access_key_id TEXT PRIMARY KEY, secret TEXT NOT NULL, token TEXT NOT NULL, kind TEXT NOT NULL,
    role_id TEXT, user_id TEXT, session_name TEXT, session_policy TEXT, create_date INTEGER NOT NULL,
    expiration INTEGER NOT NULL, source_arn TEXT NOT NULL
  );
  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY, time INTEGER NOT NULL, request_id TEXT NOT NULL, principal_arn TEXT,
    access_key_id TEXT, region TEXT NOT NULL, service TEXT NOT NULL, action TEXT NOT NULL, params TEXT NOT NULL,
    error_code TEXT, error_message TEXT, source_ip TEXT
  );
  `,
  // 2: managed session policies (AssumeRole's PolicyArns) as a JSON array of ARNs.
  `ALTER TABLE sessions ADD COLUMN policy_arns TEXT;`,
  // 3: each service's own schema version (service.ts: ServiceSpec.migrations).
  `CREATE TABLE schema_versions (service TEXT PRIMARY KEY, version INTEGER NOT NULL);`,
  // 4: session tags (AssumeRole's Tags), a JSON array of {Key, Value}: principal tags of the session.
  `ALTER TABLE sessions ADD COLUMN tags TEXT;`,
];

export function migrate(db: Database.Database): void {
  const current = (): number => db.pragma("user_version", { simple: true }) as number;
  if (current() >= migrations.length) return;
  db.transaction(() => {
    for (let v = current(); v < migrations.length; v++) {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}

/** Applies a service's migrations not yet applied to this store (tracked in schema_versions). */
export function migrateService(db: Database.Database, service: string, migrations: readonly string[]): void {
  const read = db.prepare("SELECT version FROM schema_versions WHERE service = ?");
  const current = (): number => (read.get(service) as { version: number } | undefined)?.version ?? 0;
  if (current() >= migrations.length) return;
  db.transaction(() => {
    for (let v = current(); v < migrations.length; v++) db.exec(migrations[v]!);
    db.prepare("INSERT INTO schema_versions (service, version) VALUES (?, ?) ON CONFLICT (service) DO UPDATE SET version = excluded.version").run(
      service,
      migrations.length,
    );
  }).immediate();
}
