// Collection functions: alltrue anytrue chunklist coalesce coalescelist compact concat contains distinct
// element flatten index keys length lookup matchkeys merge one range reverse setintersection setproduct
// setsubtract setunion slice sort sum transpose values zipmap, and the removed list()/map().
import { convert, ConversionError } from "../convert.js";
import { BigFloat } from "../number.js";
import {
  BoolType,
  DynamicType,
  NumberType,
  StringType,
  friendlyName,
  listOf,
  mapOf,
  objectOf,
  setOf,
  tupleOf,
  typeEquals,
  type Type,
} from "../types.js";
import { unify } from "../unify.js";
import { Value, cmpBytes } from "../value.js";
import { FunctionError, type FunctionSpec } from "./spec.js";
import { toInt } from "./util.js";

const isSeq = (t: Type) => t.kind === "list" || t.kind === "set" || t.kind === "tuple";
const elemTypeOf = (t: Type): Type => (t.kind === "list" || t.kind === "set" || t.kind === "map" ? t.elem : DynamicType);

function truthy(name: string, all: boolean): FunctionSpec {
  return {
    name,
    params: [{ name: "list", type: listOf(BoolType) }],
    type: BoolType,
    impl: (a) => {
      const es = a[0]!.elements();
      if (all) return Value.bool(es.every((e) => !e.isNull() && e.asBool()));
      return Value.bool(es.some((e) => !e.isNull() && e.asBool()));
    },
  };
}

function setOp(name: string, op: (acc: Value[], next: readonly Value[]) => Value[]): FunctionSpec {
  return {
    name,
    params: [{ name: "first_set", type: setOf(DynamicType) }],
    varParam: { name: "other_sets", type: setOf(DynamicType) },
    type: (args) => {
      const t = unify(args.map((x) => x.type), false);
      if (!t) return new FunctionError("given sets must all have compatible element types", 0);
      return t;
    },
    impl: (args, _ctx, ret) => {
      const conv = args.map((x) => convert(x, ret) as Value);
      let acc = [...conv[0]!.elements()];
      for (const s of conv.slice(1)) acc = op(acc, s.elements());
      return Value.set(acc, elemTypeOf(ret));
    },
  };
}

const has = (list: readonly Value[], v: Value) => list.some((x) => x.equals(v).isKnown() && x.equals(v).asBool());

