// Values of the Terraform language, modelled on cty.Value.
//
// A Value is immutable: a Type, a raw payload, and a set of marks. It may be null (typed), or unknown
// ("known after apply": its type may be `dynamic` when even the type is not known). Marks (e.g. "sensitive")
// sit on any value, including elements nested inside collections; every operation and function must carry
// the marks of its inputs over to its result (see `withMarksOf`).
//
// Payloads: string (NFC-normalised, as cty does), BigFloat, boolean, Value[] for list/set/tuple (sets are kept
// deduplicated and in cty's iteration order), Map<string, Value> for map/object (keys sorted).
//
// API:
//   Value.string(s) .number(n) .bool(b) .list(elems, elemType?) .set(elems, elemType?) .map(entries, elemType?)
//   Value.tuple(elems) .object(attrs) .null(type) .unknown(type)       constructors
//   True False NullDynamic UnknownDynamic                            common values
//   v.isKnown() isNull() isWhollyKnown() isMarked() hasMark(m)         predicates
//   v.mark(m) markWith(marks) unmark() unmarkDeep() deepMarks()         marks
//   v.asString() asNumber() asBool() elements() entries() length()      payload access (known, non-null only)
//   v.equals(o) → bool Value (may be unknown); rawEquals(o) → boolean   equality
//   setHashKey(v)                                                       cty's set ordering key
import { BigFloat } from "./number.js";
import {
  BoolType,
  DynamicType,
  EmptyObject,
  EmptyTuple,
  NumberType,
  StringType,
  listOf,
  mapOf,
  objectOf,
  setOf,
  tupleOf,
  typeEquals,
  type Type,
} from "./types.js";

export const Sensitive = "sensitive";
export const Ephemeral = "ephemeral";
/** Marks the string that the console-only type() function returns, which the console prints unquoted. */
export const TypeExpression = "tfsim:type-expression";

const UNKNOWN: unique symbol = Symbol("unknown");
type Raw = string | BigFloat | boolean | readonly Value[] | ReadonlyMap<string, Value> | null | typeof UNKNOWN;

const NoMarks: ReadonlySet<string> = new Set();

export class Value {
  private constructor(
    readonly type: Type,
    readonly raw: Raw,
    readonly marks: ReadonlySet<string> = NoMarks,
  ) {}

  static string(s: string): Value {
    return new Value(StringType, s.normalize("NFC"));
  }

  static number(n: BigFloat | number | bigint): Value {
    if (n instanceof BigFloat) return new Value(NumberType, n);
    if (typeof n === "bigint") return new Value(NumberType, BigFloat.fromInt(n));
    return new Value(NumberType, Number.isInteger(n) && Math.abs(n) < 2 ** 53 ? BigFloat.fromInt(n) : BigFloat.fromFloat64(n));
  }

  static bool(b: boolean): Value {
    return b ? True : False;
  }

  /** A list; elemType is required when elems is empty, otherwise taken from the first element. */
  static list(elems: readonly Value[], elemType?: Type): Value {
    const t = elemType ?? elems[0]?.type ?? DynamicType;
    return new Value(listOf(t), elems);
  }

  /** A set. Set elements cannot carry marks (cty): their marks move to the set itself. */
  static set(elems: readonly Value[], elemType?: Type): Value {
    const t = elemType ?? elems[0]?.type ?? DynamicType;
    const [plain, marks] = hoistMarks(elems);
    return new Value(setOf(t), normalizeSet(plain), marks);
  }

  static map(entries: Iterable<[string, Value]> | ReadonlyMap<string, Value>, elemType?: Type): Value {
    const m = sortedMap(entries);
    const t = elemType ?? m.values().next().value?.type ?? DynamicType;
    return new Value(mapOf(t), m);
  }

  static tuple(elems: readonly Value[]): Value {
    return new Value(elems.length === 0 ? EmptyTuple : tupleOf(elems.map((e) => e.type)), elems);
  }

