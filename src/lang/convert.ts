// Terraform's automatic type conversions, as cty's convert package does them.
//
// Safe conversions never fail for any value of the source type (number → string, tuple → list of a common
// type, ...). Unsafe conversions may fail depending on the value (string → number, string → bool, map →
// object). Function arguments, variables and explicit to*() calls use unsafe conversion; unification uses
// safe conversion first.
//
// API:
//   convert(v, want, unsafe = true) → Value | ConversionError
//   conversionExists(from, to, unsafe) → boolean      type-level check (values may still fail at runtime)
//   mismatchMessage(got, want) → string               cty's wording: "string required", "attribute \"b\" is required"
//   ConversionError { message, path }                 path: attribute / index steps to the culprit (cty.Path)
import { BigFloat } from "./number.js";
import {
  DynamicType,
  friendlyNameForConstraint,
  hasDynamic,
  listOf,
  mapOf,
  objectOf,
  setOf,
  tupleOf,
  typeEquals,
  type ObjectType,
  type Type,
} from "./types.js";
import { unify } from "./unify.js";
import { Value } from "./value.js";

/** One step of a cty.Path: `.name` of an object, or `[key]` of a collection or tuple. */
export type PathStep = { readonly attr: string } | { readonly index: number | string };

export class ConversionError {
  constructor(
    readonly message: string,
    readonly path: readonly PathStep[] = [],
  ) {}

  /** The message with a path prefix, as Terraform shows nested conversion failures. */
  toString(): string {
    return this.message;
  }
}

export function isConversionError(x: Value | ConversionError): x is ConversionError {
  return x instanceof ConversionError;
}

export function conversionExists(from: Type, to: Type, unsafe: boolean): boolean {
  if (typeEquals(from, to) || to.kind === "dynamic" || from.kind === "dynamic") return true;
  switch (to.kind) {
    case "string":
      return from.kind === "number" || from.kind === "bool";
    case "number":
    case "bool":
      return unsafe && from.kind === "string";
    case "list":
    case "set":
      if (from.kind === "list" || from.kind === "set") return conversionExists(from.elem, to.elem, unsafe);
      if (from.kind === "tuple") {
        if (to.elem.kind === "dynamic") return unify(from.elems, unsafe) !== undefined;
        return from.elems.every((e) => conversionExists(e, to.elem, unsafe));
      }
      return false;
    case "map":
      if (from.kind === "map") return conversionExists(from.elem, to.elem, unsafe);
      if (from.kind === "object") {
        if (to.elem.kind === "dynamic") return unify([...from.attrs.values()], unsafe) !== undefined;
        return [...from.attrs.values()].every((a) => conversionExists(a, to.elem, unsafe));
      }
      return false;
    case "tuple":
      if (from.kind === "tuple") {
        return from.elems.length === to.elems.length && from.elems.every((e, i) => conversionExists(e, to.elems[i]!, unsafe));
      }
      if (from.kind === "list" || from.kind === "set") return unsafe && to.elems.every((e) => conversionExists(from.elem, e, unsafe));
      return false;
    case "object":
      if (from.kind === "object") {
        for (const [name, t] of to.attrs) {
          const f = from.attrs.get(name);
          if (!f) {
            if (!to.optional.has(name)) return false;
          } else if (!conversionExists(f, t, unsafe)) return false;
        }
        return true;
      }
      if (from.kind === "map") return unsafe && [...to.attrs.values()].every((a) => conversionExists(from.elem, a, unsafe));
      return false;
    default:
      return false;
  }
}

export function convert(v: Value, want: Type, unsafe = true): Value | ConversionError {
  // As cty's Convert: when no conversion exists between the types at all, say why in terms of the types.
  if (!typeEquals(v.type, want) && !conversionExists(v.type, want, unsafe)) return new ConversionError(mismatchMessage(v.type, want));
  return conv(v, want, unsafe, []);
}

