// Resource code works on plain JS objects shaped by the schema (the SDK's ResourceData, without its ceremony):
// strings, numbers, booleans, null, arrays (lists and sets), objects (maps and nested blocks). `Unknown` stands
// for a value known only after apply, so plans can be built the same way.
import type { Type } from "../../src/lang/types.js";
import { Value } from "../../src/lang/value.js";

export const Unknown: unique symbol = Symbol("unknown");
export type Plain = string | number | boolean | null | typeof Unknown | Plain[] | { [k: string]: Plain };
export type Obj = { [k: string]: Plain };

export function toPlain(v: Value): Plain {
  if (!v.isKnown()) return Unknown;
  if (v.isNull()) return null;
  const [u] = v.unmark();
  switch (u.type.kind) {
    case "string":
      return u.asString();
    case "number":
      return u.asNumber().toFloat64();
    case "bool":
      return u.asBool();
    case "list":
    case "set":
    case "tuple":
      return u.elements().map(toPlain);
    case "map":
    case "object": {
      const o: Obj = {};
      for (const [k, e] of u.entries()) o[k] = toPlain(e);
      return o;
    }
    default:
      return null;
  }
}

export function toObj(v: Value): Obj {
  const p = toPlain(v);
  return p !== null && typeof p === "object" && !Array.isArray(p) ? p : {};
}

export function fromPlain(p: Plain | undefined, t: Type): Value {
  if (p === Unknown) return Value.unknown(t);
  if (p === null || p === undefined) return Value.null(t);
  switch (t.kind) {
    case "string":
      return Value.string(String(p));
    case "number":
      return Value.number(Number(p));
    case "bool":
      return Value.bool(Boolean(p));
    case "list":
    case "set": {
      const elems = (Array.isArray(p) ? p : []).map((e) => fromPlain(e, t.elem));
      return t.kind === "list" ? Value.list(elems, t.elem) : Value.set(elems, t.elem);
    }
    case "map": {
      const o = typeof p === "object" && !Array.isArray(p) ? p : {};
      return Value.map(
        Object.entries(o).map(([k, e]) => [k, fromPlain(e, t.elem)] as [string, Value]),
        t.elem,
      );
    }
    case "object": {
      const o = typeof p === "object" && !Array.isArray(p) ? p : {};
      return Value.of(t, new Map([...t.attrs].map(([k, at]) => [k, fromPlain(o[k], at)] as [string, Value])));
    }
    default:
      return Value.null(t);
  }
}

export function str(p: Plain | undefined): string | undefined {
  return typeof p === "string" ? p : undefined;
}

export function strMap(p: Plain | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (p && typeof p === "object" && !Array.isArray(p)) for (const [k, v] of Object.entries(p)) if (typeof v === "string") out[k] = v;
  return out;
}

export function strList(p: Plain | undefined): string[] {
  return Array.isArray(p) ? p.filter((x): x is string => typeof x === "string") : [];
}
