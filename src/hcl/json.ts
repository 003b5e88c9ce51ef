// HCL's JSON syntax (.tf.json), after hashicorp/hcl's json package: a JSON value tree in which every value
// and property name keeps its source range. Which properties are arguments and which are blocks depends on
// the schema the reader asks for, so this layer stops at the value tree; src/config interprets it.
//
// Strings are templates in most places. jsonStringTemplate/jsonStringExpression parse one on demand with our
// native-syntax parser and map every range of the result back into the .tf.json file, through the string's
// escapes (hclsyntax only approximates this), so a diagnostic inside a template points at the right column.
//
// Scanning follows hcl's json scanner (lax tokens, then strict checks in the parser, so the messages can
// say what is wrong); parsing follows its parser: a value that fails becomes an "invalid" value at its first
// token, and the enclosing object or array gives up, so decoding can go on around it.
import { error, type Diagnostic } from "../diag/diagnostic.js";
import type { Expression } from "./ast.js";
import { parseExpressionSource, parseTemplateSource } from "./parser.js";
import { sourceFile, type Range, type SourceFile } from "./source.js";

export interface JsonProperty {
  readonly name: string;
  readonly nameRange: Range;
  readonly value: JsonValue;
}

export type JsonValue =
  | {
      readonly kind: "object";
      readonly properties: JsonProperty[];
      readonly range: Range;
      readonly openRange: Range;
      readonly closeRange: Range;
    }
  | { readonly kind: "array"; readonly values: JsonValue[]; readonly range: Range; readonly openRange: Range }
  | JsonString
  | { readonly kind: "number"; readonly text: string; readonly range: Range }
  | { readonly kind: "bool"; readonly value: boolean; readonly range: Range }
  | { readonly kind: "null"; readonly range: Range }
  /** What a value that failed to parse becomes: its first token's range, so decoding can go on. */
  | { readonly kind: "invalid"; readonly range: Range };

export interface JsonString {
  readonly kind: "string";
  readonly value: string;
  /** Including the quotes. */
  readonly range: Range;
}

/** How deep objects and arrays may nest. */
export const MAX_JSON_DEPTH = 400;

const enum T {
  BraceO,
  BraceC,
  BrackO,
  BrackC,
  Comma,
  Colon,
  Equals,
  String,
  Number,
  Keyword,
  Invalid,
  EOF,
}

/** Parses a .tf.json file's text. Never throws. */
export function parseJson(file: SourceFile): { value: JsonValue; diagnostics: Diagnostic[] } {
  const reader = new JsonReader(file);
  const value = reader.parseFile();
  return { value, diagnostics: reader.diags };
}

/**
 * The first token of a value (its open brace or bracket, or all of a scalar): where hcl points when a value
 * is of the wrong kind.
 */
export function startRange(v: JsonValue): Range {
  return v.kind === "object" || v.kind === "array" ? v.openRange : v.range;
}

/** Parses a JSON string's value as a template (HCL's rule for strings in .tf.json); ranges are in `file`. */
export function jsonStringTemplate(file: SourceFile, str: JsonString): { expr: Expression; diagnostics: Diagnostic[] } {
  return mapped(file, str, parseTemplateSource);
}

/** Parses a JSON string's value as an expression (for references such as depends_on); ranges are in `file`. */
export function jsonStringExpression(file: SourceFile, str: JsonString): { expr: Expression; diagnostics: Diagnostic[] } {
  return mapped(file, str, parseExpressionSource);
}

function mapped(
  file: SourceFile,
  str: JsonString,
  parse: (f: SourceFile) => { expr: Expression; diagnostics: Diagnostic[] },
): { expr: Expression; diagnostics: Diagnostic[] } {
  const decoded = decodeString(file.text, str.range.start, str.range.end);
  const inner = sourceFile(file.name, decoded?.value ?? str.value);
  const r = parse(inner);
  if (!decoded) return r;
  const offsets = decoded.offsets;
  const seen = new Map<object, Range>();
  const mapRange = (x: Range): Range => {
    let m = seen.get(x);
    if (!m) {
      m = { file, start: offsets[x.start] ?? str.range.end, end: offsets[x.end] ?? str.range.end };
      seen.set(x, m);
    }
    return m;
  };
  remapRanges(r.expr, inner, mapRange, new Set());
  const diagnostics = r.diagnostics.map((d) => ({
    ...d,
    ...(d.subject ? { subject: mapRange(d.subject) } : {}),
    ...(d.context ? { context: mapRange(d.context) } : {}),
  }));
  return { expr: r.expr, diagnostics };
}

