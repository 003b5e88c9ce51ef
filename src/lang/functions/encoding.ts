// Encoding functions: base64decode base64encode base64gzip csvdecode textdecodebase64 textencodebase64
// urlencode yamldecode yamlencode (jsonencode/jsondecode live in json.ts).
import { createRequire } from "node:module";
import { deflateRawSync, constants as zc } from "node:zlib";
import type { Node as YamlNode, Document } from "yaml";
import { convert } from "../convert.js";
import { BigFloat } from "../number.js";
import { StringType, listOf, objectOf, type Type } from "../types.js";
import { NullDynamic, Value } from "../value.js";
import { crc32 } from "./crc32.js";
import { FunctionError, type FunctionSpec } from "./spec.js";
import { quote } from "./util.js";
import { yamlEncodeValue } from "./yaml-encode.js";

/** Go's base64.StdEncoding.DecodeString: strict alphabet and padding; CR and LF are ignored. */
export function decodeBase64Strict(s: string): Buffer | undefined {
  const t = s.replace(/[\r\n]/g, "");
  if (t.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(t)) return undefined;
  const b = Buffer.from(t, "base64");
  // Non-canonical trailing bits are an error in Go (strict mode is off, but padding must be exact).
  if (b.toString("base64") !== t) return undefined;
  return b;
}

/** Where Go's base64 decoder reports corrupt input: the first bad character, or where padding went wrong. */
function base64ErrorOffset(s: string): number {
  const bad = /[^A-Za-z0-9+/=\r\n]/.exec(s);
  if (bad) return bad.index;
  const eq = s.indexOf("=");
  return eq >= 0 ? eq : s.length - (s.length % 4);
}

function isValidUtf8(b: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** Go's url.QueryEscape. */
function queryEscape(s: string): string {
  let out = "";
  for (const byte of Buffer.from(s, "utf8")) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === " ") out += "+";
    else out += "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** Go's compress/gzip output shape: header with no name or time, OS "unknown", a sync flush, then the trailer. */
function gzipLikeGo(data: Buffer): Buffer {
  const body = deflateRawSync(data, { level: zc.Z_DEFAULT_COMPRESSION, finishFlush: zc.Z_SYNC_FLUSH });
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  const final = Buffer.from([1, 0, 0, 0xff, 0xff]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length >>> 0, 4);
  return Buffer.concat([header, body, final, trailer]);
}

class CsvError {
  constructor(
    readonly line: number,
    readonly message: string,
  ) {}
}

/** Go's encoding/csv reader with its defaults: comma separator, quotes, fixed field count per record. */
function parseCsv(text: string): string[][] | CsvError {
  const records: string[][] = [];
  let i = 0;
  let line = 1;
  let expected = -1;
  while (i < text.length) {
    // Empty lines are skipped.
    if (text[i] === "\n") {
      i++;
      line++;
      continue;
    }
    if (text.startsWith("\r\n", i)) {
      i += 2;
      line++;
      continue;
    }
    const recLine = line;
    const fields: string[] = [];
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) return new CsvError(recLine, `extraneous or missing " in quoted-field`);
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === "\n") line++;
          if (ch === "\r" && text[i + 1] === "\n") {
            i++;
            continue;
          }
          field += ch;
          i++;
        }
        if (i < text.length && text[i] !== "," && text[i] !== "\n" && !text.startsWith("\r\n", i)) {
          return new CsvError(line, `extraneous or missing " in quoted-field`);
        }
      } else {
        while (i < text.length && text[i] !== "," && text[i] !== "\n" && !text.startsWith("\r\n", i)) {
          if (text[i] === '"') return new CsvError(line, `bare " in non-quoted-field`);
          field += text[i];
          i++;
        }
      }
      fields.push(field);
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "\n") {
        i++;
        line++;
      } else if (text.startsWith("\r\n", i)) {
        i += 2;
        line++;
      }
      break;
    }
    if (expected < 0) expected = fields.length;
    else if (fields.length !== expected) return new CsvError(recLine, "wrong number of fields");
    records.push(fields);
  }
  return records;
}

const encodings: Record<string, "utf8" | "utf16le" | "utf16be" | "utf16" | "latin1" | "ascii"> = {
  "utf-8": "utf8",
  utf8: "utf8",
  "utf-16": "utf16",
  "utf-16le": "utf16le",
  "utf-16be": "utf16be",
  "iso-8859-1": "latin1",
  latin1: "latin1",
  "iso_8859-1": "latin1",
  "us-ascii": "ascii",
  ascii: "ascii",
};

