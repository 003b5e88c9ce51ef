// The rewrites `terraform fmt` makes on top of hclwrite's layout (Terraform's command/fmt.go, 1.11):
//   - an argument whose whole value is one interpolation, `"${var.x}"`, becomes `var.x` (in every block body,
//     not inside object constructors), wrapped in parentheses when it spans lines;
//   - in a `variable` block, `type = "string"` / `"list"` / `"map"` become `string` / `list(string)` /
//     `map(string)`, and a bare `list` / `map` / `set` becomes `list(any)` / ...;
//   - block labels are written quoted and re-escaped, and comments before the last label are dropped.
// It works on a token list of a file known to parse, walking bodies by their brackets; it never throws on
// odd input, it just rewrites less.
import type { LayoutToken } from "./format-layout.js";
import { bracketChange, isNewline } from "./format-layout.js";
import { TokenKind } from "./token.js";

export function rewriteForTerraform(tokens: readonly LayoutToken[]): LayoutToken[] {
  const out: LayoutToken[] = [];
  const end = walkBody(tokens, 0, [], out);
  // EOF, whose gap is the file's trailing whitespace (kept as spaces), and whatever a stray `}` left.
  for (let i = end; i < tokens.length; i++) out.push(tokens[i]!);
  return out;
}

/** Copies one body to `out`, rewriting as it goes; returns the index of the body's closing brace (or EOF). */
function walkBody(tokens: readonly LayoutToken[], start: number, inBlocks: readonly string[], out: LayoutToken[]): number {
  let i = start;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === TokenKind.EOF || t.kind === TokenKind.CBrace) return i;
    if (t.kind !== TokenKind.Ident) {
      out.push(t);
      i++;
      continue;
    }
    const next = skipComments(tokens, i + 1);
    if (tokens[next]?.kind === TokenKind.Equal) i = walkAttribute(tokens, i, next, inBlocks, out);
    else i = walkBlock(tokens, i, inBlocks, out);
  }
  return i;
}

function walkAttribute(
  tokens: readonly LayoutToken[],
  nameAt: number,
  equalAt: number,
  inBlocks: readonly string[],
  out: LayoutToken[],
): number {
  for (let k = nameAt; k <= equalAt; k++) out.push(tokens[k]!);
  // The value runs to the end of the line at its own nesting depth, or to the brace closing a one-line block.
  let end = equalAt + 1;
  let depth = 0;
  for (; end < tokens.length; end++) {
    const t = tokens[end]!;
    if (t.kind === TokenKind.EOF) break;
    if (depth === 0 && isNewline(t)) break;
    const change = bracketChange(t);
    if (change < 0 && depth === 0) break;
    depth += change;
  }
  // Comments around the value are not part of it (hclwrite keeps them as separate nodes).
  let from = equalAt + 1;
  let to = end;
  while (from < to && tokens[from]!.kind === TokenKind.Comment) out.push(tokens[from++]!);
  while (to > from && tokens[to - 1]!.kind === TokenKind.Comment) to--;
  const expr = tokens.slice(from, to);
  const isVariableType = inBlocks.length === 1 && inBlocks[0] === "variable" && tokens[nameAt]!.text === "type";
  out.push(...(isVariableType ? rewriteTypeExpr(expr) : rewriteValueExpr(expr)));
  for (let k = to; k < end; k++) out.push(tokens[k]!);
  return end;
}

function walkBlock(tokens: readonly LayoutToken[], typeAt: number, inBlocks: readonly string[], out: LayoutToken[]): number {
  const type = tokens[typeAt]!;
  out.push(type);
  // Labels up to the opening brace; comments after the last label stay, the others go (as hclwrite's SetLabels).
  const labels: string[] = [];
  let afterLastLabel = typeAt + 1;
  let i = typeAt + 1;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === TokenKind.Ident) {
      labels.push(t.text);
      afterLastLabel = ++i;
    } else if (t.kind === TokenKind.OQuote) {
      let close = i + 1;
      while (close < tokens.length && tokens[close]!.kind !== TokenKind.CQuote && tokens[close]!.kind !== TokenKind.EOF) close++;
      const label = quotedLabel(tokens.slice(i + 1, close));
      if (label !== undefined) labels.push(label);
      afterLastLabel = i = close + 1;
    } else if (t.kind === TokenKind.Comment) {
      i++;
    } else {
      break;
    }
  }
  for (const label of labels) {
    out.push(
      { kind: TokenKind.OQuote, text: '"', spaces: 1 },
      ...(label === "" ? [] : [{ kind: TokenKind.QuotedLit, text: escapeQuoted(label), spaces: 0 }]),
      { kind: TokenKind.CQuote, text: '"', spaces: 0 },
    );
  }
  for (let k = afterLastLabel; k < i; k++) out.push(tokens[k]!);
  if (tokens[i]?.kind !== TokenKind.OBrace) return i; // not a block after all: leave the rest to the caller
  out.push(tokens[i]!);
  const close = walkBody(tokens, i + 1, [...inBlocks, type.text], out);
  if (tokens[close]?.kind === TokenKind.CBrace) {
    out.push(tokens[close]!);
    return close + 1;
  }
  return close;
}

function skipComments(tokens: readonly LayoutToken[], i: number): number {
  while (tokens[i]?.kind === TokenKind.Comment && !isNewline(tokens[i]!)) i++;
  return i;
}

