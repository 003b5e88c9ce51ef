// The per-account EC2 model: every resource is one row of ec2_resources (id, region, kind, JSON document), read
// and written whole, in creation order (rowid). A kind is its ids' prefix, as on AWS (vol-, i-, sg-), so the id
// index alone serves both a lookup by id and a describe of a kind (one range of it, never N queries): each create
// writes two B-trees, the table and that index. Regions get their default VPC, subnets and security group on first use.
import { randomFillSync } from "node:crypto";
import type { Clock } from "../clock.js";
import type { Db } from "../store/db.js";
import type Database from "better-sqlite3";

export type Kind = "vpc" | "subnet" | "security-group" | "key-pair" | "instance" | "volume" | "snapshot" | "reservation";

export interface Tag {
  Key: string;
  Value: string;
}

/** Every stored resource has its id and tags; the rest is the family's own. */
export interface Resource {
  id: string;
  tags: Tag[];
}

export const migrations: readonly string[] = [
  `
  CREATE TABLE ec2_resources (
    id TEXT PRIMARY KEY, region TEXT NOT NULL, kind TEXT NOT NULL, doc TEXT NOT NULL
  );
  CREATE INDEX ec2_resources_kind ON ec2_resources(region, kind);
  CREATE TABLE ec2_regions (region TEXT PRIMARY KEY, initialized INTEGER NOT NULL);
  CREATE TABLE ec2_client_tokens (
    region TEXT NOT NULL, token TEXT NOT NULL, params TEXT NOT NULL, reservation_id TEXT NOT NULL,
    PRIMARY KEY (region, token)
  );
  `,
  // 2: the tokens keyed by (region, token) alone, WITHOUT ROWID: boto3 sends a fresh ClientToken with every
  // CreateVolume and RunInstances, and a rowid table beside its key index made each call's commit write one more page.
  `
  CREATE TABLE ec2_client_tokens_keyed (
    region TEXT NOT NULL, token TEXT NOT NULL, params TEXT NOT NULL, reservation_id TEXT NOT NULL,
    PRIMARY KEY (region, token)
  ) WITHOUT ROWID;
  INSERT INTO ec2_client_tokens_keyed SELECT region, token, params, reservation_id FROM ec2_client_tokens;
  DROP TABLE ec2_client_tokens;
  ALTER TABLE ec2_client_tokens_keyed RENAME TO ec2_client_tokens;
  `,
  // 3: no (region, kind) index: a kind's resources are a range of the id index (ID_PREFIX), and every create
  // (a CreateVolume, each instance of a RunInstances) wrote one more page for it.
  `DROP INDEX IF EXISTS ec2_resources_kind;`,
];

/** Each kind's id prefix, as AWS names its resources. */
const ID_PREFIX: Readonly<Record<Kind, string>> = {
  vpc: "vpc-",
  subnet: "subnet-",
  "security-group": "sg-",
  "key-pair": "key-",
  instance: "i-",
  volume: "vol-",
  snapshot: "snap-",
  reservation: "r-",
};

/** The ids of a kind as a range of the id index: from "vol-" up to "vol." ("." follows "-" in byte order). */
export function idRange(kind: Kind): readonly [string, string] {
  const prefix = ID_PREFIX[kind];
  return [prefix, prefix.slice(0, -1) + "."];
}

/** The rows of one kind in a region: its range of the id index; region and kind are checked, not searched. */
const KIND_RANGE = "id >= ? AND id < ? AND +region = ? AND +kind = ?";

const HEX = "0123456789abcdef";
const pool = Buffer.alloc(2048);
let poolOffset = pool.length;