function conv(v: Value, want: Type, unsafe: boolean, path: PathStep[]): Value | ConversionError {
  if (want.kind === "dynamic") return v;
  const [u, marks] = v.unmark();
  const fail = (msg: string) => new ConversionError(msg, [...path]);
  if (typeEquals(u.type, want)) return v;
  if (!u.isKnown() || u.isNull()) {
    if (!conversionExists(u.type, want, unsafe)) return fail(mismatchMessage(u.type, want));
    const t = hasDynamic(want) ? (u.type.kind === "dynamic" ? want : refineDynamic(u.type, want)) : want;
    return (u.isKnown() ? Value.null(stripOptional(t)) : Value.unknown(stripOptional(t))).markWith(marks);
  }
  const r = convKnown(u, want, unsafe, path);
  return r instanceof ConversionError ? r : r.markWith(marks);
}

/** For a null/unknown whose type is partly known, keep the concrete parts where `want` says dynamic. */
function refineDynamic(have: Type, want: Type): Type {
  if (want.kind === "dynamic") return have;
  if ((want.kind === "list" || want.kind === "set" || want.kind === "map") && (have.kind === want.kind)) {
    const e = refineDynamic(have.elem, want.elem);
    return want.kind === "list" ? listOf(e) : want.kind === "set" ? setOf(e) : mapOf(e);
  }
  if ((want.kind === "list" || want.kind === "set") && have.kind === "tuple" && want.elem.kind === "dynamic") {
    const e = unify(have.elems, true) ?? DynamicType;
    return want.kind === "list" ? listOf(e) : setOf(e);
  }
  if (want.kind === "map" && have.kind === "object" && want.elem.kind === "dynamic") {
    return mapOf(unify([...have.attrs.values()], true) ?? DynamicType);
  }
  return want;
}

function stripOptional(t: Type): Type {
  switch (t.kind) {
    case "list":
      return listOf(stripOptional(t.elem));
    case "set":
      return setOf(stripOptional(t.elem));
    case "map":
      return mapOf(stripOptional(t.elem));
    case "tuple":
      return tupleOf(t.elems.map(stripOptional));
    case "object":
      return objectOf([...t.attrs].map(([k, a]) => [k, stripOptional(a)] as [string, Type]));
    default:
      return t;
  }
}

function convKnown(v: Value, want: Type, unsafe: boolean, path: PathStep[]): Value | ConversionError {
  const from = v.type;
  const fail = (msg: string) => new ConversionError(msg, [...path]);
  switch (want.kind) {
    case "string":
      if (from.kind === "number") return Value.string(v.asNumber().toString());
      if (from.kind === "bool") return Value.string(v.asBool() ? "true" : "false");
      return fail(mismatchMessage(from, want));
    case "number": {
      if (from.kind !== "string" || !unsafe) return fail(mismatchMessage(from, want));
      const n = parseNumberString(v.asString());
      return n ? Value.number(n) : fail("a number is required");
    }
    case "bool": {
      if (from.kind !== "string" || !unsafe) return fail(mismatchMessage(from, want));
      const s = v.asString();
      if (s === "true" || s === "1") return Value.bool(true);
      if (s === "false" || s === "0") return Value.bool(false);
      const lower = s.toLowerCase();
      if (lower === "true" || lower === "false") {
        return fail(`a bool is required; to convert from string, use lowercase "${lower}"`);
      }
      return fail("a bool is required");
    }
    case "list":
    case "set": {
      if (from.kind !== "list" && from.kind !== "set" && from.kind !== "tuple") return fail(mismatchMessage(from, want));
      return convSequence(v, want.kind, want.elem, unsafe, path);
    }
    case "map": {
      if (from.kind !== "map" && from.kind !== "object") return fail(mismatchMessage(from, want));
      let elemType = want.elem;
      if (hasDynamic(elemType)) {
        const u = unify([...v.entries().values()].map((e) => e.type), unsafe);
        if (!u) return fail(mismatchMessage(from, want));
        if (elemType.kind === "dynamic") elemType = u;
      }
      const out: [string, Value][] = [];
      for (const [k, e] of v.entries()) {
        const c = conv(e, elemType, unsafe, [...path, { index: k }]);
        if (c instanceof ConversionError) return c;
        out.push([k, c]);
      }
      const et = hasDynamic(elemType) ? (unify(out.map(([, e]) => e.type), unsafe) ?? elemType) : elemType;
      return Value.of(mapOf(et), new Map(out.map(([k, e]) => [k, et.kind === "dynamic" ? e : (conv(e, et, unsafe, path) as Value)])));
    }
    case "tuple": {
      if (from.kind !== "tuple" && from.kind !== "list" && from.kind !== "set") return fail(mismatchMessage(from, want));
      if (from.kind !== "tuple" && !unsafe) return fail(mismatchMessage(from, want));
      const elems = v.elements();
      if (elems.length !== want.elems.length) {
        return fail(from.kind === "tuple" ? `tuple required` : `incorrect tuple length`);
      }
      const out: Value[] = [];
      for (let i = 0; i < elems.length; i++) {
        const c = conv(elems[i]!, want.elems[i]!, unsafe, [...path, { index: i }]);
        if (c instanceof ConversionError) return c;
        out.push(c);
      }
      return Value.tuple(out);
    }
    case "object":
      return convObject(v, want, unsafe, path);
    default:
      return fail(mismatchMessage(from, want));
  }
}

