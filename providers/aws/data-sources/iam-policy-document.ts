// aws_iam_policy_document, producing the same bytes as the real provider: Go's encoding/json of its
// IAMPolicyDoc structs (field order Version, Id, Statement; Sid, Effect, Action, NotAction, Resource,
// NotResource, Principal, NotPrincipal, Condition; empty fields omitted; map keys sorted; <, > and & escaped),
// indented two spaces. A one-element string list becomes a string; longer lists are sorted in reverse (the
// provider's policyDecodeConfigStringList), except condition values, which keep their order. Principal type "*" with identifier "*" is written "*". "&{" in
// values stands for IAM's "${" (which Terraform would interpolate). id is crc32 of the JSON, as StringHashcode.
import { crc32 } from "node:zlib";
import { listOf, setOf, StringType } from "../../../src/lang/types.js";
import type { Block } from "../../../src/provider/schema.js";
import { str, strList, type Obj, type Plain } from "../plain.js";
import type { DataSourceType } from "./data-source.js";

const S = StringType;
const principalsBlock: Block = {
  attributes: { identifiers: { type: setOf(S), required: true }, type: { type: S, required: true } },
};

export const policyDocumentSchema = {
  version: 0,
  block: {
    attributes: {
      id: { type: S, optional: true, computed: true },
      json: { type: S, computed: true },
      minified_json: { type: S, computed: true },
      override_policy_documents: { type: listOf(S), optional: true },
      policy_id: { type: S, optional: true },
      source_policy_documents: { type: listOf(S), optional: true },
      version: { type: S, optional: true },
    },
    blockTypes: {
      statement: {
        nesting: "list" as const,
        block: {
          attributes: {
            actions: { type: setOf(S), optional: true },
            effect: { type: S, optional: true },
            not_actions: { type: setOf(S), optional: true },
            not_resources: { type: setOf(S), optional: true },
            resources: { type: setOf(S), optional: true },
            sid: { type: S, optional: true },
          },
          blockTypes: {
            condition: {
              nesting: "set" as const,
              block: {
                attributes: {
                  test: { type: S, required: true },
                  values: { type: listOf(S), required: true },
                  variable: { type: S, required: true },
                },
              },
            },
            not_principals: { nesting: "set" as const, block: principalsBlock },
            principals: { nesting: "set" as const, block: principalsBlock },
          },
        },
      },
    },
  },
};

type Json = string | Json[] | { [k: string]: Json };
type Statement = { [k: string]: Json };

