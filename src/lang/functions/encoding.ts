// Encoding functions: base64decode base64encode base64gzip csvdecode textdecodebase64 textencodebase64
// urlencode yamldecode yamlencode (jsonencode/jsondecode live in json.ts).
import { deflateRawSync, constants as zc } from "node:zlib";
import { parseAllDocuments, isMap, isScalar, isSeq, isAlias, type Node as YamlNode, type Document } from "yaml";
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

const encodings: Record<string, "utf8" | "utf16le" | "utf16be" | "latin1" | "ascii"> = {
  "utf-8": "utf8",
  utf8: "utf8",
  "utf-16le": "utf16le",
  "utf-16be": "utf16be",
  "iso-8859-1": "latin1",
  latin1: "latin1",
  "iso_8859-1": "latin1",
  "us-ascii": "ascii",
  ascii: "ascii",
};

function encodeText(s: string, enc: string): Buffer | undefined {
  switch (encodings[enc.toLowerCase()]) {
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
      const b = decodeBase64Strict(a[0]!.asString());
      if (!b) return new FunctionError(`the given value is has an invalid base64 symbol`, 0);
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

function yamlDecode(src: string): Value | FunctionError {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(src, { version: "1.1", intAsBigInt: true, uniqueKeys: false }) as Document.Parsed[];
  } catch (e) {
    return new FunctionError(String((e as Error).message));
  }
  if (!Array.isArray(docs) || docs.length === 0) return new FunctionError("on line 1, column 1: missing start of document");
  if (docs.length > 1) return new FunctionError("unexpected extra content after value");
  const doc = docs[0]!;
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    return new FunctionError(pos ? `on line ${pos.line}, column ${pos.col}: ${e.message.split("\n")[0]}` : e.message);
  }
  if (doc.contents === null) return NullDynamic;
  const conv = (n: YamlNode | null): Value => {
    if (n === null) return NullDynamic;
    if (isAlias(n)) return conv(n.resolve(doc) ?? null);
    if (isMap(n)) {
      const attrs: [string, Value][] = [];
      for (const p of n.items) {
        const k = isScalar(p.key) ? String(p.key.value) : String(p.key);
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
      const v = n.value;
      if (v === null || v === undefined) return NullDynamic;
      if (typeof v === "boolean") return Value.bool(v);
      if (typeof v === "bigint") return Value.number(BigFloat.fromInt(v, 512));
      if (typeof v === "number") {
        const src = (n.source ?? "").replace(/_/g, "");
        const parsed = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(src) ? BigFloat.parse(src.replace(/^\+/, "")) : undefined;
        return Value.number(parsed ?? BigFloat.fromFloat64(v));
      }
      if (v instanceof Date) return Value.string(n.source ?? v.toISOString());
      if (v instanceof Uint8Array) return Value.string(Buffer.from(v).toString("utf8"));
      return Value.string(String(v));
    }
    return NullDynamic;
  };
  return conv(doc.contents as YamlNode);
}