/** Replaces, in place, every Range of `inner` reachable from `node` (the tree is plain objects and arrays). */
function remapRanges(node: unknown, inner: SourceFile, mapRange: (r: Range) => Range, visited: Set<object>): void {
  if (node === null || typeof node !== "object" || visited.has(node)) return;
  visited.add(node);
  const obj = node as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (v === null || typeof v !== "object") continue;
    if ((v as Partial<Range>).file === inner) obj[key] = mapRange(v as Range);
    else remapRanges(v, inner, mapRange, visited);
  }
}

/**
 * Decodes the JSON string token text[start, end) (quotes included). `offsets[i]` is the file offset of the
 * decoded string's i-th code unit, and offsets[value.length] the offset of the closing quote. Undefined when
 * the string is not valid JSON, with `bad` the offset of the first offending character.
 */
function decodeString(text: string, start: number, end: number): { value: string; offsets: Int32Array } | undefined {
  const r = decodeStringAt(text, start, end);
  return r.ok ? { value: r.value, offsets: r.offsets } : undefined;
}

type Decoded = { ok: true; value: string; offsets: Int32Array } | { ok: false; bad: number };

function decodeStringAt(text: string, start: number, end: number): Decoded {
  if (end - start < 2 || text.charCodeAt(end - 1) !== 34) return { ok: false, bad: end };
  const offsets = new Int32Array(end - start);
  let out = "";
  let n = 0;
  let runStart = start + 1;
  let p = start + 1;
  const last = end - 1;
  while (p < last) {
    const c = text.charCodeAt(p);
    if (c < 0x20) return { ok: false, bad: p };
    if (c !== 92) {
      offsets[n++] = p;
      p++;
      continue;
    }
    out += text.slice(runStart, p);
    const e = p + 1 < last ? text.charCodeAt(p + 1) : -1;
    let ch: string;
    let width = 2;
    switch (e) {
      case 34:
        ch = '"';
        break;
      case 92:
        ch = "\\";
        break;
      case 47:
        ch = "/";
        break;
      case 98:
        ch = "\b";
        break;
      case 102:
        ch = "\f";
        break;
      case 110:
        ch = "\n";
        break;
      case 114:
        ch = "\r";
        break;
      case 116:
        ch = "\t";
        break;
      case 117: {
        for (let k = 2; k < 6; k++) {
          const h = p + k < last ? text.charCodeAt(p + k) : -1;
          if (!((h >= 48 && h <= 57) || (h >= 97 && h <= 102) || (h >= 65 && h <= 70))) return { ok: false, bad: p + k };
        }
        ch = String.fromCharCode(parseInt(text.slice(p + 2, p + 6), 16));
        width = 6;
        break;
      }
      default:
        return { ok: false, bad: p + 1 };
    }
    out += ch;
    offsets[n++] = p;
    p += width;
    runStart = p;
  }
  out += text.slice(runStart, last);
  offsets[n] = last;
  return { ok: true, value: out, offsets: offsets.subarray(0, n + 1) };
}

function isDigitish(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69;
}

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

