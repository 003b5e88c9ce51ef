// The HCL native-syntax parser: a recursive-descent parser over the lexer's token array, after hclsyntax's
// parser.go, parser_template.go and parser_traversal.go, with the same diagnostics (summary, detail,
// subject, context).
//
// It never throws on user input. After an error it returns a placeholder (an Error expression, or a block
// with an empty body) and recovers: to the matching closer inside brackets, or to the next body item. A
// `recovery` flag silences the follow-on errors of one body item, as hclsyntax's does, but unlike
// hclsyntax we clear it at the start of each body item, so every broken item in a file gets its error in
// one run. At most one parser error is kept per start offset. Nesting deeper than MAX_DEPTH is reported
// ("Nesting too deep") instead of overflowing the stack.
import { error, type Diagnostic } from "../diag/diagnostic.js";
import type {
  AnonSymbolExpr,
  Attribute,
  BinaryOperator,
  Block,
  Body,
  ErrorExpr,
  Expression,
  ForExpr,
  Literal,
  LiteralValueExpr,
  ObjectItem,
  Traverser,
} from "./ast.js";
import { lexPacked, type TokenBuffer } from "./lexer.js";
import { positionOf, type Range, type SourceFile } from "./source.js";
import { TokenFlags, TokenKind as K } from "./token.js";

/** A token: its index in the lexer's packed buffer. */
type Tok = number;

/** How deep bodies and expressions may nest before the parser gives up on the rest of the file. */
export const MAX_DEPTH = 400;

// Binary operators by precedence, lowest first (hclsyntax's binaryOps).
const PRECEDENCE: Partial<Record<K, number>> = {
  [K.Or]: 1,
  [K.And]: 2,
  [K.EqualOp]: 3,
  [K.NotEqual]: 3,
  [K.GreaterThan]: 4,
  [K.GreaterThanEq]: 4,
  [K.LessThan]: 4,
  [K.LessThanEq]: 4,
  [K.Plus]: 5,
  [K.Minus]: 5,
  [K.Star]: 6,
  [K.Slash]: 6,
  [K.Percent]: 6,
};

const OPERATOR: Partial<Record<K, BinaryOperator>> = {
  [K.Or]: "||",
  [K.And]: "&&",
  [K.EqualOp]: "==",
  [K.NotEqual]: "!=",
  [K.GreaterThan]: ">",
  [K.GreaterThanEq]: ">=",
  [K.LessThan]: "<",
  [K.LessThanEq]: "<=",
  [K.Plus]: "+",
  [K.Minus]: "-",
  [K.Star]: "*",
  [K.Slash]: "/",
  [K.Percent]: "%",
};

// Template tokens: the flat sequence a template is raised to before its directives are nested.
type TemplateToken =
  | { t: "lit"; val: string; start: number; end: number }
  | { t: "interp"; expr: Expression; start: number; end: number }
  | { t: "if"; cond: Expression; start: number; end: number }
  | {
      t: "for";
      keyVar?: string;
      keyVarRange?: Range;
      valVar: string;
      valVarRange: Range;
      coll: Expression;
      start: number;
      end: number;
    }
  | { t: "else" | "endif" | "endfor"; start: number; end: number }
  | { t: "end"; start: number; end: number };

class NestingTooDeep {}

export class Parser {
  readonly diags: Diagnostic[] = [];
  private readonly text: string;
  private i = 0;
  private recovery = false;
  private readonly includeNewlines: boolean[] = [true];
  private incl = true;
  private reported = new Set<number>();
  /** Counts errors raised (kept or dropped as duplicates), so callers can ask "did that fail?". */
  private errSeq = 0;
  private depth = 0;
  private tooDeep = false;
  /** The next token the grammar sees (see seek) and its kind, a comment ending a line counting as Newline. */
  private cur = 0;
  private curKind: K = K.EOF;

  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly flagBits: Uint8Array;
  /** Index of the EOF token, the last one. */
  private readonly last: number;

  constructor(
    private readonly file: SourceFile,
    tokens: TokenBuffer,
  ) {
    this.text = file.text;
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.flagBits = tokens.flags;
    this.last = tokens.count - 1;
    this.seek();
  }

  // ---- entry points ----

  parseFile(): Body {
    try {
      return this.parseBody(K.EOF);
    } catch (e) {
      return this.bailOut(e, () => this.emptyBody(0, this.text.length));
    }
  }

  /** A lone expression; newlines are insignificant, as if it were in parentheses. */
  parseLoneExpression(): Expression {
    try {
      this.pushNL(false);
      const expr = this.parseExpression();
      const next = this.peek();
      if (this.kindOf(next) !== K.EOF && !this.recovery) {
        this.err(
          "Extra characters after expression",
          "An expression was successfully parsed, but extra characters were found after it.",
          this.r(next),
        );
      }
      this.popNL();
      return expr;
    } catch (e) {
      return this.bailOut(e, () => this.errorExpr(0, this.text.length));
    }
  }

  /** A bare template (the whole input is a template, as in a .tf.json string). */
  parseBareTemplate(): Expression {
    try {
      return this.parseTemplate(K.EOF, false, this.starts[this.cur]!);
    } catch (e) {
      return this.bailOut(e, () => this.errorExpr(0, this.text.length));
    }
  }

  private bailOut<T>(e: unknown, placeholder: () => T): T {
    // A stack overflow (RangeError) is the only exception we expect from input; anything else is our bug.
    if (!(e instanceof NestingTooDeep) && !(e instanceof RangeError)) throw e;
    if (!this.tooDeep) {
      this.tooDeep = true;
      this.err(
        "Nesting too deep",
        `This file nests blocks or expressions more deeply than tfsim supports (${MAX_DEPTH} levels).`,
        this.r(Math.min(this.i, this.last)),
      );
    }
    return placeholder();
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new NestingTooDeep();
  }

  // ---- token access ----

  private r(t: Tok): Range {
    return { file: this.file, start: this.starts[t]!, end: this.ends[t]! };
  }

  private span(start: number, end: number): Range {
    return { file: this.file, start, end: end < start ? start : end };
  }

  private pushNL(include: boolean): void {
    this.includeNewlines.push(include);
    if (include !== this.incl) {
      this.incl = include;
      this.seek();
    }
  }

  private popNL(): void {
    this.includeNewlines.pop();
    const include = this.includeNewlines[this.includeNewlines.length - 1] ?? true;
    if (include !== this.incl) {
      this.incl = include;
      this.seek();
    }
  }

  // Tokens are indices into the packed buffer. A `#`/`//` comment ends its line, so where newlines
  // matter the peeker returns it and kindOf reports it as a Newline (its range stays the comment's).

  private kindOf(t: Tok): K {
    const k = this.kinds[t]! as K;
    return k === K.Comment ? K.Newline : k;
  }

  private st(t: Tok): number {
    return this.starts[t]!;
  }

  private en(t: Tok): number {
    return this.ends[t]!;
  }

  private fl(t: Tok): TokenFlags {
    return this.flagBits[t]!;
  }

  /** Index of the next token the grammar sees: skips comments, and newlines where they do not count. */
  private peek(): Tok {
    return this.cur;
  }

  /** Finds the next token the grammar sees, from `this.i`; called whenever `i` or the newline mode changes. */
  private seek(): void {
    const kinds = this.kinds;
    const last = this.last;
    const incl = this.incl;
    let j = this.i;
    for (; j < last; j++) {
      const k = kinds[j]!;
      if (k === K.Comment) {
        if (incl && this.text.charCodeAt(this.ends[j]! - 1) === 10) break;
        continue;
      }
      if (k === K.Newline && !incl) continue;
      break;
    }
    this.cur = j;
    const k = kinds[j]! as K;
    this.curKind = k === K.Comment ? K.Newline : k;
  }

  private read(): Tok {
    const j = this.cur;
    this.i = j === this.last ? j : j + 1;
    this.seek();
    return j;
  }

  private peekKind(): K {
    return this.curKind;
  }

  /** Range of the last token read (or of the first token when nothing has been read yet). */
  private prevRange(): Range {
    return this.r(this.i === 0 ? 0 : this.i - 1);
  }

  private tokText(t: Tok): string {
    return this.text.slice(this.starts[t]!, this.ends[t]!);
  }

  private isKeyword(t: Tok, word: string): boolean {
    return this.kindOf(t) === K.Ident && this.ends[t]! - this.starts[t]! === word.length && this.text.startsWith(word, this.starts[t]!);
  }

  private err(summary: string, detail: string, subject: Range, context?: Range): void {
    this.errSeq++;
    if (this.reported.has(subject.start)) return;
    this.reported.add(subject.start);
    this.diags.push(error(summary, detail, subject, context ? { context } : undefined));
  }

