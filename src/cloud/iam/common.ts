// Helpers shared by the IAM action families: typed param access, tags, paths, pagination, output forms.
import type { ActionContext, ActionSpec, ConditionContext, Params } from "../service.js";
import type { IamModel, Tag } from "./model.js";
import type { AwsError } from "../api.js";
import { invalidInput, limitExceeded, noSuchEntity, validationError } from "./errors.js";

export function str(p: Params, name: string): string {
  return p[name] as string;
}

export function optStr(p: Params, name: string): string | undefined {
  const v = p[name];
  return typeof v === "string" ? v : undefined;
}

export function optNum(p: Params, name: string): number | undefined {
  const v = p[name];
  return typeof v === "number" ? v : undefined;
}

export function optBool(p: Params, name: string): boolean | undefined {
  const v = p[name];
  return typeof v === "boolean" ? v : undefined;
}

export function tagsParam(p: Params, name = "Tags"): Tag[] {
  const tags = (p[name] as Tag[] | undefined) ?? [];
  const seen = new Set<string>();
  for (const t of tags) {
    if (seen.has(t.Key)) throw invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    seen.add(t.Key);
  }
  return tags;
}

export function parseTags(json: string): Tag[] {
  return json === "[]" ? [] : (JSON.parse(json) as Tag[]);
}

/** Tags merged as TagUser/TagRole do: same key (case-insensitive) replaced; at most 50. */
export function mergeTags(existing: Tag[], added: Tag[], quota: string): Tag[] {
  const out = existing.filter((t) => !added.some((a) => a.Key.toLowerCase() === t.Key.toLowerCase()));
  out.push(...added);
  if (out.length > 50) throw limitExceeded(`Cannot exceed quota for ${quota}: 50`);
  return out;
}

export function removeTags(existing: Tag[], keys: string[]): Tag[] {
  const lc = new Set(keys.map((k) => k.toLowerCase()));
  return existing.filter((t) => !lc.has(t.Key.toLowerCase()));
}

export function pathParam(p: Params, name = "Path"): string {
  return optStr(p, name) ?? "/";
}

function pageStart(p: Params): number {
  const marker = optStr(p, "Marker");
  if (marker === undefined) return 0;
  const n = Number.parseInt(Buffer.from(marker, "base64url").toString("utf8"), 10);
  if (!Number.isInteger(n) || n < 0) throw validationError("Invalid Marker.");
  return n;
}

function markerFor(next: number): string {
  return Buffer.from(String(next)).toString("base64url");
}

/** Marker/MaxItems pagination over an ordered list; `map` shapes only the page's items. The marker is opaque. */
export function paginate<T, U = T>(items: readonly T[], p: Params, key: string, map?: (item: T) => U): Record<string, unknown> {
  const max = optNum(p, "MaxItems") ?? 100;
  const start = pageStart(p);
  const slice = items.slice(start, start + max);
  const truncated = start + max < items.length;
  return { [key]: map ? slice.map(map) : slice, IsTruncated: truncated, ...(truncated ? { Marker: markerFor(start + max) } : {}) };
}

/**
 * A List* page read from the store itself (LIMIT/OFFSET over the name index), so listing stays cheap however
 * many entities the account has. `table` is one of ours, never user input.
 */
export function listPage<R extends { path: string }>(
  iam: IamModel,
  table: "users" | "roles" | "groups_" | "instance_profiles" | "policies",
  p: Params,
  key: string,
  map: (row: R) => unknown,
): Record<string, unknown> {
  const max = optNum(p, "MaxItems") ?? 100;
  const start = pageStart(p);
  const prefix = optStr(p, "PathPrefix");
  const rows = (
    prefix && prefix !== "/"
      ? iam.q(`SELECT * FROM ${table} WHERE substr(path, 1, ?) = ? ORDER BY name_lc LIMIT ? OFFSET ?`).all(prefix.length, prefix, max + 1, start)
      : iam.q(`SELECT * FROM ${table} ORDER BY name_lc LIMIT ? OFFSET ?`).all(max + 1, start)
  ) as R[];
  const truncated = rows.length > max;
  if (truncated) rows.pop();
  return { [key]: rows.map(map), IsTruncated: truncated, ...(truncated ? { Marker: markerFor(start + max) } : {}) };
}

export function boundaryOut(arn: string | null): Record<string, unknown> {
  return arn ? { PermissionsBoundary: { PermissionsBoundaryType: "PermissionsBoundaryPolicy", PermissionsBoundaryArn: arn } } : {};
}

/** IAM returns policy documents URL-encoded (RFC 3986), as the API reference says. */
export function encodedDocument(json: string): string {
  return encodeURIComponent(json);
}

/** A boundary or attachable policy must exist: "Policy arn:... does not exist or is not attachable." */
export function requireAttachable(iam: IamModel, arn: string): void {
  if (iam.managedPolicyDocument(arn) === undefined) throw notAttachable(arn);
}

export function notAttachable(arn: string): AwsError {
  return noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
}


/** The resource IAM authorizes a List* call on: "arn:aws:iam::ACCOUNT:user/" plus the path prefix. */
export function listResource(accountId: string, kind: string, p: Params): string {
  const prefix = optStr(p, "PathPrefix") ?? "/";
  return `arn:aws:iam::${accountId}:${kind}${prefix}`;
}

/** aws:ResourceTag/KEY and iam:ResourceTag/KEY of an existing user or role (stored tags JSON). */
export function resourceTagKeys(tagsJson: string | undefined): ConditionContext {
  const out: ConditionContext = {};
  if (!tagsJson || tagsJson === "[]") return out;
  for (const t of JSON.parse(tagsJson) as Tag[]) {
    out["aws:ResourceTag/" + t.Key] = t.Value;
    out["iam:ResourceTag/" + t.Key] = t.Value;
  }
  return out;
}

/** Adds the resource's tags to the condition keys of every action in `actions` except those listed. */
export function withResourceTags(
  actions: Record<string, ActionSpec<IamModel>>,
  except: readonly string[],
  tagsOf: (ctx: ActionContext<IamModel>, p: Params) => string | undefined,
): Record<string, ActionSpec<IamModel>> {
  const out: Record<string, ActionSpec<IamModel>> = {};
  for (const [name, spec] of Object.entries(actions)) {
    if (except.includes(name)) {
      out[name] = spec;
      continue;
    }
    const own = spec.conditionKeys;
    out[name] = {
      ...spec,
      conditionKeys: (ctx, p) => {
        const keys = resourceTagKeys(tagsOf(ctx, p));
        return own ? Object.assign(keys, own(ctx, p)) : keys;
      },
    };
  }
  return out;
}
