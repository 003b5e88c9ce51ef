// Renders diagnostics exactly as Terraform 1.11 does: the framed human form (colour), the plain form
// (-no-color), and the JSON objects of `-json` output. The snippet rules (which lines are shown, where the
// highlight falls, the "in <block>" context) follow Terraform's viewsjson.NewDiagnostic so that both forms agree.
import { Buffer } from "node:buffer";
import type { Writable } from "node:stream";
import type { Diagnostic } from "../diag/diagnostic.js";
import { lineStarts, positionOf, type Pos, type Range, type SourceFile } from "../hcl/source.js";

/** Terraform's width when the output is not a terminal. */
export const DEFAULT_COLUMNS = 78;

/**
 * Names the innermost top-level construct enclosing `offset` (a JS string index), as hcled.ContextString does:
 * `resource "x" "y"` for native syntax, `resource.x.y` for JSON. Whoever parses a file registers one.
 */
export type ContextLookup = (offset: number) => string | undefined;

const contextLookups = new WeakMap<SourceFile, ContextLookup>();

/** Registers how to find the enclosing block of a position in `file` (done by the config loader after parsing). */
export function setContextLookup(file: SourceFile, lookup: ContextLookup): void {
  contextLookups.set(file, lookup);
}

export interface JsonPos {
  line: number;
  column: number;
  byte: number;
}

export interface JsonRange {
  filename: string;
  start: JsonPos;
  end: JsonPos;
}

export interface JsonSnippet {
  context: string | null;
  code: string;
  start_line: number;
  highlight_start_offset: number;
  highlight_end_offset: number;
  values: unknown[];
}

/** One diagnostic in Terraform's machine-readable shape (views/json/diagnostic.go), keys in its order. */
export interface JsonDiagnostic {
  severity: "error" | "warning";
  summary: string;
  detail: string;
  address?: string;
  range?: JsonRange;
  snippet?: JsonSnippet;
}

function jsonPos(p: Pos): JsonPos {
  return { line: p.line, column: p.column, byte: p.byte };
}

/**
 * hcl.Range.Overlaps: empty ranges never overlap, and an end offset counts as inside when it falls within the
 * other range (Terraform relies on this to show both lines around a highlighted newline).
 */
function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  if (aStart >= aEnd || bStart >= bEnd) return false;
  const contains = (s: number, e: number, o: number) => o >= s && o < e;
  return (
    contains(aStart, aEnd, bStart) || contains(aStart, aEnd, bEnd) || contains(bStart, bEnd, aStart) || contains(bStart, bEnd, aEnd)
  );
}

function utf8Bytes(text: string, from: number, to: number): number {
  return Buffer.byteLength(text.slice(from, to), "utf8");
}