  private where(r: Range): string {
    const p = positionOf(r.file, r.start);
    const e = positionOf(r.file, r.end);
    return `${r.file.name}:${p.line},${p.column}-${e.line === p.line ? "" : `${e.line},`}${e.column}`;
  }

  // ---- recovery ----

  private static opposite(k: K): K {
    switch (k) {
      case K.OBrace:
        return K.CBrace;
      case K.CBrace:
        return K.OBrace;
      case K.OBrack:
        return K.CBrack;
      case K.CBrack:
        return K.OBrack;
      case K.OParen:
        return K.CParen;
      case K.CParen:
        return K.OParen;
      case K.OQuote:
        return K.CQuote;
      case K.CQuote:
        return K.OQuote;
      case K.OHeredoc:
        return K.CHeredoc;
      case K.CHeredoc:
        return K.OHeredoc;
      case K.TemplateInterp:
      case K.TemplateControl:
        return K.TemplateSeqEnd;
      case K.TemplateSeqEnd:
        return K.TemplateInterp;
      default:
        return K.EOF;
    }
  }

  /** Skips to the token `end` that closes the current nesting level and returns it (consumed), or EOF. */
  private recover(end: K): Tok {
    const start = Parser.opposite(end);
    this.recovery = true;
    let nest = 0;
    for (;;) {
      const tok = this.read();
      let k = this.kindOf(tok);
      if (end === K.TemplateSeqEnd && k === K.TemplateControl) k = K.TemplateInterp;
      if (k === K.EOF) return tok;
      if (k === start) nest++;
      else if (k === end) {
        if (nest < 1) return tok;
        nest--;
      }
    }
  }

  /** Skips past the next `start`-opened group (e.g. the parenthesized arguments of a broken call). */
  private recoverOver(start: K): void {
    for (;;) {
      const k = this.kindOf(this.read());
      if (k === start || k === K.EOF) break;
    }
    this.recover(Parser.opposite(start));
  }

  /**
   * Skips to the start of the next body item: past the next newline outside any brackets. Stops before
   * an unmatched "}" (it may close the enclosing block) and at EOF.
   */
  private recoverAfterBodyItem(): void {
    this.recovery = true;
    const open: K[] = [];
    for (;;) {
      const tok = this.peek();
      const k = this.kindOf(tok);
      if (k === K.EOF) return;
      if (k === K.CBrace && open.length === 0) return;
      this.read();
      switch (k) {
        case K.Newline:
          if (open.length === 0) return;
          break;
        case K.OBrace:
        case K.OBrack:
        case K.OParen:
        case K.OQuote:
        case K.OHeredoc:
        case K.TemplateInterp:
        case K.TemplateControl:
          open.push(k);
          break;
        case K.CBrace:
        case K.CBrack:
        case K.CParen:
        case K.CQuote:
        case K.CHeredoc: {
          const opener = Parser.opposite(k);
          while (open.length > 0 && open[open.length - 1] !== opener) open.pop();
          if (open.length > 0) open.pop();
          break;
        }
        case K.TemplateSeqEnd:
          while (open.length > 0 && open[open.length - 1] !== K.TemplateInterp && open[open.length - 1] !== K.TemplateControl) {
            open.pop();
          }
          if (open.length > 0) open.pop();
          break;
      }
    }
  }

  // ---- bodies ----

  private emptyBody(start: number, end: number): Body {
    return { kind: "Body", attributes: [], blocks: [], items: [], range: this.span(start, end), endRange: this.span(end, end) };
  }

  private parseBody(end: K): Body {
    this.enter();
    const startRange = this.prevRange();
    let endRange: Range = startRange;
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    const items: (Attribute | Block)[] = [];
    // Names seen so far: a Map only once the body is big enough for a linear scan to cost more.
    let seen: Map<string, Attribute> | undefined;
    for (;;) {
      const next = this.peek();
      if (this.kindOf(next) === end) {
        endRange = this.r(next);
        this.read();
        break;
      }
      if (this.kindOf(next) === K.Newline) {
        this.read();
        continue;
      }
      if (this.kindOf(next) === K.Ident) {
        this.recovery = false;
        const item = this.parseBodyItem();
        if (!item) continue;
        if (item.kind === "Block") {
          blocks.push(item);
          items.push(item);
        } else {
          let existing: Attribute | undefined;
          if (seen) existing = seen.get(item.name);
          else {
            for (const a of attributes) {
              if (a.name === item.name) {
                existing = a;
                break;
              }
            }
          }
          if (existing) {
            this.err(
              "Attribute redefined",
              `The argument "${item.name}" was already set at ${this.where(existing.nameRange)}. Each argument may be set only once.`,
              item.nameRange,
            );
          } else {
            attributes.push(item);
            items.push(item);
            if (seen) seen.set(item.name, item);
            else if (attributes.length > 16) seen = new Map(attributes.map((a) => [a.name, a]));
          }
        }
        continue;
      }
      // Something that cannot start a body item.
      const bad = this.read();
      if (!this.recovery) {
        if (this.kindOf(bad) === K.OQuote) {
          this.err("Invalid argument name", "Argument names must not be quoted.", this.r(bad));
        } else if (this.kindOf(bad) === K.EOF) {
          if (end === K.CBrace) {
            this.err(
              "Unclosed configuration block",
              "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
              startRange,
            );
          } else {
            this.err("Unclosed configuration body", "Found end of file before the end of this configuration body.", startRange);
          }
        } else {
          this.err("Argument or block definition required", "An argument or block definition is required here.", this.r(bad));
        }
      }
      if (this.kindOf(bad) === K.EOF) {
        endRange = this.prevRange();
        break;
      }
      this.recoverAfterBodyItem();
    }
    this.depth--;
    const range = end === K.EOF ? this.span(0, this.text.length) : this.span(startRange.start, endRange.end);
    return { kind: "Body", attributes, blocks, items, range, endRange: this.span(endRange.end, endRange.end) };
  }

  private parseBodyItem(): Attribute | Block | undefined {
    const ident = this.read();
    const next = this.peekKind();
    if (next === K.Equal) return this.finishAttribute(ident, false);
    if (next === K.OQuote || next === K.OBrace || next === K.Ident) return this.finishBlock(ident);
    this.recoverAfterBodyItem();
    this.err(
      "Argument or block definition required",
      'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
      this.r(ident),
    );
    return undefined;
  }

  private finishAttribute(ident: Tok, singleLine: boolean): Attribute {
    const eq = this.read();
    const before = this.errSeq;
    const expr = this.parseExpression();
    let endRange: Range;
    if (this.recovery && this.errSeq > before) {
      endRange = this.prevRange();
      this.recoverAfterBodyItem();
    } else {
      endRange = this.prevRange();
      if (!singleLine) {
        const end = this.peek();
        if (this.kindOf(end) !== K.Newline && this.kindOf(end) !== K.EOF) {
          if (!this.recovery) {
            const comma = this.kindOf(end) === K.Comma;
            this.err(
              comma ? "Unexpected comma after argument" : "Missing newline after argument",
              (comma ? "Argument definitions must be separated by newlines, not commas. " : "") +
                "An argument definition must end with a newline.",
              this.r(end),
              this.span(this.starts[ident]!, this.ends[end]!),
            );
          }
          this.recoverAfterBodyItem();
        } else {
          this.read();
        }
      }
    }
    return {
      kind: "Attribute",
      name: this.tokText(ident),
      expr,
      range: this.span(this.starts[ident]!, endRange.end),
      nameRange: this.r(ident),
      equalsRange: this.r(eq),
    };
  }

