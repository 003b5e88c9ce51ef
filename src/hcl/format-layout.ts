// The layout passes of `terraform fmt`, after hashicorp/hcl's hclwrite formatter: they change only the
// whitespace between tokens. A line is cut into up to three cells (lead, assign from the `=`, trailing comment);
// then three passes: indent each line by its bracket nesting, set the spaces between neighbouring tokens by a
// table of rules, and align the `=` and trailing-comment cells of consecutive lines.
//
// Tokens here are hclsyntax's tokens (see token.ts) with their text and the number of spaces written before
// them. A `#` or `//` comment carries its own newline, and a heredoc's body sits inside one "line" because its
// literal tokens are not newline tokens: that is why heredoc bodies are never re-indented.
import { TokenKind } from "./token.js";

export interface LayoutToken {
  kind: TokenKind;
  text: string;
  /** Spaces written before the token; every gap inside a line is rewritten, only the one before EOF is kept. */
  spaces: number;
}

interface Line {
  lead: LayoutToken[];
  assign: LayoutToken[] | undefined;
  comment: LayoutToken[] | undefined;
}

// hclwrite passes a "nil" token where a neighbour is missing; EOF never sits inside a line, so it can stand in.
const NIL: LayoutToken = { kind: TokenKind.EOF, text: "", spaces: 0 };

/** Rewrites the `spaces` of the tokens in place. The token list ends with EOF (or is a fragment without one). */
export function layout(tokens: LayoutToken[]): void {
  const lines = linesOf(tokens);
  formatIndent(lines);
  formatSpaces(lines);
  formatCells(lines);
}

export function isNewline(t: LayoutToken): boolean {
  if (t.kind === TokenKind.Newline) return true;
  // `#` and `//` comments consume their line's newline.
  return t.kind === TokenKind.Comment && t.text.endsWith("\n");
}

export function bracketChange(t: LayoutToken): number {
  switch (t.kind) {
    case TokenKind.OBrace:
    case TokenKind.OBrack:
    case TokenKind.OParen:
    case TokenKind.TemplateControl:
    case TokenKind.TemplateInterp:
      return 1;
    case TokenKind.CBrace:
    case TokenKind.CBrack:
    case TokenKind.CParen:
    case TokenKind.TemplateSeqEnd:
      return -1;
    default:
      return 0;
  }
}

function linesOf(tokens: LayoutToken[]): Line[] {
  const lines: Line[] = [];
  let lineStart = 0;
  let i = 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === TokenKind.EOF) break;
    if (isNewline(t)) {
      lines.push({ lead: tokens.slice(lineStart, i + 1), assign: undefined, comment: undefined });
      lineStart = i + 1;
    }
  }
  lines.push({ lead: tokens.slice(lineStart, i), assign: undefined, comment: undefined });

  for (const line of lines) {
    const lead = line.lead;
    if (lead.length === 0) continue;
    if (lead.length > 1 && lead[lead.length - 1]!.kind === TokenKind.Comment) {
      line.comment = lead.slice(lead.length - 1);
      line.lead = lead.slice(0, lead.length - 1);
    }
    // Only the first `=` of a line can start an assign cell, and only when what follows it closes every
    // bracket it opens: a net opener means a multi-line value follows, which must not join an alignment run.
    for (let k = 1; k < line.lead.length; k++) {
      if (line.lead[k]!.kind !== TokenKind.Equal) continue;
      let net = 0;
      for (let m = k; m < line.lead.length; m++) net += bracketChange(line.lead[m]!);
      if (net === 0) {
        line.assign = line.lead.slice(k);
        line.lead = line.lead.slice(0, k);
      }
      break;
    }
  }
  return lines;
}

function formatIndent(lines: Line[]): void {
  // A stack of how many brackets each indented line opened, so that lines whose brackets are not symmetrical
  // (`[1, 2,` ... `3]`) move the indent by one level, not by their raw count.
  const indents: number[] = [];
  for (const line of lines) {
    const first = line.lead[0];
    if (!first) continue;
    if (first.kind === TokenKind.Newline) {
      first.spaces = 0;
      continue;
    }
    let net = 0;
    for (const t of line.lead) {
      net += bracketChange(t);
      if (t.kind === TokenKind.OHeredoc) break;
    }
    for (const t of line.assign ?? []) net += bracketChange(t);

    if (net > 0) {
      first.spaces = 2 * indents.length;
      indents.push(net);
    } else {
      let closed = -net;
      while (closed > 0 && indents.length > 0) {
        const top = indents[indents.length - 1]!;
        if (closed > top) {
          closed -= top;
          indents.pop();
        } else if (closed < top) {
          indents[indents.length - 1] = top - closed;
          closed = 0;
        } else {
          indents.pop();
          closed = 0;
        }
      }
      first.spaces = 2 * indents.length;
    }
  }
}

function formatSpaces(lines: Line[]): void {
  for (const line of lines) {
    spaceCell(line.lead);
    if (line.assign) {
      // The `=` is always one space away from what it assigns; formatCells may widen that.
      line.assign[0]!.spaces = 1;
      spaceCell(line.assign);
    }
  }
}