class JsonReader {
  readonly diags: Diagnostic[] = [];
  private readonly text: string;
  private readonly types: T[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private p = 0;

  constructor(private readonly file: SourceFile) {
    this.text = file.text;
    this.scan();
  }

  /** hcl's json scanner: lax tokens; scanning stops at the first character that cannot start one. */
  private scan(): void {
    const text = this.text;
    const n = text.length;
    let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const push = (t: T, s: number, e: number) => {
      this.types.push(t);
      this.starts.push(s);
      this.ends.push(e);
    };
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        i++;
        continue;
      }
      const start = i;
      switch (c) {
        case 123:
          push(T.BraceO, i, ++i);
          continue;
        case 125:
          push(T.BraceC, i, ++i);
          continue;
        case 91:
          push(T.BrackO, i, ++i);
          continue;
        case 93:
          push(T.BrackC, i, ++i);
          continue;
        case 44:
          push(T.Comma, i, ++i);
          continue;
        case 58:
          push(T.Colon, i, ++i);
          continue;
        case 61:
          push(T.Equals, i, ++i);
          continue;
        case 34: {
          i++;
          let escaping = false;
          while (i < n) {
            const d = text.charCodeAt(i);
            if (d === 92) {
              escaping = !escaping;
              i++;
            } else if (d === 34) {
              i++;
              if (!escaping) break;
              escaping = false;
            } else if (d < 32) {
              break;
            } else {
              escaping = false;
              i++;
            }
          }
          push(T.String, start, i);
          continue;
        }
      }
      if (isDigitish(c) && c !== 101 && c !== 69) {
        while (i < n && isDigitish(text.charCodeAt(i))) i++;
        push(T.Number, start, i);
        continue;
      }
      if (isAlpha(c)) {
        while (i < n && (isAlpha(text.charCodeAt(i)) || text.charCodeAt(i) === 95)) i++;
        push(T.Keyword, start, i);
        continue;
      }
      const w = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      push(T.Invalid, i, i + w);
      push(T.EOF, i + w, i + w);
      return;
    }
    push(T.EOF, n, n);
  }

  private r(t: number): Range {
    return { file: this.file, start: this.starts[t]!, end: this.ends[t]! };
  }

  private peek(): number {
    return this.p;
  }

  private read(): number {
    const t = this.p;
    if (this.types[t] !== T.EOF) this.p++;
    return t;
  }

  private type(t: number): T {
    return this.types[t]!;
  }

  private slice(t: number): string {
    return this.text.slice(this.starts[t], this.ends[t]);
  }

  private err(summary: string, detail: string, at: Range, context?: Range): undefined {
    this.diags.push(error(summary, detail, at, context ? { context } : undefined));
    return undefined;
  }

  parseFile(): JsonValue {
    const v = this.value(0);
    if (this.diags.length === 0 && this.type(this.peek()) !== T.EOF) {
      this.err("Extraneous data after value", "Extra characters appear after the JSON value.", this.r(this.peek()));
    }
    return v;
  }

  private value(depth: number): JsonValue {
    const tok = this.peek();
    if (depth > MAX_JSON_DEPTH) {
      this.err("Nesting too deep", `This JSON value nests objects and arrays more deeply than tfsim supports (${MAX_JSON_DEPTH} levels).`, this.r(tok));
      this.p = this.types.length - 1;
      return { kind: "invalid", range: this.r(tok) };
    }
    let v: JsonValue | undefined;
    const notStart = "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.";
    switch (this.type(tok)) {
      case T.BraceO:
        v = this.object(depth);
        break;
      case T.BrackO:
        v = this.array(depth);
        break;
      case T.Number:
        v = this.number();
        break;
      case T.String:
        v = this.string();
        break;
      case T.Keyword:
        v = this.keyword();
        break;
      case T.BraceC:
        this.err("Missing JSON value", notStart, this.r(tok));
        break;
      case T.BrackC:
        this.err("Missing array element value", notStart, this.r(tok));
        break;
      case T.EOF:
        this.err("Missing value", "The JSON data ends prematurely.", this.r(tok));
        break;
      default:
        this.err("Invalid start of value", notStart, this.r(tok));
    }
    return v ?? { kind: "invalid", range: this.r(tok) };
  }

  /** Skips to what seems to be the end of the current object or array, starting with token `t`. */
  private recover(t: number, open: T, close: T): void {
    let depth = 1;
    for (;;) {
      const ty = this.type(t);
      if (ty === open) depth++;
      else if (ty === close) {
        depth--;
        if (depth <= 1) return;
      } else if (ty === T.EOF) return;
      t = this.read();
    }
  }

  private object(depth: number): JsonValue | undefined {
    const open = this.read();
    const properties: JsonProperty[] = [];
    for (;;) {
      if (this.type(this.peek()) === T.BraceC) break;
      const key = this.value(depth + 1);
      if (key.kind !== "string") {
        return this.err("Invalid object property name", "A JSON object property name must be a string", startRange(key));
      }
      const colon = this.read();
      const ct = this.type(colon);
      if (ct !== T.Colon) {
        this.recover(colon, T.BraceO, T.BraceC);
        if (ct === T.BraceC || ct === T.Comma) {
          return this.err("Missing object value", "A JSON object attribute must have a value, introduced by a colon.", this.r(colon));
        }
        if (ct === T.Equals) {
          return this.err("Missing property value colon", "JSON uses a colon as its name/value delimiter, not an equals sign.", this.r(colon));
        }
        return this.err("Missing property value colon", "A colon must appear between an object property's name and its value.", this.r(colon));
      }
      const value = this.value(depth + 1);
      properties.push({ name: key.value, nameRange: key.range, value });
      const next = this.peek();
      switch (this.type(next)) {
        case T.Comma: {
          const comma = this.read();
          if (this.type(this.peek()) === T.BraceC) {
            return this.err("Trailing comma in object", "JSON does not permit a trailing comma after the final property in an object.", this.r(comma));
          }
          continue;
        }
        case T.EOF:
          return this.err("Unclosed object", "No closing brace was found for this JSON object.", this.r(open));
        case T.BrackC:
          // Terraform 1.11's hcl consumes the bracket and names the token after it.
          this.read();
          return this.err("Mismatched braces", "A JSON object must be closed with a brace, not a bracket.", this.r(this.peek()));
        case T.BraceC:
          break;
        default:
          this.recover(this.read(), T.BraceO, T.BraceC);
          return this.err("Missing attribute seperator comma", "A comma must appear between each property definition in an object.", this.r(this.peek()));
      }
      break;
    }
    const close = this.read();
    return {
      kind: "object",
      properties,
      range: { file: this.file, start: this.starts[open]!, end: this.ends[close]! },
      openRange: this.r(open),
      closeRange: this.r(close),
    };
  }

  private array(depth: number): JsonValue | undefined {
    const open = this.read();
    const values: JsonValue[] = [];
    for (;;) {
      if (this.type(this.peek()) === T.BrackC) break;
      values.push(this.value(depth + 1));
      const next = this.peek();
      switch (this.type(next)) {
        case T.Comma: {
          const comma = this.read();
          if (this.type(this.peek()) === T.BrackC) {
            return this.err("Trailing comma in array", "JSON does not permit a trailing comma after the final value in an array.", this.r(comma));
          }
          continue;
        }
        case T.Colon:
          this.recover(this.read(), T.BrackO, T.BrackC);
          return this.err("Invalid array value", "A colon is not used to introduce values in a JSON array.", this.r(this.peek()));
        case T.EOF:
          this.recover(this.read(), T.BrackO, T.BrackC);
          return this.err("Unclosed object", "No closing bracket was found for this JSON array.", this.r(open));
        case T.BraceC:
          // As with "Mismatched braces", Terraform 1.11 names the token where recovery stops.
          this.recover(this.read(), T.BrackO, T.BrackC);
          return this.err("Mismatched brackets", "A JSON array must be closed with a bracket, not a brace.", this.r(this.peek()));
        case T.BrackC:
          break;
        default:
          this.recover(this.read(), T.BrackO, T.BrackC);
          return this.err("Missing attribute seperator comma", "A comma must appear between each value in an array.", this.r(this.peek()));
      }
      break;
    }
    const close = this.read();
    return { kind: "array", values, range: { file: this.file, start: this.starts[open]!, end: this.ends[close]! }, openRange: this.r(open) };
  }

  private number(): JsonValue | undefined {
    const tok = this.read();
    const text = this.slice(tok);
    if (!isJsonNumber(text)) return this.err("Invalid JSON number", "There is a syntax error in the given JSON number.", this.r(tok));
    return { kind: "number", text, range: this.r(tok) };
  }

  private string(): JsonValue | undefined {
    const tok = this.read();
    const start = this.starts[tok]!;
    const end = this.ends[tok]!;
    const d = decodeStringAt(this.text, start, end);
    if (d.ok) return { kind: "string", value: d.value, range: this.r(tok) };
    // Where Go's decoder stops (just after the offending character, or at the end of an unterminated
    // string), which is where Terraform points, with the whole string as context.
    const len = this.text.length;
    const at = Math.min(d.bad >= end ? end : d.bad + 1, len);
    const subject: Range = { file: this.file, start: at, end: Math.min(at + 1, len) };
    return this.err("Invalid JSON string", "There is a syntax error in the given JSON string.", subject, this.r(tok));
  }

  private keyword(): JsonValue | undefined {
    const tok = this.read();
    const word = this.slice(tok);
    if (word === "true" || word === "false") return { kind: "bool", value: word === "true", range: this.r(tok) };
    if (word === "null") return { kind: "null", range: this.r(tok) };
    if (word === "undefined" || word === "NaN" || word === "Infinity") {
      return this.err("Invalid JSON keyword", `The JavaScript identifier "${word}" cannot be used in JSON.`, this.r(tok));
    }
    const lower = word.toLowerCase();
    const hint = ["true", "false", "null"].find((k) => k === lower || distance(k, lower) < 3);
    return this.err("Invalid JSON keyword", `"${word}" is not a valid JSON keyword.${hint ? ` Did you mean "${hint}"?` : ""}`, this.r(tok));
  }
}

/** JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
function isJsonNumber(s: string): boolean {
  let i = 0;
  const n = s.length;
  const digit = (k: number) => k < n && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57;
  if (s.charCodeAt(i) === 45) i++;
  if (!digit(i)) return false;
  if (s.charCodeAt(i) === 48) i++;
  else while (digit(i)) i++;
  if (s.charCodeAt(i) === 46) {
    i++;
    if (!digit(i)) return false;
    while (digit(i)) i++;
  }
  const e = s.charCodeAt(i);
  if (e === 101 || e === 69) {
    i++;
    const sign = s.charCodeAt(i);
    if (sign === 43 || sign === 45) i++;
    if (!digit(i)) return false;
    while (digit(i)) i++;
  }
  return i === n;
}

function distance(a: string, b: string): number {
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