  private finishBlock(ident: Tok): Block {
    const type = this.tokText(ident);
    const labels: string[] = [];
    const labelRanges: Range[] = [];
    let oBrace: Tok | undefined;
    while (!oBrace) {
      const tok = this.peek();
      if (this.kindOf(tok) === K.OBrace) {
        oBrace = this.read();
      } else if (this.kindOf(tok) === K.OQuote) {
        const [label, rng] = this.parseQuotedStringLiteral();
        labels.push(label);
        labelRanges.push(rng);
      } else if (this.kindOf(tok) === K.Ident) {
        this.read();
        labels.push(this.tokText(tok));
        labelRanges.push(this.r(tok));
      } else {
        const context = this.span(this.starts[ident]!, this.ends[tok]!);
        if (this.kindOf(tok) === K.Equal) {
          this.err(
            "Invalid block definition",
            'The equals sign "=" indicates an argument definition, and must not be used when defining a block.',
            this.r(tok),
            context,
          );
        } else if (this.kindOf(tok) === K.Newline) {
          this.err(
            "Invalid block definition",
            'A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
            this.r(tok),
            context,
          );
        } else if (!this.recovery) {
          this.err(
            "Invalid block definition",
            'Either a quoted string block label or an opening brace ("{") is expected here.',
            this.r(tok),
            context,
          );
        }
        this.recoverAfterBodyItem();
        const identRange = this.r(ident);
        const endRange = labelRanges.length > 0 ? labelRanges[labelRanges.length - 1]! : identRange;
        return {
          kind: "Block",
          type,
          labels,
          labelRanges,
          body: this.emptyBody(this.starts[ident]!, this.ends[ident]!),
          range: this.span(this.starts[ident]!, endRange.end),
          typeRange: identRange,
          openBraceRange: identRange,
          closeBraceRange: endRange,
        };
      }
    }

    let body: Body;
    const k = this.peekKind();
    if (k === K.Newline || k === K.EOF || k === K.CBrace) {
      body = this.parseBody(K.CBrace);
    } else {
      body = this.parseSingleAttrBody(oBrace);
      const after = this.peek();
      switch (this.kindOf(after)) {
        case K.CBrace:
          this.read();
          break;
        case K.Comma:
          this.err(
            "Invalid single-argument block definition",
            "Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.",
            this.r(after),
          );
          this.recover(K.CBrace);
          break;
        case K.Newline:
          this.err(
            "Invalid single-argument block definition",
            "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
            this.r(after),
          );
          this.recover(K.CBrace);
          break;
        default:
          if (!this.recovery) {
            if (this.kindOf(after) === K.EOF) {
              this.err(
                "Unclosed configuration block",
                "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
                this.r(oBrace),
                this.span(this.starts[ident]!, this.ends[oBrace]!),
              );
            } else {
              this.err(
                "Invalid single-argument block definition",
                "A single-line block definition must end with a closing brace immediately after its single argument definition.",
                this.r(after),
              );
            }
          }
          this.recover(K.CBrace);
      }
      body.range = this.span(this.starts[oBrace]!, this.prevRange().end);
      body.endRange = this.span(this.prevRange().end, this.prevRange().end);
    }
    const cBraceRange = this.prevRange();

    const eol = this.peek();
    if (this.kindOf(eol) === K.Newline || this.kindOf(eol) === K.EOF) {
      this.read();
    } else {
      if (!this.recovery) {
        this.err("Missing newline after block definition", "A block definition must end with a newline.", this.r(eol), this.span(this.starts[ident]!, this.ends[eol]!));
      }
      this.recoverAfterBodyItem();
    }
    return {
      kind: "Block",
      type,
      labels,
      labelRanges,
      body,
      range: this.span(this.starts[ident]!, cBraceRange.end),
      typeRange: this.r(ident),
      openBraceRange: this.r(oBrace),
      closeBraceRange: cBraceRange,
    };
  }

  /** `name { arg = value }`: one attribute, all on the block's line. */
  private parseSingleAttrBody(oBrace: Tok): Body {
    const ident = this.read();
    const empty = () => this.emptyBody(this.starts[oBrace]!, this.ends[oBrace]!);
    if (this.kindOf(ident) !== K.Ident) {
      this.recoverAfterBodyItem();
      this.err("Argument or block definition required", "An argument or block definition is required here.", this.r(ident));
      return empty();
    }
    const next = this.peek();
    if (this.kindOf(next) === K.Equal) {
      const attr = this.finishAttribute(ident, true);
      return {
        kind: "Body",
        attributes: [attr],
        blocks: [],
        items: [attr],
        range: attr.range,
        endRange: this.span(attr.range.end, attr.range.end),
      };
    }
    this.recoverAfterBodyItem();
    if (this.kindOf(next) === K.OQuote || this.kindOf(next) === K.OBrace || this.kindOf(next) === K.Ident) {
      this.err(
        "Argument definition required",
        `A single-line block definition can contain only a single argument. If you meant to define argument "${this.tokText(ident)}", use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.`,
        this.span(this.starts[ident]!, this.ends[next]!),
      );
    } else {
      this.err(
        "Argument or block definition required",
        'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
        this.r(ident),
      );
    }
    return empty();
  }

  /** A quoted string without template sequences (block labels). Returns its value and range. */
  private parseQuotedStringLiteral(): [string, Range] {
    const oQuote = this.read();
    let out = "";
    let endRange: Range;
    for (;;) {
      const tok = this.read();
      if (this.kindOf(tok) === K.CQuote) {
        endRange = this.r(tok);
        break;
      }
      if (this.kindOf(tok) === K.QuotedLit) {
        out += this.unescape(tok);
        continue;
      }
      if (this.kindOf(tok) === K.TemplateInterp || this.kindOf(tok) === K.TemplateControl) {
        const which = this.kindOf(tok) === K.TemplateControl ? "%" : "$";
        this.err(
          "Invalid string literal",
          `Template sequences are not allowed in this string. To include a literal "${which}", double it (as "${which}${which}") to escape it.`,
          this.r(tok),
          this.span(this.starts[oQuote]!, this.ends[tok]!),
        );
        out += `${which}{ ... }`;
        this.recover(K.TemplateSeqEnd);
        continue;
      }
      if (this.kindOf(tok) === K.EOF) {
        this.err(
          "Unterminated string literal",
          "Unable to find the closing quote mark before the end of the file.",
          this.r(tok),
          this.span(this.starts[oQuote]!, this.ends[tok]!),
        );
        endRange = this.r(tok);
        break;
      }
      this.err("Invalid string literal", "This item is not valid in a string literal.", this.r(tok), this.span(this.starts[oQuote]!, this.ends[tok]!));
      this.recover(K.CQuote);
      endRange = this.r(tok);
      break;
    }
    return [out, this.span(this.starts[oQuote]!, endRange.end)];
  }

  // ---- expressions ----

  parseExpression(): Expression {
    this.enter();
    const e = this.parseTernary();
    this.depth--;
    return e;
  }

  private parseTernary(): Expression {
    const startRange = this.peek();
    const before = this.errSeq;
    const cond = this.parseBinary(1);
    if (this.recovery && this.errSeq > before) return cond;
    if (this.peekKind() !== K.Question) return cond;
    this.read();
    const beforeTrue = this.errSeq;
    const trueResult = this.parseExpression();
    if (this.recovery && this.errSeq > beforeTrue) return cond;
    const colon = this.peek();
    if (this.kindOf(colon) !== K.Colon) {
      this.err(
        "Missing false expression in conditional",
        "The conditional operator (...?...:...) requires a false expression, delimited by a colon.",
        this.r(colon),
        this.span(this.starts[startRange]!, this.ends[colon]!),
      );
      return cond;
    }
    this.read();
    const beforeFalse = this.errSeq;
    const falseResult = this.parseExpression();
    if (this.recovery && this.errSeq > beforeFalse) return cond;
    return { kind: "Conditional", condition: cond, trueResult, falseResult, range: this.span(this.starts[startRange]!, falseResult.range.end) };
  }

  /**
   * Binary operators by precedence climbing: one call per operand rather than one per precedence level.
   * Operators of equal precedence associate to the left.
   */
  private parseBinary(minPrec: number): Expression {
    const before = this.errSeq;
    const lhs = this.parseWithTraversals();
    if (this.recovery && this.errSeq > before) return lhs;
    return this.climb(lhs, minPrec);
  }

  private climb(lhs: Expression, minPrec: number): Expression {
    for (;;) {
      const opTok = this.peek();
      const prec = PRECEDENCE[this.kindOf(opTok)];
      if (prec === undefined || prec < minPrec) return lhs;
      this.read();
      const before = this.errSeq;
      let rhs = this.parseWithTraversals();
      if (!(this.recovery && this.errSeq > before)) {
        for (;;) {
          const next = PRECEDENCE[this.peekKind()];
          if (next === undefined || next <= prec) break;
          rhs = this.climb(rhs, prec + 1);
          if (this.recovery && this.errSeq > before) break;
        }
      }
      lhs = {
        kind: "BinaryOp",
        op: OPERATOR[this.kindOf(opTok)]!,
        lhs,
        rhs,
        range: this.span(lhs.range.start, rhs.range.end),
        opRange: this.r(opTok),
      };
      if (this.recovery && this.errSeq > before) return lhs;
    }
  }

  private parseWithTraversals(): Expression {
    const term = this.parseTerm();
    return this.parseTraversals(term);
  }

