// The HCL native-syntax lexer: one reusable scanner that switches on char codes, after hclsyntax's
// scan_tokens.rl. It never fails: anything it cannot use becomes an Invalid/BadUTF8 token, and
// checkInvalidTokens turns the forbidden tokens into Terraform's diagnostics.
//
// Modes nest like hclsyntax's fcall/fret: normal code, quoted templates ("..."), heredoc templates and bare
// templates (a whole input that is a template, as for strings of .tf.json). `${` and `%{` inside a template
// enter normal code until the matching `}`; braces opened inside count so `${ {a=1}.a }` closes correctly.
import { error, type Diagnostic } from "../diag/diagnostic.js";
import { range, type SourceFile } from "./source.js";
import { TokenFlags, TokenKind, type Token } from "./token.js";

export type LexMode = "config" | "template";

export interface LexResult {
  tokens: Token[];
  diagnostics: Diagnostic[];
}

/**
 * Tokens packed into parallel arrays (no object per token), as the parser reads them: token i is
 * kinds[i], starts[i], ends[i], flags[i], for i < count. The last token is always EOF.
 */
export interface TokenBuffer {
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  readonly count: number;
}

/** Lexes a whole file (or, with mode "template", a bare template) and checks for forbidden tokens. */
export function lex(file: SourceFile, mode: LexMode = "config"): LexResult {
  const { buffer, diagnostics } = lexPacked(file, mode);
  const tokens: Token[] = new Array<Token>(buffer.count);
  for (let i = 0; i < buffer.count; i++) {
    tokens[i] = { kind: buffer.kinds[i]!, start: buffer.starts[i]!, end: buffer.ends[i]!, flags: buffer.flags[i]! };
  }
  return { tokens, diagnostics };
}

/** As lex, but the tokens stay packed: what the parser uses, since a large file has millions of tokens. */
export function lexPacked(file: SourceFile, mode: LexMode = "config"): { buffer: TokenBuffer; diagnostics: Diagnostic[] } {
  const buffer = sharedLexer.tokenize(file, mode);
  return { buffer, diagnostics: checkInvalidTokens(file, buffer) };
}

// Character codes used by the scanner.
const enum Ch {
  Tab = 9,
  LF = 10,
  CR = 13,
  Space = 32,
  Bang = 33,
  Quote = 34,
  Hash = 35,
  Dollar = 36,
  Percent = 37,
  Amp = 38,
  Apostrophe = 39,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  D0 = 48,
  D9 = 57,
  Colon = 58,
  Semicolon = 59,
  Lt = 60,
  Eq = 61,
  Gt = 62,
  Question = 63,
  UpperA = 65,
  UpperE = 69,
  UpperZ = 90,
  LBrack = 91,
  Backslash = 92,
  RBrack = 93,
  Caret = 94,
  Underscore = 95,
  Backtick = 96,
  LowerA = 97,
  LowerE = 101,
  LowerZ = 122,
  LBrace = 123,
  Pipe = 124,
  RBrace = 125,
  Tilde = 126,
  BOM = 0xfeff,
  Replacement = 0xfffd,
}

const enum Mode {
  Normal,
  Quoted,
  Heredoc,
  Bare,
}

const ID_START = /^\p{ID_Start}$/u;
const ID_CONTINUE = /^\p{ID_Continue}$/u;

function isAsciiIdentStart(c: number): boolean {
  return (c >= Ch.LowerA && c <= Ch.LowerZ) || (c >= Ch.UpperA && c <= Ch.UpperZ) || c === Ch.Underscore;
}

function isDigit(c: number): boolean {
  return c >= Ch.D0 && c <= Ch.D9;
}

interface Heredoc {
  markerStart: number;
  markerEnd: number;
  startOfLine: boolean;
}

export class Lexer {
  private text = "";
  private len = 0;
  private pos = 0;
  private kinds = new Uint8Array(0);
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  private flagBits = new Uint8Array(0);
  private count = 0;
  /** Innermost mode last. Normal mode inside a template means "inside ${...} or %{...}". */
  private modes: Mode[] = [];
  private braces = 0;
  /** Brace depths at which a `}` closes a template sequence rather than an object or block. */
  private retBraces: number[] = [];
  private heredocs: Heredoc[] = [];