  static object(attrs: Iterable<[string, Value]> | ReadonlyMap<string, Value> | Record<string, Value>): Value {
    const m = sortedMap(Symbol.iterator in attrs ? (attrs as Iterable<[string, Value]>) : Object.entries(attrs));
    if (m.size === 0) return new Value(EmptyObject, m);
    return new Value(objectOf([...m].map(([k, v]) => [k, v.type] as [string, Type])), m);
  }

  /** A value with an explicit type and payload: for conversion code that already knows both. */
  static of(type: Type, raw: readonly Value[] | ReadonlyMap<string, Value>): Value {
    if (type.kind === "set" && Array.isArray(raw)) {
      const [plain, marks] = hoistMarks(raw as readonly Value[]);
      return new Value(type, normalizeSet(plain), marks);
    }
    if (raw instanceof Map) return new Value(type, sortedMap(raw));
    return new Value(type, raw);
  }

  /** For True/False only; use Value.bool. */
  static primitiveBool(b: boolean): Value {
    return new Value(BoolType, b);
  }

  static null(type: Type): Value {
    return new Value(type, null);
  }

  static unknown(type: Type): Value {
    return new Value(type, UNKNOWN);
  }

  isKnown(): boolean {
    return this.raw !== UNKNOWN;
  }

  isNull(): boolean {
    return this.raw === null;
  }

  /** Known all the way down (no unknown nested anywhere). */
  isWhollyKnown(): boolean {
    if (this.raw === UNKNOWN) return false;
    if (Array.isArray(this.raw)) return (this.raw as readonly Value[]).every((v) => v.isWhollyKnown());
    if (this.raw instanceof Map) {
      for (const v of this.raw.values()) if (!v.isWhollyKnown()) return false;
    }
    return true;
  }

  isMarked(): boolean {
    return this.marks.size > 0;
  }

  hasMark(m: string): boolean {
    return this.marks.has(m);
  }

  /** Whether this value or anything nested in it carries a mark. */
  containsMarked(): boolean {
    if (this.marks.size > 0) return true;
    if (Array.isArray(this.raw)) return (this.raw as readonly Value[]).some((v) => v.containsMarked());
    if (this.raw instanceof Map) for (const v of this.raw.values()) if (v.containsMarked()) return true;
    return false;
  }

  mark(m: string): Value {
    if (this.marks.has(m)) return this;
    return new Value(this.type, this.raw, new Set([...this.marks, m]));
  }

  markWith(marks: Iterable<string>): Value {
    const all = new Set(this.marks);
    for (const m of marks) all.add(m);
    if (all.size === this.marks.size) return this;
    return new Value(this.type, this.raw, all);
  }

  /** The same value without its own (top-level) marks, and those marks. */
  unmark(): [Value, ReadonlySet<string>] {
    if (this.marks.size === 0) return [this, NoMarks];
    return [new Value(this.type, this.raw), this.marks];
  }

  /** The value with every mark removed at every depth, and the union of them all. */
  unmarkDeep(): [Value, Set<string>] {
    const marks = new Set<string>();
    const strip = (v: Value): Value => {
      for (const m of v.marks) marks.add(m);
      if (Array.isArray(v.raw)) return new Value(v.type, (v.raw as readonly Value[]).map(strip));
      if (v.raw instanceof Map) return new Value(v.type, new Map([...v.raw].map(([k, e]) => [k, strip(e)])));
      return v.marks.size ? new Value(v.type, v.raw) : v;
    };
    return [strip(this), marks];
  }

  deepMarks(): Set<string> {
    return this.unmarkDeep()[1];
  }

  /** This value, also carrying the (top-level) marks of every value given. */
  withMarksOf(...others: Value[]): Value {
    let r: Value = this;
    for (const o of others) if (o.marks.size) r = r.markWith(o.marks);
    return r;
  }

  asString(): string {
    if (typeof this.raw !== "string") throw new TypeError(`value is not a known string`);
    return this.raw;
  }

  asNumber(): BigFloat {
    if (!(this.raw instanceof BigFloat)) throw new TypeError(`value is not a known number`);
    return this.raw;
  }

  asBool(): boolean {
    if (typeof this.raw !== "boolean") throw new TypeError(`value is not a known bool`);
    return this.raw;
  }