  private parseTraversals(from: Expression): Expression {
    let ret = from;
    for (;;) {
      const next = this.peek();
      if (this.kindOf(next) === K.Dot) {
        const dot = this.read();
        const attrTok = this.peek();
        if (this.kindOf(attrTok) === K.Ident) {
          this.read();
          ret = this.extendTraversal(ret, { kind: "Attr", name: this.tokText(attrTok), range: this.span(this.starts[dot]!, this.ends[attrTok]!) });
        } else if (this.kindOf(attrTok) === K.NumberLit) {
          // HIL's legacy index form: foo.0 means foo[0].
          this.read();
          const rng = this.span(this.starts[dot]!, this.ends[attrTok]!);
          const text = this.tokText(attrTok);
          const dotAt = text.indexOf(".");
          if (dotAt >= 0) {
            this.err(
              "Invalid legacy index syntax",
              `When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [${text.slice(0, dotAt)}][${text.slice(dotAt + 1)}].`,
              this.r(attrTok),
            );
            ret = this.extendTraversal(ret, { kind: "Index", key: { type: "unknown" }, range: rng });
          } else {
            ret = this.extendTraversal(ret, { kind: "Index", key: this.numberLiteral(attrTok), range: rng });
          }
        } else if (this.kindOf(attrTok) === K.Star) {
          ret = this.finishAttrSplat(from, ret, dot);
        } else {
          this.err("Invalid attribute name", "An attribute name is required after a dot.", this.r(attrTok));
          this.recovery = true;
          ret = this.errorExpr(from.range.start, this.ends[dot]!);
        }
        continue;
      }
      if (this.kindOf(next) === K.OBrack) {
        const open = this.read();
        if (this.peekKind() === K.Star) {
          this.read();
          let close = this.read();
          if (this.kindOf(close) !== K.CBrack && !this.recovery) {
            // Reported where recovery lands, as Terraform does (hclsyntax keeps a pointer to the variable it reassigns).
            close = this.recover(K.CBrack);
            this.err(
              "Missing close bracket on splat index",
              'The star for a full splat operator must be immediately followed by a closing bracket ("]").',
              this.r(close),
            );
          }
          const item: AnonSymbolExpr = { kind: "AnonSymbol", range: this.span(this.starts[open]!, this.ends[close]!) };
          const each = this.parseTraversals(item);
          ret = {
            kind: "Splat",
            source: ret,
            each,
            item,
            attrOnly: false,
            range: this.span(from.range.start, each.range.end),
            markerRange: this.span(this.starts[open]!, this.ends[close]!),
          };
          continue;
        }
        this.pushNL(false);
        const before = this.errSeq;
        const key = this.parseExpression();
        let close: Tok;
        if (this.recovery && this.errSeq > before) {
          close = this.recover(K.CBrack);
        } else {
          close = this.read();
          if (this.kindOf(close) !== K.CBrack && !this.recovery) {
            // Reported where recovery lands, as Terraform does (see the splat case above).
            close = this.recover(K.CBrack);
            this.err("Missing close bracket on index", 'The index operator must end with a closing bracket ("]").', this.r(close));
          }
        }
        this.popNL();
        const rng = this.span(this.starts[open]!, this.ends[close]!);
        const lit = staticKey(key);
        if (lit) {
          ret = this.extendTraversal(ret, { kind: "Index", key: lit, range: rng });
        } else {
          ret = { kind: "Index", collection: ret, key, range: this.span(from.range.start, rng.end), openRange: this.r(open), bracketRange: rng };
        }
        continue;
      }
      return ret;
    }
  }

  /** `.*` followed by attribute (or legacy index) steps. */
  private finishAttrSplat(from: Expression, source: Expression, dot: Tok): Expression {
    const marker = this.read();
    const trav: Traverser[] = [];
    const firstStart = this.starts[this.cur]!;
    let lastEnd = this.ends[marker]!;
    while (this.peekKind() === K.Dot) {
      const d = this.read();
      const t = this.peek();
      if (this.kindOf(t) === K.NumberLit) {
        this.read();
        const text = this.tokText(t);
        const dotAt = text.indexOf(".");
        if (dotAt >= 0) {
          this.err(
            "Invalid legacy index syntax",
            `When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax with a full splat expression [*] instead, like [${text.slice(0, dotAt)}][${text.slice(dotAt + 1)}].`,
            this.r(t),
          );
          trav.push({ kind: "Index", key: { type: "unknown" }, range: this.span(this.starts[d]!, this.ends[t]!) });
        } else {
          trav.push({ kind: "Index", key: this.numberLiteral(t), range: this.span(this.starts[d]!, this.ends[t]!) });
        }
        lastEnd = this.ends[t]!;
        continue;
      }
      if (this.kindOf(t) !== K.Ident) {
        if (!this.recovery) {
          if (this.kindOf(t) === K.Star) {
            this.err(
              "Nested splat expression not allowed",
              "A splat expression (*) cannot be used inside another attribute-only splat expression.",
              this.r(t),
            );
          } else {
            this.err("Invalid attribute name", "An attribute name is required after a dot.", this.r(t));
          }
        }
        this.recovery = true;
        break;
      }
      this.read();
      trav.push({ kind: "Attr", name: this.tokText(t), range: this.span(this.starts[d]!, this.ends[t]!) });
      lastEnd = this.ends[t]!;
    }
    const item: AnonSymbolExpr = { kind: "AnonSymbol", range: this.span(this.starts[dot]!, this.ends[marker]!) };
    const each: Expression =
      trav.length === 0 ? item : { kind: "RelativeTraversal", source: item, traversal: trav, range: this.span(firstStart, lastEnd) };
    return {
      kind: "Splat",
      source,
      each,
      item,
      attrOnly: true,
      range: this.span(from.range.start, lastEnd),
      markerRange: this.span(this.starts[dot]!, this.ends[marker]!),
    };
  }

  private extendTraversal(expr: Expression, step: Traverser): Expression {
    if (expr.kind === "ScopeTraversal" || expr.kind === "RelativeTraversal") {
      expr.traversal.push(step);
      expr.range = this.span(expr.range.start, step.range.end);
      return expr;
    }
    return { kind: "RelativeTraversal", source: expr, traversal: [step], range: this.span(expr.range.start, step.range.end) };
  }

  private errorExpr(start: number, end: number): ErrorExpr {
    return { kind: "Error", range: this.span(start, end) };
  }

  private numberLiteral(tok: Tok): Literal {
    const text = this.tokText(tok);
    const value = Number(text);
    if (!Number.isFinite(value)) {
      this.err("Invalid number literal", "Failed to recognize the value of this number literal.", this.r(tok));
      return { type: "unknown" };
    }
    return { type: "number", value, text };
  }

  private parseTerm(): Expression {
    this.enter();
    const e = this.parseTermInner();
    this.depth--;
    return e;
  }

  private parseTermInner(): Expression {
    const start = this.peek();
    switch (this.kindOf(start)) {
      case K.OParen: {
        this.read();
        this.pushNL(false);
        const before = this.errSeq;
        const expr = this.parseExpression();
        if (this.errSeq > before) {
          this.recover(K.CParen);
          this.popNL();
          return expr;
        }
        const close = this.peek();
        if (this.kindOf(close) !== K.CParen) {
          this.err(
            "Unbalanced parentheses",
            "Expected a closing parenthesis to terminate the expression.",
            this.r(close),
            this.span(this.starts[start]!, this.ends[close]!),
          );
          this.recovery = true;
        }
        const cParen = this.read();
        this.popNL();
        return { kind: "Parenthesis", expression: expr, range: this.span(this.starts[start]!, this.ends[cParen]!) };
      }
      case K.NumberLit: {
        this.read();
        const lit = this.numberLiteral(start);
        return { kind: "LiteralValue", value: lit, range: this.r(start) };
      }
      case K.Ident: {
        this.read();
        const k = this.peekKind();
        if (k === K.OParen || k === K.DoubleColon) return this.finishFunctionCall(start);
        const len = this.ends[start]! - this.starts[start]!;
        if (len === 4 && this.isKeyword(start, "true")) return { kind: "LiteralValue", value: { type: "bool", value: true }, range: this.r(start) };
        if (len === 5 && this.isKeyword(start, "false")) return { kind: "LiteralValue", value: { type: "bool", value: false }, range: this.r(start) };
        if (len === 4 && this.isKeyword(start, "null")) return { kind: "LiteralValue", value: { type: "null" }, range: this.r(start) };
        const rng = this.r(start);
        return { kind: "ScopeTraversal", traversal: [{ kind: "Root", name: this.tokText(start), range: rng }], range: rng };
      }
      case K.OQuote:
      case K.OHeredoc: {
        const open = this.read();
        if (this.kindOf(open) === K.OQuote) {
          const simple = this.simpleString(open);
          if (simple) return simple;
        }
        const closer = this.kindOf(open) === K.OQuote ? K.CQuote : K.CHeredoc;
        return this.parseTemplate(closer, ((this.flagBits[open]! as TokenFlags) & TokenFlags.FlushHeredoc) !== 0, this.starts[open]!);
      }
      case K.Minus:
      case K.Bang: {
        this.read();
        const operand = this.parseWithTraversals();
        return {
          kind: "UnaryOp",
          op: this.kindOf(start) === K.Minus ? "-" : "!",
          operand,
          range: this.span(this.starts[start]!, operand.range.end),
          symbolRange: this.r(start),
        };
      }
      case K.OBrack:
        return this.parseTuple();
      case K.OBrace:
        return this.parseObject();
      default:
        if (!this.recovery) {
          if (this.kindOf(start) === K.EOF) {
            this.err("Missing expression", "Expected the start of an expression, but found the end of the file.", this.r(start));
          } else {
            this.err("Invalid expression", "Expected the start of an expression, but found an invalid expression token.", this.r(start));
          }
        }
        this.recovery = true;
        return this.errorExpr(this.starts[start]!, this.ends[start]!);
    }
  }

