// Source files and ranges. A range is a pair of offsets into one file's text (JS string indices);
// line, column and UTF-8 byte offset are computed only when someone asks (diagnostics, JSON output),
// from a line-starts table built once per file.

export interface SourceFile {
  /** The name as the user should see it, relative to the working directory (e.g. "main.tf"). */
  readonly name: string;
  readonly text: string;
  /** Text the CLI cannot show back (a -var value): diagnostics give its position but no snippet, as Terraform's. */
  readonly unlisted?: boolean;
  /** Offsets of the first character of each line; built lazily by lineStarts(). */
  lineStartsCache?: number[];
  /** UTF-8 byte offset of each line start; built lazily by positionOf(), so byte offsets cost O(line). */
  lineByteStartsCache?: number[];
}

export interface Range {
  readonly file: SourceFile;
  /** Offset of the first character (JS string index). */
  readonly start: number;
  /** Offset just past the last character (JS string index). */
  readonly end: number;
}

/** A position as Terraform prints it: 1-based line and column (in characters), 0-based UTF-8 byte offset. */
export interface Pos {
  readonly line: number;
  readonly column: number;
  readonly byte: number;
}

export function sourceFile(name: string, text: string): SourceFile {
  return { name, text };
}

export function range(file: SourceFile, start: number, end: number): Range {
  return { file, start, end };
}

export function lineStarts(file: SourceFile): number[] {
  if (file.lineStartsCache) return file.lineStartsCache;
  const starts = [0];
  const text = file.text;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10 /* \n */) starts.push(i + 1);
  }
  file.lineStartsCache = starts;
  return starts;
}

/** 0-based index of the line holding `offset`, by binary search over the line starts. */
export function lineIndexOf(file: SourceFile, offset: number): number {
  const starts = lineStarts(file);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function utf8Length(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function codePointCount(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) i++;
    n++;
  }
  return n;
}

function lineByteStarts(file: SourceFile): number[] {
  if (file.lineByteStartsCache) return file.lineByteStartsCache;
  const starts = lineStarts(file);
  const bytes = [0];
  for (let i = 1; i < starts.length; i++) bytes.push(bytes[i - 1]! + utf8Length(file.text, starts[i - 1]!, starts[i]!));
  file.lineByteStartsCache = bytes;
  return bytes;
}

/** Line, column and byte offset of `offset`. Byte offsets are counted from the start of the file. */
export function positionOf(file: SourceFile, offset: number): Pos {
  const line = lineIndexOf(file, offset);
  const lineStart = lineStarts(file)[line]!;
  return {
    line: line + 1,
    column: codePointCount(file.text, lineStart, offset) + 1,
    byte: lineByteStarts(file)[line]! + utf8Length(file.text, lineStart, offset),
  };
}

/** The text of the 1-based line `line`, without its line terminator. */
export function lineText(file: SourceFile, line: number): string {
  const starts = lineStarts(file);
  const start = starts[line - 1] ?? file.text.length;
  let end = starts[line] ?? file.text.length;
  if (end > start && file.text.charCodeAt(end - 1) === 10) end--;
  if (end > start && file.text.charCodeAt(end - 1) === 13) end--;
  return file.text.slice(start, end);
}

/** The smallest range covering both. Both must be in the same file. */
export function unionRange(a: Range, b: Range): Range {
  return { file: a.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
