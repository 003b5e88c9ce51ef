// The Terraform language's types, modelled on cty.
//
// A Type is an immutable plain object discriminated by `kind`. Primitive types and `dynamic` (cty's
// DynamicPseudoType, written `any` in type constraints) are singletons; build the others with
// listOf/setOf/mapOf/tupleOf/objectOf. Object attributes are kept sorted by name. `optional` lists the
// attributes that a *type constraint* marks optional (they never appear on a value's own type).
//
// API:
//   StringType NumberType BoolType DynamicType        singletons
//   listOf setOf mapOf tupleOf objectOf              constructors
//   typeEquals(a, b)                                 structural equality (optional-ness included)
//   friendlyName(t) / friendlyNameForConstraint(t)   the words Terraform uses in messages ("list of string")
//   typeString(t)                                    the HCL type-expression form printed by `type(...)`
//   isPrimitive isCollection isStructural hasDynamic  predicates

export type Type =
  | { readonly kind: "string" }
  | { readonly kind: "number" }
  | { readonly kind: "bool" }
  | { readonly kind: "dynamic" }
  | { readonly kind: "list"; readonly elem: Type }
  | { readonly kind: "set"; readonly elem: Type }
  | { readonly kind: "map"; readonly elem: Type }
  | { readonly kind: "tuple"; readonly elems: readonly Type[] }
  | ObjectType;

export interface ObjectType {
  readonly kind: "object";
  /** Attribute types, keys in sorted order. */
  readonly attrs: ReadonlyMap<string, Type>;
  /** Attributes a type constraint marks optional(); empty on value types. */
  readonly optional: ReadonlySet<string>;
}

export type CollectionType = Extract<Type, { kind: "list" | "set" | "map" }>;
export type TupleType = Extract<Type, { kind: "tuple" }>;

export const StringType: Type = Object.freeze({ kind: "string" });
export const NumberType: Type = Object.freeze({ kind: "number" });
export const BoolType: Type = Object.freeze({ kind: "bool" });
export const DynamicType: Type = Object.freeze({ kind: "dynamic" });

export function listOf(elem: Type): Type {
  return { kind: "list", elem };
}
export function setOf(elem: Type): Type {
  return { kind: "set", elem };
}
export function mapOf(elem: Type): Type {
  return { kind: "map", elem };
}
export function tupleOf(elems: readonly Type[]): Type {
  return { kind: "tuple", elems };
}
export const EmptyTuple: Type = tupleOf([]);

export function objectOf(attrs: Iterable<[string, Type]> | Record<string, Type>, optional?: Iterable<string>): ObjectType {
  const entries = Symbol.iterator in attrs ? [...(attrs as Iterable<[string, Type]>)] : Object.entries(attrs);
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { kind: "object", attrs: new Map(entries), optional: new Set(optional ?? []) };
}
export const EmptyObject: ObjectType = objectOf([]);

export function isPrimitive(t: Type): boolean {
  return t.kind === "string" || t.kind === "number" || t.kind === "bool";
}
export function isCollection(t: Type): t is CollectionType {
  return t.kind === "list" || t.kind === "set" || t.kind === "map";
}
export function isStructural(t: Type): boolean {
  return t.kind === "tuple" || t.kind === "object";
}

/** Whether the type is or contains `dynamic` (i.e. it is not yet fully known). */
export function hasDynamic(t: Type): boolean {
  switch (t.kind) {
    case "dynamic":
      return true;
    case "list":
    case "set":
    case "map":
      return hasDynamic(t.elem);
    case "tuple":
      return t.elems.some(hasDynamic);
    case "object":
      for (const a of t.attrs.values()) if (hasDynamic(a)) return true;
      return false;
    default:
      return false;
  }
}

export function typeEquals(a: Type, b: Type): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "list":
    case "set":
    case "map":
      return typeEquals(a.elem, (b as CollectionType).elem);
    case "tuple": {
      const be = (b as TupleType).elems;
      return a.elems.length === be.length && a.elems.every((t, i) => typeEquals(t, be[i]!));
    }
    case "object": {
      const bo = b as ObjectType;
      if (a.attrs.size !== bo.attrs.size || a.optional.size !== bo.optional.size) return false;
      for (const [k, t] of a.attrs) {
        const u = bo.attrs.get(k);
        if (!u || !typeEquals(t, u)) return false;
        if (a.optional.has(k) !== bo.optional.has(k)) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

/** cty's FriendlyName: used in conversion errors ("string required", "list of string"). */
export function friendlyName(t: Type): string {
  switch (t.kind) {
    case "list":
      return `list of ${friendlyName(t.elem)}`;
    case "set":
      return `set of ${friendlyName(t.elem)}`;
    case "map":
      return `map of ${friendlyName(t.elem)}`;
    default:
      return t.kind;
  }
}

/** cty's FriendlyNameForConstraint: as friendlyName, but `dynamic` reads as "any type" ("list of any single type"). */
export function friendlyNameForConstraint(t: Type): string {
  switch (t.kind) {
    case "dynamic":
      return "any type";
    case "list":
    case "set":
    case "map":
      return t.elem.kind === "dynamic" ? `${t.kind} of any single type` : `${t.kind} of ${friendlyNameForConstraint(t.elem)}`;
    default:
      return t.kind;
  }
}

/**
 * The type-expression form, as Terraform's `type()` function prints it in the console
 * (typeexpr.TypeString, multi-line for objects and tuples).
 */
export function typeString(t: Type, indent = ""): string {
  const inner = indent + "    ";
  switch (t.kind) {
    case "dynamic":
      return "dynamic";
    case "list":
    case "set":
    case "map": {
      // A structural element type goes on its own lines, as Terraform's console prints it.
      const e = typeString(t.elem, inner);
      if (!e.includes("\n")) return `${t.kind}(${e})`;
      return `${t.kind}(\n${inner}${e},\n${indent})`;
    }
    case "tuple":
      if (t.elems.length === 0) return "tuple([])";
      return `tuple([\n${t.elems.map((e) => `${inner}${typeString(e, inner)},\n`).join("")}${indent}])`;
    case "object": {
      if (t.attrs.size === 0) return "object({})";
      let s = "object({\n";
      for (const [k, a] of t.attrs) s += `${inner}${k}: ${typeString(a, inner)},\n`;
      return s + `${indent}})`;
    }
    default:
      return t.kind;
  }
}