  private finishFunctionCall(name: Tok): Expression {
    let openTok = this.read();
    let nameStr = this.tokText(name);
    let nameEnd = this.ends[name]!;
    while (this.kindOf(openTok) === K.DoubleColon) {
      const nextName = this.read();
      if (this.kindOf(nextName) !== K.Ident) {
        this.err(
          "Missing function name",
          "Function scope resolution symbol :: must be followed by a function name in this scope.",
          this.r(nextName),
          this.span(this.starts[name]!, this.ends[nextName]!),
        );
        this.recoverOver(K.OParen);
        return this.errorExpr(this.starts[name]!, this.ends[nextName]!);
      }
      nameStr += "::" + this.tokText(nextName);
      nameEnd = this.ends[nextName]!;
      openTok = this.read();
    }
    if (this.kindOf(openTok) !== K.OParen) {
      this.err(
        "Missing open parenthesis",
        "Function selector must be followed by an open parenthesis to begin the function call.",
        this.r(openTok),
        this.span(this.starts[name]!, this.ends[openTok]!),
      );
      this.recoverOver(K.OParen);
      return this.errorExpr(this.starts[name]!, this.ends[openTok]!);
    }

    const args: Expression[] = [];
    let expandFinal = false;
    let closeTok: Tok | undefined;
    this.pushNL(false);
    for (;;) {
      if (this.peekKind() === K.CParen) {
        closeTok = this.read();
        break;
      }
      const before = this.errSeq;
      const arg = this.parseExpression();
      args.push(arg);
      if (this.recovery && this.errSeq > before) {
        const t = this.recover(K.CParen);
        if (this.kindOf(t) === K.CParen) closeTok = t;
        break;
      }
      const sep = this.read();
      if (this.kindOf(sep) === K.CParen) {
        closeTok = sep;
        break;
      }
      if (this.kindOf(sep) === K.Ellipsis) {
        expandFinal = true;
        if (this.peekKind() !== K.CParen) {
          if (!this.recovery) {
            this.err(
              "Missing closing parenthesis",
              "An expanded function argument (with ...) must be immediately followed by closing parentheses.",
              this.r(sep),
              this.span(this.starts[name]!, this.ends[sep]!),
            );
          }
          closeTok = this.recover(K.CParen);
        } else {
          closeTok = this.read();
        }
        break;
      }
      if (this.kindOf(sep) !== K.Comma) {
        if (this.kindOf(sep) === K.EOF) {
          this.err(
            "Unterminated function call",
            "There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.",
            this.span(this.starts[name]!, this.ends[openTok]!),
          );
        } else {
          this.err(
            "Missing argument separator",
            "A comma is required to separate each function argument from the next.",
            this.r(sep),
            this.span(this.starts[name]!, this.ends[sep]!),
          );
        }
        closeTok = this.recover(K.CParen);
        break;
      }
      if (this.peekKind() === K.CParen) {
        closeTok = this.read();
        break;
      }
    }
    this.popNL();
    const close = closeTok ?? Math.max(this.i - 1, openTok);
    return {
      kind: "FunctionCall",
      name: nameStr,
      args,
      expandFinal,
      range: this.span(this.starts[name]!, this.ends[close]!),
      nameRange: this.span(this.starts[name]!, nameEnd),
      openParenRange: this.r(openTok),
      closeParenRange: this.r(close),
    };
  }

  private parseTuple(): Expression {
    const open = this.read();
    this.pushNL(false);
    try {
      if (this.isKeyword(this.peek(), "for")) return this.finishFor(open);
      const exprs: Expression[] = [];
      let close: Tok;
      for (;;) {
        if (this.peekKind() === K.CBrack) {
          close = this.read();
          break;
        }
        const before = this.errSeq;
        exprs.push(this.parseExpression());
        if (this.recovery && this.errSeq > before) {
          close = this.recover(K.CBrack);
          break;
        }
        const next = this.peek();
        if (this.kindOf(next) === K.CBrack) {
          close = this.read();
          break;
        }
        if (this.kindOf(next) !== K.Comma) {
          if (!this.recovery) {
            if (this.kindOf(next) === K.EOF) {
              this.err(
                "Unterminated tuple constructor expression",
                "There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.",
                this.r(open),
              );
            } else {
              this.err(
                "Missing item separator",
                "Expected a comma to mark the beginning of the next item.",
                this.r(next),
                this.span(this.starts[open]!, this.ends[next]!),
              );
            }
          }
          close = this.recover(K.CBrack);
          break;
        }
        this.read();
      }
      return { kind: "Tuple", exprs, range: this.span(this.starts[open]!, this.ends[close]!), openRange: this.r(open) };
    } finally {
      this.popNL();
    }
  }

  private parseObject(): Expression {
    const open = this.read();
    this.pushNL(false);
    const isFor = this.isKeyword(this.peek(), "for");
    this.popNL();
    if (isFor) return this.finishFor(open);

    this.pushNL(true);
    const items: ObjectItem[] = [];
    let close: Tok;
    for (;;) {
      const next = this.peek();
      if (this.kindOf(next) === K.Newline) {
        this.read();
        continue;
      }
      if (this.kindOf(next) === K.CBrace) {
        close = this.read();
        break;
      }
      const forceNonLiteral = this.kindOf(next) === K.OParen;
      const before = this.errSeq;
      const keyExpr = this.parseExpression();
      if (this.recovery && this.errSeq > before) {
        close = this.recover(K.CBrace);
        break;
      }
      const key = { kind: "ObjectConsKey" as const, wrapped: keyExpr, forceNonLiteral, range: keyExpr.range };
      const sep = this.peek();
      if (this.kindOf(sep) !== K.Equal && this.kindOf(sep) !== K.Colon) {
        if (!this.recovery) {
          const context = this.span(this.starts[open]!, this.ends[sep]!);
          switch (this.kindOf(sep)) {
            case K.Newline:
            case K.Comma:
              this.err("Missing attribute value", 'Expected an attribute value, introduced by an equals sign ("=").', this.r(sep), context);
              break;
            case K.Ident:
              this.err(
                "Missing key/value separator",
                'Expected an equals sign ("=") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.',
                this.r(sep),
                context,
              );
              break;
            case K.EOF:
              this.err(
                "Unterminated object constructor expression",
                "There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
                this.r(open),
              );
              break;
            default:
              this.err("Missing key/value separator", 'Expected an equals sign ("=") to mark the beginning of the attribute value.', this.r(sep), context);
          }
        }
        close = this.recover(K.CBrace);
        break;
      }
      this.read();
      const beforeValue = this.errSeq;
      const value = this.parseExpression();
      items.push({ key, value });
      if (this.recovery && this.errSeq > beforeValue) {
        close = this.recover(K.CBrace);
        break;
      }
      const after = this.peek();
      if (this.kindOf(after) === K.CBrace) {
        close = this.read();
        break;
      }
      if (this.kindOf(after) !== K.Comma && this.kindOf(after) !== K.Newline) {
        if (!this.recovery) {
          if (this.kindOf(after) === K.EOF) {
            this.err(
              "Unterminated object constructor expression",
              "There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
              this.r(open),
            );
          } else {
            this.err(
              "Missing attribute separator",
              "Expected a newline or comma to mark the beginning of the next attribute.",
              this.r(after),
              this.span(this.starts[open]!, this.ends[after]!),
            );
          }
        }
        close = this.recover(K.CBrace);
        break;
      }
      this.read();
    }
    this.popNL();
    return { kind: "Object", items, range: this.span(this.starts[open]!, this.ends[close]!), openRange: this.r(open) };
  }