function replaceVars(s: string): string {
  return s.replace(/&\{/g, "${");
}

/** policyDecodeConfigStringList. */
function decodeList(l: string[]): Json {
  const v = l.map(replaceVars);
  if (v.length === 1) return v[0]!;
  return [...v].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
}

function objs(p: Plain | undefined): Obj[] {
  return Array.isArray(p) ? p.filter((x): x is Obj => x !== null && typeof x === "object" && !Array.isArray(x)) : [];
}

function principals(set: Obj[]): Json | undefined {
  if (set.length === 0) return undefined;
  if (set.length === 1) {
    const ids = strList(set[0]!.identifiers);
    if (set[0]!.type === "*" && ids.length === 1 && ids[0] === "*") return "*";
  }
  const raw: Record<string, Json> = {};
  for (const p of set) {
    const type = String(p.type);
    const ids = decodeList(strList(p.identifiers));
    const have = raw[type];
    if (have === undefined) raw[type] = ids;
    else raw[type] = [...(Array.isArray(have) ? have : [have]), ...(Array.isArray(ids) ? ids : [ids])] as Json[];
  }
  return raw;
}

function conditions(set: Obj[]): Json | undefined {
  if (set.length === 0) return undefined;
  const raw: Record<string, Record<string, Json>> = {};
  for (const c of set) {
    const test = String(c.test);
    const variable = String(c.variable);
    // Condition values keep their configured order (order can matter to IAM); only lists elsewhere are sorted.
    const vl = strList(c.values).map(replaceVars);
    const values: Json = vl.length === 1 ? vl[0]! : vl;
    const t = (raw[test] ??= {});
    const have = t[variable];
    if (have === undefined || !Array.isArray(values)) t[variable] = values;
    else t[variable] = [...(Array.isArray(have) ? have : [have]), ...values] as Json[];
  }
  return raw;
}

function statementOf(cfg: Obj): Statement {
  const s: Statement = {};
  const sid = str(cfg.sid);
  if (sid) s.Sid = sid;
  s.Effect = str(cfg.effect) ?? "Allow";
  for (const [arg, key] of [
    ["actions", "Action"],
    ["not_actions", "NotAction"],
    ["resources", "Resource"],
    ["not_resources", "NotResource"],
  ] as const) {
    const l = strList(cfg[arg]);
    if (l.length) s[key] = decodeList(l);
  }
  const p = principals(objs(cfg.principals));
  if (p !== undefined) s.Principal = p;
  const np = principals(objs(cfg.not_principals));
  if (np !== undefined) s.NotPrincipal = np;
  const c = conditions(objs(cfg.condition));
  if (c !== undefined) s.Condition = c;
  return s;
}

/** Go's field order for a statement parsed from a source/override document. */
const statementKeys = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"];

function reorder(s: Record<string, Json>): Statement {
  const out: Statement = {};
  for (const k of statementKeys) if (s[k] !== undefined) out[k] = s[k];
  return out;
}

function parseDoc(text: string): { Version?: string; Id?: string; Statement: Statement[] } {
  const j = JSON.parse(text) as { Version?: string; Id?: string; Statement?: Record<string, Json> | Record<string, Json>[] };
  if (j.Statement !== undefined && j.Statement !== null && !Array.isArray(j.Statement)) {
    throw new Error("json: cannot unmarshal object into Go struct field IAMPolicyDoc.Statement of type []*iam.IAMPolicyStatement");
  }
  const st = j.Statement ?? [];
  return { ...(j.Version ? { Version: j.Version } : {}), ...(j.Id ? { Id: j.Id } : {}), Statement: st.map(reorder) };
}

/** Merge by Sid: a later statement with the same non-empty Sid replaces the earlier one in place. */
function merge(into: Statement[], from: Statement[]): void {
  for (const s of from) {
    const i = typeof s.Sid === "string" && s.Sid !== "" ? into.findIndex((x) => x.Sid === s.Sid) : -1;
    if (i >= 0) into[i] = s;
    else into.push(s);
  }
}

/** Go's json.Marshal escaping of a JSON text (HTML-safe, line and paragraph separators escaped). */
function goEscape(s: string): string {
  return s
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function sortKeysDeep(j: Json, inMap: boolean): Json {
  if (typeof j === "string") return j;
  if (Array.isArray(j)) return j.map((x) => sortKeysDeep(x, true));
  const keys = inMap ? Object.keys(j).sort() : Object.keys(j);
  return Object.fromEntries(keys.map((k) => [k, sortKeysDeep(j[k]!, true)]));
}

function within<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new Error(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function buildPolicyDocument(config: Obj): { json: string; minified: string; id: string } {
  const statements: Statement[] = [];
  let version = str(config.version);
  let id = str(config.policy_id);
  for (const [i, src] of strList(config.source_policy_documents).entries()) {
    const d = within(`merging source document ${i}`, () => parseDoc(src));
    version ??= d.Version;
    merge(statements, d.Statement);
  }
  merge(statements, objs(config.statement).map(statementOf));
  for (const [i, ov] of strList(config.override_policy_documents).entries()) {
    const d = within(`merging override document ${i}`, () => parseDoc(ov));
    if (d.Version) version = d.Version;
    if (d.Id) id = d.Id;
    merge(statements, d.Statement);
  }
  const doc: Record<string, Json> = { Version: version ?? "2012-10-17" };
  if (id) doc.Id = id;
  // Principal and Condition are Go maps (sorted keys); statements and the document are structs (field order).
  if (statements.length) doc.Statement = statements.map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, sortKeysDeep(v, true)])));
  const json = goEscape(JSON.stringify(doc, null, 2));
  const minified = goEscape(JSON.stringify(doc));
  return { json, minified, id: String(crc32(Buffer.from(json, "utf8")) >>> 0) };
}

export const iamPolicyDocument: DataSourceType = {
  offline: true,
  failure: "writing IAM Policy Document",
  schema: policyDocumentSchema,
  async read(_ctx, config) {
    const { json, minified, id } = buildPolicyDocument(config);
    return { ...config, id, json, minified_json: minified };
  },
};
