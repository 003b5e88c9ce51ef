// yamlencode's output, byte for byte: cty-yaml's choices (strings double-quoted, multi-line strings as literal
// blocks, keys double-quoted) written the way go-yaml v2's emitter lays them out: block style, sequences not
// indented under mapping keys, "|-" / "|" / "|+" chomping, "|2" when the text starts with a space, long
// double-quoted strings folded at spaces past column 80, and "..." after a plain scalar document.
import type { Value } from "../value.js";

const BestWidth = 80;

export function yamlEncodeValue(v: Value): string {
  const lines: string[] = [];
  const r = emit(v, 0, "root");
  if (r.inline !== undefined) {
    lines.push(r.inline);
    for (const l of r.block ?? []) lines.push(l);
    if (r.plain) lines.push("...");
  } else lines.push(...r.block!);
  return lines.join("\n") + "\n";
}

interface Emitted {
  /** Text that goes on the same line as the key or "- " (scalars, empty collections, block scalar headers). */
  inline?: string;
  /** Lines below; already indented. */
  block?: string[];
  plain?: boolean;
}

type Context = "root" | "mapValue" | "seqItem";

function emit(v: Value, indent: number, ctx: Context, column = 0): Emitted {
  if (!v.isKnown() || v.isNull()) return { inline: "null", plain: true };
  switch (v.type.kind) {
    case "string":
      return emitString(v.asString(), indent, ctx, column);
    case "number":
      return { inline: v.asNumber().toString(), plain: true };
    case "bool":
      return { inline: v.asBool() ? "true" : "false", plain: true };
    case "list":
    case "set":
    case "tuple": {
      const es = v.elements();
      if (es.length === 0) return { inline: "[]" };
      return { block: emitSeq(es, indent) };
    }
    default: {
      const es = [...v.entries()];
      if (es.length === 0) return { inline: "{}" };
      return { block: emitMap(es, indent) };
    }
  }
}

function emitSeq(es: readonly Value[], indent: number): string[] {
  const pad = " ".repeat(indent);
  const out: string[] = [];
  for (const e of es) {
    const kind = e.isKnown() && !e.isNull() ? e.type.kind : "null";
    const isColl = kind === "list" || kind === "set" || kind === "tuple" || kind === "map" || kind === "object";
    if (isColl && (kind === "map" || kind === "object" ? e.entries().size : e.elements().length) > 0) {
      const inner = kind === "map" || kind === "object" ? emitMap([...e.entries()], indent + 2) : emitSeq(e.elements(), indent + 2);
      out.push(pad + "- " + inner[0]!.slice(indent + 2));
      out.push(...inner.slice(1));
      continue;
    }
    const r = emit(e, indent + 2, "seqItem", indent + 2);
    out.push(pad + "- " + r.inline);
    if (r.block) out.push(...r.block);
  }
  return out;
}

function emitMap(es: readonly [string, Value][], indent: number): string[] {
  const pad = " ".repeat(indent);
  const out: string[] = [];
  for (const [k, e] of es) {
    const key = pad + doubleQuoted(k, 0, false, 0) + ":";
    const kind = e.isKnown() && !e.isNull() ? e.type.kind : "null";
    if ((kind === "map" || kind === "object") && e.entries().size > 0) {
      out.push(key, ...emitMap([...e.entries()], indent + 2));
      continue;
    }
    if ((kind === "list" || kind === "set" || kind === "tuple") && e.elements().length > 0) {
      out.push(key, ...emitSeq(e.elements(), indent));
      continue;
    }
    const r = emit(e, indent + 2, "mapValue", key.length + 1);
    out.push(key + " " + r.inline);
    if (r.block) out.push(...r.block);
  }
  return out;
}

/** go-yaml's is_printable: note that it excludes U+0085 and everything beyond the Basic Multilingual Plane. */
function isPrintable(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

function emitString(s: string, indent: number, ctx: Context, column: number): Emitted {
  if (s.includes("\n") && blockAllowed(s)) {
    const contentIndent = ctx === "root" ? 2 : indent;
    let header = "|";
    if (s[0] === " " || s[0] === "\n") header += "2";
    if (!s.endsWith("\n")) header += "-";
    else if (s.length === 1 || s.endsWith("\n\n")) header += "+";
    const body = s.endsWith("\n") ? s.slice(0, -1) : s;
    const pad = " ".repeat(contentIndent);
    return { inline: header, block: body.split("\n").map((l) => (l === "" ? "" : pad + l)) };
  }
  const foldIndent = ctx === "root" ? 2 : indent;
  const q = doubleQuoted(s, foldIndent, true, column);
  const lines = q.split("\n");
  return { inline: lines[0]!, block: lines.length > 1 ? lines.slice(1) : undefined };
}

/** go-yaml's analysis: a literal block is impossible with special characters, a space before a line break, or a trailing space. */
function blockAllowed(s: string): boolean {
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!.codePointAt(0)!;
    if (!isPrintable(c)) return false;
    if (chars[i] === " " && chars[i + 1] === "\n") return false;
  }
  return !s.endsWith(" ");
}

const escapes: Record<number, string> = {
  0x00: "\\0",
  0x07: "\\a",
  0x08: "\\b",
  0x09: "\\t",
  0x0a: "\\n",
  0x0b: "\\v",
  0x0c: "\\f",
  0x0d: "\\r",
  0x1b: "\\e",
  0x22: '\\"',
  0x5c: "\\\\",
  0x85: "\\N",
  0xa0: "\\_",
  0x2028: "\\L",
  0x2029: "\\P",
};

/** go-yaml's write_double_quoted_scalar, including its folding of long lines at spaces. */
function doubleQuoted(s: string, indent: number, allowBreaks: boolean, startColumn: number): string {
  let out = '"';
  let column = startColumn + 1;
  let spaces = false;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const c = ch.codePointAt(0)!;
    if (!isPrintable(c) || c === 0xfeff || c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029 || ch === '"' || ch === "\\") {
      let e = escapes[c];
      if (e === undefined) {
        const h = c.toString(16).toUpperCase();
        e = c <= 0xff ? "\\x" + h.padStart(2, "0") : c <= 0xffff ? "\\u" + h.padStart(4, "0") : "\\U" + h.padStart(8, "0");
      }
      out += e;
      column += e.length;
      spaces = false;
    } else if (ch === " ") {
      if (allowBreaks && !spaces && column > BestWidth && i !== 0 && i !== chars.length - 1) {
        out += "\n" + " ".repeat(indent);
        column = indent;
        if (chars[i + 1] === " ") {
          out += "\\";
          column++;
        }
      } else {
        out += ch;
        column++;
      }
      spaces = true;
    } else {
      out += ch;
      column++;
      spaces = false;
    }
  }
  return out + '"';
}