  private finishFor(open: Tok): Expression {
    this.pushNL(false);
    try {
      return this.finishForInner(open);
    } finally {
      this.popNL();
    }
  }

  private finishForInner(open: Tok): Expression {
    this.read(); // "for"
    const makeObj = this.kindOf(open) === K.OBrace;
    const closeKind = makeObj ? K.CBrace : K.CBrack;
    const fail = (detail: string): Expression => {
      const t = this.peek();
      if (!this.recovery) this.err("Invalid 'for' expression", detail, this.r(t), this.span(this.starts[open]!, this.ends[t]!));
      const close = this.recover(closeKind);
      return this.errorExpr(this.starts[open]!, this.ends[close]!);
    };
    if (this.peekKind() !== K.Ident) return fail("For expression requires variable name after 'for'.");
    let valTok = this.read();
    let keyTok: Tok | undefined;
    if (this.peekKind() === K.Comma) {
      keyTok = valTok;
      this.read();
      if (this.peekKind() !== K.Ident) return fail("For expression requires value variable name after comma.");
      valTok = this.read();
    }
    if (!this.isKeyword(this.peek(), "in")) return fail("For expression requires the 'in' keyword after its name declarations.");
    this.read();
    const beforeColl = this.errSeq;
    const collExpr = this.parseExpression();
    if (this.recovery && this.errSeq > beforeColl) {
      const close = this.recover(closeKind);
      return this.errorExpr(this.starts[open]!, this.ends[close]!);
    }
    if (this.peekKind() !== K.Colon) return fail("For expression requires a colon after the collection expression.");
    this.read();
    const beforeVal = this.errSeq;
    let keyExpr: Expression | undefined;
    let valExpr = this.parseExpression();
    if (this.peekKind() === K.FatArrow) {
      this.read();
      keyExpr = valExpr;
      valExpr = this.parseExpression();
    }
    if (this.recovery && this.errSeq > beforeVal) {
      const close = this.recover(closeKind);
      return this.errorExpr(this.starts[open]!, this.ends[close]!);
    }
    let group = false;
    let ellipsis: Tok | undefined;
    if (this.peekKind() === K.Ellipsis) {
      ellipsis = this.read();
      group = true;
    }
    let condExpr: Expression | undefined;
    if (this.isKeyword(this.peek(), "if")) {
      this.read();
      const beforeCond = this.errSeq;
      condExpr = this.parseExpression();
      if (this.recovery && this.errSeq > beforeCond) {
        const close = this.recover(closeKind);
        return this.errorExpr(this.starts[open]!, this.ends[close]!);
      }
    }
    let close: Tok;
    if (this.peekKind() === closeKind) {
      close = this.read();
    } else {
      const t = this.peek();
      if (!this.recovery) {
        this.err("Invalid 'for' expression", "Extra characters after the end of the 'for' expression.", this.r(t), this.span(this.starts[open]!, this.ends[t]!));
      }
      close = this.recover(closeKind);
    }
    const whole = this.span(this.starts[open]!, this.ends[close]!);
    if (!makeObj) {
      if (keyExpr) this.err("Invalid 'for' expression", "Key expression is not valid when building a tuple.", keyExpr.range, whole);
      if (group && ellipsis) {
        this.err("Invalid 'for' expression", "Grouping ellipsis (...) cannot be used when building a tuple.", this.r(ellipsis), whole);
      }
    } else if (!keyExpr) {
      this.err("Invalid 'for' expression", "Key expression is required when building an object.", valExpr.range, whole);
    }
    const out: ForExpr = {
      kind: "ForExpr",
      valVar: this.tokText(valTok),
      valVarRange: this.r(valTok),
      ...(keyTok ? { keyVar: this.tokText(keyTok), keyVarRange: this.r(keyTok) } : {}),
      collExpr,
      ...(keyExpr ? { keyExpr } : {}),
      valExpr,
      ...(condExpr ? { condExpr } : {}),
      group,
      range: whole,
      openRange: this.r(open),
      closeRange: this.r(close),
    };
    return out;
  }

  // ---- templates ----

  /**
   * The template after its opener (already read), up to and including `end` (CQuote, CHeredoc or EOF).
   * `openStart` is where the template expression's range starts (the opening quote or heredoc marker).
   */
  private parseTemplate(end: K, flush: boolean, openStart: number): Expression {
    this.enter();
    const parts = this.templateParts(end);
    if (flush) flushHeredoc(parts);
    meldLiterals(parts);
    const passthru = parts.length === 2 && parts[0]!.t === "interp";
    const endTok = parts[parts.length - 1]!;
    const range = this.span(openStart, end === K.EOF ? this.text.length : endTok.end);
    let result: Expression;
    if (passthru) {
      result = { kind: "TemplateWrap", wrapped: (parts[0] as { expr: Expression }).expr, range };
    } else {
      const exprs = new TemplateBuilder(this, parts).parseRoot();
      result = { kind: "TemplateExpr", parts: exprs, range };
    }
    this.depth--;
    return result;
  }

  /**
   * The common case of a quoted string: literal text only (or nothing) and the closing quote. Returns
   * undefined, consuming nothing, for anything else.
   */
  private simpleString(open: Tok): Expression | undefined {
    let t = this.cur;
    const kinds = this.kinds;
    let lit = -1;
    if (kinds[t] === K.QuotedLit) {
      lit = t;
      t++;
    }
    if (kinds[t] !== K.CQuote) return undefined;
    const value = lit < 0 ? "" : this.unescape(lit);
    const litStart = lit < 0 ? this.starts[t]! : this.starts[lit]!;
    const part: LiteralValueExpr = {
      kind: "LiteralValue",
      value: { type: "string", value },
      range: this.span(litStart, lit < 0 ? litStart : this.ends[lit]!),
    };
    if (lit >= 0) this.read();
    const close = this.read();
    return { kind: "TemplateExpr", parts: [part], range: this.span(this.starts[open]!, this.ends[close]!) };
  }

  private templateParts(end: K): TemplateToken[] {
    const parts: TemplateToken[] = [];
    const startTok = this.peek();
    let ltrimNext = false;
    let nextCanTrimPrev = false;
    let endStart = this.starts[startTok]!;
    let endEnd = this.starts[startTok]!;
    for (;;) {
      const next = this.read();
      if (this.kindOf(next) === end) {
        endStart = this.starts[next]!;
        endEnd = this.ends[next]!;
        break;
      }
      const ltrim = ltrimNext;
      ltrimNext = false;
      const canTrimPrev = nextCanTrimPrev;
      nextCanTrimPrev = false;
      switch (this.kindOf(next)) {
        case K.StringLit:
        case K.QuotedLit: {
          let val = this.unescape(next);
          if (ltrim) val = val.trimStart();
          parts.push({ t: "lit", val, start: this.starts[next]!, end: this.ends[next]! });
          nextCanTrimPrev = true;
          break;
        }
        case K.TemplateInterp: {
          if (canTrimPrev && (this.flagBits[next]! as TokenFlags) & TokenFlags.StripLeft) trimPrevLiteral(parts);
          this.pushNL(false);
          const expr = this.parseExpression();
          const close = this.peek();
          if (this.kindOf(close) !== K.TemplateSeqEnd) {
            if (!this.recovery) {
              if (this.kindOf(close) === K.EOF) {
                this.err(
                  "Unclosed template interpolation sequence",
                  "There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.",
                  this.span(this.starts[startTok]!, this.ends[startTok]!),
                );
              } else if (this.kindOf(close) === K.Colon) {
                this.err(
                  "Extra characters after interpolation expression",
                  'Template interpolation doesn\'t expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with "$${" instead of just "${".',
                  this.r(close),
                  this.span(this.starts[startTok]!, this.ends[close]!),
                );
              } else if ((this.kindOf(close) === K.CQuote || this.kindOf(close) === K.OQuote) && end === K.CQuote) {
                this.err(
                  "Unclosed template interpolation sequence",
                  "There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.",
                  this.span(this.starts[startTok]!, this.ends[startTok]!),
                );
              } else {
                this.err(
                  "Extra characters after interpolation expression",
                  'Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with "$${" instead of just "${".',
                  this.r(close),
                  this.span(this.starts[startTok]!, this.ends[close]!),
                );
              }
            }
            this.recover(K.TemplateSeqEnd);
          } else {
            this.read();
            if ((this.flagBits[close]! as TokenFlags) & TokenFlags.StripRight) ltrimNext = true;
          }
          this.popNL();
          parts.push({ t: "interp", expr, start: this.starts[next]!, end: this.ends[close]! });
          break;
        }
        case K.TemplateControl: {
          if (canTrimPrev && (this.flagBits[next]! as TokenFlags) & TokenFlags.StripLeft) trimPrevLiteral(parts);
          this.pushNL(false);
          const r = this.templateDirective(next, startTok, parts);
          this.popNL();
          if (r) ltrimNext = true;
          break;
        }
        default: {
          if (!this.recovery) {
            this.err("Unterminated template string", "No closing marker was found for the string.", this.r(next), this.span(this.starts[startTok]!, this.ends[next]!));
          }
          const final = this.recover(end);
          endStart = this.starts[final]!;
          endEnd = this.ends[final]!;
          parts.push(...(parts.length === 0 ? [{ t: "lit" as const, val: "", start: this.starts[startTok]!, end: this.starts[startTok]! }] : []));
          parts.push({ t: "end", start: endStart, end: endEnd });
          return parts;
        }
      }
    }
    if (parts.length === 0) parts.push({ t: "lit", val: "", start: this.starts[startTok]!, end: this.starts[startTok]! });
    parts.push({ t: "end", start: endStart, end: endEnd });
    return parts;
  }

