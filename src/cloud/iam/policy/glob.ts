// IAM's wildcard matching: `*` (any run of characters, including none) and `?` (exactly one character), and
// nothing else. Every other character is literal, so the `.`, `+`, `(` and `[` that appear in real ARNs
// (bucket names, paths, instance ids) match only themselves, unlike a pattern turned into a RegExp.
//
// A pattern is compiled once, when its policy is stored, into an "encoded" string in which the two wildcards
// are private-use code points. That keeps a literal `*` or `?` (written `${*}` / `${?}` in a 2012-10-17 policy,
// or substituted from a variable's value) apart from the wildcards, with no array of tokens to allocate.

/** Wildcard `*` in an encoded pattern. */
export const STAR = "\uE000";
/** Wildcard `?` in an encoded pattern. */
export const QMARK = "\uE001";
const STAR_CODE = 0xe000;
const QMARK_CODE = 0xe001;

/** Encodes a policy string whose `*` and `?` are wildcards. */
export function encodeWildcards(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 /* * */ || c === 63 /* ? */) {
      out += text.slice(from, i) + (c === 42 ? STAR : QMARK);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

export function hasWildcard(encoded: string): boolean {
  return encoded.includes(STAR) || encoded.includes(QMARK);
}

/**
 * Does `text` match the encoded pattern over the ranges given? Classic two-pointer matching with one
 * backtrack point (the last `*`): linear for the patterns policies use, never exponential.
 */
export function globMatch(pattern: string, text: string, pStart = 0, pEnd = pattern.length, tStart = 0, tEnd = text.length): boolean {
  let p = pStart;
  let t = tStart;
  let starP = -1;
  let starT = 0;
  while (t < tEnd) {
    if (p < pEnd) {
      const pc = pattern.charCodeAt(p);
      if (pc === STAR_CODE) {
        starP = p++;
        starT = t;
        continue;
      }
      if (pc === QMARK_CODE || pc === text.charCodeAt(t)) {
        p++;
        t++;
        continue;
      }
    }
    if (starP < 0) return false;
    p = starP + 1;
    t = ++starT;
  }
  while (p < pEnd && pattern.charCodeAt(p) === STAR_CODE) p++;
  return p === pEnd;
}

/** A compiled pattern: the cheap shapes (everything, exact text, prefix*) are told apart once, up front. */
export interface Glob {
  readonly kind: "any" | "exact" | "prefix" | "glob";
  /** Encoded pattern (for "prefix", without its trailing `*`). */
  readonly text: string;
}

export function compileGlob(encoded: string): Glob {
  if (encoded === STAR) return { kind: "any", text: encoded };
  if (!hasWildcard(encoded)) return { kind: "exact", text: encoded };
  const body = encoded.slice(0, -1);
  if (encoded.endsWith(STAR) && !hasWildcard(body)) return { kind: "prefix", text: body };
  return { kind: "glob", text: encoded };
}

export function matchGlob(g: Glob, text: string): boolean {
  switch (g.kind) {
    case "any":
      return true;
    case "exact":
      return g.text === text;
    case "prefix":
      return text.startsWith(g.text);
    case "glob":
      return globMatch(g.text, text);
  }
}

/** Matches a plain policy string (wildcards live) against text; for one-off uses such as StringLike values. */
export function wildcardMatch(pattern: string, text: string): boolean {
  return globMatch(encodeWildcards(pattern), text);
}