  /** Prepares to scan `file`; the lexer keeps no text after tokenize returns. */
  reset(file: SourceFile, mode: LexMode): void {
    this.text = file.text;
    this.len = file.text.length;
    this.pos = this.len > 0 && this.text.charCodeAt(0) === Ch.BOM ? 1 : 0;
    // Most tokens are at least three characters apart once spaces are counted; grow if not.
    this.allocate(Math.max(64, (this.len >> 2) + 16));
    this.count = 0;
    this.modes = [mode === "template" ? Mode.Bare : Mode.Normal];
    this.braces = 0;
    this.retBraces = [];
    this.heredocs = [];
  }

  private allocate(capacity: number): void {
    const kinds = new Uint8Array(capacity);
    const starts = new Int32Array(capacity);
    const ends = new Int32Array(capacity);
    const flags = new Uint8Array(capacity);
    const n = Math.min(this.count, capacity);
    kinds.set(this.kinds.subarray(0, n));
    starts.set(this.starts.subarray(0, n));
    ends.set(this.ends.subarray(0, n));
    flags.set(this.flagBits.subarray(0, n));
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
    this.flagBits = flags;
  }

  tokenize(file: SourceFile, mode: LexMode): TokenBuffer {
    this.reset(file, mode);
    const modes = this.modes;
    while (this.pos < this.len) {
      switch (modes[modes.length - 1]) {
        case Mode.Normal:
          this.scanNormal();
          break;
        case Mode.Quoted:
          this.scanQuoted();
          break;
        case Mode.Heredoc:
          this.scanHeredoc();
          break;
        default:
          this.scanBare();
      }
    }
    this.emit(TokenKind.EOF, this.len, this.len, TokenFlags.None);
    const buffer: TokenBuffer = { kinds: this.kinds, starts: this.starts, ends: this.ends, flags: this.flagBits, count: this.count };
    // The buffer now belongs to the caller; keep nothing of this file.
    this.text = "";
    this.kinds = new Uint8Array(0);
    this.starts = new Int32Array(0);
    this.ends = new Int32Array(0);
    this.flagBits = new Uint8Array(0);
    this.count = 0;
    this.modes = [];
    this.heredocs = [];
    this.retBraces = [];
    return buffer;
  }

  private emit(kind: TokenKind, start: number, end: number, flags: TokenFlags): void {
    const i = this.count;
    if (i === this.kinds.length) this.allocate(i * 2);
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.ends[i] = end;
    this.flagBits[i] = flags;
    this.count = i + 1;
  }

  private at(i: number): number {
    return i < this.len ? this.text.charCodeAt(i) : -1;
  }

  // ---- normal code ----

