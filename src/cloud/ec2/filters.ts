// Describe* filters and paging as EC2 applies them: a resource matches when, for every filter, one of its
// values matches one of the filter's values (`*` and `?` wildcards); tag:KEY, tag-key and tag-value work on
// every resource type. Pages are NextToken = opaque offset.
import type { Params } from "../service.js";
import { ec2Error } from "./errors.js";
import type { Resource } from "./model.js";

export interface Filter {
  Name: string;
  Values: string[];
}

/** Filter name → the resource's values for it (string, boolean and number values compared as text). */
export type FilterTable<T> = Readonly<Record<string, (r: T) => readonly (string | number | boolean | undefined)[] | string | number | boolean | undefined>>;

const globs = new Map<string, RegExp>();

function glob(pattern: string): RegExp {
  let re = globs.get(pattern);
  if (!re) {
    re = new RegExp("^" + pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$", "s");
    globs.set(pattern, re);
  }
  return re;
}

export function filtersOf(p: Params): Filter[] {
  const fs = (p.Filters ?? p.Filter) as { Name?: string; Values?: string[] }[] | undefined;
  if (!fs) return [];
  return fs.map((f) => ({ Name: f.Name ?? "", Values: f.Values ?? [] }));
}

export function applyFilters<T extends Resource>(items: T[], filters: Filter[], table: FilterTable<T>): T[] {
  if (filters.length === 0) return items;
  const tests: ((r: T) => boolean)[] = filters.map((f) => {
    const res = f.Values.map(glob);
    const any = (vals: readonly unknown[]): boolean => vals.some((v) => v !== undefined && res.some((re) => re.test(String(v))));
    if (f.Name.startsWith("tag:")) {
      const key = f.Name.slice(4);
      return (r) => any(r.tags.filter((t) => t.Key === key).map((t) => t.Value));
    }
    if (f.Name === "tag-key") return (r) => any(r.tags.map((t) => t.Key));
    if (f.Name === "tag-value") return (r) => any(r.tags.map((t) => t.Value));
    const get = table[f.Name];
    if (!get) throw ec2Error("InvalidParameterValue", `The filter '${f.Name}' is invalid`);
    return (r) => {
      const v = get(r);
      return any(Array.isArray(v) ? v : [v]);
    };
  });
  return items.filter((r) => tests.every((t) => t(r)));
}

/** One page of items, and the token for the next one. */
export function page<T>(items: T[], p: Params, min = 5, max = 1000): { items: T[]; next?: string } {
  const maxResults = p.MaxResults as number | undefined;
  const token = p.NextToken as string | undefined;
  let start = 0;
  if (token !== undefined) {
    const n = Number(Buffer.from(token, "base64url").toString("utf8"));
    if (!Number.isInteger(n) || n < 0) throw ec2Error("InvalidNextToken", "The token 'token' is invalid.".replace("token'", `${token}'`));
    start = n;
  }
  if (maxResults === undefined) return { items: start ? items.slice(start) : items };
  if (maxResults < min || maxResults > max) {
    throw ec2Error("InvalidParameterValue", `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between ${min} and ${max}.`);
  }
  const end = start + maxResults;
  return end < items.length ? { items: items.slice(start, end), next: Buffer.from(String(end)).toString("base64url") } : { items: items.slice(start) };
}

export function strList(p: Params, name: string): string[] {
  const v = p[name];
  return Array.isArray(v) ? (v as string[]) : [];
}

export function tagsOut(tags: readonly { Key: string; Value: string }[]): { Tags?: { Key: string; Value: string }[] } {
  return tags.length ? { Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {};
}

/** Tags a create call asks for its resource type through TagSpecifications. */
export function tagSpecs(p: Params, resourceType: string): { Key: string; Value: string }[] {
  const specs = (p.TagSpecifications as { ResourceType?: string; Tags?: { Key: string; Value?: string }[] }[] | undefined) ?? [];
  const out: { Key: string; Value: string }[] = [];
  for (const s of specs) if (s.ResourceType === resourceType) for (const t of s.Tags ?? []) out.push({ Key: t.Key, Value: t.Value ?? "" });
  return out;
}
