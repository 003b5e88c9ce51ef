// ARN matching as IAM does it for Resource/NotResource and the Arn* condition operators: the six
// colon-separated parts (arn:partition:service:region:account:resource) are matched one by one, so a wildcard
// in one part never swallows a colon into the next; the last part (the resource) runs to the end of the ARN
// and may itself contain colons. Matching is case-sensitive.
import { globMatch, STAR } from "./glob.js";

const ARN_PARTS = 6;

/** Offsets of the first five colons of `s` (or fewer when `s` has fewer). */
function colonOffsets(s: string, out: number[]): number {
  let n = 0;
  let i = s.indexOf(":");
  while (i >= 0 && n < ARN_PARTS - 1) {
    out[n++] = i;
    i = s.indexOf(":", i + 1);
  }
  return n;
}

const pCols: number[] = [0, 0, 0, 0, 0];

/** An ARN split once, for matching against many patterns (the request's resource). */
export interface PreparedArn {
  readonly text: string;
  readonly cols: readonly number[];
  readonly parts: number;
}

export function prepareArn(arn: string): PreparedArn {
  const cols = [0, 0, 0, 0, 0];
  return { text: arn, cols, parts: colonOffsets(arn, cols) };
}

/**
 * Matches an encoded pattern (see glob.ts) against an ARN. A pattern that is just `*` matches anything,
 * including the "*" that stands for "no resource". A pattern that is not an ARN (no colon) is matched as a
 * whole string. A pattern with fewer parts than an ARN has its last part matched against the rest of the ARN.
 */
export function arnMatch(pattern: string, arn: string | PreparedArn): boolean {
  if (pattern === STAR) return true;
  const target = typeof arn === "string" ? prepareArn(arn) : arn;
  const text = target.text;
  const pn = colonOffsets(pattern, pCols);
  if (pn === 0) return globMatch(pattern, text);
  const tCols = target.cols;
  if (target.parts < pn) return false;
  let pFrom = 0;
  let tFrom = 0;
  for (let i = 0; i < pn; i++) {
    if (!globMatch(pattern, text, pFrom, pCols[i]!, tFrom, tCols[i]!)) return false;
    pFrom = pCols[i]! + 1;
    tFrom = tCols[i]! + 1;
  }
  return globMatch(pattern, text, pFrom, pattern.length, tFrom, text.length);
}