  /** After `%{`: the directive up to its `}`. Returns true when the closer was `~}`. */
  private templateDirective(open: Tok, startTok: Tok, parts: TemplateToken[]): boolean {
    const kw = this.peek();
    if (this.kindOf(kw) !== K.Ident) {
      if (!this.recovery) {
        this.err(
          "Invalid template directive",
          'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.',
          this.r(kw),
          this.span(this.starts[open]!, this.ends[kw]!),
        );
      }
      this.recover(K.TemplateSeqEnd);
      return false;
    }
    this.read();
    const word = this.tokText(kw);
    switch (word) {
      case "if": {
        const cond = this.parseExpression();
        parts.push({ t: "if", cond, start: this.starts[open]!, end: this.ends[this.cur]! });
        break;
      }
      case "else":
      case "endif":
      case "endfor":
        parts.push({ t: word, start: this.starts[open]!, end: this.ends[this.cur]! });
        break;
      case "for": {
        const fail = (detail: string): boolean => {
          if (!this.recovery) this.err("Invalid 'for' directive", detail, this.r(this.peek()));
          this.recover(K.TemplateSeqEnd);
          return false;
        };
        if (this.peekKind() !== K.Ident) return fail("For directive requires variable name after 'for'.");
        let valTok = this.read();
        let keyTok: Tok | undefined;
        if (this.peekKind() === K.Comma) {
          keyTok = valTok;
          this.read();
          if (this.peekKind() !== K.Ident) return fail("For directive requires value variable name after comma.");
          valTok = this.read();
        }
        if (!this.isKeyword(this.peek(), "in")) return fail("For directive requires 'in' keyword after names.");
        this.read();
        const coll = this.parseExpression();
        parts.push({
          t: "for",
          ...(keyTok ? { keyVar: this.tokText(keyTok), keyVarRange: this.r(keyTok) } : {}),
          valVar: this.tokText(valTok),
          valVarRange: this.r(valTok),
          coll,
          start: this.starts[open]!,
          end: this.ends[this.cur]!,
        });
        break;
      }
      default: {
        if (!this.recovery) {
          const suggestion = nameSuggestion(word, ["if", "for", "else", "endif", "endfor"]);
          this.err(
            "Invalid template control keyword",
            `"${word}" is not a valid template control keyword.${suggestion ? ` Did you mean "${suggestion}"?` : ""}`,
            this.r(kw),
            this.span(this.starts[open]!, this.ends[kw]!),
          );
        }
        this.recover(K.TemplateSeqEnd);
        return false;
      }
    }
    const close = this.peek();
    if (this.kindOf(close) !== K.TemplateSeqEnd) {
      if (!this.recovery) {
        this.err(
          `Extra characters in ${word} marker`,
          "Expected a closing brace to end the sequence, but found extra characters.",
          this.r(close),
          this.span(this.starts[startTok]!, this.ends[close]!),
        );
      }
      this.recover(K.TemplateSeqEnd);
      return false;
    }
    this.read();
    return ((this.flagBits[close]! as TokenFlags) & TokenFlags.StripRight) !== 0;
  }

  /** The value of a QuotedLit (escapes resolved) or StringLit (only `$${`/`%%{` resolved) token. */
  unescape(tok: Tok): string {
    const s = this.unescapeRaw(tok);
    // HCL strings are Unicode NFC (cty normalizes every string value); only non-ASCII text can change.
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return s.normalize("NFC");
    return s;
  }

  private unescapeRaw(tok: Tok): string {
    const text = this.text;
    if (!((this.flagBits[tok]! as TokenFlags) & TokenFlags.HasEscape)) return text.slice(this.starts[tok]!, this.ends[tok]!);
    const quoted = this.kindOf(tok) === K.QuotedLit;
    let out = "";
    let litStart = this.starts[tok]!;
    let p = this.starts[tok]!;
    const end = this.ends[tok]!;
    while (p < end) {
      const c = text.charCodeAt(p);
      if ((c === 36 || c === 37) && p + 2 < end && text.charCodeAt(p + 1) === c && text.charCodeAt(p + 2) === 123) {
        // "$${" or "%%{"
        out += text.slice(litStart, p) + String.fromCharCode(c) + "{";
        p += 3;
        litStart = p;
        continue;
      }
      if (c !== 92 || !quoted) {
        p++;
        continue;
      }
      out += text.slice(litStart, p);
      const escStart = p;
      const sel = p + 1 < end ? text.charCodeAt(p + 1) : -1;
      if (sel < 0) {
        this.err("Invalid escape sequence", "Backslash must be followed by an escape sequence selector character.", this.span(p, p + 1));
        p++;
        litStart = p;
        continue;
      }
      switch (sel) {
        case 110: // n
          out += "\n";
          p += 2;
          break;
        case 114: // r
          out += "\r";
          p += 2;
          break;
        case 116: // t
          out += "\t";
          p += 2;
          break;
        case 34: // "
          out += '"';
          p += 2;
          break;
        case 92: // \
          out += "\\";
          p += 2;
          break;
        case 117: // u
        case 85: {
          // U
          const want = sel === 117 ? 4 : 8;
          let q = p + 2;
          while (q < end && q - (p + 2) < want && isHex(text.charCodeAt(q))) q++;
          p = q;
          if (q - (escStart + 2) !== want) {
            this.err(
              "Invalid escape sequence",
              sel === 117
                ? "The \\u escape sequence must be followed by four hexadecimal digits."
                : "The \\U escape sequence must be followed by eight hexadecimal digits.",
              this.span(escStart, q),
            );
            break;
          }
          const cp = parseInt(text.slice(escStart + 2, q), 16);
          if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            this.err("Invalid escape sequence", `Cannot encode character U+${cp.toString(16).padStart(4, "0")} in UTF-8.`, this.span(escStart, q));
            break;
          }
          out += String.fromCodePoint(cp);
          break;
        }
        default: {
          const cp = text.codePointAt(p + 1)!;
          const ch = String.fromCodePoint(cp);
          this.err("Invalid escape sequence", `The symbol ${JSON.stringify(ch)} is not a valid escape sequence selector.`, this.span(escStart, p + 1 + ch.length));
          out += ch;
          p += 1 + ch.length;
        }
      }
      litStart = p;
    }
    return out + text.slice(litStart, end);
  }

  /** Used by TemplateBuilder to report directive errors through the same de-duplication. */
  report(summary: string, detail: string, start: number, end: number): void {
    this.err(summary, detail, this.span(start, end));
  }

  spanOf(start: number, end: number): Range {
    return this.span(start, end);
  }

  whereOf(start: number, end: number): string {
    return this.where(this.span(start, end));
  }

  enterNested(): void {
    this.enter();
  }

  leaveNested(): void {
    this.depth--;
  }
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** A literal index key: a literal value, or a quoted string without template sequences. */
function staticKey(key: Expression): Literal | undefined {
  if (key.kind === "LiteralValue") return key.value;
  if (key.kind === "TemplateExpr" && key.parts.length === 1) {
    const p = key.parts[0]!;
    if (p.kind === "LiteralValue" && p.value.type === "string") return p.value;
  }
  return undefined;
}

function trimPrevLiteral(parts: TemplateToken[]): void {
  const prev = parts[parts.length - 1];
  if (prev && prev.t === "lit") prev.val = prev.val.trimEnd();
}

function isSpaceOnly(s: string): boolean {
  return s.trimStart().length === 0;
}

/**
 * `<<-` heredocs: remove from every line the smallest number of leading whitespace characters found on any
 * non-blank line. Applied to the literal text, before template sequences are evaluated.
 */