export const collectionFunctions: FunctionSpec[] = [
  truthy("alltrue", true),
  truthy("anytrue", false),
  {
    name: "chunklist",
    params: [
      { name: "list", type: listOf(DynamicType), shallowMarks: true },
      { name: "size", type: NumberType },
    ],
    type: (a) => listOf(a[0]!.type),
    impl: (a) => {
      const size = toInt(a[1]!, 1);
      if (size instanceof FunctionError) return size;
      if (size < 0) return new FunctionError("the size argument must be positive");
      const es = a[0]!.elements();
      const t = a[0]!.type;
      if (size === 0) return Value.list([a[0]!], t);
      const out: Value[] = [];
      for (let i = 0; i < es.length; i += size) out.push(Value.list(es.slice(i, i + size), elemTypeOf(t)));
      return Value.list(out, t);
    },
  },
  {
    name: "coalesce",
    params: [],
    varParam: { name: "vals", type: DynamicType, allowNull: true, allowDynamicType: true },
    type: (args) => {
      const t = args.length ? unify(args.map((x) => x.type), true) : undefined;
      if (!t) return new FunctionError("all arguments must have the same type");
      return t;
    },
    impl: (args, _ctx, ret) => {
      for (const a of args) {
        const c = convert(a, ret);
        if (c instanceof ConversionError) return new FunctionError("all arguments must have the same type");
        if (c.isNull()) continue;
        if (c.type.kind === "string" && c.asString() === "") continue;
        return c;
      }
      return new FunctionError("no non-null, non-empty-string arguments");
    },
  },
  {
    name: "coalescelist",
    params: [],
    varParam: { name: "vals", type: DynamicType, allowNull: true, allowUnknown: true, allowDynamicType: true },
    type: (args) => {
      if (args.length === 0) return new FunctionError("at least one argument is required");
      for (const a of args) {
        if (!a.isKnown()) return DynamicType;
        if (a.type.kind !== "list" && a.type.kind !== "tuple") return new FunctionError("coalescelist arguments must be lists or tuples");
      }
      const first = args[0]!.type;
      return args.every((a) => typeEquals(a.type, first)) ? first : DynamicType;
    },
    impl: (args, _ctx, ret) => {
      for (const a of args) {
        if (!a.isKnown()) return Value.unknown(ret);
        if (a.isNull()) continue;
        if (a.elements().length > 0) return a;
      }
      return new FunctionError("no non-null arguments");
    },
  },
  {
    name: "compact",
    params: [{ name: "list", type: listOf(StringType) }],
    type: listOf(StringType),
    impl: (a) => Value.list(a[0]!.elements().filter((e) => !e.isNull() && e.asString() !== ""), StringType),
  },
  {
    name: "concat",
    params: [],
    varParam: { name: "seqs", type: DynamicType, shallowMarks: true },
    type: (args) => {
      if (args.length === 0) return new FunctionError("at least one argument is required");
      let allLists = true;
      for (let i = 0; i < args.length; i++) {
        const t = args[i]!.type;
        if (t.kind === "list") continue;
        allLists = false;
        if (t.kind !== "tuple") return new FunctionError(`all arguments must be lists or tuples; got ${friendlyName(t)}`, i);
      }
      if (allLists) {
        const e = unify(args.map((x) => elemTypeOf(x.type)), false);
        if (e) return listOf(e);
      }
      return DynamicType;
    },
    impl: (args, _ctx, ret) => {
      const all: Value[] = [];
      for (const a of args) all.push(...a.elements());
      if (ret.kind === "list") return Value.list(all.map((e) => convert(e, ret.elem) as Value), ret.elem);
      return Value.tuple(all);
    },
  },
  {
    name: "contains",
    params: [
      { name: "list", type: DynamicType },
      { name: "value", type: DynamicType },
    ],
    type: BoolType,
    impl: (a) => {
      const l = a[0]!;
      if (!isSeq(l.type) && l.type.kind !== "map" && l.type.kind !== "object") {
        return new FunctionError("argument must be list, tuple, or set", 0);
      }
      const es = l.type.kind === "map" || l.type.kind === "object" ? [...l.entries().values()] : l.elements();
      return Value.bool(has(es, a[1]!));
    },
  },
  {
    name: "distinct",
    params: [{ name: "list", type: listOf(DynamicType) }],
    type: (a) => a[0]!.type,
    impl: (a) => {
      const out: Value[] = [];
      for (const e of a[0]!.elements()) if (!has(out, e)) out.push(e);
      return Value.list(out, elemTypeOf(a[0]!.type));
    },
  },
  {
    name: "element",
    params: [
      { name: "list", type: DynamicType, shallowMarks: true },
      { name: "index", type: NumberType },
    ],
    type: (a) => {
      const l = a[0]!;
      if (l.type.kind === "list") return l.type.elem;
      if (l.type.kind === "tuple") {
        if (l.type.elems.length === 0) return new FunctionError("cannot use element function with an empty list");
        if (!a[1]!.isKnown()) return DynamicType;
        const i = toInt(a[1]!, 1);
        if (i instanceof FunctionError) return i;
        if (i < 0) return new FunctionError("cannot use element function with a negative index", 1);
        return l.type.elems[i % l.type.elems.length]!;
      }
      if (l.type.kind === "dynamic") return DynamicType;
      return new FunctionError("cannot read elements from " + friendlyName(l.type), 0);
    },
    impl: (a) => {
      const es = a[0]!.elements();
      if (es.length === 0) return new FunctionError("cannot use element function with an empty list");
      const i = toInt(a[1]!, 1);
      if (i instanceof FunctionError) return i;
      if (i < 0) return new FunctionError("cannot use element function with a negative index", 1);
      return es[i % es.length]!;
    },
  },
  {
    name: "flatten",
    params: [{ name: "list", type: DynamicType, shallowMarks: true }],
    type: (a) => (isSeq(a[0]!.type) || a[0]!.type.kind === "dynamic" ? DynamicType : new FunctionError("can only flatten lists, sets and tuples")),
    impl: (a) => {
      const out: Value[] = [];
      let unknown = false;
      // Elements keep their marks; a nested sequence's own marks go to the whole result.
      const marks = new Set<string>();
      const walk = (v: Value) => {
        for (const x of v.marks) marks.add(x);
        for (const e of v.elements()) {
          if (!e.isKnown()) {
            if (isSeq(e.type) || e.type.kind === "dynamic") unknown = true;
            else out.push(e);
          } else if (!e.isNull() && isSeq(e.type)) walk(e);
          else out.push(e);
        }
      };
      walk(a[0]!);
      if (unknown) return Value.unknown(DynamicType).markWith(marks);
      return Value.tuple(out).markWith(marks);
    },
  },
  {
    name: "index",
    params: [
      { name: "list", type: DynamicType },
      { name: "value", type: DynamicType },
    ],
    type: NumberType,
    impl: (a) => {
      if (!isSeq(a[0]!.type)) return new FunctionError("argument must be a list or tuple", 0);
      const es = a[0]!.elements();
      for (let i = 0; i < es.length; i++) {
        const eq = es[i]!.equals(a[1]!);
        if (eq.isKnown() && eq.asBool()) return Value.number(i);
      }
      return new FunctionError("item not found");
    },
  },
  {
    name: "keys",
    params: [{ name: "inputMap", type: DynamicType, allowUnknown: true, shallowMarks: true }],
    type: (a) => {
      const t = a[0]!.type;
      if (t.kind === "map") return listOf(StringType);
      if (t.kind === "object") return tupleOf([...t.attrs.keys()].map(() => StringType));
      if (t.kind === "dynamic") return DynamicType;
      return new FunctionError("must have map or object type", 0);
    },
    impl: (a, _ctx, ret) => {
      const v = a[0]!;
      if (v.type.kind === "object") return Value.tuple([...v.type.attrs.keys()].map((k) => Value.string(k)));
      if (!v.isKnown()) return Value.unknown(ret);
      return Value.list([...v.entries().keys()].map((k) => Value.string(k)), StringType);
    },
  },
  {
    name: "length",
    params: [{ name: "value", type: DynamicType, allowDynamicType: true, allowUnknown: true, shallowMarks: true }],
    type: (a) => {
      const k = a[0]!.type.kind;
      if (k === "string" || k === "dynamic" || k === "list" || k === "set" || k === "map" || k === "tuple" || k === "object") return NumberType;
      return new FunctionError("argument must be a string, a collection type, or a structural type");
    },
    impl: (a) => {
      const v = a[0]!;
      if (v.type.kind === "tuple") return Value.number(v.type.elems.length);
      if (v.type.kind === "object") return Value.number(v.type.attrs.size);
      if (!v.isKnown()) return Value.unknown(NumberType);
      return Value.number(v.length());
    },
  },
  {
    name: "lookup",
    params: [
      { name: "inputMap", type: DynamicType, allowMarked: true },
      { name: "key", type: StringType, allowMarked: true },
    ],
    varParam: { name: "default", type: DynamicType, allowNull: true, allowMarked: true },
    type: (a) => {
      if (a.length > 3) return new FunctionError("lookup() takes no more than three arguments");
      const [m] = a[0]!.unmark();
      const t = m.type;
      if (t.kind === "object") {
        const [k] = a[1]!.unmark();
        if (!k.isKnown()) return DynamicType;
        const at = t.attrs.get(k.asString());
        if (at) return at;
        if (a.length === 3) return a[2]!.unmark()[0].type;
        return new FunctionError(`the given object has no attribute ${JSON.stringify(k.asString())}`, 0);
      }
      if (t.kind === "map") {
        if (a.length === 3 && convert(a[2]!.unmark()[0], t.elem) instanceof ConversionError) {
          return new FunctionError("the default value must have the same type as the map elements", 2);
        }
        return t.elem;
      }
      if (t.kind === "dynamic") return DynamicType;
      return new FunctionError("lookup() requires a map as the first argument", 0);
    },
    impl: (a, _ctx, ret) => {
      const [m, mmarks] = a[0]!.unmark();
      const [k, kmarks] = a[1]!.unmark();
      const marks = [...mmarks, ...kmarks];
      const key = k.asString();
      if (!m.isWhollyKnown()) return Value.unknown(ret).markWith(marks);
      const got = m.entries().get(key);
      if (got) return got.markWith(marks);
      if (a.length === 3) {
        const d = ret.kind === "dynamic" ? a[2]! : convert(a[2]!, ret);
        if (d instanceof ConversionError) return new FunctionError(d.message);
        return d.markWith(marks);
      }
      return new FunctionError(`lookup failed to find key ${kmarks.size ? "(sensitive value)" : JSON.stringify(key)}`);
    },
  },
  {
    name: "matchkeys",
    params: [
      { name: "values", type: listOf(DynamicType) },
      { name: "keys", type: listOf(DynamicType) },
      { name: "searchset", type: listOf(DynamicType) },
    ],
    type: (a) => {
      if (!unify([a[1]!.type, a[2]!.type], true)) return new FunctionError("keys and searchset must be of the same type");
      return a[0]!.type;
    },
    impl: (a) => {
      const vals = a[0]!.elements();
      if (vals.length !== a[1]!.elements().length) return new FunctionError("length of keys and values should be equal");
      const t = unify([a[1]!.type, a[2]!.type], true)!;
      const keys = (convert(a[1]!, t) as Value).elements();
      const search = (convert(a[2]!, t) as Value).elements();
      const out: Value[] = [];
      for (let i = 0; i < keys.length; i++) if (has(search, keys[i]!)) out.push(vals[i]!);
      return Value.list(out, elemTypeOf(a[0]!.type));
    },
  },
  {
    name: "merge",
    params: [],
    varParam: { name: "maps", type: DynamicType, allowNull: true, allowDynamicType: true, allowMarked: true },
    type: (args) => {
      if (args.length === 0) return objectOf([]);
      // Terraform's rule: all arguments of one type → that type; otherwise an object of every attribute seen.
      const attrs = new Map<string, Type>();
      let first: Type | undefined;
      let matching = true;
      let attrsKnown = true;
      for (let i = 0; i < args.length; i++) {
        const [arg] = args[i]!.unmark();
        const t = arg.type;
        if (t.kind === "dynamic") return DynamicType;
        if (t.kind === "object" && !arg.isNull()) for (const [k, at] of t.attrs) attrs.set(k, at);
        else if (t.kind === "map") {
          if (arg.isNull()) {
            // nothing to add
          } else if (arg.isKnown()) for (const k of arg.entries().keys()) attrs.set(k, t.elem);
          else attrsKnown = false;
        } else if (t.kind !== "object") {
          return new FunctionError(`arguments must be maps or objects, got ${JSON.stringify(friendlyName(t))}`);
        }
        if (i === 0) {
          first = t;
          continue;
        }
        if (!typeEquals(t, first!)) matching = false;
      }
      if (matching) return first!;
      if (!attrsKnown) return DynamicType;
      return objectOf([...attrs]);
    },
    impl: (args, _ctx, ret) => {
      const out = new Map<string, Value>();
      const marks = new Set<string>();
      for (const a0 of args) {
        const [a, m] = a0.unmark();
        if (a.isNull()) continue;
        for (const x of m) marks.add(x);
        if (!a.isKnown()) return Value.unknown(ret).markWith(marks);
        for (const [k, v] of a.entries()) out.set(k, v);
      }
      if (ret.kind === "map") return Value.map(out, ret.elem).markWith(marks);
      return Value.object(out).markWith(marks);
    },
  },
  {
    name: "one",
    params: [{ name: "list", type: DynamicType }],
    type: (a) => {
      const t = a[0]!.type;
      if (t.kind === "list" || t.kind === "set") return t.elem;
      if (t.kind === "tuple") {
        if (t.elems.length === 0) return DynamicType;
        if (t.elems.length === 1) return t.elems[0]!;
        return new FunctionError("must be a list, set, or tuple value with either zero or one elements", 0);
      }
      if (t.kind === "dynamic") return DynamicType;
      return new FunctionError("must be a list, set, or tuple value with either zero or one elements", 0);
    },
    impl: (a, _ctx, ret) => {
      const es = a[0]!.elements();
      if (es.length === 0) return Value.null(ret);
      if (es.length === 1) return es[0]!;
      return new FunctionError("must be a list, set, or tuple value with either zero or one elements", 0);
    },
  },
  {
    name: "range",
    params: [],
    varParam: { name: "params", type: NumberType },
    type: listOf(NumberType),
    impl: (args) => {
      let start = BigFloat.fromInt(0);
      let end: BigFloat;
      let step = BigFloat.fromInt(1);
      switch (args.length) {
        case 1:
          end = args[0]!.asNumber();
          break;
        case 2:
          start = args[0]!.asNumber();
          end = args[1]!.asNumber();
          break;
        case 3:
          start = args[0]!.asNumber();
          end = args[1]!.asNumber();
          step = args[2]!.asNumber();
          break;
        default:
          return new FunctionError("must have one, two, or three arguments");
      }
      if (args.length < 3 && end.cmp(start) < 0) step = BigFloat.fromInt(-1);
      const down = step.sign() < 0;
      if (down && end.cmp(start) > 0) return new FunctionError("end must be less than start when step is negative", 0);
      if (!down && end.cmp(start) < 0) return new FunctionError("end must be greater than start when step is positive", 0);
      const out: Value[] = [];
      for (let v = start; down ? v.cmp(end) > 0 : v.cmp(end) < 0; v = v.add(step)) {
        if (out.length >= 1024) return new FunctionError("more than 1024 values were generated; either decrease the difference between start and end or use a smaller step");
        out.push(Value.number(v));
      }
      return Value.list(out, NumberType);
    },
  },
  {
    name: "reverse",
    params: [{ name: "list", type: DynamicType, shallowMarks: true }],
    type: (a) => {
      const t = a[0]!.type;
      if (t.kind === "list" || t.kind === "dynamic") return t;
      if (t.kind === "tuple") return tupleOf([...t.elems].reverse());
      if (t.kind === "set") return listOf(t.elem);
      return new FunctionError("can only reverse list or tuple values, not " + friendlyName(t), 0);
    },
    impl: (a, _ctx, ret) => {
      const es = [...a[0]!.elements()].reverse();
      return ret.kind === "tuple" ? Value.tuple(es) : Value.list(es, elemTypeOf(ret));
    },
  },
  setOp("setintersection", (acc, next) => acc.filter((x) => has(next, x))),
  setOp("setsubtract", (acc, next) => acc.filter((x) => !has(next, x))),
  setOp("setunion", (acc, next) => [...acc, ...next]),
  {
    name: "setproduct",
    params: [],
    varParam: { name: "sets", type: DynamicType, shallowMarks: true },
    type: (args) => {
      if (args.length < 2) return new FunctionError("at least two arguments are required");
      let allSets = true;
      const elemTypes: Type[] = [];
      for (let i = 0; i < args.length; i++) {
        const t = args[i]!.type;
        if (t.kind === "set") elemTypes.push(t.elem);
        else if (t.kind === "list") {
          allSets = false;
          elemTypes.push(t.elem);
        } else if (t.kind === "tuple") {
          allSets = false;
          elemTypes.push(unify(t.elems, false) ?? DynamicType);
        } else if (t.kind === "dynamic") {
          allSets = false;
          elemTypes.push(DynamicType);
        } else return new FunctionError("a set or a list is required", i);
      }
      const tt = tupleOf(elemTypes);
      return allSets ? setOf(tt) : listOf(tt);
    },
    impl: (args, _ctx, ret) => {
      const lists = args.map((a) => {
        if (a.type.kind === "tuple") {
          const e = unify(a.type.elems, false) ?? DynamicType;
          return a.elements().map((x) => convert(x, e) as Value);
        }
        return [...a.elements()];
      });
      let rows: Value[][] = [[]];
      for (const l of lists) {
        const next: Value[][] = [];
        for (const r of rows) for (const e of l) next.push([...r, e]);
        rows = next;
      }
      const elemType = elemTypeOf(ret);
      const tuples = rows.map((r) => Value.tuple(r));
      if (tuples.length === 0 || lists.some((l) => l.length === 0)) {
        return ret.kind === "set" ? Value.set([], elemType) : Value.list([], elemType);
      }
      const t = tupleOf(tuples[0]!.type.kind === "tuple" ? tuples[0]!.type.elems : []);
      return ret.kind === "set" ? Value.set(tuples, t) : Value.list(tuples, t);
    },
  },
  {
    name: "slice",
    params: [
      { name: "list", type: DynamicType, shallowMarks: true },
      { name: "start_index", type: NumberType },
      { name: "end_index", type: NumberType },
    ],
    type: (a) => {
      const t = a[0]!.type;
      if (t.kind === "list" || t.kind === "dynamic") return t;
      if (t.kind === "tuple") {
        if (!a[1]!.isKnown() || !a[2]!.isKnown()) return DynamicType;
        const s = toInt(a[1]!, 1);
        const e = toInt(a[2]!, 2);
        if (s instanceof FunctionError) return s;
        if (e instanceof FunctionError) return e;
        const r = checkSlice(s, e, t.elems.length);
        return r ?? tupleOf(t.elems.slice(s, e));
      }
      return new FunctionError("must be a list or tuple value", 0);
    },
    impl: (a, _ctx, ret) => {
      const es = a[0]!.elements();
      const s = toInt(a[1]!, 1);
      const e = toInt(a[2]!, 2);
      if (s instanceof FunctionError) return s;
      if (e instanceof FunctionError) return e;
      const r = checkSlice(s, e, es.length);
      if (r) return r;
      return ret.kind === "tuple" ? Value.tuple(es.slice(s, e)) : Value.list(es.slice(s, e), elemTypeOf(ret));
    },
  },
  {
    name: "sort",
    params: [{ name: "list", type: listOf(StringType) }],
    type: listOf(StringType),
    impl: (a) => {
      const es = a[0]!.elements();
      const nullAt = es.findIndex((e) => e.isNull());
      if (nullAt >= 0) return new FunctionError(`given list element ${nullAt} is null; a null string cannot be sorted`);
      return Value.list([...es].sort((x, y) => cmpBytes(x.asString(), y.asString())), StringType);
    },
  },
  {
    name: "sum",
    params: [{ name: "list", type: DynamicType }],
    type: NumberType,
    impl: (a) => {
      const l = a[0]!;
      if (!isSeq(l.type)) return new FunctionError("argument must be list, set, or tuple. Received " + friendlyName(l.type), 0);
      const es = l.elements();
      if (es.length === 0) return new FunctionError("cannot sum an empty list", 0);
      let total: BigFloat | undefined;
      for (const e of es) {
        if (e.isNull()) return new FunctionError("argument must be list, set, or tuple of number values", 0);
        const n = convert(e, NumberType);
        if (n instanceof ConversionError) return new FunctionError("argument must be list, set, or tuple of number values", 0);
        total = total ? total.add(n.asNumber()) : n.asNumber();
      }
      return Value.number(total!);
    },
  },
  {
    name: "transpose",
    params: [{ name: "values", type: mapOf(listOf(StringType)) }],
    type: mapOf(listOf(StringType)),
    impl: (a) => {
      const out = new Map<string, Value[]>();
      for (const [k, list] of a[0]!.entries()) {
        for (const e of list.elements()) {
          if (e.isNull()) return new FunctionError("input lists must not contain null values", 0);
          const key = e.asString();
          if (!out.has(key)) out.set(key, []);
          out.get(key)!.push(Value.string(k));
        }
      }
      return Value.map([...out].map(([k, v]) => [k, Value.list(v, StringType)]), listOf(StringType));
    },
  },
  {
    name: "values",
    params: [{ name: "mapping", type: DynamicType, shallowMarks: true }],
    type: (a) => {
      const t = a[0]!.type;
      if (t.kind === "map") return listOf(t.elem);
      if (t.kind === "object") return tupleOf([...t.attrs.values()]);
      if (t.kind === "dynamic") return DynamicType;
      return new FunctionError("values() requires a map as the first argument");
    },
    impl: (a, _ctx, ret) => {
      const vs = [...a[0]!.entries().values()];
      return ret.kind === "tuple" ? Value.tuple(vs) : Value.list(vs, elemTypeOf(ret));
    },
  },
  {
    name: "zipmap",
    params: [
      { name: "keys", type: listOf(StringType) },
      { name: "values", type: DynamicType, shallowMarks: true },
    ],
    type: (a) => {
      const v = a[1]!.type;
      if (v.kind === "list") return mapOf(v.elem);
      if (v.kind === "tuple") {
        if (!a[0]!.isWhollyKnown()) return DynamicType;
        const keys = a[0]!.elements();
        if (keys.length !== v.elems.length) return DynamicType;
        return objectOf(keys.map((k, i) => [k.asString(), v.elems[i]!] as [string, Type]));
      }
      if (v.kind === "dynamic") return DynamicType;
      return new FunctionError("values must be a list or tuple value", 1);
    },
    impl: (a, _ctx, ret) => {
      const keys = a[0]!.elements();
      const vals = a[1]!.elements();
      if (keys.length !== vals.length) {
        return new FunctionError(`number of keys (${keys.length}) does not match number of values (${vals.length})`);
      }
      const entries = keys.map((k, i) => [k.asString(), vals[i]!] as [string, Value]);
      if (ret.kind === "map") return Value.map(entries, ret.elem);
      return Value.object(entries);
    },
  },
  {
    name: "list",
    params: [],
    varParam: { name: "vals", type: DynamicType },
    type: DynamicType,
    impl: () =>
      new FunctionError(
        `the "list" function was deprecated in Terraform v0.12 and is no longer available; use tolist([ ... ]) syntax to write a literal list`,
      ),
  },
  {
    name: "map",
    params: [],
    varParam: { name: "vals", type: DynamicType },
    type: DynamicType,
    impl: () =>
      new FunctionError(
        `the "map" function was deprecated in Terraform v0.12 and is no longer available; use tomap({ ... }) syntax to write a literal map`,
      ),
  },
];

function checkSlice(s: number, e: number, len: number): FunctionError | undefined {
  if (s < 0) return new FunctionError("start index must not be less than zero", 1);
  if (e > len) return new FunctionError("end index must not be greater than the length of the list", 2);
  if (s > e) return new FunctionError("start index must not be greater than end index", 1);
  return undefined;
}