  private scanNormal(): void {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    const c1 = this.at(start + 1);
    switch (c) {
      case Ch.Space:
      case Ch.Tab: {
        let p = start + 1;
        while (p < this.len) {
          const d = text.charCodeAt(p);
          if (d !== Ch.Space && d !== Ch.Tab) break;
          p++;
        }
        this.pos = p;
        return;
      }
      case Ch.LF:
        return this.single(TokenKind.Newline, 1);
      case Ch.CR:
        if (c1 === Ch.LF) return this.single(TokenKind.Newline, 2);
        return this.single(TokenKind.Invalid, 1);
      case Ch.Hash:
        return this.lineComment(start + 1);
      case Ch.Slash:
        if (c1 === Ch.Slash) return this.lineComment(start + 2);
        if (c1 === Ch.Star) return this.blockComment();
        return this.single(TokenKind.Slash, 1);
      case Ch.LBrace:
        this.braces++;
        return this.single(TokenKind.OBrace, 1);
      case Ch.RBrace:
        return this.closeBrace(1, TokenFlags.None);
      case Ch.Tilde:
        if (c1 === Ch.RBrace) return this.closeBrace(2, TokenFlags.StripRight);
        return this.single(TokenKind.BitwiseNot, 1);
      case Ch.LBrack:
        return this.single(TokenKind.OBrack, 1);
      case Ch.RBrack:
        return this.single(TokenKind.CBrack, 1);
      case Ch.LParen:
        return this.single(TokenKind.OParen, 1);
      case Ch.RParen:
        return this.single(TokenKind.CParen, 1);
      case Ch.Comma:
        return this.single(TokenKind.Comma, 1);
      case Ch.Dot:
        if (c1 === Ch.Dot && this.at(start + 2) === Ch.Dot) return this.single(TokenKind.Ellipsis, 3);
        return this.single(TokenKind.Dot, 1);
      case Ch.Colon:
        return c1 === Ch.Colon ? this.single(TokenKind.DoubleColon, 2) : this.single(TokenKind.Colon, 1);
      case Ch.Question:
        return this.single(TokenKind.Question, 1);
      case Ch.Eq:
        if (c1 === Ch.Eq) return this.single(TokenKind.EqualOp, 2);
        if (c1 === Ch.Gt) return this.single(TokenKind.FatArrow, 2);
        return this.single(TokenKind.Equal, 1);
      case Ch.Bang:
        return c1 === Ch.Eq ? this.single(TokenKind.NotEqual, 2) : this.single(TokenKind.Bang, 1);
      case Ch.Lt:
        if (c1 === Ch.Eq) return this.single(TokenKind.LessThanEq, 2);
        if (c1 === Ch.Lt && this.heredocIntro()) return;
        return this.single(TokenKind.LessThan, 1);
      case Ch.Gt:
        return c1 === Ch.Eq ? this.single(TokenKind.GreaterThanEq, 2) : this.single(TokenKind.GreaterThan, 1);
      case Ch.Plus:
        return this.single(TokenKind.Plus, 1);
      case Ch.Minus:
        return this.single(TokenKind.Minus, 1);
      case Ch.Star:
        // hclsyntax's scanner has no "**" rule (so Terraform says "Invalid expression" at the second "*"); nor do we.
        return this.single(TokenKind.Star, 1);
      case Ch.Percent:
        return this.single(TokenKind.Percent, 1);
      case Ch.Amp:
        return c1 === Ch.Amp ? this.single(TokenKind.And, 2) : this.single(TokenKind.BitwiseAnd, 1);
      case Ch.Pipe:
        return c1 === Ch.Pipe ? this.single(TokenKind.Or, 2) : this.single(TokenKind.BitwiseOr, 1);
      case Ch.Caret:
        return this.single(TokenKind.BitwiseXor, 1);
      case Ch.Apostrophe:
        return this.single(TokenKind.Apostrophe, 1);
      case Ch.Backtick:
        return this.single(TokenKind.Backtick, 1);
      case Ch.Semicolon:
        return this.single(TokenKind.Semicolon, 1);
      case Ch.Quote:
        this.modes.push(Mode.Quoted);
        return this.single(TokenKind.OQuote, 1);
    }
    if (isDigit(c)) return this.number();
    if (isAsciiIdentStart(c)) return this.ident(start + 1);
    if (c >= 0x80) {
      const cp = text.codePointAt(start)!;
      const width = cp > 0xffff ? 2 : 1;
      if (isBadCodeUnit(text, start)) return this.single(TokenKind.BadUTF8, 1);
      if (ID_START.test(String.fromCodePoint(cp))) return this.ident(start + width);
      return this.single(TokenKind.Invalid, width);
    }
    return this.single(TokenKind.Invalid, 1);
  }

  private single(kind: TokenKind, width: number): void {
    const start = this.pos;
    this.pos = start + width;
    this.emit(kind, start, start + width, TokenFlags.None);
  }

  private closeBrace(width: number, flags: TokenFlags): void {
    const start = this.pos;
    const rb = this.retBraces;
    if (rb.length > 0 && rb[rb.length - 1] === this.braces) {
      rb.pop();
      this.braces--;
      this.modes.pop();
      this.pos = start + width;
      this.emit(TokenKind.TemplateSeqEnd, start, start + width, flags);
      return;
    }
    this.braces--;
    this.pos = start + width;
    // A stray `~}` is still a TemplateSeqEnd, so the parser can say the `~` does not belong on a brace.
    this.emit(width === 2 ? TokenKind.TemplateSeqEnd : TokenKind.CBrace, start, start + width, flags);
  }

  /** `#` or `//` comments run to and include the end of the line. */
  private lineComment(from: number): void {
    const text = this.text;
    const start = this.pos;
    let p = from;
    while (p < this.len) {
      const c = text.charCodeAt(p);
      if (c === Ch.LF) {
        p++;
        break;
      }
      if (c === Ch.CR && p + 1 < this.len && text.charCodeAt(p + 1) === Ch.LF) {
        p += 2;
        break;
      }
      p++;
    }
    this.pos = p;
    this.emit(TokenKind.Comment, start, p, TokenFlags.None);
  }

  private blockComment(): void {
    const start = this.pos;
    const close = this.text.indexOf("*/", start + 2);
    if (close < 0) {
      this.pos = this.len;
      this.emit(TokenKind.Comment, start, this.len, TokenFlags.Unterminated);
      return;
    }
    this.pos = close + 2;
    this.emit(TokenKind.Comment, start, close + 2, TokenFlags.None);
  }