/** The IANA names Terraform uses in its "cannot be represented" message. */
const canonicalNames: Record<string, string> = { latin1: "ISO_8859-1:1987", ascii: "US-ASCII" };

function encodeText(s: string, enc: string): Buffer | string | undefined {
  const kind = encodings[enc.toLowerCase()];
  if (kind === "latin1" || kind === "ascii") {
    const limit = kind === "latin1" ? 0xff : 0x7f;
    if ([...s].some((c) => c.codePointAt(0)! > limit)) {
      return `the given string contains characters that cannot be represented in ${canonicalNames[kind]}`;
    }
  }
  switch (kind) {
    case "utf16":
      // Go's unicode.UTF16(BigEndian, UseBOM) encoder writes a byte order mark first.
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, "utf16le").swap16()]);
    case "utf8":
      return Buffer.from(s, "utf8");
    case "utf16le":
      return Buffer.from(s, "utf16le");
    case "utf16be": {
      const b = Buffer.from(s, "utf16le");
      return b.swap16();
    }
    case "latin1":
    case "ascii":
      return Buffer.from([...s].map((c) => (c.codePointAt(0)! <= 0xff ? c.codePointAt(0)! : 0x1a)));
    default:
      return undefined;
  }
}

function decodeText(b: Buffer, enc: string): string | undefined {
  const kind = encodings[enc.toLowerCase()];
  if (!kind) return undefined;
  if (kind === "utf16be") return Buffer.from(b).swap16().toString("utf16le");
  if (kind === "utf16") {
    if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString("utf16le");
    const body = b[0] === 0xfe && b[1] === 0xff ? b.subarray(2) : b;
    return Buffer.from(body).swap16().toString("utf16le");
  }
  if (kind === "ascii") return b.toString("latin1");
  return b.toString(kind);
}

export const encodingFunctions: FunctionSpec[] = [
  {
    name: "base64decode",
    params: [{ name: "str", type: StringType, allowMarked: true }],
    type: StringType,
    impl: (a) => {
      const [u, marks] = a[0]!.unmark();
      const shown = marks.size ? "(sensitive value)" : quote(u.asString());
      const b = decodeBase64Strict(u.asString());
      if (!b) return new FunctionError(`failed to decode base64 data ${shown}`);
      if (!isValidUtf8(b)) return new FunctionError("the result of decoding the provided string is not valid UTF-8");
      return Value.string(b.toString("utf8")).markWith(marks);
    },
  },
  {
    name: "base64encode",
    params: [{ name: "str", type: StringType }],
    type: StringType,
    impl: (a) => Value.string(Buffer.from(a[0]!.asString(), "utf8").toString("base64")),
  },
  {
    name: "base64gzip",
    params: [{ name: "str", type: StringType }],
    type: StringType,
    impl: (a) => Value.string(gzipLikeGo(Buffer.from(a[0]!.asString(), "utf8")).toString("base64")),
  },
  {
    name: "csvdecode",
    params: [{ name: "str", type: StringType }],
    type: (a) => {
      if (!a[0]!.isKnown()) return { kind: "dynamic" };
      const r = parseCsv(a[0]!.asString());
      if (r instanceof CsvError) return new FunctionError(`CSV parse error on line ${r.line}: ${r.message}`);
      if (r.length === 0) return new FunctionError("missing header line");
      const seen = new Set<string>();
      for (const h of r[0]!) {
        if (seen.has(h)) return new FunctionError(`duplicate column name ${quote(h)}`);
        seen.add(h);
      }
      return listOf(objectOf(r[0]!.map((h) => [h, StringType] as [string, Type])));
    },
    impl: (a, _ctx, ret) => {
      const r = parseCsv(a[0]!.asString()) as string[][];
      const headers = r[0]!;
      const rows = r.slice(1).map((f) => Value.object(headers.map((h, i) => [h, Value.string(f[i]!)] as [string, Value])));
      return Value.list(rows, ret.kind === "list" ? ret.elem : undefined);
    },
  },
  {
    name: "textencodebase64",
    params: [
      { name: "string", type: StringType },
      { name: "encoding", type: StringType },
    ],
    type: StringType,
    impl: (a) => {
      const enc = a[1]!.asString();
      const b = encodeText(a[0]!.asString(), enc);
      if (!b) return new FunctionError(`${quote(enc)} is not a supported IANA encoding name or alias in this Terraform version`, 1);
      if (typeof b === "string") return new FunctionError(b, 0);
      return Value.string(b.toString("base64"));
    },
  },
  {
    name: "textdecodebase64",
    params: [
      { name: "source", type: StringType },
      { name: "encoding", type: StringType },
    ],
    type: StringType,
    impl: (a) => {
      const enc = a[1]!.asString();
      if (!encodings[enc.toLowerCase()]) {
        return new FunctionError(`${quote(enc)} is not a supported IANA encoding name or alias in this Terraform version`, 1);
      }
      const src = a[0]!.asString();
      const b = decodeBase64Strict(src);
      if (!b) return new FunctionError(`the given value is has an invalid base64 symbol at offset ${base64ErrorOffset(src)}`, 0);
      return Value.string(decodeText(b, enc)!);
    },
  },
  {
    name: "urlencode",
    params: [{ name: "str", type: StringType }],
    type: StringType,
    impl: (a) => Value.string(queryEscape(a[0]!.asString())),
  },
  {
    name: "yamldecode",
    params: [{ name: "src", type: StringType }],
    type: { kind: "dynamic" },
    impl: (a) => yamlDecode(a[0]!.asString()),
  },
  {
    name: "yamlencode",
    params: [{ name: "value", type: { kind: "dynamic" }, allowNull: true, allowDynamicType: true }],
    type: StringType,
    impl: (a) => Value.string(yamlEncodeValue(a[0]!)),
  },
];

