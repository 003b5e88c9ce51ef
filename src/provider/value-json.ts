// Values to and from the JSON the state stores (cty's ctyjson): encoded against the schema's type, so an
// attribute of type `dynamic` (terraform_data's input) is stored as {"value": ..., "type": ...}; types in
// cty's JSON form ("string", ["list","string"], ["object",{...}]). Sensitive marks become and come back from
// the state's sensitive_attributes paths.
import { isJsonObject, type JsonObject, type JsonValue } from "../../state/json.js";
import { BigFloat } from "../lang/number.js";
import {
  BoolType,
  DynamicType,
  NumberType,
  StringType,
  listOf,
  mapOf,
  objectOf,
  setOf,
  tupleOf,
  type Type,
} from "../lang/types.js";
import { Sensitive, Value } from "../lang/value.js";
import { attr, index, pathFromJson, pathToJson, type AttributePath, type PathStep } from "./attribute-path.js";

export class ValueJsonError extends Error {}

export function typeToJson(t: Type): JsonValue {
  switch (t.kind) {
    case "string":
    case "number":
    case "bool":
    case "dynamic":
      return t.kind;
    case "list":
    case "set":
    case "map":
      return [t.kind, typeToJson(t.elem)];
    case "tuple":
      return ["tuple", t.elems.map(typeToJson)];
    case "object": {
      const attrs: JsonObject = {};
      for (const [k, v] of t.attrs) attrs[k] = typeToJson(v);
      return t.optional.size ? ["object", attrs, [...t.optional].sort()] : ["object", attrs];
    }
  }
}

export function typeFromJson(j: JsonValue): Type {
  if (j === "string") return StringType;
  if (j === "number") return NumberType;
  if (j === "bool") return BoolType;
  if (j === "dynamic") return DynamicType;
  if (Array.isArray(j)) {
    const [kind, arg] = j;
    if (kind === "list" && arg !== undefined) return listOf(typeFromJson(arg));
    if (kind === "set" && arg !== undefined) return setOf(typeFromJson(arg));
    if (kind === "map" && arg !== undefined) return mapOf(typeFromJson(arg));
    if (kind === "tuple" && Array.isArray(arg)) return tupleOf(arg.map(typeFromJson));
    if (kind === "object" && isJsonObject(arg)) {
      const optional = Array.isArray(j[2]) ? j[2].filter((x): x is string => typeof x === "string") : undefined;
      return objectOf(
        Object.entries(arg).map(([k, v]) => [k, typeFromJson(v)] as [string, Type]),
        optional,
      );
    }
  }
  throw new ValueJsonError(`invalid type ${JSON.stringify(j)}`);
}

/** The JSON for `v` against type `t` (the schema's type). Marks are ignored; unknowns cannot be encoded. */
export function valueToJson(v: Value, t: Type): JsonValue {
  if (!v.isKnown()) throw new ValueJsonError("an unknown value cannot be stored");
  if (t.kind === "dynamic") {
    if (v.isNull()) return null;
    return { value: valueToJson(v, v.type), type: typeToJson(v.type) };
  }
  if (v.isNull()) return null;
  switch (t.kind) {
    case "string":
      return v.asString();
    case "bool":
      return v.asBool();
    case "number":
      // Exact beyond 2^53 would need raw JSON numbers: the nearest double, without a detour through decimal text.
      return v.asNumber().toFloat64();
    case "list":
    case "set":
      return v.elements().map((e) => valueToJson(e, t.elem));
    case "tuple":
      return v.elements().map((e, i) => valueToJson(e, t.elems[i] ?? e.type));
    case "map": {
      const o: JsonObject = {};
      for (const [k, e] of v.entries()) o[k] = valueToJson(e, t.elem);
      return o;
    }
    case "object": {
      const o: JsonObject = {};
      const entries = v.entries();
      for (const [k, at] of t.attrs) o[k] = valueToJson(entries.get(k) ?? Value.null(at), at);
      return o;
    }
  }
}

