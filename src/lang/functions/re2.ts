// RE2 regular expressions (Go's regexp/syntax) on top of JavaScript's RegExp.
//
// Terraform's regex, regexall and replace use Go's RE2 dialect. This module translates an RE2 pattern into an
// equivalent JS pattern (with the `u` flag), and rejects what RE2 rejects with Go's error wording
// ("invalid escape sequence", "invalid or unsupported Perl syntax", ...): backreferences, lookaround,
// possessive quantifiers. RE2's ASCII-only \d \s \w and \b, \A \z, POSIX classes [[:alpha:]], \pL / \p{Greek},
// \Q...\E and leading flag groups (?i) (?s) (?m) are translated. Matching iterates the way Go's FindAll does
// (no empty match right after a previous match).
//
// API:
//   compileRE2(pattern) → Re2 | Re2Error
//   Re2.exec(s, from) → match or null; Re2.findAll(s) → matches; Re2.groupNames (index → name or "")
//   expandTemplate(template, match, names) → string   Go's Regexp.Expand ($1, ${1}, $name, ${name}, $$)

export class Re2Error {
  constructor(
    /** Go's syntax.ErrorCode text, e.g. "invalid escape sequence". */
    readonly code: string,
    /** The offending part of the pattern, e.g. "\\1". */
    readonly expr: string,
  ) {}
  toString(): string {
    return `${this.code} in ${this.expr}`;
  }
}

export interface Re2Match {
  readonly index: number;
  readonly end: number;
  /** Group 0 is the whole match; undefined for groups that did not participate. */
  readonly groups: readonly (string | undefined)[];
}

export class Re2 {
  constructor(
    private readonly re: RegExp,
    /** Per capture group (1-based in the array at index i-1): its name, or "" when unnamed. */
    readonly groupNames: readonly string[],
  ) {}

  exec(s: string, from = 0): Re2Match | null {
    this.re.lastIndex = from;
    const m = this.re.exec(s);
    if (!m) return null;
    return { index: m.index, end: m.index + m[0].length, groups: [...m] };
  }

  findAll(s: string): Re2Match[] {
    const out: Re2Match[] = [];
    let pos = 0;
    let prevEnd = -1;
    while (pos <= s.length) {
      const m = this.exec(s, pos);
      if (!m) break;
      if (m.end === m.index && m.index === prevEnd) {
        // Go skips an empty match that abuts the previous match, and moves one character on.
        pos = m.index + charLen(s, m.index);
        if (m.index >= s.length) break;
        continue;
      }
      out.push(m);
      prevEnd = m.end;
      pos = m.end > m.index ? m.end : m.end + charLen(s, m.end);
      if (m.end === m.index && m.end >= s.length) break;
    }
    return out;
  }
}

function charLen(s: string, i: number): number {
  const c = s.codePointAt(i);
  return c !== undefined && c > 0xffff ? 2 : 1;
}