/**
 * go-cty-yaml's resolution of untagged plain scalars: YAML 1.1 booleans (yes/no/on/off/y/n), null, decimal
 * (leading zeros allowed), 0x and 0o integers, YAML 1.2 floats, and timestamps as RFC 3339 strings.
 */
function resolvePlain(src: string): Value {
  if (src === "" || src === "~" || /^(null|Null|NULL)$/.test(src)) return NullDynamic;
  if (/^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(src)) return Value.bool(true);
  if (/^(n|N|no|No|NO|false|False|FALSE|off|Off|OFF)$/.test(src)) return Value.bool(false);
  if (/^[-+]?[0-9]+$/.test(src)) return Value.number(BigFloat.parse(src.replace(/^\+/, ""))!);
  const radix = /^0(x|o)([0-9a-fA-F]+)$/.exec(src);
  if (radix && (radix[1] === "x" || /^[0-7]+$/.test(radix[2]!))) {
    return Value.number(BigFloat.fromInt(BigInt((radix[1] === "x" ? "0x" : "0o") + radix[2]), 512));
  }
  if (/^[-+]?\.(nan|NaN|NAN)$/.test(src)) throw new YamlNaN();
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(src)) return Value.number(BigFloat.parse(src.replace(/^\+/, ""))!);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(src)) return Value.number(BigFloat.inf(src.startsWith("-")));
  const ts = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt](\d{1,2}):(\d{2}):(\d{2})(\.\d*)?(Z|[-+]\d{1,2}(?::\d{2})?)?)?$/.exec(src);
  if (ts) {
    const pad = (x: string) => x.padStart(2, "0");
    const [, y, mo, d, h, mi, se, , zone] = ts;
    if (!h) return Value.string(`${y}-${pad(mo!)}-${pad(d!)}T00:00:00Z`);
    let z = "Z";
    if (zone && zone !== "Z") {
      const zm = /^([-+])(\d{1,2})(?::(\d{2}))?$/.exec(zone)!;
      z = zm[2] === "0" && !zm[3] ? "Z" : `${zm[1]}${pad(zm[2]!)}:${zm[3] ?? "00"}`;
    }
    return Value.string(`${y}-${pad(mo!)}-${pad(d!)}T${pad(h)}:${mi}:${se}${z}`);
  }
  return Value.string(src);
}

const yamlTag = "tag:yaml.org,2002:";

/** A NaN scalar, at its offset in the source once known. */
class YamlNaN {
  at?: number;
}

