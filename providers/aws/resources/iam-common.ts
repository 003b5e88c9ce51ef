// What the IAM resources share: tags in and out, timestamps as RFC 3339, policy documents (IAM returns them
// URL-encoded; the provider keeps the configured text while it is equivalent JSON, so no spurious diff).
import { BoolType, mapOf, StringType, type Type } from "../../../src/lang/types.js";
import type { Attribute } from "../../../src/provider/schema.js";
import { strMap, type Obj, type Plain } from "../plain.js";
import type { ResourceContext } from "../resource.js";

export const S: Type = StringType;
export const computed: Attribute = { type: S, computed: true };
export const required: Attribute = { type: S, required: true };
export const requiredForceNew: Attribute = { type: S, required: true, forceNew: true };
export const optional: Attribute = { type: S, optional: true };
export const optionalComputed: Attribute = { type: S, optional: true, computed: true };
/** The plugin SDK's implicit `id`: optional and computed in the schema (setting it changes nothing). */
export const sdkId: Attribute = optionalComputed;
export const tagsAttrs: Record<string, Attribute> = {
  tags: { type: mapOf(S), optional: true },
  tags_all: { type: mapOf(S), optional: true, computed: true },
};
export const forceDestroy: Attribute = { type: BoolType, optional: true };

export type AwsTag = { Key: string; Value: string };

/** The tags to send: default_tags overlaid with the resource's own. */
export function tagsToSend(ctx: ResourceContext, o: Obj): AwsTag[] {
  const all = { ...ctx.defaultTags, ...strMap(o.tags) };
  return Object.entries(all).map(([Key, Value]) => ({ Key, Value }));
}

/** tags_all as read, and tags as the part not supplied by default_tags (the provider's KeyValueTags.IgnoreConfig). */
export function tagsFromAws(ctx: ResourceContext, list: unknown, prior: Obj): { tags: Plain; tags_all: Plain } {
  const all: Record<string, string> = {};
  for (const t of Array.isArray(list) ? (list as AwsTag[]) : []) all[t.Key] = t.Value;
  const configured = strMap(prior.tags);
  const own: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) if (k in configured || ctx.defaultTags[k] !== v) own[k] = v;
  const hadTags = prior.tags !== null && prior.tags !== undefined;
  return { tags: Object.keys(own).length || hadTags ? own : null, tags_all: all };
}

/** Tag/untag calls that take the object from `prior` tags_all to the planned one. */
export async function updateTags(
  ctx: ResourceContext,
  prior: Obj,
  planned: Obj,
  tag: (tags: AwsTag[]) => Promise<unknown>,
  untag: (keys: string[]) => Promise<unknown>,
): Promise<void> {
  const before = strMap(prior.tags_all);
  const after = Object.fromEntries(tagsToSend(ctx, planned).map((t) => [t.Key, t.Value]));
  const removed = Object.keys(before).filter((k) => !(k in after));
  const changed = Object.entries(after).filter(([k, v]) => before[k] !== v);
  if (removed.length) await untag(removed);
  if (changed.length) await tag(changed.map(([Key, Value]) => ({ Key, Value })));
}

/** Go's time.RFC3339 of an AWS timestamp. */
export function rfc3339(d: unknown): string | null {
  if (d === undefined || d === null) return null;
  const t = d instanceof Date ? d : new Date(String(d));
  return Number.isNaN(t.getTime()) ? null : t.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function decodePolicy(doc: unknown): string {
  const s = String(doc ?? "");
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** IAM's equivalence: key order, a one-element array vs its element, and array order do not matter. */
function normalise(j: unknown): unknown {
  if (Array.isArray(j)) {
    const items = j.map(normalise);
    if (items.length === 1) return items[0];
    return items.map((x) => JSON.stringify(x)).sort();
  }
  if (j && typeof j === "object") {
    return Object.fromEntries(
      Object.keys(j)
        .sort()
        .map((k) => [k, normalise((j as Record<string, unknown>)[k])]),
    );
  }
  return j;
}

export function policiesEquivalent(a: string, b: string): boolean {
  try {
    return JSON.stringify(normalise(JSON.parse(a))) === JSON.stringify(normalise(JSON.parse(b)));
  } catch {
    return a === b;
  }
}

/** The document to record: the prior (configured) text while IAM's copy is equivalent to it. */
export function keepEquivalent(prior: Plain | undefined, fromAws: string): string {
  return typeof prior === "string" && policiesEquivalent(prior, fromAws) ? prior : fromAws;
}

/** A name for resources whose name is optional: name, else name_prefix + a unique suffix (id.PrefixedUniqueId). */
let counter = 0;
export function resourceName(o: Obj): string {
  if (typeof o.name === "string") return o.name;
  const prefix = typeof o.name_prefix === "string" ? o.name_prefix : "terraform-";
  return prefixedUniqueId(prefix);
}

/** The SDK's id.PrefixedUniqueId: prefix + a UTC timestamp to 1/10000 s + an 8-digit counter. */
export function prefixedUniqueId(prefix: string): string {
  const d = new Date();
  const p = (n: number, w = 2): string => String(n).padStart(w, "0");
  const ts = `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}${p(d.getUTCMilliseconds(), 3)}0`;
  counter = (counter + 1) % 100000000;
  return `${prefix}${ts}${p(counter, 8)}`;
}