  /** Elements of a known list, set or tuple. */
  elements(): readonly Value[] {
    if (!Array.isArray(this.raw)) throw new TypeError(`value is not a known sequence`);
    return this.raw as readonly Value[];
  }

  /** Entries of a known map or object, keys sorted. */
  entries(): ReadonlyMap<string, Value> {
    if (!(this.raw instanceof Map)) throw new TypeError(`value is not a known map or object`);
    return this.raw;
  }

  length(): number {
    if (Array.isArray(this.raw)) return this.raw.length;
    if (this.raw instanceof Map) return this.raw.size;
    if (typeof this.raw === "string") return [...graphemes(this.raw)].length;
    throw new TypeError("value has no length");
  }

  /** cty's Equals: a bool Value, unknown when the answer depends on unknowns; marks carried over. */
  equals(o: Value): Value {
    const marks = [...this.marks, ...o.marks];
    const r = equalsRaw(this, o);
    return (r === undefined ? Value.unknown(BoolType) : Value.bool(r)).markWith(marks);
  }

  /** Exact structural equality, including unknowns and marks (for tests and sets). */
  rawEquals(o: Value): boolean {
    if (!typeEquals(this.type, o.type)) return false;
    if (this.marks.size !== o.marks.size || [...this.marks].some((m) => !o.marks.has(m))) return false;
    if (this.raw === UNKNOWN || o.raw === UNKNOWN || this.raw === null || o.raw === null) return this.raw === o.raw;
    if (this.raw instanceof BigFloat) return o.raw instanceof BigFloat && this.raw.equals(o.raw);
    if (Array.isArray(this.raw)) {
      const b = o.raw as readonly Value[];
      return this.raw.length === b.length && (this.raw as readonly Value[]).every((v, i) => v.rawEquals(b[i]!));
    }
    if (this.raw instanceof Map) {
      const b = o.raw as ReadonlyMap<string, Value>;
      if (this.raw.size !== b.size) return false;
      for (const [k, v] of this.raw) {
        const w = b.get(k);
        if (!w || !v.rawEquals(w)) return false;
      }
      return true;
    }
    return this.raw === o.raw;
  }
}

export const True: Value = Value.primitiveBool(true);
export const False: Value = Value.primitiveBool(false);
export const NullDynamic: Value = Value.null(DynamicType);
export const UnknownDynamic: Value = Value.unknown(DynamicType);

/** Equality of payloads: undefined when unknowns make it undecidable. Marks are ignored. */
function equalsRaw(a: Value, b: Value): boolean | undefined {
  if (a.raw === UNKNOWN || b.raw === UNKNOWN) return undefined;
  if (a.raw === null || b.raw === null) return a.raw === null && b.raw === null;
  if (!typeEquals(a.type, b.type)) {
    // cty compares across dynamic-typed wrappers only when structurally the same type.
    return false;
  }
  if (a.raw instanceof BigFloat) return a.raw.equals(b.raw as BigFloat);
  if (Array.isArray(a.raw)) {
    const x = a.raw as readonly Value[];
    const y = b.raw as readonly Value[];
    if (x.length !== y.length) return false;
    let unknown = false;
    for (let i = 0; i < x.length; i++) {
      const r = equalsRaw(x[i]!, y[i]!);
      if (r === false) return false;
      if (r === undefined) unknown = true;
    }
    return unknown ? undefined : true;
  }
  if (a.raw instanceof Map) {
    const x = a.raw;
    const y = b.raw as ReadonlyMap<string, Value>;
    if (x.size !== y.size) return false;
    let unknown = false;
    for (const [k, v] of x) {
      const w = y.get(k);
      if (!w) return false;
      const r = equalsRaw(v, w);
      if (r === false) return false;
      if (r === undefined) unknown = true;
    }
    return unknown ? undefined : true;
  }
  return a.raw === b.raw;
}

function hoistMarks(elems: readonly Value[]): [Value[], ReadonlySet<string>] {
  const marks = new Set<string>();
  const plain = elems.map((e) => {
    const [u, m] = e.unmarkDeep();
    for (const x of m) marks.add(x);
    return u;
  });
  return [plain, marks.size ? marks : NoMarks];
}