  /** HCL numbers: digits, then digits, dots and exponents, never ending in a dot ("1.2.3" is one token, as in hclsyntax). */
  private number(): void {
    const start = this.pos;
    let p = start + 1;
    for (;;) {
      const c = this.at(p);
      if (isDigit(c)) {
        p++;
      } else if (c === Ch.Dot) {
        let q = p;
        while (this.at(q) === Ch.Dot) q++;
        const n = this.exponentLength(q);
        if (isDigit(this.at(q))) p = q + 1;
        else if (n > 0) p = q + n;
        else break;
      } else if (c === Ch.LowerE || c === Ch.UpperE) {
        const n = this.exponentLength(p);
        if (n === 0) break;
        p += n;
      } else {
        break;
      }
    }
    this.pos = p;
    this.emit(TokenKind.NumberLit, start, p, TokenFlags.None);
  }

  /** Length of `e5`, `E+5`, `e-5` at p (through the first digit), or 0. */
  private exponentLength(p: number): number {
    const c = this.at(p);
    if (c !== Ch.LowerE && c !== Ch.UpperE) return 0;
    const d = this.at(p + 1);
    if (isDigit(d)) return 2;
    if ((d === Ch.Plus || d === Ch.Minus) && isDigit(this.at(p + 2))) return 3;
    return 0;
  }

  /** An identifier continues with letters, digits, `_` and `-`. */
  private ident(from: number): void {
    const start = this.pos;
    const p = this.identEnd(from);
    this.pos = p;
    this.emit(TokenKind.Ident, start, p, TokenFlags.None);
  }

  private identEnd(from: number): number {
    const text = this.text;
    let p = from;
    while (p < this.len) {
      const c = text.charCodeAt(p);
      if (isAsciiIdentStart(c) || isDigit(c) || c === Ch.Minus) {
        p++;
        continue;
      }
      if (c < 0x80 || isBadCodeUnit(text, p)) break;
      const cp = text.codePointAt(p)!;
      if (!ID_CONTINUE.test(String.fromCodePoint(cp))) break;
      p += cp > 0xffff ? 2 : 1;
    }
    return p;
  }

  /** `<<EOT\n` or `<<-EOT\n` at pos; returns false (scanning nothing) when it is not a heredoc introducer. */
  private heredocIntro(): boolean {
    const start = this.pos;
    let p = start + 2;
    let flags = TokenFlags.None;
    if (this.at(p) === Ch.Minus) {
      flags = TokenFlags.FlushHeredoc;
      p++;
    }
    const markerStart = p;
    const c = this.at(p);
    if (isAsciiIdentStart(c)) p = this.identEnd(p + 1);
    else if (c >= 0x80 && !isBadCodeUnit(this.text, p)) {
      const cp = this.text.codePointAt(p)!;
      if (!ID_START.test(String.fromCodePoint(cp))) return false;
      p = this.identEnd(p + (cp > 0xffff ? 2 : 1));
    } else return false;
    const markerEnd = p;
    if (this.at(p) === Ch.CR) p++;
    if (this.at(p) !== Ch.LF) return false;
    p++;
    this.pos = p;
    this.emit(TokenKind.OHeredoc, start, p, flags);
    this.heredocs.push({ markerStart, markerEnd, startOfLine: true });
    this.modes.push(Mode.Heredoc);
    return true;
  }

  /** `${`/`%{` (with optional `~`) at pos, entering normal code until the matching `}`. */
  private beginSequence(kind: TokenKind): void {
    const start = this.pos;
    let end = start + 2;
    let flags = TokenFlags.None;
    if (this.at(end) === Ch.Tilde) {
      end++;
      flags = TokenFlags.StripLeft;
    }
    this.pos = end;
    this.emit(kind, start, end, flags);
    this.braces++;
    this.retBraces.push(this.braces);
    if (this.heredocs.length > 0) this.heredocs[this.heredocs.length - 1]!.startOfLine = false;
    this.modes.push(Mode.Normal);
  }

  /**
   * If a template sequence starts at p, its kind; escapes (`$${`, `%%{`) are not sequences.
   * Returns 0 (EOF, never a sequence kind) when there is none.
   */
  private sequenceAt(p: number): TokenKind {
    const c = this.text.charCodeAt(p);
    if ((c === Ch.Dollar || c === Ch.Percent) && this.at(p + 1) === Ch.LBrace) {
      return c === Ch.Dollar ? TokenKind.TemplateInterp : TokenKind.TemplateControl;
    }
    return TokenKind.EOF;
  }

