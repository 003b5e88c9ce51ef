// Date and time functions: formatdate plantimestamp timeadd timecmp timestamp.
// Timestamps are RFC 3339 strings; parsing follows Go's time.Parse(time.RFC3339) and Terraform's rewording of
// its errors ("not a valid RFC3339 timestamp: cannot use "x" as year"); durations follow Go's ParseDuration.
import { NumberType, StringType } from "../types.js";
import { Value } from "../value.js";
import { FunctionError, type FunctionSpec } from "./spec.js";
import { quote } from "./util.js";

export interface Timestamp {
  /** Milliseconds since the epoch of the instant (UTC). */
  readonly ms: number;
  /** Sub-millisecond nanoseconds, kept so comparisons are exact. */
  readonly extraNs: number;
  /** The offset it was written with, in minutes; undefined for "Z". */
  readonly offsetMin: number | undefined;
}

class ParseFailure {
  constructor(readonly message: string) {}
}

export function parseRFC3339(s: string): Timestamp | ParseFailure {
  let i = 0;
  const digits = (n: number, what: string): number | ParseFailure => {
    const part = s.slice(i, i + n);
    if (part.length === 0) return new ParseFailure(`not a valid RFC3339 timestamp: end of string before ${what}`);
    if (!/^\d+$/.test(part) || part.length < n) return new ParseFailure(`not a valid RFC3339 timestamp: cannot use ${quote(s.slice(i))} as ${what}`);
    i += n;
    return Number(part);
  };
  const lit = (ch: string): ParseFailure | undefined => {
    if (s[i] === ch) {
      i++;
      return undefined;
    }
    if (ch === "T") return new ParseFailure("not a valid RFC3339 timestamp: missing required time introducer 'T'");
    if (i >= s.length) return new ParseFailure(`not a valid RFC3339 timestamp: end of string where ${quote(ch)} is expected`);
    return new ParseFailure(`not a valid RFC3339 timestamp: found ${quote(s.slice(i))} where ${quote(ch)} is expected`);
  };
  const year = digits(4, "year");
  if (year instanceof ParseFailure) return year;
  let e = lit("-");
  if (e) return e;
  const month = digits(2, "month");
  if (month instanceof ParseFailure) return month;
  // Go reports a range error on the element with the rest of the text after it.
  if (month < 1 || month > 12) return new ParseFailure(`not a valid RFC3339 timestamp: cannot use ${quote(s.slice(i))} as month`);
  if ((e = lit("-"))) return e;
  const day = digits(2, "day of month");
  if (day instanceof ParseFailure) return day;
  if (day > 31) return new ParseFailure(`not a valid RFC3339 timestamp: cannot use ${quote(s.slice(i))} as day of month`);
  if ((e = lit("T"))) return e;
  const hour = digits(2, "hour");
  if (hour instanceof ParseFailure) return hour;
  if ((e = lit(":"))) return e;
  const minute = digits(2, "minute");
  if (minute instanceof ParseFailure) return minute;
  if ((e = lit(":"))) return e;
  const second = digits(2, "second");
  if (second instanceof ParseFailure) return second;
  let fracNs = 0;
  if (s[i] === ".") {
    const m = /^\.(\d+)/.exec(s.slice(i));
    if (m) {
      fracNs = Number((m[1]! + "000000000").slice(0, 9));
      i += m[0].length;
    }
  }
  let offsetMin: number | undefined;
  if (s[i] === "Z") i++;
  else if (s[i] === "+" || s[i] === "-") {
    const m = /^([+-])(\d\d):(\d\d)/.exec(s.slice(i));
    if (!m) return new ParseFailure(`not a valid RFC3339 timestamp: cannot use ${quote(s.slice(i))} as UTC offset`);
    offsetMin = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
    i += m[0].length;
  } else if (i >= s.length) return new ParseFailure("not a valid RFC3339 timestamp: end of string before UTC offset");
  else return new ParseFailure(`not a valid RFC3339 timestamp: cannot use ${quote(s.slice(i))} as UTC offset`);
  if (i < s.length) return new ParseFailure(`not a valid RFC3339 timestamp: cannot use ${quote(s.slice(i))} as timestamp segment`);
  if (month < 1 || month > 12) return new ParseFailure("not a valid RFC3339 timestamp: month out of range");
  const dim = new Date(utcMs(year, month, 0, 0, 0, 0)).getUTCDate();
  if (day < 1 || day > dim) return new ParseFailure("not a valid RFC3339 timestamp: day out of range");
  if (hour > 23) return new ParseFailure("not a valid RFC3339 timestamp: hour must be between 0 and 23 inclusive");
  if (minute > 59) return new ParseFailure("not a valid RFC3339 timestamp: minute must be between 0 and 59 inclusive");
  if (second > 59) return new ParseFailure("not a valid RFC3339 timestamp: second must be between 0 and 59 inclusive");
  const utc = utcMs(year, month - 1, day, hour, minute, second) - (offsetMin ?? 0) * 60000;
  return { ms: utc + Math.floor(fracNs / 1e6), extraNs: fracNs % 1e6, offsetMin };
}