function sortedMap(entries: Iterable<[string, Value]>): Map<string, Value> {
  // Most maps given are built in order already (from an object type's attributes): copied without sorting.
  if (entries instanceof Map && keysInOrder(entries)) return new Map(entries);
  const arr = [...entries];
  arr.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Map(arr);
}

function keysInOrder(m: ReadonlyMap<string, Value>): boolean {
  let prev: string | undefined;
  for (const k of m.keys()) {
    if (prev !== undefined && !(prev < k)) return false;
    prev = k;
  }
  return true;
}

/** Deduplicates (known values only; two unknowns are never the same element) and sorts in cty's set order. */
function normalizeSet(elems: readonly Value[]): Value[] {
  const out: Value[] = [];
  for (const e of elems) {
    if (e.isKnown() && out.some((o) => o.isKnown() && equalsRaw(o, e) === true)) {
      // Same element again: keep one, but its marks join the set's element.
      const i = out.findIndex((o) => o.isKnown() && equalsRaw(o, e) === true);
      out[i] = out[i]!.markWith(e.marks);
      continue;
    }
    out.push(e);
  }
  return out.sort(setLess);
}

function setLess(a: Value, b: Value): number {
  const ak = a.isKnown();
  const bk = b.isKnown();
  if (ak !== bk) return ak ? -1 : 1;
  if (!ak) return 0;
  const t = a.type.kind;
  if (t === "string" && !a.isNull() && !b.isNull()) return cmpBytes(a.asString(), b.asString());
  if (t === "number" && !a.isNull() && !b.isNull()) return a.asNumber().cmp(b.asNumber());
  if (t === "bool" && !a.isNull() && !b.isNull()) return a.asBool() === b.asBool() ? 0 : a.asBool() ? 1 : -1;
  return cmpBytes(setHashKey(a), setHashKey(b));
}

/** Compares strings by their UTF-8 bytes, as Go does. */
export function cmpBytes(a: string, b: string): number {
  if (a === b) return 0;
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return Buffer.compare(x, y);
}

/** cty's makeSetHashBytes: the key that orders set elements which have no natural order. */
export function setHashKey(v: Value): string {
  if (!v.isKnown()) return "?";
  if (v.isNull()) return "~";
  switch (v.type.kind) {
    case "number":
      return formatG10(v.asNumber());
    case "bool":
      return v.asBool() ? "T" : "F";
    case "string":
      return JSON.stringify(v.asString());
    case "map": {
      let s = "{";
      for (const [k, e] of v.entries()) s += JSON.stringify(k) + ":" + setHashKey(e) + ";";
      return s + "}";
    }
    case "list":
    case "set":
      return "[" + v.elements().map((e) => setHashKey(e) + ";").join("") + "]";
    case "object": {
      let s = "<";
      for (const e of v.entries().values()) s += setHashKey(e) + ";";
      return s + ">";
    }
    case "tuple":
      return "<" + v.elements().map((e) => setHashKey(e) + ";").join("") + ">";
    default:
      return "?";
  }
}

/** big.Float.String(): Text('g', 10). */
function formatG10(n: BigFloat): string {
  const f = n.toFloat64();
  if (!Number.isFinite(f)) return f > 0 ? "+Inf" : "-Inf";
  let s = f.toPrecision(10);
  // Go's %g drops trailing zeros and uses e+XX with at least two exponent digits.
  const m = /^(-?)(\d(?:\.\d*)?)e([+-])(\d+)$/.exec(s);
  if (m) {
    const mant = m[2]!.includes(".") ? m[2]!.replace(/\.?0+$/, "") : m[2]!;
    return `${m[1]}${mant}e${m[3]}${m[4]!.padStart(2, "0")}`;
  }
  if (s.includes(".")) s = s.replace(/\.?0+$/, "");
  return s;
}

/** Splits a string into grapheme clusters, as Terraform's length() and substr() count characters. */
export function graphemes(s: string): Iterable<string> {
  const seg = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return [...seg.segment(s)].map((x) => x.segment);
}