function spaceCell(cell: LayoutToken[]): void {
  for (let i = 0; i + 1 < cell.length; i++) {
    const before = i > 0 ? cell[i - 1]! : NIL;
    const after = cell[i + 1]!;
    after.spaces = spaceAfter(cell[i]!, before, after) ? 1 : 0;
  }
}

function formatCells(lines: Line[]): void {
  alignCells(
    lines,
    (l) => l.assign,
    (l) => columns(l.lead),
  );
  alignCells(
    lines,
    (l) => l.comment,
    (l) => columns(l.lead) + columns(l.assign ?? []),
  );
}

/** Aligns a cell across each run of consecutive lines that have it, one space past the widest text before it. */
function alignCells(lines: Line[], cellOf: (l: Line) => LayoutToken[] | undefined, widthBefore: (l: Line) => number): void {
  let start = -1;
  let max = 0;
  const close = (end: number) => {
    for (let k = start; k < end; k++) {
      const l = lines[k]!;
      cellOf(l)![0]!.spaces = max - widthBefore(l) + 1;
    }
    start = -1;
    max = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!cellOf(l)) {
      if (start !== -1) close(i);
      continue;
    }
    if (start === -1) start = i;
    max = Math.max(max, widthBefore(l));
  }
  if (start !== -1) close(lines.length);
}

let segmenter: Intl.Segmenter | undefined;

/** Width in columns: the spaces plus the grapheme clusters of each token's text, as hclwrite counts it. */
function columns(cell: readonly LayoutToken[]): number {
  let n = 0;
  for (const t of cell) {
    n += t.spaces;
    if (isAscii(t.text)) n += t.text.length;
    else {
      segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
      for (const _ of segmenter.segment(t.text)) n++;
    }
  }
  return n;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Whether `subject` is followed by a space, given its neighbours; the order of the cases matters. */
function spaceAfter(subject: LayoutToken, before: LayoutToken, after: LayoutToken): boolean {
  const s = subject.kind;
  const a = after.kind;
  if (a === TokenKind.Newline || after === NIL) return false;
  if (s === TokenKind.Ident && a === TokenKind.OParen) return false; // a call: foo(
  if ((s === TokenKind.Ident && a === TokenKind.DoubleColon) || (s === TokenKind.DoubleColon && a === TokenKind.Ident)) {
    return false; // provider::aws::fn
  }
  if (s === TokenKind.Dot || a === TokenKind.Dot) return false;
  if (a === TokenKind.Comma || a === TokenKind.Ellipsis) return false;
  if (s === TokenKind.Comma) return true;
  if (
    s === TokenKind.QuotedLit ||
    s === TokenKind.StringLit ||
    s === TokenKind.OQuote ||
    s === TokenKind.OHeredoc ||
    a === TokenKind.QuotedLit ||
    a === TokenKind.StringLit ||
    a === TokenKind.CQuote ||
    a === TokenKind.CHeredoc
  ) {
    return false; // the literal parts of a template keep their own spacing
  }
  // `for x in [a, b]`: the keyword, not a reference indexed by a tuple.
  if (s === TokenKind.Ident && subject.text === "in" && before.kind === TokenKind.Ident) return true;
  if (a === TokenKind.OBrack && (s === TokenKind.Ident || s === TokenKind.NumberLit || bracketChange(subject) < 0)) {
    return false;
  }
  if (s === TokenKind.Bang) return false;
  if (s === TokenKind.Minus) return !looksLikeNegation(before.kind, before === NIL);
  if (s === TokenKind.OBrace || a === TokenKind.CBrace) {
    return !(s === TokenKind.OBrace && a === TokenKind.CBrace); // { a = 1 } but {}
  }
  if ((s === TokenKind.TemplateInterp || s === TokenKind.TemplateControl) && a === TokenKind.OBrace) return true;
  if (s === TokenKind.CBrace && a === TokenKind.TemplateSeqEnd) return true;
  if (s === TokenKind.TemplateSeqEnd && (a === TokenKind.TemplateInterp || a === TokenKind.TemplateControl)) return false;
  if (bracketChange(subject) > 0) return false;
  if (bracketChange(after) < 0) return false;
  return true;
}

/** A minus is taken as negation when the token before it cannot end an expression. */
function looksLikeNegation(before: TokenKind, atStart: boolean): boolean {
  if (atStart) return true;
  switch (before) {
    case TokenKind.OParen:
    case TokenKind.OBrace:
    case TokenKind.OBrack:
    case TokenKind.Equal:
    case TokenKind.Colon:
    case TokenKind.Comma:
    case TokenKind.Question:
    case TokenKind.Plus:
    case TokenKind.Star:
    case TokenKind.Slash:
    case TokenKind.Percent:
    case TokenKind.Minus:
    case TokenKind.EqualOp:
    case TokenKind.NotEqual:
    case TokenKind.GreaterThan:
    case TokenKind.GreaterThanEq:
    case TokenKind.LessThan:
    case TokenKind.LessThanEq:
    case TokenKind.And:
    case TokenKind.Or:
    case TokenKind.Bang:
      return true;
    default:
      return false;
  }
}