const jsSyntax = new Set([..."^$\\.*+?()[]{}|/"]);
const posixClasses: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};
const perlClasses: Record<string, string> = {
  d: "0-9",
  s: "\\t\\n\\f\\r ",
  w: "0-9A-Za-z_",
};
/** The complement of a class body made of ASCII ranges ("0-9A-Za-z_"), over all of Unicode. */
function complementAscii(body: string): string {
  const ranges: [number, number][] = [];
  const unesc = body.replace(/\\x([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))).replace(/\\([tnvfr])/g, (_m, c: string) => ({ t: "\t", n: "\n", v: "\v", f: "\f", r: "\r" })[c]!).replace(/\\(.)/g, "$1");
  const chars = [...unesc];
  for (let i = 0; i < chars.length; i++) {
    const lo = chars[i]!.charCodeAt(0);
    if (chars[i + 1] === "-" && i + 2 < chars.length) {
      ranges.push([lo, chars[i + 2]!.charCodeAt(0)]);
      i += 2;
    } else ranges.push([lo, lo]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const out: string[] = [];
  let next = 0;
  const cp = (n: number) => `\\u{${n.toString(16)}}`;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push(lo - 1 === next ? cp(next) : `${cp(next)}-${cp(lo - 1)}`);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push(`${cp(next)}-${cp(0x10ffff)}`);
  return out.join("");
}

const generalCategories = new Set(
  "C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs".split(" "),
);

export function compileRE2(pattern: string): Re2 | Re2Error {
  let flags = "";
  let i = 0;
  const p = pattern;
  let out = "";
  const groupNames: string[] = [];
  let depth = 0;

  // Leading flag groups apply to the whole pattern; JS has no inline modifiers to express others.
  for (;;) {
    const m = /^\(\?([imsU]+)\)/.exec(p.slice(i));
    if (!m) break;
    for (const f of m[1]!) {
      if (!flags.includes(f)) flags += f;
    }
    i += m[0].length;
  }

  const escapeLiteral = (ch: string, inClass: boolean): string => {
    if (inClass) return ch === "]" || ch === "\\" || ch === "^" || ch === "-" || ch === "[" ? "\\" + ch : ch;
    return jsSyntax.has(ch) ? "\\" + ch : ch;
  };

  /** Parses an escape at p[i] === "\\"; returns [translation, newIndex, isClassItem] or an error. */
  const escape = (inClass: boolean): [string, number] | Re2Error => {
    const start = i;
    const c = p[i + 1];
    if (c === undefined) return new Re2Error("trailing backslash at end of expression", "");
    if (c >= "1" && c <= "9") return new Re2Error("invalid escape sequence", p.slice(start, start + 2));
    if (c === "0") {
      // Octal: \0 followed by up to two more octal digits.
      let j = i + 2;
      let v = 0;
      while (j < p.length && j < i + 4 && p[j]! >= "0" && p[j]! <= "7") v = v * 8 + Number(p[j++]);
      return [`\\u{${v.toString(16)}}`, j];
    }
    if (c in perlClasses) return [inClass ? perlClasses[c]! : `[${perlClasses[c]!}]`, i + 2];
    if (c === "D" || c === "S" || c === "W") {
      const body = perlClasses[c.toLowerCase()]!;
      if (inClass) return [complementAscii(body), i + 2];
      return [`[^${body}]`, i + 2];
    }
    if (c === "p" || c === "P") {
      let name: string;
      let j: number;
      if (p[i + 2] === "{") {
        const close = p.indexOf("}", i + 3);
        if (close < 0) return new Re2Error("invalid character class range", p.slice(start));
        name = p.slice(i + 3, close);
        j = close + 1;
      } else {
        name = p[i + 2] ?? "";
        j = i + 3;
      }
      let neg = c === "P";
      if (name.startsWith("^")) {
        neg = !neg;
        name = name.slice(1);
      }
      let prop: string;
      if (name === "Any") prop = neg ? "" : "\\u{0}-\\u{10FFFF}";
      else if (generalCategories.has(name)) prop = `\\${neg ? "P" : "p"}{${name}}`;
      else {
        try {
          new RegExp(`\\p{Script=${name}}`, "u");
        } catch {
          return new Re2Error("invalid character class range", p.slice(start, j));
        }
        prop = `\\${neg ? "P" : "p"}{Script=${name}}`;
      }
      if (name === "Any") return [inClass ? prop : `[${prop}]`, j];
      return [prop, j];
    }
    if (c === "x") {
      if (p[i + 2] === "{") {
        const close = p.indexOf("}", i + 3);
        const hex = close < 0 ? "" : p.slice(i + 3, close);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || parseInt(hex, 16) > 0x10ffff) return new Re2Error("invalid escape sequence", p.slice(start, close + 1));
        return [`\\u{${hex}}`, close + 1];
      }
      const hex = p.slice(i + 2, i + 4);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return new Re2Error("invalid escape sequence", p.slice(start, i + 4));
      return [`\\x${hex}`, i + 4];
    }
    const simple: Record<string, string> = { a: "\\x07", f: "\\f", t: "\\t", n: "\\n", r: "\\r", v: "\\v" };
    if (c in simple) return [simple[c]!, i + 2];
    if (!inClass) {
      if (c === "A") return ["(?<![\\s\\S])", i + 2];
      if (c === "z") return ["(?![\\s\\S])", i + 2];
      if (c === "b") return ["\\b", i + 2];
      if (c === "B") return ["\\B", i + 2];
    }
    if (c === "Q") {
      const end = p.indexOf("\\E", i + 2);
      const lit = end < 0 ? p.slice(i + 2) : p.slice(i + 2, end);
      const j = end < 0 ? p.length : end + 2;
      return [[...lit].map((ch) => escapeLiteral(ch, inClass)).join(""), j];
    }
    // RE2 allows escaping any punctuation; letters and digits are otherwise invalid escapes.
    if (/[!-\/:-@\[-`{-~]/.test(c)) return [escapeLiteral(c, inClass), i + 2];
    return new Re2Error("invalid escape sequence", p.slice(start, start + 2));
  };

  // Flags in effect here; (?flags) changes them to the end of the group, (?flags:...) inside the group only.
  // JS has no inline modifiers, so ., ^, $ are always spelled out and a local (?i) expands letters.
  const globalI = flags.includes("i");
  const ungreedy = flags.includes("U");
  let cur = { i: globalI, s: flags.includes("s"), m: flags.includes("m") };
  const stack: (typeof cur)[] = [];
  const applyFlags = (spec: string): boolean => {
    let on = true;
    for (const f of spec) {
      if (f === "-") on = false;
      else if (f === "i" || f === "s" || f === "m") cur = { ...cur, [f]: on };
      else return false;
    }
    return !(globalI && !cur.i);
  };
  const caseFold = (cp: string): string => {
    if (!cur.i || globalI) return escapeLiteral(cp, false);
    const lo = cp.toLowerCase();
    const up = cp.toUpperCase();
    if (lo === up || [...lo].length !== 1 || [...up].length !== 1) return escapeLiteral(cp, false);
    return `[${lo}${up}]`;
  };
  flags = flags.replace(/[smU]/g, "");

  let lastWasRepeat = false;
  let canRepeat = false;
  while (i < p.length) {
    const ch = p[i]!;
    if (ch === "\\") {
      const r = escape(false);
      if (r instanceof Re2Error) return r;
      out += r[0];
      i = r[1];
      lastWasRepeat = false;
      canRepeat = true;
      continue;
    }
    if (ch === "[") {
      const r = parseClass();
      if (r instanceof Re2Error) return r;
      out += r;
      lastWasRepeat = false;
      canRepeat = true;
      continue;
    }
    if (ch === "(") {
      if (p[i + 1] === "?") {
        const rest = p.slice(i + 2);
        const named = /^P?<([^>]*)>/.exec(rest);
        if (named) {
          stack.push(cur);
          const name = named[1]!;
          if (!/^[A-Za-z0-9_]+$/.test(name) || groupNames.includes(name)) {
            return new Re2Error(groupNames.includes(name) ? "duplicate capture group name" : "invalid named capture", p.slice(i, i + 2 + named[0].length));
          }
          groupNames.push(name);
          out += `(?<${name}>`;
          i += 2 + named[0].length;
        } else if (rest.startsWith(":")) {
          stack.push(cur);
          out += "(?:";
          i += 3;
        } else {
          const fl = /^([imsU-]*)(:|\))/.exec(rest);
          if (!fl || rest.startsWith("=") || rest.startsWith("!") || rest.startsWith("<")) {
            return new Re2Error("invalid or unsupported Perl syntax", p.slice(i, i + 3));
          }
          if (fl[2] === ")") {
            if (!applyFlags(fl[1]!)) return new Re2Error("invalid or unsupported Perl syntax", p.slice(i, i + 2 + fl[0].length));
            i += 2 + fl[0].length;
            continue;
          }
          stack.push(cur);
          if (!applyFlags(fl[1]!)) return new Re2Error("invalid or unsupported Perl syntax", p.slice(i, i + 2 + fl[0].length));
          out += "(?:";
          i += 2 + fl[0].length;
        }
      } else {
        stack.push(cur);
        groupNames.push("");
        out += "(";
        i++;
      }
      depth++;
      lastWasRepeat = false;
      canRepeat = false;
      continue;
    }
    if (ch === ")") {
      if (depth === 0) return new Re2Error("unexpected )", p);
      depth--;
      cur = stack.pop() ?? cur;
      out += ")";
      i++;
      lastWasRepeat = false;
      canRepeat = true;
      continue;
    }
    if (ch === "*" || ch === "+" || ch === "?" || (ch === "{" && /^\{\d+(,\d*)?\}/.test(p.slice(i)))) {
      let op = ch;
      let j = i + 1;
      if (ch === "{") {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i))!;
        op = m[0];
        j = i + op.length;
        const lo = Number(m[1]);
        const hi = m[3] ? Number(m[3]) : lo;
        if (lo > 1000 || hi > 1000 || (m[3] && hi < lo)) return new Re2Error("invalid repeat count", op);
      }
      if (lastWasRepeat) return new Re2Error("invalid nested repetition operator", p.slice(i - 1, j));
      if (!canRepeat) return new Re2Error("missing argument to repetition operator", op);
      let lazy = false;
      if (p[j] === "?") {
        lazy = true;
        j++;
      }
      // (?U) swaps the meaning of x* and x*?.
      if (lazy !== ungreedy) op += "?";
      if (p[j] === "*" || p[j] === "+" || p[j] === "?") return new Re2Error("invalid nested repetition operator", p.slice(i, j + 1));
      out += op;
      i = j;
      lastWasRepeat = true;
      continue;
    }
    if (ch === "|") {
      out += "|";
      i++;
      lastWasRepeat = false;
      canRepeat = false;
      continue;
    }
    if (ch === "^" || ch === "$" || ch === ".") {
      // RE2: "." excludes only \n; "^"/"$" are text boundaries unless (?m) makes them line boundaries.
      if (ch === ".") out += cur.s ? "[^]" : "[^\\n]";
      else if (ch === "^") out += cur.m ? "(?:^|(?<=\\n))" : "(?<![^])";
      else out += cur.m ? "(?:$|(?=\\n))" : "(?![^])";
      i++;
      lastWasRepeat = false;
      canRepeat = ch === ".";
      continue;
    }
    // A literal character (a whole code point).
    const cp = String.fromCodePoint(p.codePointAt(i)!);
    out += caseFold(cp);
    i += cp.length;
    lastWasRepeat = false;
    canRepeat = true;
  }
  if (depth > 0) return new Re2Error("missing closing )", p);

  try {
    return new Re2(new RegExp(out, flags + "gu"), groupNames);
  } catch {
    return new Re2Error("invalid or unsupported Perl syntax", p);
  }

  function parseClass(): string | Re2Error {
    const start = i;
    i++;
    let body = "";
    let neg = false;
    if (p[i] === "^") {
      neg = true;
      i++;
    }
    let first = true;
    while (i < p.length && (p[i] !== "]" || first)) {
      first = false;
      if (p.startsWith("[:", i)) {
        const close = p.indexOf(":]", i + 2);
        if (close > 0) {
          let name = p.slice(i + 2, close);
          let cneg = false;
          if (name.startsWith("^")) {
            cneg = true;
            name = name.slice(1);
          }
          const cls = posixClasses[name];
          if (!cls) return new Re2Error("invalid character class range", p.slice(i, close + 2));
          body += cneg ? complementAscii(cls) : cls;
          i = close + 2;
          continue;
        }
      }
      const itemStart = i;
      let lo: string;
      let loCp: number | undefined;
      if (p[i] === "\\") {
        const r = escape(true);
        if (r instanceof Re2Error) return r;
        lo = r[0];
        const single = /^(?:\\x([0-9A-Fa-f]{2})|\\u\{([0-9a-f]+)\})$/.exec(lo);
        loCp = single ? parseInt(single[1] ?? single[2]!, 16) : lo.length === 1 || /^\\.$/.test(lo) ? lo.slice(-1).codePointAt(0) : undefined;
        i = r[1];
      } else {
        const cp = String.fromCodePoint(p.codePointAt(i)!);
        lo = escapeLiteral(cp, true);
        loCp = cp.codePointAt(0);
        i += cp.length;
      }
      if (p[i] === "-" && p[i + 1] !== "]" && i + 1 < p.length) {
        i++;
        let hi: string;
        let hiCp: number | undefined;
        if (p[i] === "\\") {
          const r = escape(true);
          if (r instanceof Re2Error) return r;
          hi = r[0];
          const single = /^(?:\\x([0-9A-Fa-f]{2})|\\u\{([0-9a-f]+)\})$/.exec(hi);
          hiCp = single ? parseInt(single[1] ?? single[2]!, 16) : /^\\.$/.test(hi) ? hi.codePointAt(1) : hi.codePointAt(0);
          i = r[1];
        } else {
          const cp = String.fromCodePoint(p.codePointAt(i)!);
          hi = escapeLiteral(cp, true);
          hiCp = cp.codePointAt(0);
          i += cp.length;
        }
        if (loCp !== undefined && hiCp !== undefined && hiCp < loCp) {
          return new Re2Error("invalid character class range", p.slice(itemStart, i));
        }
        body += `${lo}-${hi}`;
      } else body += lo;
    }
    if (i >= p.length) return new Re2Error("missing closing ]", p.slice(start));
    i++;
    if (cur.i && !globalI) {
      // A local (?i): add the other case of each ASCII letter range in the class.
      const extra: string[] = [];
      for (const m of body.matchAll(/([a-zA-Z])(?:-([a-zA-Z]))?/g)) {
        const a = m[1]!;
        const b = m[2] ?? a;
        const swap = (c: string) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
        extra.push(m[2] ? `${swap(a)}-${swap(b)}` : swap(a));
      }
      body += extra.join("");
    }
    return `[${neg ? "^" : ""}${body}]`;
  }
}

/** Go's Regexp.Expand for ReplaceAllString templates. */
export function expandTemplate(template: string, m: Re2Match, names: readonly string[]): string {
  let out = "";
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    if (ch !== "$" || i + 1 >= template.length) {
      out += ch;
      continue;
    }
    if (template[i + 1] === "$") {
      out += "$";
      i++;
      continue;
    }
    let name: string | undefined;
    let next = i;
    if (template[i + 1] === "{") {
      const close = template.indexOf("}", i + 2);
      const inner = close < 0 ? "" : template.slice(i + 2, close);
      if (close >= 0 && /^[A-Za-z0-9_]+$/.test(inner)) {
        name = inner;
        next = close;
      }
    } else {
      const mm = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (mm) {
        name = mm[0];
        next = i + mm[0].length;
      }
    }
    if (name === undefined) {
      out += "$";
      continue;
    }
    if (/^\d+$/.test(name)) out += m.groups[Number(name)] ?? "";
    else {
      const idx = names.indexOf(name);
      out += idx >= 0 ? (m.groups[idx + 1] ?? "") : "";
    }
    i = next;
  }
  return out;
}
