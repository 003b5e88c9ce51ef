// Type unification, as cty's convert.Unify / UnifyUnsafe: find one type that every given type converts to.
// Used for conditional results, collection constructors (`[a, b]` converted to a list), tolist/toset/tomap,
// concat, coalesce and friends.
//
// API:
//   unify(types, unsafe = false) → Type | undefined   undefined when no common type exists
import { conversionExists } from "./convert.js";
import { DynamicType, listOf, mapOf, objectOf, setOf, tupleOf, typeEquals, type Type } from "./types.js";

export function unify(types: readonly Type[], unsafe = false): Type | undefined {
  if (types.length === 0) return DynamicType;
  let map = 0;
  let list = 0;
  let set = 0;
  let object = 0;
  let tuple = 0;
  let dynamic = 0;
  for (const t of types) {
    if (t.kind === "map") map++;
    else if (t.kind === "list") list++;
    else if (t.kind === "set") set++;
    else if (t.kind === "object") object++;
    else if (t.kind === "tuple") tuple++;
    else if (t.kind === "dynamic") dynamic++;
  }
  const n = types.length;
  // Same structural kind: a new type built from the parts may unify them even if none of them is it.
  if (map > 0 && map + dynamic === n) return unifyCollections("map", types, unsafe, dynamic > 0);
  if (map > 0 && map + object + dynamic === n) {
    const r = unifyAsMap(types, unsafe);
    if (r) return r;
  } else if (list > 0 && list + dynamic === n) return unifyCollections("list", types, unsafe, dynamic > 0);
  else if (list > 0 && list + tuple + dynamic === n) {
    const r = unifyAsList(types, unsafe);
    if (r) return r;
  } else if (set > 0 && set + dynamic === n) return unifyCollections("set", types, unsafe, dynamic > 0);
  else if (object > 0 && object + dynamic === n) return unifyObjects(types, unsafe, dynamic > 0);
  else if (tuple > 0 && tuple + dynamic === n) return unifyTuples(types, unsafe, dynamic > 0);
  else if (object > 0 && tuple > 0) return undefined;

  // Otherwise the first type, in preference order, that all the others convert to.
  for (const want of preferenceOrder(types)) {
    if (types.every((t) => typeEquals(t, want) || conversionExists(t, want, unsafe))) return want;
  }
  return undefined;
}

/** string first (numbers and bools convert to it), then number, bool, the rest, and `dynamic` (a null or unknown) last. */
function preferenceOrder(types: readonly Type[]): Type[] {
  const rank = (t: Type) => (t.kind === "string" ? 1 : t.kind === "number" ? 2 : t.kind === "bool" ? 3 : t.kind === "dynamic" ? 5 : 4);
  return [...types].sort((a, b) => rank(a) - rank(b));
}

function elemOf(t: Type): Type {
  return t.kind === "list" || t.kind === "set" || t.kind === "map" ? t.elem : DynamicType;
}

function unifyCollections(kind: "list" | "set" | "map", types: readonly Type[], unsafe: boolean, hasDynamic: boolean): Type | undefined {
  if (hasDynamic) return DynamicType;
  const e = unify(types.map(elemOf), unsafe);
  if (!e) return undefined;
  return kind === "list" ? listOf(e) : kind === "set" ? setOf(e) : mapOf(e);
}

function unifyAsMap(types: readonly Type[], unsafe: boolean): Type | undefined {
  const elems: Type[] = [];
  for (const t of types) {
    if (t.kind === "map") elems.push(t.elem);
    else if (t.kind === "object") elems.push(...t.attrs.values());
    else return DynamicType;
  }
  const e = unify(elems, unsafe);
  return e ? mapOf(e) : undefined;
}

function unifyAsList(types: readonly Type[], unsafe: boolean): Type | undefined {
  const elems: Type[] = [];
  for (const t of types) {
    if (t.kind === "list") elems.push(t.elem);
    else if (t.kind === "tuple") elems.push(...t.elems);
    else return DynamicType;
  }
  const e = unify(elems, unsafe);
  return e ? listOf(e) : undefined;
}

function unifyObjects(types: readonly Type[], unsafe: boolean, hasDynamic: boolean): Type | undefined {
  if (hasDynamic) return DynamicType;
  const first = types[0]!;
  if (first.kind !== "object") return undefined;
  for (const t of types.slice(1)) {
    if (t.kind !== "object") return undefined;
    if (t.attrs.size !== first.attrs.size || [...t.attrs.keys()].some((k) => !first.attrs.has(k))) {
      return unifyAsMap(types, unsafe);
    }
  }
  const attrs: [string, Type][] = [];
  for (const name of first.attrs.keys()) {
    const u = unify(
      types.map((t) => (t.kind === "object" ? t.attrs.get(name)! : DynamicType)),
      unsafe,
    );
    if (!u) return undefined;
    attrs.push([name, u]);
  }
  return objectOf(attrs);
}

function unifyTuples(types: readonly Type[], unsafe: boolean, hasDynamic: boolean): Type | undefined {
  if (hasDynamic) return DynamicType;
  const first = types[0]!;
  if (first.kind !== "tuple") return undefined;
  for (const t of types.slice(1)) {
    if (t.kind !== "tuple") return undefined;
    if (t.elems.length !== first.elems.length) return unifyAsList(types, unsafe);
  }
  const elems: Type[] = [];
  for (let i = 0; i < first.elems.length; i++) {
    const u = unify(
      types.map((t) => (t.kind === "tuple" ? t.elems[i]! : DynamicType)),
      unsafe,
    );
    if (!u) return undefined;
    elems.push(u);
  }
  return tupleOf(elems);
}