function convSequence(v: Value, kind: "list" | "set", wantElem: Type, unsafe: boolean, path: PathStep[]): Value | ConversionError {
  const elems = v.elements();
  let elemType = wantElem;
  if (wantElem.kind === "dynamic") {
    if (v.type.kind === "tuple") {
      const u = unify(v.type.elems, unsafe);
      if (!u) return new ConversionError(`all ${kind} elements must have the same type`, [...path]);
      elemType = u;
    } else if (v.type.kind === "list" || v.type.kind === "set") elemType = v.type.elem;
  }
  const out: Value[] = [];
  for (let i = 0; i < elems.length; i++) {
    const c = conv(elems[i]!, elemType, unsafe, [...path, { index: i }]);
    if (c instanceof ConversionError) {
      if (v.type.kind === "tuple" || v.type.kind === "list") return c;
      return c;
    }
    out.push(c);
  }
  if (hasDynamic(elemType) && out.length > 0) {
    const u = unify(out.map((e) => e.type), unsafe);
    if (u && u.kind !== "dynamic") {
      for (let i = 0; i < out.length; i++) {
        const c = conv(out[i]!, u, unsafe, [...path, { index: i }]);
        if (c instanceof ConversionError) return c;
        out[i] = c;
      }
      elemType = u;
    }
  }
  return Value.of(kind === "list" ? listOf(elemType) : setOf(elemType), out);
}

function convObject(v: Value, want: ObjectType, unsafe: boolean, path: PathStep[]): Value | ConversionError {
  const from = v.type;
  if (from.kind !== "object" && from.kind !== "map") return new ConversionError(mismatchMessage(from, want), [...path]);
  const have = v.entries();
  if (from.kind === "object") {
    if (!conversionExists(from, want, unsafe)) return new ConversionError(mismatchMessage(from, want), [...path]);
  } else {
    const missing = [...want.attrs.keys()].filter((k) => !have.has(k) && !want.optional.has(k));
    if (missing.length) return new ConversionError(missingAttrsMessage(missing), [...path]);
    for (const k of have.keys()) {
      if (!want.attrs.has(k)) return new ConversionError(`unsupported attribute "${k}"`, [...path]);
    }
  }
  const out: [string, Value][] = [];
  for (const [name, t] of want.attrs) {
    const e = have.get(name);
    if (!e) {
      out.push([name, Value.null(stripOptional(t))]);
      continue;
    }
    const c = conv(e, t, unsafe, [...path, { attr: name }]);
    if (c instanceof ConversionError) return c;
    out.push([name, c]);
  }
  return Value.object(out);
}