/** Converts a diagnostic to Terraform's JSON form, with its range and source snippet. */
export function diagnosticToJSON(d: Diagnostic): JsonDiagnostic {
  const out: JsonDiagnostic = { severity: d.severity, summary: d.summary, detail: d.detail ?? "" };
  if (d.address) out.address = d.address;
  const subject = d.subject;
  if (!subject) return out;
  const file = subject.file;
  const text = file.text;
  // Terraform's zero hcl.Range (a value with no source, as a module variable's default): no snippet.
  if (file.name === "" && text === "") {
    out.range = { filename: "", start: { line: 0, column: 0, byte: 0 }, end: { line: 0, column: 1, byte: 1 } };
    return out;
  }

  // Highlight and snippet ranges in JS indices; empty ones grow by one so something is shown.
  let hlStart = subject.start;
  let hlEnd = Math.max(subject.end, subject.start);
  const ctx: Range | undefined = d.context && d.context.file === file ? d.context : undefined;
  let snStart = Math.min(ctx ? ctx.start : hlStart, hlStart);
  let snEnd = Math.max(ctx ? ctx.end : hlEnd, hlEnd);
  if (snStart === snEnd) snEnd++;
  const hlEmpty = hlStart === hlEnd;
  if (hlEmpty) hlEnd++;

  const startPos = positionOf(file, hlStart);
  // Terraform extends an empty range arithmetically (byte+1, column+1), even across a line end.
  const endPos = hlEmpty
    ? { line: startPos.line, column: startPos.column + 1, byte: startPos.byte + 1 }
    : positionOf(file, Math.min(hlEnd, text.length));
  out.range = { filename: file.name, start: jsonPos(startPos), end: jsonPos(endPos) };
  if (file.unlisted) return out;

  // Lines (without terminators) overlapping the snippet range; blank lines never overlap (as in HCL).
  const starts = lineStarts(file);
  const first = lineIndexAtOrBefore(starts, Math.min(snStart, text.length));
  const codeLines: string[] = [];
  let codeStart = -1;
  const startLine = positionOf(file, Math.min(snStart, text.length)).line;
  for (let i = first; i < starts.length; i++) {
    const ls = starts[i]!;
    if (ls > snEnd) break;
    let le = i + 1 < starts.length ? starts[i + 1]! - 1 : text.length;
    if (le > ls && text.charCodeAt(le - 1) === 13) le--;
    if (overlaps(ls, le, snStart, snEnd)) {
      if (codeStart < 0) codeStart = ls;
      codeLines.push(text.slice(ls, le));
    }
  }
  if (codeStart < 0) codeStart = 0;
  const code = codeLines.join("\n");
  const codeBytes = Buffer.byteLength(code, "utf8");
  const clamp = (n: number) => Math.min(Math.max(n, 0), codeBytes);
  const hlStartByte = startPos.byte - positionOf(file, codeStart).byte;
  const hlLenBytes = hlEmpty ? 1 : utf8Bytes(text, hlStart, Math.min(hlEnd, text.length));
  const lookup = contextLookups.get(file);
  // Terraform asks for the context one byte before the subject, so a subject that starts a block has none.
  const context = lookup ? (lookup(hlStart - 1) ?? null) : null;
  out.snippet = {
    context: context === "" ? null : context,
    code,
    start_line: startLine,
    highlight_start_offset: clamp(hlStartByte),
    highlight_end_offset: clamp(hlStartByte + hlLenBytes),
    values: (d.values ?? []).map((v) => ({ traversal: v.traversal, statement: v.statement })),
  };
  return out;
}

