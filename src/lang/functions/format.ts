// format() and formatlist(): cty's printf-like formatter.
//
// Verbs: %v %#v %t %b %d %o %x %X %e %E %f %g %G %s %q and %%; flags + - # space 0; width; .precision;
// explicit argument index %[n]. Numbers are formatted from their exact binary value (as Go formats *big.Float),
// strings and widths count characters; collections under %v are JSON (ctyjson), under %#v everything is JSON.
//
// API: formatString(fmt, args) → string | FunctionError ; the two FunctionSpecs.
import { convert, ConversionError } from "../convert.js";
import { goQuote } from "../format-value.js";
import { BigFloat } from "../number.js";
import { DynamicType, StringType, listOf } from "../types.js";
import { Value } from "../value.js";
import { jsonEncodeValue } from "./json.js";
import { FunctionError, type FunctionSpec } from "./spec.js";

interface Verb {
  raw: string;
  offset: number;
  argNum: number;
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number;
  prec: number;
  mode: string;
}

/** Go's %q of a rune: 'x', with the usual escapes. */
function goQuoteRune(ch: string): string {
  if (ch === "'") return "'\\''";
  const q = JSON.stringify(ch);
  return `'${q.slice(1, -1).replace(/\\"/g, '"')}'`;
}

export function formatString(fmt: string, args: readonly Value[]): string | FunctionError {
  let out = "";
  let argNum = 0;
  let maxUsed = 0;
  let i = 0;
  while (i < fmt.length) {
    const pct = fmt.indexOf("%", i);
    if (pct < 0) {
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, pct);
    if (fmt[pct + 1] === "%") {
      out += "%";
      i = pct + 2;
      continue;
    }
    const m = /^%([-+# 0]*)(?:\[(\d+)\])?(\d+)?(?:\.(\d*))?([a-zA-Z])?/.exec(fmt.slice(pct));
    if (!m || !m[5]) {
      // cty's scanner names the character it cannot read as part of a verb; at the end, the verb is cut short.
      const at = pct + /^%[-+# 0]*(?:\[\d*\]?)?\d*(?:\.\d*)?/.exec(fmt.slice(pct))![0].length;
      if (at < fmt.length) return new FunctionError(`unrecognized format character ${goQuoteRune(String.fromCodePoint(fmt.codePointAt(at)!))} at offset ${at}`);
      return new FunctionError(`invalid format string starting at offset ${fmt.length}`);
    }
    const flags = m[1]!;
    const v: Verb = {
      raw: m[0],
      offset: pct,
      argNum: m[2] ? Number(m[2]) : argNum + 1,
      minus: flags.includes("-"),
      plus: flags.includes("+"),
      sharp: flags.includes("#"),
      space: flags.includes(" "),
      zero: flags.includes("0"),
      width: m[3] ? Number(m[3]) : -1,
      prec: m[4] !== undefined ? Number(m[4] || "0") : -1,
      mode: m[5],
    };
    argNum = v.argNum;
    maxUsed = Math.max(maxUsed, argNum);
    const r = formatVerb(v, args);
    if (r instanceof FunctionError) return r;
    out += r;
    i = pct + m[0].length;
  }
  if (maxUsed < args.length) return new FunctionError(`too many arguments; only ${maxUsed} used by format string`, 1);
  return out;
}

function formatVerb(v: Verb, args: readonly Value[]): string | FunctionError {
  const idx = v.argNum - 1;
  if (idx >= args.length) {
    return new FunctionError(`not enough arguments for ${goQuote(v.raw)} at ${v.offset}: need index ${v.argNum} but have ${args.length} total`);
  }
  const arg = args[idx]!;
  const unsupported = (msg: string) => new FunctionError(`unsupported value for ${goQuote(v.raw)} at ${v.offset}: ${msg}`);
  if (v.mode !== "v" && arg.isNull()) return unsupported("null value cannot be formatted");
  switch (v.mode) {
    case "v": {
      if (v.sharp) return pad(v, jsonEncodeValue(arg));
      if (!arg.isNull() && (arg.type.kind === "string" || arg.type.kind === "number" || arg.type.kind === "bool")) {
        const s = convert(arg, StringType) as Value;
        return pad(v, s.asString());
      }
      return pad(v, jsonEncodeValue(arg));
    }
    case "t": {
      const b = convert(arg, { kind: "bool" });
      if (b instanceof ConversionError) return unsupported(b.message);
      return pad(v, b.asBool() ? "true" : "false");
    }
    case "b":
    case "d":
    case "o":
    case "x":
    case "X":
    case "e":
    case "E":
    case "f":
    case "g":
    case "G": {
      const n = convert(arg, { kind: "number" });
      if (n instanceof ConversionError) return unsupported(n.message);
      return formatNumber(v, n.asNumber(), unsupported);
    }
    case "s":
    case "q": {
      const s = convert(arg, StringType);
      if (s instanceof ConversionError) return unsupported(s.message);
      let str = s.asString();
      if (v.prec >= 0) str = [...str].slice(0, v.prec).join("");
      return pad(v, v.mode === "q" ? goQuote(str) : str);
    }
    default:
      return new FunctionError(`unsupported format verb '${v.mode}' in ${goQuote(v.raw)} at offset ${v.offset}`);
  }
}

function formatNumber(v: Verb, n: BigFloat, unsupported: (m: string) => FunctionError): string | FunctionError {
  let body: string;
  let neg = n.sign() < 0 || (n.isZero() && n.neg);
  const abs = n.abs();
  switch (v.mode) {
    case "b":
    case "d":
    case "o":
    case "x":
    case "X": {
      if (!n.isInt() || n.isInf()) return unsupported("an integer is required");
      const i = abs.toBigInt();
      const radix = v.mode === "b" ? 2 : v.mode === "o" ? 8 : v.mode === "d" ? 10 : 16;
      body = i.toString(radix);
      if (v.mode === "X") body = body.toUpperCase();
      if (v.prec >= 0) body = body.padStart(v.prec, "0");
      if (v.sharp) body = (v.mode === "x" ? "0x" : v.mode === "X" ? "0X" : v.mode === "o" ? "0" : v.mode === "b" ? "0b" : "") + body;
      neg = n.sign() < 0;
      break;
    }
    case "e":
    case "E":
      body = abs.text("e", v.prec < 0 ? 6 : v.prec);
      if (v.mode === "E") body = body.toUpperCase();
      break;
    case "f":
      body = abs.text("f", v.prec < 0 ? 6 : v.prec);
      break;
    default:
      body = abs.text("g", v.prec);
      if (v.mode === "G") body = body.toUpperCase();
      break;
  }
  const sign = neg ? "-" : v.plus ? "+" : v.space ? " " : "";
  if (v.zero && !v.minus && v.width > 0 && !n.isInf()) {
    return sign + body.padStart(v.width - sign.length, "0");
  }
  return pad(v, sign + body);
}

function pad(v: Verb, s: string): string {
  const len = [...s].length;
  if (v.width <= len) return s;
  const fill = " ".repeat(v.width - len);
  return v.minus ? s + fill : fill + s;
}

export const formatFunctions: FunctionSpec[] = [
  {
    name: "format",
    params: [{ name: "format", type: StringType }],
    varParam: { name: "args", type: DynamicType, allowNull: true },
    type: StringType,
    impl: (a) => {
      const r = formatString(a[0]!.asString(), a.slice(1));
      return r instanceof FunctionError ? r : Value.string(r);
    },
  },
  {
    name: "formatlist",
    params: [{ name: "format", type: StringType }],
    varParam: { name: "args", type: DynamicType, allowNull: true },
    type: listOf(StringType),
    impl: (a) => {
      const fmt = a[0]!.asString();
      const args = a.slice(1);
      let n = -1;
      let firstIdx = -1;
      for (let i = 0; i < args.length; i++) {
        const t = args[i]!.type.kind;
        if (args[i]!.isNull() || (t !== "list" && t !== "set" && t !== "tuple")) continue;
        const len = args[i]!.elements().length;
        if (n < 0) {
          n = len;
          firstIdx = i;
        } else if (len !== n) {
          return new FunctionError(
            `argument ${i + 1} has length ${len}, which is inconsistent with argument ${firstIdx + 1} of length ${n}`,
            1,
          );
        }
      }
      if (n < 0) n = 1;
      const out: Value[] = [];
      for (let k = 0; k < n; k++) {
        const row = args.map((x) => {
          const t = x.type.kind;
          return !x.isNull() && (t === "list" || t === "set" || t === "tuple") ? x.elements()[k]! : x;
        });
        const r = formatString(fmt, row);
        if (r instanceof FunctionError) return new FunctionError(`error on format iteration ${k}: ${r.message}`);
        out.push(Value.string(r));
      }
      return Value.list(out, StringType);
    },
  },
];