/** cty.ParseNumberVal: Go's big.ParseFloat at 512 bits, no surrounding spaces. */
export function parseNumberString(s: string): BigFloat | undefined {
  if (s !== s.trim() || s === "") return undefined;
  return BigFloat.parse(s);
}

function missingAttrsMessage(missing: string[]): string {
  missing.sort();
  const q = (s: string) => JSON.stringify(s);
  if (missing.length === 1) return `attribute ${q(missing[0]!)} is required`;
  if (missing.length === 2) return `attributes ${q(missing[0]!)} and ${q(missing[1]!)} are required`;
  return `attributes ${missing.slice(0, -1).map((m) => q(m) + ", ").join("")}and ${q(missing[missing.length - 1]!)} are required`;
}

export function mismatchMessage(got: Type, want: Type): string {
  if (got.kind === "object" && want.kind === "object") return mismatchObjects(got, want);
  if (got.kind === "tuple" && want.kind === "list" && want.elem.kind === "dynamic") return "all list elements must have the same type";
  if (got.kind === "tuple" && want.kind === "set" && want.elem.kind === "dynamic") return "all set elements must have the same type";
  if (got.kind === "object" && want.kind === "map" && want.elem.kind === "dynamic") return "all map elements must have the same type";
  const wantColl = want.kind === "list" || want.kind === "set" || want.kind === "map";
  if ((got.kind === "tuple" || got.kind === "object") && wantColl) {
    if ((want.kind === "list" || want.kind === "set") && got.kind !== "tuple") return friendlyNameForConstraint(want) + " required";
    if (want.kind === "map" && got.kind !== "object") return friendlyNameForConstraint(want) + " required";
    if (got.kind === "tuple") {
      for (let i = 0; i < got.elems.length; i++) {
        const g = got.elems[i]!;
        if (typeEquals(g, want.elem) || conversionExists(g, want.elem, true)) continue;
        return `element ${i}: ${mismatchMessage(g, want.elem)}`;
      }
    } else if (got.kind === "object") {
      for (const [name, g] of got.attrs) {
        if (typeEquals(g, want.elem) || conversionExists(g, want.elem, true)) continue;
        return `element ${JSON.stringify(name)}: ${mismatchMessage(g, want.elem)}`;
      }
    }
    return `all elements must be ${friendlyNameForConstraint(want.elem)}`;
  }
  const gotColl = got.kind === "list" || got.kind === "set" || got.kind === "map";
  if (gotColl && wantColl) {
    if ((want.kind === "list" || want.kind === "set") && got.kind === "map") return friendlyNameForConstraint(want) + " required";
    if (want.kind === "map" && got.kind !== "map") return friendlyNameForConstraint(want) + " required";
    const noun = `${want.kind} element type`;
    return `incorrect ${noun}: ${mismatchMessage(got.elem, want.elem)}`;
  }
  return friendlyNameForConstraint(want) + " required";
}

function mismatchObjects(got: ObjectType, want: ObjectType): string {
  const missing: string[] = [];
  let unsafeMismatch = "";
  let safeMismatch = "";
  for (const [name, w] of want.attrs) {
    const g = got.attrs.get(name);
    if (!g) {
      if (!want.optional.has(name)) missing.push(name);
      continue;
    }
    if (typeEquals(g, w)) continue;
    if (unsafeMismatch) continue;
    if (!conversionExists(g, w, true)) unsafeMismatch = `attribute ${JSON.stringify(name)}: ${mismatchMessage(g, w)}`;
    if (safeMismatch) continue;
    if (!conversionExists(g, w, false)) safeMismatch = `attribute ${JSON.stringify(name)}: ${mismatchMessage(g, w)}`;
  }
  if (missing.length) return missingAttrsMessage(missing);
  return unsafeMismatch || safeMismatch || "incorrect object attributes";
}