  // ---- quoted templates ----

  private scanQuoted(): void {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === Ch.Quote) {
      this.modes.pop();
      return this.single(TokenKind.CQuote, 1);
    }
    if (c === Ch.LF || c === Ch.CR) {
      let p = start + 1;
      while (p < this.len) {
        const d = text.charCodeAt(p);
        if (d !== Ch.LF && d !== Ch.CR) break;
        p++;
      }
      this.pos = p;
      this.emit(TokenKind.QuotedNewline, start, p, TokenFlags.None);
      return;
    }
    const seq = this.sequenceAt(start);
    if (seq !== TokenKind.EOF) return this.beginSequence(seq);
    let p = start;
    let flags = TokenFlags.None;
    while (p < this.len) {
      const d = text.charCodeAt(p);
      if (d === Ch.Quote || d === Ch.LF || d === Ch.CR) break;
      if (d === Ch.Backslash) {
        const e = this.at(p + 1);
        flags |= TokenFlags.HasEscape;
        p += e === Ch.LF || e === Ch.CR || e < 0 ? 1 : 2;
        continue;
      }
      if (d === Ch.Dollar || d === Ch.Percent) {
        const e = this.at(p + 1);
        if (e === Ch.LBrace) break;
        if (e === d && this.at(p + 2) === Ch.LBrace) {
          flags |= TokenFlags.HasEscape;
          p += 3;
          continue;
        }
      }
      if (d === Ch.Replacement || (d >= 0xd800 && d <= 0xdfff && isBadCodeUnit(text, p))) {
        if (p > start) break;
        return this.single(TokenKind.BadUTF8, 1);
      }
      p++;
    }
    this.pos = p;
    this.emit(TokenKind.QuotedLit, start, p, flags);
  }

  // ---- heredoc templates ----

  private scanHeredoc(): void {
    const text = this.text;
    const start = this.pos;
    const doc = this.heredocs[this.heredocs.length - 1]!;
    if (doc.startOfLine && this.closesHeredoc(doc)) return;
    const seq = this.sequenceAt(start);
    if (seq !== TokenKind.EOF) return this.beginSequence(seq);
    const [p, flags] = this.templateLiteralEnd(start);
    this.pos = p;
    doc.startOfLine = p > start && text.charCodeAt(p - 1) === Ch.LF;
    if (p === start) {
      // Only a lone bad code unit can stop a literal at its first character.
      return this.single(TokenKind.BadUTF8, 1);
    }
    this.emit(TokenKind.StringLit, start, p, flags);
  }

  /** At the start of a heredoc line: if the line is the closing marker (and ends in a newline), emit it and leave. */
  private closesHeredoc(doc: Heredoc): boolean {
    const text = this.text;
    const start = this.pos;
    let nl = text.indexOf("\n", start);
    if (nl < 0) return false;
    let lineEnd = nl;
    if (lineEnd > start && text.charCodeAt(lineEnd - 1) === Ch.CR) lineEnd--;
    let a = start;
    let b = lineEnd;
    while (a < b && isTrimSpace(text.charCodeAt(a))) a++;
    while (b > a && isTrimSpace(text.charCodeAt(b - 1))) b--;
    const markerLen = doc.markerEnd - doc.markerStart;
    if (b - a !== markerLen || !text.startsWith(text.slice(doc.markerStart, doc.markerEnd), a)) return false;
    this.emit(TokenKind.CHeredoc, start, lineEnd, TokenFlags.None);
    nl++;
    this.emit(TokenKind.Newline, lineEnd, nl, TokenFlags.None);
    this.pos = nl;
    this.heredocs.pop();
    this.modes.pop();
    return true;
  }

  /** End of template literal text starting at p: before `${`/`%{`, after a newline, or before bad UTF-8. */
  private templateLiteralEnd(p: number): [number, TokenFlags] {
    const text = this.text;
    let flags = TokenFlags.None;
    while (p < this.len) {
      const d = text.charCodeAt(p);
      if (d === Ch.LF) return [p + 1, flags];
      if (d === Ch.Dollar || d === Ch.Percent) {
        const e = this.at(p + 1);
        if (e === Ch.LBrace) break;
        if (e === d && this.at(p + 2) === Ch.LBrace) {
          flags |= TokenFlags.HasEscape;
          p += 3;
          continue;
        }
      }
      if (d === Ch.Replacement || (d >= 0xd800 && d <= 0xdfff && isBadCodeUnit(text, p))) break;
      p++;
    }
    return [p, flags];
  }

  // ---- bare templates ----

  private scanBare(): void {
    const start = this.pos;
    const seq = this.sequenceAt(start);
    if (seq !== TokenKind.EOF) return this.beginSequence(seq);
    const [p, flags] = this.templateLiteralEnd(start);
    if (p === start) return this.single(TokenKind.BadUTF8, 1);
    this.pos = p;
    this.emit(TokenKind.StringLit, start, p, flags);
  }
}

