// The Action / NotAction element, compiled. Action names are case-insensitive ("ec2:describeinstances"
// matches "ec2:Describe*"), so patterns are lower-cased once here and the request's action once per call.
// Patterns are grouped by service prefix: ReadOnlyAccess lists thousands of actions, and a request only
// needs to look at the handful written for its own service.
import { compileGlob, encodeWildcards, hasWildcard, matchGlob, type Glob } from "./glob.js";

export interface ActionMatcher {
  /** `*` was listed: every action matches. */
  readonly any: boolean;
  /** Lower-cased "service:action" names without wildcards. */
  readonly exact: ReadonlySet<string>;
  /** Lower-cased patterns on the action-name part, by lower-cased service prefix. */
  readonly byService: ReadonlyMap<string, readonly Glob[]>;
  /** Patterns whose service prefix itself has a wildcard ("*:Get*", "s3*:List*"): matched whole. */
  readonly other: readonly Glob[];
}

export function compileActions(patterns: readonly string[]): ActionMatcher {
  let any = false;
  const exact = new Set<string>();
  const byService = new Map<string, Glob[]>();
  const other: Glob[] = [];
  for (const raw of patterns) {
    const lower = raw.toLowerCase();
    if (lower === "*") {
      any = true;
      continue;
    }
    const encoded = encodeWildcards(lower);
    if (!hasWildcard(encoded)) {
      exact.add(lower);
      continue;
    }
    const colon = lower.indexOf(":");
    const service = colon < 0 ? "" : lower.slice(0, colon);
    if (colon < 0 || hasWildcard(encodeWildcards(service))) {
      other.push(compileGlob(encoded));
      continue;
    }
    let list = byService.get(service);
    if (!list) byService.set(service, (list = []));
    list.push(compileGlob(encodeWildcards(lower.slice(colon + 1))));
  }
  return { any, exact, byService, other };
}

/** A request's action, prepared once per evaluation. */
export interface RequestAction {
  /** "iam:createrole" */
  readonly lower: string;
  /** "iam" */
  readonly service: string;
  /** "createrole" */
  readonly name: string;
}

export function prepareAction(action: string): RequestAction {
  const lower = action.toLowerCase();
  const colon = lower.indexOf(":");
  return colon < 0 ? { lower, service: "", name: lower } : { lower, service: lower.slice(0, colon), name: lower.slice(colon + 1) };
}

export function matchAction(m: ActionMatcher, a: RequestAction): boolean {
  if (m.any || m.exact.has(a.lower)) return true;
  const list = m.byService.get(a.service);
  if (list) for (const g of list) if (matchGlob(g, a.name)) return true;
  for (const g of m.other) if (matchGlob(g, a.lower)) return true;
  return false;
}