// The yaml library is ~70 modules: loaded (its CommonJS build, synchronously) on the first yamldecode, not at
// every start of tfsim.
let yamlLib: typeof import("yaml") | undefined;
const loadYaml = (): typeof import("yaml") => (yamlLib ??= createRequire(import.meta.url)("yaml") as typeof import("yaml"));

function yamlDecode(src: string): Value | FunctionError {
  const { parseAllDocuments, isMap, isScalar, isSeq, isAlias } = loadYaml();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(src, { schema: "failsafe", uniqueKeys: false }) as Document.Parsed[];
  } catch (e) {
    return new FunctionError(String((e as Error).message));
  }
  if (!Array.isArray(docs) || docs.length === 0) return new FunctionError("on line 1, column 1: missing start of document");
  if (docs.length > 1) return new FunctionError("on line 1, column 1: unexpected extra content after value");
  const doc = docs[0]!;
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    return new FunctionError(pos ? `on line ${pos.line}, column ${pos.col}: ${e.message.split("\n")[0]}` : e.message);
  }
  if (doc.contents === null) return NullDynamic;
  let failure: FunctionError | undefined;
  const conv = (n: YamlNode | null): Value => {
    if (n === null) return NullDynamic;
    if (isAlias(n)) return conv((n.resolve(doc) as YamlNode | undefined) ?? null);
    if (isMap(n)) {
      const attrs: [string, Value][] = [];
      for (const p of n.items) {
        if (p.key !== null && !isScalar(p.key)) {
          failure ??= new FunctionError("only strings are allowed as mapping keys");
          continue;
        }
        // Keys resolve like values (so `on:` is the key "true"), then become strings.
        let k = isScalar(p.key) ? String(p.key.value ?? "") : String(p.key);
        if (isScalar(p.key) && p.key.type === "PLAIN" && !p.key.tag) {
          const r = resolvePlain(k);
          if (!r.isNull() && r.type.kind !== "string") k = (convert(r, StringType) as Value).asString();
        }
        if (k === "<<" && isMap(p.value)) {
          for (const [kk, vv] of conv(p.value).entries()) attrs.push([kk, vv]);
          continue;
        }
        attrs.push([k, conv((p.value as YamlNode | null) ?? null)]);
      }
      return Value.object(attrs);
    }
    if (isSeq(n)) return Value.tuple(n.items.map((x) => conv(x as YamlNode)));
    if (isScalar(n)) {
      const tag = n.tag?.startsWith(yamlTag) ? n.tag.slice(yamlTag.length) : n.tag?.startsWith("!!") ? n.tag.slice(2) : undefined;
      // go-cty-yaml keeps a !!binary scalar's base64 text as the string.
      let text = tag === "binary" && typeof n.source === "string" ? n.source : n.value === null || n.value === undefined ? "" : String(n.value);
      // A block scalar that ends the input without a line break: go-yaml clips the final newline away too.
      if ((n.type === "BLOCK_LITERAL" || n.type === "BLOCK_FOLDED") && n.range && n.range[1] >= src.length && !src.endsWith("\n") && !/^[|>][-+0-9]*\+/.test(src.slice(n.range[0]))) {
        text = text.replace(/\n$/, "");
      }
      if (tag === "str" || tag === "binary") return Value.string(text);
      if (tag === "null") return NullDynamic;
      if (n.type === "PLAIN") {
        let r: Value;
        try {
          r = resolvePlain(text);
        } catch (e) {
          if (e instanceof YamlNaN && n.range) e.at ??= n.range[0];
          throw e;
        }
        if (tag === "int" || tag === "float") {
          if (r.type.kind !== "number") failure ??= new FunctionError(`cannot decode ${JSON.stringify(text)} as ${tag}`);
        } else if (tag === "bool" && r.type.kind !== "bool") failure ??= new FunctionError(`cannot decode ${JSON.stringify(text)} as bool`);
        return r;
      }
      return Value.string(text);
    }
    return NullDynamic;
  };
  try {
    const v = conv(doc.contents as YamlNode);
    return failure ?? v;
  } catch (e) {
    if (e instanceof YamlNaN) {
      // go-cty-yaml's position: a zero-based line (none said on the first) and a one-based column.
      const before = src.slice(0, e.at ?? 0).split("\n");
      const line = before.length - 1;
      return new FunctionError(`${line ? `on line ${line}, column ${before[line]!.length + 1}: ` : ""}floating point NaN is not supported`);
    }
    throw e;
  }
}