/** An EC2 id: prefix, dash, 17 hex digits of which the first is 0, as AWS's long ids (vpc-0a1b2c...). */
export function ec2Id(prefix: string): string {
  if (poolOffset + 17 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  let out = prefix + "-0";
  for (let i = 0; i < 16; i++) out += HEX[pool[poolOffset + i]! & 15];
  poolOffset += 17;
  return out;
}

export class Ec2Model {
  private readonly stmts = new Map<string, Database.Statement>();
  /** Regions known to be initialized (per process; the table is the truth). */
  private readonly ready = new Set<string>();
  /** Regions this call initialized inside its transaction, which may yet roll back (a denied or failed call). */
  private readonly initializedInCall = new Set<string>();
  /** Set by defaults.ts: creates a region's default VPC, subnets and security group. */
  initializeRegion: (model: Ec2Model, region: string, nowMs: number) => void = () => {};

  constructor(
    readonly db: Db,
    readonly accountId: string,
    readonly clock: Clock,
  ) {}

  q(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  /**
   * The instance documents as last seen committed, by region then id, kept in step with the store: a commit by
   * another connection (SQLite's data_version moves) drops it; this model's own writes are re-read at the next
   * call, whether their transaction committed or rolled back.
   */
  private readonly instanceDocsSeen = new Map<string, Map<string, string>>();
  private instanceDocsVersion: number | undefined;
  /** Instance ids written by the current call. */
  private readonly instancesWritten = new Set<string>();

  /** The start of a call: the previous call's transaction has committed or rolled back. */
  beginCall(): void {
    this.initializedInCall.clear();
    for (const id of this.instancesWritten) {
      const row = this.stored(id);
      for (const [region, docs] of this.instanceDocsSeen) if (!row || row.region !== region) docs.delete(id);
      if (row) this.instanceDocsSeen.get(row.region)?.set(id, row.doc);
    }
    this.instancesWritten.clear();
  }

  /**
   * The region's instance documents by id, in creation order, without reading every row on each call (the vCPU
   * quota needs them all on every RunInstances). This call's own writes are read as the call sees them.
   */
  instanceDocs(region: string): ReadonlyMap<string, string> {
    const version = this.q("PRAGMA data_version").pluck().get() as number;
    if (version !== this.instanceDocsVersion) {
      this.instanceDocsSeen.clear();
      this.instanceDocsVersion = version;
    }
    let seen = this.instanceDocsSeen.get(region);
    if (!seen) {
      seen = new Map(this.docs(region, "instance").map((r) => [r.id, r.doc] as [string, string]));
      // Read inside a call that wrote instances, the rows include its uncommitted ones: not kept.
      if (this.instancesWritten.size === 0) this.instanceDocsSeen.set(region, seen);
      return seen;
    }
    if (this.instancesWritten.size === 0) return seen;
    const now = new Map(seen);
    for (const id of this.instancesWritten) {
      const row = this.stored(id);
      if (row && row.region === region) now.set(id, row.doc);
      else now.delete(id);
    }
    return now;
  }

  /** A resource's region and document as this connection sees them now. */
  private stored(id: string): { region: string; doc: string } | undefined {
    return this.q("SELECT region, doc FROM ec2_resources WHERE id = ?").get(id) as { region: string; doc: string } | undefined;
  }

  private wrote(id: string): void {
    if (id.startsWith(ID_PREFIX.instance)) this.instancesWritten.add(id);
  }

  /** Creates the region's defaults the first time it is used (in its own transaction when the call has none). A
   *  region is remembered as ready once its row is seen committed: a row this call wrote may still be rolled back. */
  ensureRegion(region: string, nowMs: number): void {
    if (this.ready.has(region)) return;
    if (this.q("SELECT 1 FROM ec2_regions WHERE region = ?").get(region)) {
      if (!this.initializedInCall.has(region)) this.ready.add(region);
      return;
    }
    const init = (): void => {
      this.initializeRegion(this, region, nowMs);
      this.q("INSERT INTO ec2_regions (region, initialized) VALUES (?, ?)").run(region, nowMs);
    };
    if (this.db.inTransaction) {
      init();
      this.initializedInCall.add(region);
    } else {
      // IMMEDIATE: another process may be initializing it at the same moment; the check is repeated under the lock.
      this.db.transaction(() => {
        if (!this.q("SELECT 1 FROM ec2_regions WHERE region = ?").get(region)) init();
      }).immediate();
      this.ready.add(region);
    }
  }

  get<T extends Resource>(region: string, kind: Kind, id: string): T | undefined {
    const row = this.q("SELECT doc FROM ec2_resources WHERE id = ? AND region = ? AND kind = ?").get(id, region, kind) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : undefined;
  }

  /** The resources of these ids that exist, by id, in one query (a describe of N instances reads their volumes at once). */
  getMany<T extends Resource>(region: string, kind: Kind, ids: readonly string[]): Map<string, T> {
    const out = new Map<string, T>();
    if (ids.length === 0) return out;
    // "+region", "+kind": by the id index, never by scanning the table.
    const rows = this.q("SELECT id, doc FROM ec2_resources WHERE id IN (SELECT value FROM json_each(?)) AND +region = ? AND +kind = ?").all(
      JSON.stringify(ids),
      region,
      kind,
    ) as { id: string; doc: string }[];
    for (const r of rows) out.set(r.id, JSON.parse(r.doc) as T);
    return out;
  }

  /** The stored documents of a kind, unparsed, in creation order. */
  docs(region: string, kind: Kind): { id: string; doc: string }[] {
    const [from, to] = idRange(kind);
    return this.q(`SELECT id, doc FROM ec2_resources WHERE ${KIND_RANGE} ORDER BY rowid`).all(from, to, region, kind) as { id: string; doc: string }[];
  }

  /** The resources of these ids that exist, in creation order as list() gives them: a describe by ids reads those
   *  rows by the id index, not every resource of the kind (the provider reads each volume back by its id). */
  listByIds<T extends Resource>(region: string, kind: Kind, ids: readonly string[]): T[] {
    if (ids.length === 0) return [];
    const rows = this.q("SELECT rowid AS n, doc FROM ec2_resources WHERE id IN (SELECT value FROM json_each(?)) AND +region = ? AND +kind = ?").all(
      JSON.stringify(ids),
      region,
      kind,
    ) as { n: number; doc: string }[];
    return rows.sort((a, b) => a.n - b.n).map((r) => JSON.parse(r.doc) as T);
  }

  list<T extends Resource>(region: string, kind: Kind): T[] {
    const [from, to] = idRange(kind);
    const rows = this.q(`SELECT doc FROM ec2_resources WHERE ${KIND_RANGE} ORDER BY rowid`).all(from, to, region, kind) as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as T);
  }

  /** Resources of any kind in a region (DescribeTags). */
  listAll(region: string): { kind: Kind; res: Resource }[] {
    const rows = this.q("SELECT kind, doc FROM ec2_resources WHERE region = ? ORDER BY rowid").all(region) as { kind: Kind; doc: string }[];
    return rows.map((r) => ({ kind: r.kind, res: JSON.parse(r.doc) as Resource }));
  }

  kindOf(region: string, id: string): Kind | undefined {
    return (this.q("SELECT kind FROM ec2_resources WHERE id = ? AND region = ?").get(id, region) as { kind: Kind } | undefined)?.kind;
  }

  insert(region: string, kind: Kind, res: Resource): void {
    this.wrote(res.id);
    this.q("INSERT INTO ec2_resources (id, region, kind, doc) VALUES (?, ?, ?, ?)").run(
      res.id,
      region,
      kind,
      JSON.stringify(res),
    );
  }

  update(res: Resource): void {
    this.wrote(res.id);
    this.q("UPDATE ec2_resources SET doc = ? WHERE id = ?").run(JSON.stringify(res), res.id);
  }

  remove(id: string): void {
    this.wrote(id);
    this.q("DELETE FROM ec2_resources WHERE id = ?").run(id);
  }
}