/** Date.UTC without its mapping of years 0-99 to 1900-1999. */
function utcMs(year: number, month: number, day: number, h: number, m: number, s: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  d.setUTCHours(h, m, s, 0);
  return d.getTime();
}

/** Wall-clock fields in the timestamp's own offset. */
function fields(t: Timestamp) {
  const d = new Date(t.ms + (t.offsetMin ?? 0) * 60000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function offsetText(t: Timestamp, colon: boolean, zForUtc: boolean): string {
  const o = t.offsetMin ?? 0;
  if (zForUtc && o === 0) return "Z";
  const a = Math.abs(o);
  return (o < 0 ? "-" : "+") + pad2(Math.floor(a / 60)) + (colon ? ":" : "") + pad2(a % 60);
}

export function formatRFC3339(t: Timestamp): string {
  const f = fields(t);
  return `${String(f.year).padStart(4, "0")}-${pad2(f.month)}-${pad2(f.day)}T${pad2(f.hour)}:${pad2(f.minute)}:${pad2(f.second)}${offsetText(t, true, true)}`;
}

function formatDate(format: string, t: Timestamp): string | FunctionError {
  const f = fields(t);
  let out = "";
  let i = 0;
  const bad = (tok: string, msg: string) => new FunctionError(`invalid date format verb ${quote(tok)}: ${msg}`, 0);
  while (i < format.length) {
    const ch = format[i]!;
    if (ch === "'") {
      // A quoted literal; '' inside it is one quote.
      let j = i + 1;
      let lit = "";
      for (;;) {
        if (j >= format.length) return new FunctionError("unterminated literal '", 0);
        if (format[j] === "'") {
          if (format[j + 1] === "'") {
            lit += "'";
            j += 2;
            continue;
          }
          j++;
          break;
        }
        lit += format[j++];
      }
      out += i + 1 === j - 1 ? "'" : lit;
      i = j;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      let j = i;
      while (j < format.length && !/[A-Za-z']/.test(format[j]!)) j++;
      out += format.slice(i, j);
      i = j;
      continue;
    }
    let j = i;
    while (j < format.length && format[j] === ch) j++;
    const tok = format.slice(i, j);
    const n = tok.length;
    i = j;
    switch (ch) {
      case "Y":
        if (n === 2) out += pad2(f.year % 100);
        else if (n === 4) out += String(f.year).padStart(4, "0");
        else return bad(tok, 'year must either be "YY" or "YYYY"');
        break;
      case "M":
        if (n === 1) out += f.month;
        else if (n === 2) out += pad2(f.month);
        else if (n === 3) out += monthNames[f.month - 1]!.slice(0, 3);
        else if (n === 4) out += monthNames[f.month - 1];
        else return bad(tok, 'month must be "M", "MM", "MMM", or "MMMM"');
        break;
      case "D":
        if (n === 1) out += f.day;
        else if (n === 2) out += pad2(f.day);
        else return bad(tok, 'day of month must either be "D" or "DD"');
        break;
      case "E":
        if (n === 3) out += dayNames[f.weekday]!.slice(0, 3);
        else if (n === 4) out += dayNames[f.weekday];
        else return bad(tok, 'day of week must either be "EEE" or "EEEE"');
        break;
      case "h":
        if (n === 1) out += f.hour;
        else if (n === 2) out += pad2(f.hour);
        else return bad(tok, '24-hour must either be "h" or "hh"');
        break;
      case "H": {
        const h = f.hour % 12 || 12;
        if (n === 1) out += h;
        else if (n === 2) out += pad2(h);
        else return bad(tok, '12-hour must either be "H" or "HH"');
        break;
      }
      case "A":
      case "a":
        if (n !== 2) return bad(tok, `must be "${ch}${ch}"`);
        out += f.hour < 12 ? (ch === "A" ? "AM" : "am") : ch === "A" ? "PM" : "pm";
        break;
      case "m":
        if (n === 1) out += f.minute;
        else if (n === 2) out += pad2(f.minute);
        else return bad(tok, 'minute must either be "m" or "mm"');
        break;
      case "s":
        if (n === 1) out += f.second;
        else if (n === 2) out += pad2(f.second);
        else return bad(tok, 'second must either be "s" or "ss"');
        break;
      case "Z":
        if (n === 1) out += offsetText(t, true, true);
        else if (n === 3) out += (t.offsetMin ?? 0) === 0 ? "UTC" : offsetText(t, false, false);
        else if (n === 4) out += offsetText(t, false, false);
        else if (n === 5) out += offsetText(t, true, false);
        else return bad(tok, "timezone must be Z, ZZZZ, or ZZZZZ");
        break;
      default:
        return new FunctionError(`invalid date format verb ${quote(tok)}`, 0);
    }
  }
  return out;
}

const unitNs: Record<string, number> = { ns: 1, us: 1e3, "µs": 1e3, "μs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration, in nanoseconds. */
export function parseDuration(s: string): number | string {
  const orig = s;
  const invalid = `time: invalid duration ${quote(orig)}`;
  let neg = false;
  if (s[0] === "-" || s[0] === "+") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") return invalid;
  let total = 0;
  while (s !== "") {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (m[0] === "" || m[0] === ".") return invalid;
    s = s.slice(m[0].length);
    const u = /^[^0-9.]+/.exec(s);
    if (!u) return `time: missing unit in duration ${quote(orig)}`;
    const unit = unitNs[u[0]];
    if (unit === undefined) return `time: unknown unit ${quote(u[0])} in duration ${quote(orig)}`;
    s = s.slice(u[0].length);
    total += Number(m[1] || "0") * unit + (m[2] ? Number("0." + m[2]) * unit : 0);
  }
  return neg ? -total : total;
}

function ts(v: Value, argIndex: number): Timestamp | FunctionError {
  const t = parseRFC3339(v.asString());
  return t instanceof ParseFailure ? new FunctionError(t.message, argIndex) : t;
}

export const datetimeFunctions: FunctionSpec[] = [
  {
    name: "formatdate",
    params: [
      { name: "format", type: StringType },
      { name: "time", type: StringType },
    ],
    type: StringType,
    impl: (a) => {
      const t = ts(a[1]!, 1);
      if (t instanceof FunctionError) return t;
      const r = formatDate(a[0]!.asString(), t);
      return r instanceof FunctionError ? r : Value.string(r);
    },
  },
  {
    name: "timeadd",
    params: [
      { name: "timestamp", type: StringType },
      { name: "duration", type: StringType },
    ],
    type: StringType,
    impl: (a) => {
      const t = ts(a[0]!, 0);
      if (t instanceof FunctionError) return t;
      const d = parseDuration(a[1]!.asString());
      if (typeof d === "string") return new FunctionError(d);
      const totalNs = t.extraNs + d;
      const ms = t.ms + Math.floor(totalNs / 1e6);
      return Value.string(formatRFC3339({ ms, extraNs: 0, offsetMin: t.offsetMin }));
    },
  },
  {
    name: "timecmp",
    params: [
      { name: "timestamp_a", type: StringType },
      { name: "timestamp_b", type: StringType },
    ],
    type: NumberType,
    impl: (a) => {
      const x = ts(a[0]!, 0);
      if (x instanceof FunctionError) return x;
      const y = ts(a[1]!, 1);
      if (y instanceof FunctionError) return y;
      const c = x.ms - y.ms || x.extraNs - y.extraNs;
      return Value.number(Math.sign(c));
    },
  },
  {
    name: "timestamp",
    params: [],
    type: StringType,
    impure: true,
    impl: (_a, ctx) => {
      const now = ctx.now ? ctx.now() : new Date();
      return Value.string(formatRFC3339({ ms: Math.floor(now.getTime() / 1000) * 1000, extraNs: 0, offsetMin: undefined }));
    },
  },
  {
    name: "plantimestamp",
    params: [],
    type: StringType,
    impl: (_a, ctx) => {
      if (!ctx.planTimestamp) return Value.unknown(StringType);
      return Value.string(formatRFC3339({ ms: Math.floor(ctx.planTimestamp.getTime() / 1000) * 1000, extraNs: 0, offsetMin: undefined }));
    },
  },
];
