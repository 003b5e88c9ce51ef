// Policy variables (2012-10-17 only): `${aws:username}`, `${aws:PrincipalTag/team}`, `${s3:prefix, 'home'}`
// (with a default), and the escapes `${*}`, `${?}`, `${$}` that stand for a literal `*`, `?` and `$`.
// A string is compiled once into a Template; only strings that really contain a variable pay for
// substitution per request. A variable whose key is absent from the request (and has no default) leaves
// the template unresolved, and the statement it belongs to does not apply.
import { encodeWildcards } from "./glob.js";

export interface VariableRef {
  /** Condition key, lower-cased (keys are case-insensitive). */
  readonly key: string;
  readonly defaultValue?: string;
}

/** Either a fixed string or parts to join; literal parts are already wildcard-encoded when asked for. */
export type Template = string | readonly (string | VariableRef)[];

/**
 * Compiles a policy string. `variables` is false for 2008-10-17 policies, where `${...}` is literal text.
 * `wildcards` says whether `*` and `?` outside variables are wildcards (Resource, StringLike, ArnLike).
 */
export function compileTemplate(text: string, variables: boolean, wildcards: boolean): Template {
  const literal = (s: string): string => (wildcards ? encodeWildcards(s) : s);
  if (!variables || !text.includes("${")) return literal(text);
  const parts: (string | VariableRef)[] = [];
  let pending = "";
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("${", i);
    const close = open < 0 ? -1 : text.indexOf("}", open + 2);
    if (open < 0 || close < 0) {
      pending += literal(text.slice(i));
      break;
    }
    pending += literal(text.slice(i, open));
    const inner = text.slice(open + 2, close);
    if (inner === "*" || inner === "?" || inner === "$") {
      pending += inner; // a literal character, never a wildcard
    } else {
      const ref = parseVariable(inner);
      if (ref) {
        if (pending) parts.push(pending);
        pending = "";
        parts.push(ref);
      } else {
        pending += literal(text.slice(open, close + 1));
      }
    }
    i = close + 1;
  }
  if (pending) parts.push(pending);
  if (parts.length === 1 && typeof parts[0] === "string") return parts[0];
  if (parts.length === 0) return "";
  return parts;
}

function parseVariable(inner: string): VariableRef | undefined {
  const comma = inner.indexOf(",");
  const key = (comma < 0 ? inner : inner.slice(0, comma)).trim();
  if (!key || /\s/.test(key)) return undefined;
  if (comma < 0) return { key: key.toLowerCase() };
  const rest = inner.slice(comma + 1).trim();
  if (rest.length < 2 || !rest.startsWith("'") || !rest.endsWith("'")) return undefined;
  return { key: key.toLowerCase(), defaultValue: rest.slice(1, -1) };
}

export function isStatic(t: Template): t is string {
  return typeof t === "string";
}

/** Looks a (lower-cased) condition key up as a single string, or undefined when absent or multi-valued. */
export type VariableLookup = (key: string) => string | undefined;

/** The template's text for this request, or undefined when a variable cannot be resolved. */
export function resolveTemplate(t: Template, lookup: VariableLookup): string | undefined {
  if (typeof t === "string") return t;
  let out = "";
  for (const part of t) {
    if (typeof part === "string") {
      out += part;
      continue;
    }
    const v = lookup(part.key) ?? part.defaultValue;
    if (v === undefined) return undefined;
    out += v;
  }
  return out;
}