/** The value of a quoted label, or undefined where hclwrite cannot read one (and so drops the label). */
function quotedLabel(inner: readonly LayoutToken[]): string | undefined {
  if (inner.length === 0) return "";
  if (inner.length !== 1 || inner[0]!.kind !== TokenKind.QuotedLit) return undefined;
  const text = inner[0]!.text;
  // hclsyntax lexes `$${` and `%%{` as literal tokens of their own, which hclwrite does not read as a label.
  if (text.includes("$${") || text.includes("%%{")) return undefined;
  return unescapeQuoted(text);
}

function unescapeQuoted(text: string): string | undefined {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = text[++i];
    if (e === "n") out += "\n";
    else if (e === "r") out += "\r";
    else if (e === "t") out += "\t";
    else if (e === '"') out += '"';
    else if (e === "\\") out += "\\";
    else if (e === "u" || e === "U") {
      const len = e === "u" ? 4 : 8;
      const hex = text.slice(i + 1, i + 1 + len);
      if (hex.length !== len || !/^[0-9A-Fa-f]+$/.test(hex)) return undefined;
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
      out += String.fromCodePoint(cp);
      i += len;
    } else return undefined;
  }
  return out;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** A string as hclwrite writes a quoted literal: escapes, doubled template introducers, \u for unprintables. */
export function escapeQuoted(s: string): string {
  let out = "";
  const chars = Array.from(s);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    switch (c) {
      case "\n":
        out += "\\n";
        break;
      case "\r":
        out += "\\r";
        break;
      case "\t":
        out += "\\t";
        break;
      case '"':
        out += '\\"';
        break;
      case "\\":
        out += "\\\\";
        break;
      case "$":
      case "%":
        out += chars[i + 1] === "{" ? c + c : c;
        break;
      default:
        if (PRINTABLE.test(c)) out += c;
        else {
          const cp = c.codePointAt(0)!;
          out += cp < 0x10000 ? "\\u" + cp.toString(16).padStart(4, "0") : "\\U" + cp.toString(16).padStart(8, "0");
        }
    }
  }
  return out;
}

/** `"${expr}"` becomes `expr` when the template is nothing but that one interpolation. */
function rewriteValueExpr(tokens: LayoutToken[]): LayoutToken[] {
  if (tokens.length < 5) return tokens;
  const n = tokens.length;
  if (
    tokens[0]!.kind !== TokenKind.OQuote ||
    tokens[1]!.kind !== TokenKind.TemplateInterp ||
    tokens[n - 2]!.kind !== TokenKind.TemplateSeqEnd ||
    tokens[n - 1]!.kind !== TokenKind.CQuote
  ) {
    return tokens;
  }
  const inside = tokens.slice(2, n - 2);
  let quotes = 0;
  for (const t of inside) {
    if (t.kind === TokenKind.OQuote) quotes++;
    else if (t.kind === TokenKind.CQuote) quotes--;
    else if (quotes > 0) continue; // a nested template: "${foo("${bar}")}"
    else if (t.kind === TokenKind.TemplateInterp || t.kind === TokenKind.TemplateSeqEnd) return tokens; // "${a}${b}"
    else if (t.kind === TokenKind.QuotedLit) return tokens; // "${a}-"
  }
  let from = 0;
  let to = inside.length;
  while (from < to && inside[from]!.kind === TokenKind.Newline) from++;
  while (to > from && inside[to - 1]!.kind === TokenKind.Newline) to--;
  const trimmed = inside.slice(from, to);
  // A value spanning lines needs parentheses to stay one expression once the quotes are gone.
  const multiLine = trimmed.some((t) => t.kind === TokenKind.Newline);
  const parenthesized = trimmed[0]?.kind === TokenKind.OParen && trimmed[trimmed.length - 1]?.kind === TokenKind.CParen;
  if (multiLine && !parenthesized) {
    return [
      { kind: TokenKind.OParen, text: "(", spaces: 0 },
      ...trimmed,
      { kind: TokenKind.CParen, text: ")", spaces: 0 },
    ];
  }
  return trimmed;
}

/** Legacy and shorthand type constraints of a variable, in their modern spelling. */
function rewriteTypeExpr(tokens: LayoutToken[]): LayoutToken[] {
  const ident = (text: string): LayoutToken => ({ kind: TokenKind.Ident, text, spaces: 0 });
  const call = (name: string, arg: string): LayoutToken[] => [
    ident(name),
    { kind: TokenKind.OParen, text: "(", spaces: 0 },
    ident(arg),
    { kind: TokenKind.CParen, text: ")", spaces: 0 },
  ];
  if (tokens.length === 1) {
    const t = tokens[0]!;
    if (t.kind === TokenKind.Ident && (t.text === "list" || t.text === "map" || t.text === "set")) return call(t.text, "any");
    return tokens;
  }
  if (
    tokens.length === 3 &&
    tokens[0]!.kind === TokenKind.OQuote &&
    tokens[1]!.kind === TokenKind.QuotedLit &&
    tokens[2]!.kind === TokenKind.CQuote
  ) {
    // Terraform 0.11's quoted types converted strings implicitly, so their collections become of string.
    switch (tokens[1]!.text) {
      case "string":
        return [ident("string")];
      case "list":
      case "map":
        return call(tokens[1]!.text, "string");
    }
  }
  return tokens;
}
