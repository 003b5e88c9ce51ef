// String functions: chomp endswith indent join lower regex regexall replace split startswith strcontains
// strrev substr title trim trimprefix trimspace trimsuffix upper (format/formatlist live in format.ts).
// Characters are counted as grapheme clusters where Terraform counts them (substr, strrev, length).
import { DynamicType, NumberType, StringType, listOf, objectOf, tupleOf, type Type } from "../types.js";
import { Value, graphemes } from "../value.js";
import { compileRE2, expandTemplate, Re2, Re2Error, type Re2Match } from "./re2.js";
import { FunctionError, type FunctionSpec } from "./spec.js";
import { toInt } from "./util.js";

const s1 = (name: string, impl: (s: string) => string): FunctionSpec => ({
  name,
  params: [{ name: "str", type: StringType }],
  type: StringType,
  impl: (a) => Value.string(impl(a[0]!.asString())),
});

const s2bool = (name: string, second: string, impl: (s: string, t: string) => boolean): FunctionSpec => ({
  name,
  params: [
    { name: "str", type: StringType },
    { name: second, type: StringType },
  ],
  type: { kind: "bool" },
  impl: (a) => Value.bool(impl(a[0]!.asString(), a[1]!.asString())),
});

/** Go's unicode simple case mapping: a character whose mapping would change its length stays as it is. */
const simpleLower: Record<string, string> = { "\u0130": "i" };

function mapCase(s: string, upper: boolean): string {
  let out = "";
  for (const ch of s) {
    if (!upper && simpleLower[ch]) {
      out += simpleLower[ch];
      continue;
    }
    const m = upper ? ch.toUpperCase() : ch.toLowerCase();
    out += [...m].length === 1 ? m : ch;
  }
  return out;
}

const isGoSpace = (ch: string) => /^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]$/.test(ch);

