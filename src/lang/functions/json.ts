// JSON as Terraform writes and reads it (cty's ctyjson with Go's encoding/json string escaping).
//
// Encoding: object and map keys sorted, sets in set order, numbers in their exact shortest decimal form,
// strings escaped as Go does with HTML escaping on: <, >, & as \u003c \u003e \u0026, U+2028/2029 escaped,
// control characters as \n \r \t \b \f or \u00XX.
// Decoding: objects become objects, arrays tuples, numbers are parsed at 512 bits like HCL literals.
//
// API: jsonEncodeValue(v) → string (v must be wholly known); jsonDecodeText(s, onNumber?) → Value | string
//      (error text; onNumber sees each number with the text it was written as);
//      goJsonString(s) → string; the jsonencode / jsondecode FunctionSpecs.
import { BigFloat } from "../number.js";
import { DynamicType, StringType } from "../types.js";
import { NullDynamic, Value } from "../value.js";
import { FunctionError, type FunctionSpec } from "./spec.js";

const hex = "0123456789abcdef";

export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (c < 0x20) {
      if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\t") out += "\\t";
      else if (ch === "\b") out += "\\b";
      else if (ch === "\f") out += "\\f";
      else out += "\\u00" + hex[c >> 4] + hex[c & 15];
    } else if (ch === "<" || ch === ">" || ch === "&") out += "\\u00" + hex[c >> 4] + hex[c & 15];
    else if (c === 0x2028 || c === 0x2029) out += "\\u202" + hex[c & 15];
    else if (c >= 0xd800 && c <= 0xdfff) out += "\\ufffd";
    else out += ch;
  }
  return out + '"';
}

export function jsonEncodeValue(v: Value): string {
  if (v.isNull()) return "null";
  switch (v.type.kind) {
    case "string":
      return goJsonString(v.asString());
    case "number":
      return v.asNumber().toString();
    case "bool":
      return v.asBool() ? "true" : "false";
    case "list":
    case "set":
    case "tuple":
      return "[" + v.elements().map(jsonEncodeValue).join(",") + "]";
    case "map":
    case "object":
      return "{" + [...v.entries()].map(([k, e]) => goJsonString(k) + ":" + jsonEncodeValue(e)).join(",") + "}";
    default:
      return "null";
  }
}

class JsonSyntaxError {
  constructor(readonly message: string) {}
}

export function jsonDecodeText(text: string, onNumber?: (v: Value, literal: string) => void): Value | string {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const fail = (what: string): never => {
    if (i >= text.length) throw new JsonSyntaxError("EOF");
    const ch = text[i]!;
    throw new JsonSyntaxError(`invalid character ${goChar(ch)} ${what}`);
  };
  const value = (): Value => {
    ws();
    if (i >= text.length) throw new JsonSyntaxError(i === 0 ? "EOF" : "unexpected EOF");
    const ch = text[i]!;
    if (ch === "{") {
      i++;
      const attrs = new Map<string, Value>();
      ws();
      if (text[i] === "}") {
        i++;
        return Value.object(attrs);
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("looking for beginning of object key string");
        const k = str();
        ws();
        if (text[i] !== ":") fail("after object key");
        i++;
        attrs.set(k, value());
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return Value.object(attrs);
        }
        fail("after object key:value pair");
      }
    }
    if (ch === "[") {
      i++;
      const elems: Value[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return Value.tuple(elems);
      }
      for (;;) {
        elems.push(value());
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return Value.tuple(elems);
        }
        fail("after array element");
      }
    }
    if (ch === '"') return Value.string(str());
    if (text.startsWith("true", i)) {
      i += 4;
      return Value.bool(true);
    }
    if (text.startsWith("false", i)) {
      i += 5;
      return Value.bool(false);
    }
    if (text.startsWith("null", i)) {
      i += 4;
      return NullDynamic;
    }
    const rest = text.slice(i);
    if (["true", "false", "null"].some((w) => w.startsWith(rest))) throw new JsonSyntaxError("unexpected EOF");
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(rest);
    if (m && m[0] !== "-") {
      i += m[0].length;
      const n = Value.number(BigFloat.parse(m[0])!);
      onNumber?.(n, m[0]);
      return n;
    }
    return fail("looking for beginning of value");
  };
  const str = (): string => {
    i++;
    let out = "";
    for (;;) {
      if (i >= text.length) throw new JsonSyntaxError("unexpected EOF");
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return out;
      }
      if (ch === "\\") {
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e !== undefined && e in map) {
          out += map[e];
          i += 2;
          continue;
        }
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        i++;
        fail("in string escape code");
      }
      if (ch.charCodeAt(0) < 0x20) fail("in string literal");
      out += ch;
      i++;
    }
  };
  try {
    const v = value();
    ws();
    if (i < text.length) return "extraneous data after JSON object";
    return v;
  } catch (e) {
    if (e instanceof JsonSyntaxError) return e.message;
    throw e;
  }
}

function goChar(ch: string): string {
  if (ch === "'") return "'\\''";
  if (ch === '"') return "'\"'";
  return `'${ch}'`;
}

export const jsonFunctions: FunctionSpec[] = [
  {
    name: "jsonencode",
    params: [{ name: "val", type: DynamicType, allowNull: true, allowDynamicType: true }],
    type: StringType,
    impl: (a) => Value.string(jsonEncodeValue(a[0]!)),
  },
  {
    name: "jsondecode",
    params: [{ name: "str", type: StringType }],
    type: DynamicType,
    impl: (a) => {
      const r = jsonDecodeText(a[0]!.asString());
      return typeof r === "string" ? new FunctionError(r) : r;
    },
  },
];