function flushHeredoc(parts: TemplateToken[]): void {
  let minSpaces = Number.MAX_SAFE_INTEGER;
  let newline = true;
  const adjust: Extract<TemplateToken, { t: "lit" }>[] = [];
  for (const tt of parts) {
    if (newline) {
      newline = false;
      let spaces = Number.MAX_SAFE_INTEGER;
      if (tt.t === "lit") {
        const trimmed = tt.val.trimStart();
        if (trimmed.length === 0 && tt.val.endsWith("\n")) {
          spaces = Number.MAX_SAFE_INTEGER;
        } else {
          spaces = [...tt.val.slice(0, tt.val.length - trimmed.length)].length;
          adjust.push(tt);
        }
      } else if (tt.t === "end") {
        break;
      } else {
        spaces = 0;
      }
      if (spaces < minSpaces) minSpaces = spaces;
    }
    if (tt.t === "lit" && tt.val.endsWith("\n")) newline = true;
  }
  if (minSpaces === Number.MAX_SAFE_INTEGER) return;
  for (const lit of adjust) {
    let units = 0;
    let n = 0;
    while (n < minSpaces && units < lit.val.length) {
      const cp = lit.val.codePointAt(units)!;
      units += cp > 0xffff ? 2 : 1;
      n++;
    }
    lit.val = lit.val.slice(units);
    lit.start += units;
  }
}

function meldLiterals(parts: TemplateToken[]): void {
  let w = 0;
  for (let r = 0; r < parts.length; r++) {
    const cur = parts[r]!;
    const prev = w > 0 ? parts[w - 1]! : undefined;
    if (prev && prev.t === "lit" && cur.t === "lit") {
      prev.val += cur.val;
      prev.end = cur.end;
      continue;
    }
    parts[w++] = cur;
  }
  parts.length = w;
}

/** Nests %{if}/%{for} directives of a flat template-token list into Conditional and TemplateJoin nodes. */
class TemplateBuilder {
  private pos = 0;
  constructor(
    private readonly p: Parser,
    private readonly toks: TemplateToken[],
  ) {}

  private peek(): TemplateToken {
    return this.toks[this.pos]!;
  }

  private read(): TemplateToken {
    const t = this.toks[this.pos]!;
    if (t.t !== "end") this.pos++;
    return t;
  }

  parseRoot(): Expression[] {
    const out: Expression[] = [];
    while (this.peek().t !== "end") out.push(this.parseExpr());
    return out;
  }

  private placeholder(start: number, end: number): Expression {
    return { kind: "LiteralValue", value: { type: "unknown" }, range: this.p.spanOf(start, end) };
  }

  private parseExpr(): Expression {
    const tok = this.peek();
    switch (tok.t) {
      case "lit":
        this.read();
        return { kind: "LiteralValue", value: { type: "string", value: tok.val }, range: this.p.spanOf(tok.start, tok.end) };
      case "interp":
        this.read();
        return tok.expr;
      case "if":
        return this.parseIf();
      case "for":
        return this.parseFor();
      case "end":
        this.read();
        this.p.report("Unexpected end of template", "The control directives within this template are unbalanced.", tok.start, tok.end);
        return this.placeholder(tok.start, tok.end);
      default:
        this.read();
        this.p.report(`Unexpected ${tok.t} directive`, "The control directives within this template are unbalanced.", tok.start, tok.end);
        return this.placeholder(tok.start, tok.end);
    }
  }

  private strings(exprs: Expression[], at: number): Expression {
    if (exprs.length === 0) {
      exprs.push({ kind: "LiteralValue", value: { type: "string", value: "" }, range: this.p.spanOf(at, at) });
    }
    return { kind: "TemplateExpr", parts: exprs, range: this.p.spanOf(exprs[0]!.range.start, exprs[exprs.length - 1]!.range.end) };
  }

  private parseIf(): Expression {
    const open = this.read() as Extract<TemplateToken, { t: "if" }>;
    this.p.enterNested();
    const ifExprs: Expression[] = [];
    const elseExprs: Expression[] = [];
    let current = ifExprs;
    let endifStart = open.end;
    let endifEnd = open.end;
    try {
      for (;;) {
        const next = this.peek();
        if (next.t === "end") {
          this.p.report(
            "Unexpected end of template",
            `The if directive at ${this.p.whereOf(open.start, open.end)} is missing its corresponding endif directive.`,
            next.start,
            next.end,
          );
          return this.placeholder(next.start, next.end);
        }
        if (next.t === "else" || next.t === "endif" || next.t === "endfor") {
          this.read();
          if (next.t === "else") {
            if (current === ifExprs) {
              current = elseExprs;
              continue;
            }
            this.p.report(
              "Unexpected else directive",
              `Already in the else clause for the if started at ${this.p.whereOf(open.start, open.end)}.`,
              next.start,
              next.end,
            );
          } else if (next.t === "endif") {
            endifStart = next.start;
            endifEnd = next.end;
            break;
          } else {
            this.p.report(
              `Unexpected ${next.t} directive`,
              `Expecting an endif directive for the if started at ${this.p.whereOf(open.start, open.end)}.`,
              next.start,
              next.end,
            );
          }
          return this.placeholder(next.start, next.end);
        }
        current.push(this.parseExpr());
      }
    } finally {
      this.p.leaveNested();
    }
    return {
      kind: "Conditional",
      condition: open.cond,
      trueResult: this.strings(ifExprs, open.end),
      falseResult: this.strings(elseExprs, endifStart),
      range: this.p.spanOf(open.start, endifEnd),
    };
  }

  private parseFor(): Expression {
    const open = this.read() as Extract<TemplateToken, { t: "for" }>;
    this.p.enterNested();
    const content: Expression[] = [];
    let endStart = open.end;
    let endEnd = open.end;
    try {
      for (;;) {
        const next = this.peek();
        if (next.t === "end") {
          this.p.report(
            "Unexpected end of template",
            `The for directive at ${this.p.whereOf(open.start, open.end)} is missing its corresponding endfor directive.`,
            next.start,
            next.end,
          );
          return this.placeholder(next.start, next.end);
        }
        if (next.t === "else" || next.t === "endif" || next.t === "endfor") {
          this.read();
          if (next.t === "endfor") {
            endStart = next.start;
            endEnd = next.end;
            break;
          }
          if (next.t === "else") {
            this.p.report("Unexpected else directive", "An else clause is not expected for a for directive.", next.start, next.end);
          } else {
            this.p.report(
              `Unexpected ${next.t} directive`,
              `Expecting an endfor directive corresponding to the for directive at ${this.p.whereOf(open.start, open.end)}.`,
              next.start,
              next.end,
            );
          }
          return this.placeholder(next.start, next.end);
        }
        content.push(this.parseExpr());
      }
    } finally {
      this.p.leaveNested();
    }
    const range = this.p.spanOf(open.start, endEnd);
    const tuple: ForExpr = {
      kind: "ForExpr",
      ...(open.keyVar !== undefined ? { keyVar: open.keyVar, keyVarRange: open.keyVarRange! } : {}),
      valVar: open.valVar,
      valVarRange: open.valVarRange,
      collExpr: open.coll,
      valExpr: this.strings(content, open.end),
      group: false,
      range,
      openRange: this.p.spanOf(open.start, open.end),
      closeRange: this.p.spanOf(endStart, endEnd),
    };
    return { kind: "TemplateJoin", tuple, range };
  }
}

/** The candidate closest to `given` by edit distance, if close enough (hclsyntax's nameSuggestion). */
function nameSuggestion(given: string, candidates: readonly string[]): string | undefined {
  for (const c of candidates) if (levenshtein(given, c) < 3) return c;
  return undefined;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

export interface ParseResult {
  body: Body;
  diagnostics: Diagnostic[];
}

/** Parses a file of HCL native syntax. Never throws; lexer diagnostics come first, then the parser's. */
export function parseConfig(file: SourceFile): ParseResult {
  const { buffer, diagnostics } = lexPacked(file);
  const p = new Parser(file, buffer);
  const body = p.parseFile();
  return { body, diagnostics: diagnostics.concat(p.diags) };
}

export function parseExpressionSource(file: SourceFile): { expr: Expression; diagnostics: Diagnostic[] } {
  const { buffer, diagnostics } = lexPacked(file);
  const p = new Parser(file, buffer);
  const expr = p.parseLoneExpression();
  return { expr, diagnostics: diagnostics.concat(p.diags) };
}

export function parseTemplateSource(file: SourceFile): { expr: Expression; diagnostics: Diagnostic[] } {
  const { buffer, diagnostics } = lexPacked(file, "template");
  const p = new Parser(file, buffer);
  const expr = p.parseBareTemplate();
  return { expr, diagnostics: diagnostics.concat(p.diags) };
}

export type { LiteralValueExpr };