/** The value of type `t` that `j` encodes. */
export function valueFromJson(j: JsonValue, t: Type): Value {
  if (t.kind === "dynamic") {
    if (j === null) return Value.null(DynamicType);
    if (!isJsonObject(j) || !("value" in j) || !("type" in j)) throw new ValueJsonError("a dynamic value must be {value, type}");
    return valueFromJson(j.value!, typeFromJson(j.type!));
  }
  if (j === null) return Value.null(t);
  switch (t.kind) {
    case "string":
      if (typeof j !== "string") throw new ValueJsonError(`expected a string, got ${JSON.stringify(j)}`);
      return Value.string(j);
    case "bool":
      if (typeof j !== "boolean") throw new ValueJsonError(`expected a bool, got ${JSON.stringify(j)}`);
      return Value.bool(j);
    case "number": {
      const n = typeof j === "number" ? BigFloat.parse(String(j)) : typeof j === "string" ? BigFloat.parse(j) : undefined;
      if (!n) throw new ValueJsonError(`expected a number, got ${JSON.stringify(j)}`);
      return Value.number(n);
    }
    case "list":
    case "set": {
      if (!Array.isArray(j)) throw new ValueJsonError(`expected an array for a ${t.kind}`);
      const elems = j.map((e) => valueFromJson(e, t.elem));
      return t.kind === "list" ? Value.list(elems, t.elem) : Value.set(elems, t.elem);
    }
    case "tuple":
      if (!Array.isArray(j) || j.length !== t.elems.length) throw new ValueJsonError("tuple length mismatch");
      return Value.tuple(j.map((e, i) => valueFromJson(e, t.elems[i]!)));
    case "map": {
      if (!isJsonObject(j)) throw new ValueJsonError("expected an object for a map");
      return Value.map(
        Object.entries(j).map(([k, e]) => [k, valueFromJson(e, t.elem)] as [string, Value]),
        t.elem,
      );
    }
    case "object": {
      if (!isJsonObject(j)) throw new ValueJsonError("expected an object");
      return Value.of(t, new Map([...t.attrs].map(([k, at]) => [k, valueFromJson(j[k] ?? null, at)] as [string, Value])));
    }
  }
}

/** Paths of every value marked sensitive inside `v` (outermost marked value only, as Terraform records). */
export function sensitivePaths(v: Value): AttributePath[] {
  const out: AttributePath[] = [];
  const visit = (x: Value, path: PathStep[]) => {
    if (x.hasMark(Sensitive)) {
      out.push([...path]);
      return;
    }
    if (!x.isKnown() || x.isNull()) return;
    const k = x.type.kind;
    if (k === "list" || k === "tuple" || k === "set") {
      if (k === "set") return; // set elements have no stable path; a marked set element marks the set (cty)
      x.elements().forEach((e, i) => visit(e, [...path, index(i)]));
    } else if (k === "map" || k === "object") {
      for (const [key, e] of x.entries()) visit(e, [...path, k === "object" ? attr(key) : index(key)]);
    }
  };
  visit(v, []);
  return out;
}

/** `v` with the sensitive mark on each value a path names; paths that lead nowhere are ignored. */
export function markSensitivePaths(v: Value, paths: readonly AttributePath[]): Value {
  let r = v;
  for (const p of paths) r = markAt(r, p, 0);
  return r;
}

function markAt(v: Value, path: AttributePath, i: number): Value {
  if (i === path.length) return v.mark(Sensitive);
  if (!v.isKnown() || v.isNull()) return v;
  const step = path[i]!;
  const k = v.type.kind;
  if ((k === "object" && step.kind === "attr") || (k === "map" && step.kind === "index" && typeof step.key === "string")) {
    const key = step.kind === "attr" ? step.name : String(step.key);
    const entries = v.entries();
    const child = entries.get(key);
    if (!child) return v;
    const m = new Map(entries);
    m.set(key, markAt(child, path, i + 1));
    return Value.of(v.type, m).markWith(v.marks);
  }
  if ((k === "list" || k === "tuple") && step.kind === "index" && typeof step.key === "number") {
    const elems = [...v.elements()];
    if (step.key < 0 || step.key >= elems.length) return v;
    elems[step.key] = markAt(elems[step.key]!, path, i + 1);
    return Value.of(v.type, elems).markWith(v.marks);
  }
  return v;
}

/**
 * `target` marked sensitive wherever `source` is: a provider plans and applies unmarked values, and Terraform
 * puts the configuration's marks back on what it returns (MarkWithPaths), so they reach the plan and the state.
 */
export function withSensitivePathsOf(target: Value, source: Value): Value {
  return source.containsMarked() ? markSensitivePaths(target, sensitivePaths(source)) : target;
}

/** Whether two values are sensitive at the same paths (a change of sensitivity alone is an update). */
export function sameSensitivePaths(a: Value, b: Value): boolean {
  if (!a.containsMarked() && !b.containsMarked()) return true;
  const key = (v: Value) => JSON.stringify(sensitivePathsToJson(v));
  return key(a) === key(b);
}

/** sensitive_attributes for the state. */
export function sensitivePathsToJson(v: Value): JsonValue[] {
  return sensitivePaths(v).map(pathToJson);
}

export function sensitivePathsFromJson(list: readonly JsonValue[]): AttributePath[] {
  const out: AttributePath[] = [];
  for (const j of list) {
    const p = pathFromJson(j);
    if (p) out.push(p);
  }
  return out;
}