/** Go's strings.Title: upper-case (title-case) every letter that starts a word. */
function title(s: string): string {
  let prev = " ";
  let out = "";
  for (const ch of s) {
    out += isSeparator(prev) ? titleCase(ch) : ch;
    prev = ch;
  }
  return out;
}
function titleCase(ch: string): string {
  const u = ch.toUpperCase();
  return [...u].length === 1 ? u : ch;
}
function isSeparator(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if (c <= 0x7f) {
    if ((ch >= "0" && ch <= "9") || (ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z") || ch === "_") return false;
    return true;
  }
  if (/\p{L}|\p{Nd}/u.test(ch)) return false;
  return isGoSpace(ch);
}

function regexError(e: Re2Error): FunctionError {
  return new FunctionError(`invalid regexp pattern: ${e.code} in ${e.expr}`, 0);
}

/** The value regex() returns for one match: a string, a tuple of captures, or an object of named captures. */
function matchValue(re: Re2, m: Re2Match): Value {
  const names = re.groupNames;
  if (names.length === 0) return Value.string(m.groups[0]!);
  const cap = (i: number) => (m.groups[i + 1] === undefined ? Value.null(StringType) : Value.string(m.groups[i + 1]!));
  if (names[0] !== "") return Value.object(names.map((n, i) => [n, cap(i)] as [string, Value]));
  return Value.tuple(names.map((_, i) => cap(i)));
}

function matchType(re: Re2): Type | FunctionError {
  const names = re.groupNames;
  if (names.length === 0) return StringType;
  const named = names.filter((n) => n !== "").length;
  if (named > 0 && named !== names.length) return new FunctionError("invalid regexp pattern: cannot mix both named and unnamed capture groups", 0);
  if (named) return objectOf(names.map((n) => [n, StringType] as [string, Type]));
  return tupleOf(names.map(() => StringType));
}

function patternType(args: readonly Value[]): Type | FunctionError {
  const p = args[0]!;
  if (!p.isKnown() || p.isNull()) return DynamicType;
  const re = compileRE2(p.asString());
  if (re instanceof Re2Error) return regexError(re);
  return matchType(re);
}

export const stringFunctions: FunctionSpec[] = [
  s1("chomp", (s) => s.replace(/(?:\r\n?|\n)*$/, "")),
  s2bool("endswith", "suffix", (s, t) => s.endsWith(t)),
  s2bool("startswith", "prefix", (s, t) => s.startsWith(t)),
  s2bool("strcontains", "substr", (s, t) => s.includes(t)),
  {
    name: "indent",
    params: [
      { name: "spaces", type: NumberType },
      { name: "str", type: StringType },
    ],
    type: StringType,
    impl: (a) => {
      const n = toInt(a[0]!);
      if (n instanceof FunctionError) return n;
      return Value.string(a[1]!.asString().replaceAll("\n", "\n" + " ".repeat(Math.max(0, n))));
    },
  },
  {
    name: "join",
    params: [{ name: "separator", type: StringType }],
    varParam: { name: "lists", type: listOf(StringType) },
    type: StringType,
    impl: (a) => {
      if (a.length < 2) return new FunctionError("at least one list is required");
      const parts: string[] = [];
      for (let i = 1; i < a.length; i++) {
        for (const e of a[i]!.elements()) {
          if (e.isNull()) return new FunctionError(`element ${parts.length} is null; cannot concatenate null values`, i);
          parts.push(e.asString());
        }
      }
      return Value.string(parts.join(a[0]!.asString()));
    },
  },
  s1("lower", (s) => mapCase(s, false)),
  s1("upper", (s) => mapCase(s, true)),
  {
    name: "regex",
    params: [
      { name: "pattern", type: StringType },
      { name: "string", type: StringType },
    ],
    type: patternType,
    impl: (a) => {
      const re = compileRE2(a[0]!.asString());
      if (re instanceof Re2Error) return regexError(re);
      const m = re.exec(a[1]!.asString());
      if (!m) return new FunctionError("pattern did not match any part of the given string");
      return matchValue(re, m);
    },
  },
  {
    name: "regexall",
    params: [
      { name: "pattern", type: StringType },
      { name: "string", type: StringType },
    ],
    type: (args) => {
      const t = patternType(args);
      return t instanceof FunctionError ? t : listOf(t);
    },
    impl: (a, _ctx, ret) => {
      const re = compileRE2(a[0]!.asString());
      if (re instanceof Re2Error) return regexError(re);
      const elemType = ret.kind === "list" ? ret.elem : DynamicType;
      return Value.list(re.findAll(a[1]!.asString()).map((m) => matchValue(re, m)), elemType);
    },
  },
  {
    name: "replace",
    params: [
      { name: "str", type: StringType },
      { name: "substr", type: StringType },
      { name: "replace", type: StringType },
    ],
    type: StringType,
    impl: (a) => {
      const str = a[0]!.asString();
      const sub = a[1]!.asString();
      const rep = a[2]!.asString();
      if (sub.length > 1 && sub.startsWith("/") && sub.endsWith("/")) {
        const re = compileRE2(sub.slice(1, -1));
        if (re instanceof Re2Error) return new FunctionError(`error parsing regexp: ${re.code}: \`${re.expr}\``);
        let out = "";
        let last = 0;
        for (const m of re.findAll(str)) {
          out += str.slice(last, m.index) + expandTemplate(rep, m, re.groupNames);
          last = m.end;
        }
        return Value.string(out + str.slice(last));
      }
      if (sub === "") {
        // Go's strings.Replace with an empty old string inserts at every character boundary.
        return Value.string(rep + [...str].join(rep) + (str.length ? rep : ""));
      }
      return Value.string(str.split(sub).join(rep));
    },
  },
  {
    name: "split",
    params: [
      { name: "separator", type: StringType },
      { name: "str", type: StringType },
    ],
    type: listOf(StringType),
    impl: (a) => {
      const sep = a[0]!.asString();
      const s = a[1]!.asString();
      const parts = sep === "" ? [...s] : s.split(sep);
      return Value.list(parts.map((p) => Value.string(p)), StringType);
    },
  },
  s1("strrev", (s) => [...graphemes(s)].reverse().join("")),
  {
    name: "substr",
    params: [
      { name: "str", type: StringType },
      { name: "offset", type: NumberType },
      { name: "length", type: NumberType },
    ],
    type: StringType,
    impl: (a) => {
      const g = [...graphemes(a[0]!.asString())];
      let offset = toInt(a[1]!, 1);
      const length = toInt(a[2]!, 2);
      if (offset instanceof FunctionError) return offset;
      if (length instanceof FunctionError) return length;
      if (offset < 0) {
        offset = Math.max(0, offset + g.length);
      }
      if (offset >= g.length) return Value.string("");
      const end = length < 0 ? g.length : Math.min(g.length, offset + length);
      return Value.string(g.slice(offset, end).join(""));
    },
  },
  s1("title", title),
  {
    name: "trim",
    params: [
      { name: "str", type: StringType },
      { name: "cutset", type: StringType },
    ],
    type: StringType,
    impl: (a) => {
      const cut = new Set([...a[1]!.asString()]);
      const chars = [...a[0]!.asString()];
      let lo = 0;
      let hi = chars.length;
      while (lo < hi && cut.has(chars[lo]!)) lo++;
      while (hi > lo && cut.has(chars[hi - 1]!)) hi--;
      return Value.string(chars.slice(lo, hi).join(""));
    },
  },
  {
    name: "trimprefix",
    params: [
      { name: "str", type: StringType },
      { name: "prefix", type: StringType },
    ],
    type: StringType,
    impl: (a) => {
      const s = a[0]!.asString();
      const p = a[1]!.asString();
      return Value.string(s.startsWith(p) ? s.slice(p.length) : s);
    },
  },
  {
    name: "trimsuffix",
    params: [
      { name: "str", type: StringType },
      { name: "suffix", type: StringType },
    ],
    type: StringType,
    impl: (a) => {
      const s = a[0]!.asString();
      const p = a[1]!.asString();
      return Value.string(p !== "" && s.endsWith(p) ? s.slice(0, s.length - p.length) : s);
    },
  },
  s1("trimspace", (s) => {
    const chars = [...s];
    let lo = 0;
    let hi = chars.length;
    while (lo < hi && isGoSpace(chars[lo]!)) lo++;
    while (hi > lo && isGoSpace(chars[hi - 1]!)) hi--;
    return chars.slice(lo, hi).join("");
  }),
];