function lineIndexAtOrBefore(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Word wrapping as go-wordwrap's WrapString (which Terraform uses for details): breaks only at white space,
 * counts runes, drops the spaces at a break, never splits a long word.
 */
export function wrapText(s: string, lim: number): string {
  let out = "";
  let current = 0;
  let word = "";
  let wordLen = 0;
  let space = "";
  let spaceLen = 0;
  for (const ch of s) {
    if (ch === "\n") {
      if (wordLen === 0) {
        if (current + spaceLen <= lim) out += space;
      } else {
        out += space + word;
      }
      space = "";
      spaceLen = 0;
      word = "";
      wordLen = 0;
      out += ch;
      current = 0;
    } else if (isGoSpace(ch)) {
      if (spaceLen === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        out += space + word;
        space = "";
        spaceLen = 0;
        word = "";
        wordLen = 0;
      }
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + spaceLen + wordLen > lim && wordLen < lim) {
        out += "\n";
        current = 0;
        space = "";
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= lim) out += space;
  } else {
    out += space + word;
  }
  return out;
}

/** unicode.IsSpace, minus the no-break space that go-wordwrap keeps inside words. */
function isGoSpace(ch: string): boolean {
  switch (ch) {
    case " ":
    case "\t":
    case "\v":
    case "\f":
    case "\r":
    case "\u0085":
    case "\u1680":
    case "\u2028":
    case "\u2029":
    case "\u202f":
    case "\u205f":
    case "\u3000":
      return true;
  }
  const c = ch.charCodeAt(0);
  return c >= 0x2000 && c <= 0x200a;
}

const ESC = "\u001b[";
const RESET = `${ESC}0m`;
// mitchellh/colorstring appends a reset to everything it colours; Terraform's output carries those bytes.
const c = {
  bold: `${ESC}1m`,
  red: `${ESC}31m`,
  yellow: `${ESC}33m`,
  underline: `${ESC}4m`,
};

function wrapDetail(detail: string, width: number): string {
  if (width <= 0) return detail + "\n";
  let out = "";
  for (const line of detail.split("\n")) {
    out += (line.startsWith(" ") ? line : wrapText(line, width)) + "\n";
  }
  return out;
}

/** The expression values under a snippet (format.appendSourceSnippets), before the blank line. */
function valuesText(d: Diagnostic, color: boolean): string {
  const values = [...(d.values ?? [])].sort((a, b) => (a.traversal < b.traversal ? -1 : a.traversal > b.traversal ? 1 : 0));
  const call = d.functionCall;
  if (values.length === 0 && !call) return "";
  // colorstring puts a reset after every coloured format string, that is after its newline.
  const gray = (s: string) => (color ? `${ESC}90m${s}${RESET}` : s);
  const bold = (s: string) => (color ? `${c.bold}${s}${RESET}` : s);
  const end = color ? RESET : "";
  let out = `    ${gray("├────────────────")}\n${end}`;
  if (call) {
    const params = [...call.params, ...(call.variadicParam !== undefined ? [`${call.variadicParam}...`] : [])].join(", ");
    out += `    ${gray("│")} while calling ${bold(call.calledAs)}(${end}${params})\n`;
  }
  for (const v of values) {
    const [first, ...rest] = v.statement.split("\n");
    out += `    ${gray("│")} ${bold(v.traversal)} ${first}\n${end}`;
    for (const line of rest) out += `    ${gray("│")} ${line}\n${end}`;
  }
  return out;
}

function snippetText(j: JsonDiagnostic, color: boolean, d?: Diagnostic): string {
  let out = "";
  if (j.address) out += `  with ${j.address},\n`;
  if (!j.range) return out;
  const s = j.snippet;
  if (!s) {
    return out + `  on ${j.range.filename} line ${j.range.start.line}:\n  (source code not available)\n\n`;
  }
  out += `  on ${j.range.filename} line ${j.range.start.line}${s.context !== null ? `, in ${s.context}` : ""}:\n`;
  let code = s.code;
  if (color) {
    const bytes = Buffer.from(code, "utf8");
    let start = s.highlight_start_offset;
    let end = s.highlight_end_offset;
    if (end < start) end = Math.min(start + 1, bytes.length);
    const before = bytes.subarray(0, start).toString("utf8");
    const hl = bytes.subarray(start, end).toString("utf8");
    const after = bytes.subarray(end).toString("utf8");
    code = `${before}${c.underline}${hl}${RESET}${after}${RESET}`;
  }
  code.split("\n").forEach((line, i) => {
    out += `${String(s.start_line + i).padStart(4)}: ${line}\n`;
  });
  return out + (d ? valuesText(d, color) : "") + "\n";
}

export interface RenderOptions {
  readonly color: boolean;
  /** Columns of the terminal the text goes to; DEFAULT_COLUMNS when not a terminal. */
  readonly width: number;
}

/** One diagnostic as Terraform prints it: framed and coloured, or plain (with a leading blank line). */
export function renderDiagnostic(d: Diagnostic, opts: RenderOptions): string {
  const j = diagnosticToJSON(d);
  if (!opts.color) {
    let out = `\n${d.severity === "error" ? "Error" : "Warning"}: ${j.summary}\n\n`;
    out += snippetText(j, false, d);
    if (j.detail !== "") out += wrapDetail(j.detail, opts.width > 1 ? opts.width - 1 : 0);
    return out;
  }
  const hue = d.severity === "error" ? c.red : c.yellow;
  let body = `${c.bold}${hue}${d.severity === "error" ? "Error" : "Warning"}: ${RESET}${RESET}`;
  body += `${c.bold}${j.summary}${RESET}\n\n${RESET}`;
  body += snippetText(j, true, d);
  if (j.detail !== "") {
    const para = opts.width - 3;
    body += wrapDetail(j.detail, para > 0 ? para : 0);
  }
  const ruleLine = `${hue}│${RESET} ${RESET}`;
  let out = `${hue}╷${RESET}${RESET}\n`;
  // bufio.ScanLines: a final newline does not start another line.
  const lines = body.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (const line of lines) {
    out += (line === "" ? ruleLine.trim() : ruleLine) + line + "\n";
  }
  return out + `${hue}╵${RESET}${RESET}\n`;
}

/**
 * Terraform's diagnostic order: warnings first, then those without a source, then by file (fewer path
 * segments first, then name), start offset and end offset; stable otherwise.
 */
export function sortDiagnostics(diags: Iterable<Diagnostic>): Diagnostic[] {
  const segs = (name: string) => name.split("/").length;
  return [...diags].sort((a, b) => {
    if (a.severity !== b.severity) return a.severity === "warning" ? -1 : 1;
    const as = a.subject;
    const bs = b.subject;
    if (!as || !bs) return (as ? 1 : 0) - (bs ? 1 : 0);
    if (as.file.name !== bs.file.name) {
      const d = segs(as.file.name) - segs(bs.file.name);
      if (d !== 0) return d;
      return as.file.name < bs.file.name ? -1 : 1;
    }
    if (as.start !== bs.start) return as.start - bs.start;
    return as.end - bs.end;
  });
}

interface Streams {
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable & { isTTY?: boolean; columns?: number };
  readonly color: boolean;
}

/**
 * The width Terraform wraps details at: the terminal's, else 78. A terminal whose size is unknown (0 columns)
 * gets 0, which Terraform's renderer takes as "do not wrap".
 */
export function columnsOf(stream: { isTTY?: boolean; columns?: number }): number {
  if (!stream.isTTY) return DEFAULT_COLUMNS;
  return stream.columns && stream.columns > 0 ? stream.columns : 0;
}

/** Prints diagnostics as a Terraform command does: sorted, errors on stderr, warnings on stdout. */
export function writeDiagnostics(io: Streams, diags: Iterable<Diagnostic>): void {
  const width = columnsOf(io.stderr);
  for (const d of sortDiagnostics(diags)) {
    const text = renderDiagnostic(d, { color: io.color, width });
    (d.severity === "error" ? io.stderr : io.stdout).write(text);
  }
}

/**
 * Prints diagnostics as the commands built on Terraform's older UI layer do (fmt, graph): all on stderr, each
 * followed by one more newline than the views print and, in colour, wrapped in red (errors) or yellow (warnings).
 */
export function showDiagnostics(io: Streams, diags: Iterable<Diagnostic>): void {
  const width = columnsOf(io.stderr);
  for (const d of sortDiagnostics(diags)) {
    const text = renderDiagnostic(d, { color: io.color, width });
    const hue = d.severity === "error" ? "\u001b[31m" : "\u001b[33m";
    io.stderr.write(io.color ? `${hue}${text}\u001b[0m\u001b[0m\n` : text + "\n");
  }
}

/**
 * JSON text as Go's json.MarshalIndent writes it (Terraform's -json output): two-space indent and the
 * HTML-safe escapes of <, >, & and U+2028/U+2029.
 */
export function goJSON(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (ch) => {
    return "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0");
  });
}

/** The document `terraform validate -json` prints (format_version 1.0). */
export function validateJSON(diags: Iterable<Diagnostic>): string {
  const list = [...diags];
  const errors = list.filter((d) => d.severity === "error").length;
  return goJSON({
    format_version: "1.0",
    valid: errors === 0,
    error_count: errors,
    warning_count: list.length - errors,
    diagnostics: list.map(diagnosticToJSON),
  });
}