/** Whitespace as Go's bytes.TrimSpace sees it (ASCII part), for heredoc closing markers. */
function isTrimSpace(c: number): boolean {
  return c === Ch.Space || c === Ch.Tab || c === Ch.CR || c === Ch.LF || c === 11 || c === 12;
}

/** U+FFFD (a decoder's mark for bytes that were not UTF-8) or a surrogate without its pair. */
function isBadCodeUnit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === Ch.Replacement) return true;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    return !(d >= 0xdc00 && d <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const b = i > 0 ? text.charCodeAt(i - 1) : 0;
    return !(b >= 0xd800 && b <= 0xdbff);
  }
  return false;
}

const sharedLexer = new Lexer();

/**
 * Diagnostics for tokens that never belong in HCL, with hclsyntax's wording and its limits on repetition
 * (one semicolon or bad-encoding error per file, four bitwise-operator errors, ...).
 */
export function checkInvalidTokens(file: SourceFile, buffer: TokenBuffer): Diagnostic[] {
  const diags: Diagnostic[] = [];
  let toldBitwise = 0;
  let toldExponent = 0;
  let toldBacktick = 0;
  let toldApostrophe = 0;
  let toldSemicolon = 0;
  let toldBadUTF8 = 0;
  const kinds = buffer.kinds;
  for (let i = 0; i < buffer.count; i++) {
    if (kinds[i]! < TokenKind.FirstInvalid) continue;
    const tok = { kind: kinds[i]! as TokenKind, start: buffer.starts[i]!, end: buffer.ends[i]! };
    const subject = range(file, tok.start, tok.end);
    switch (tok.kind) {
      case TokenKind.BitwiseAnd:
      case TokenKind.BitwiseOr:
      case TokenKind.BitwiseXor:
      case TokenKind.BitwiseNot:
        if (toldBitwise < 4) {
          const suggestion =
            tok.kind === TokenKind.BitwiseAnd
              ? ' Did you mean boolean AND ("&&")?'
              : tok.kind === TokenKind.BitwiseOr
                ? ' Did you mean boolean OR ("||")?'
                : tok.kind === TokenKind.BitwiseNot
                  ? ' Did you mean boolean NOT ("!")?'
                  : "";
          diags.push(error("Unsupported operator", `Bitwise operators are not supported.${suggestion}`, subject));
          toldBitwise++;
        }
        break;
      case TokenKind.StarStar:
        if (toldExponent < 1) {
          diags.push(
            error(
              "Unsupported operator",
              '"**" is not a supported operator. Exponentiation is not supported as an operator.',
              subject,
            ),
          );
          toldExponent++;
        }
        break;
      case TokenKind.Backtick:
        // Every other one only, so the two ends of one backtick-quoted string give one error.
        if (toldBacktick % 2 === 0) {
          diags.push(
            error(
              "Invalid character",
              'The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".',
              subject,
            ),
          );
        }
        if (toldBacktick <= 2) toldBacktick++;
        break;
      case TokenKind.Apostrophe:
        if (toldApostrophe % 2 === 0) {
          diags.push(error("Invalid character", 'Single quotes are not valid. Use double quotes (") to enclose strings.', subject));
        }
        if (toldApostrophe <= 2) toldApostrophe++;
        break;
      case TokenKind.Semicolon:
        if (toldSemicolon < 1) {
          diags.push(
            error(
              "Invalid character",
              'The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.',
              subject,
            ),
          );
          toldSemicolon++;
        }
        break;
      case TokenKind.BadUTF8:
        if (toldBadUTF8 < 1) {
          diags.push(
            error(
              "Invalid character encoding",
              "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.",
              subject,
            ),
          );
          toldBadUTF8++;
        }
        break;
      case TokenKind.QuotedNewline:
        diags.push(
          error(
            "Invalid multi-line string",
            'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
            subject,
          ),
        );
        break;
      case TokenKind.Invalid:
        diags.push(error("Invalid character", "This character is not used within the language.", subject));
        break;
    }
  }
  return diags;
}
