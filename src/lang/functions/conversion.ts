// Type conversion functions: tobool tonumber tostring tolist toset tomap (Terraform's MakeToFunc wording),
// sensitive nonsensitive issensitive ephemeralasnull, and the console's type(). try and can are in eval.ts:
// they need unevaluated expressions.
import { convert, ConversionError, conversionExists, mismatchMessage } from "../convert.js";
import { goQuote } from "../format-value.js";
import {
  BoolType,
  DynamicType,
  NumberType,
  StringType,
  friendlyName,
  friendlyNameForConstraint,
  listOf,
  mapOf,
  setOf,
  typeEquals,
  typeString,
  type Type,
} from "../types.js";
import { Ephemeral, Sensitive, TypeExpression, Value } from "../value.js";
import { FunctionError, type FunctionSpec } from "./spec.js";

function toFunc(name: string, want: Type): FunctionSpec {
  return {
    name,
    params: [{ name: "v", type: DynamicType, allowNull: true, allowMarked: true, allowDynamicType: true }],
    type: (a) => {
      const got = a[0]!.type;
      if (typeEquals(got, want)) return want;
      if (!conversionExists(got, want, true)) {
        if (got.kind === "tuple" && want.kind === "tuple") return new FunctionError(`incompatible tuple type for conversion: ${mismatchMessage(got, want)}`, 0);
        if (got.kind === "object" && want.kind === "object") return new FunctionError(`incompatible object type for conversion: ${mismatchMessage(got, want)}`, 0);
        return new FunctionError(`cannot convert ${friendlyName(got)} to ${friendlyNameForConstraint(want)}`, 0);
      }
      return want;
    },
    impl: (a, _ctx, ret) => {
      const r = convert(a[0]!, ret);
      if (!(r instanceof ConversionError)) return r;
      const [val, marks] = a[0]!.unmarkDeep();
      const got = val.type;
      if (marks.has(Sensitive)) return new FunctionError(`cannot convert this sensitive ${friendlyName(got)} to ${friendlyNameForConstraint(want)}`, 0);
      const what = val.isNull() || got.kind !== "string" ? "string" : goQuote(val.asString());
      if (got.kind === "string" && want.kind === "bool") {
        return new FunctionError(`cannot convert ${what} to bool; only the strings "true" or "false" are allowed`, 0);
      }
      if (got.kind === "string" && want.kind === "number") {
        return new FunctionError(`cannot convert ${what} to number; given string must be a decimal representation of a number`, 0);
      }
      return new FunctionError(`cannot convert ${friendlyName(got)} to ${friendlyNameForConstraint(want)}`, 0);
    },
  };
}

/** Replaces every ephemeral part of a value with a null of its type. */
function ephemeralAsNull(v: Value): Value {
  if (v.hasMark(Ephemeral)) return Value.null(v.type);
  if (!v.isKnown() || v.isNull()) return v;
  const [u, marks] = v.unmark();
  if (u.type.kind === "list" || u.type.kind === "set" || u.type.kind === "tuple") {
    return Value.of(u.type, u.elements().map(ephemeralAsNull)).markWith(marks);
  }
  if (u.type.kind === "map" || u.type.kind === "object") {
    return Value.of(u.type, new Map([...u.entries()].map(([k, e]) => [k, ephemeralAsNull(e)]))).markWith(marks);
  }
  return v;
}

export const conversionFunctions: FunctionSpec[] = [
  toFunc("tobool", BoolType),
  toFunc("tonumber", NumberType),
  toFunc("tostring", StringType),
  toFunc("tolist", listOf(DynamicType)),
  toFunc("toset", setOf(DynamicType)),
  toFunc("tomap", mapOf(DynamicType)),
  {
    name: "sensitive",
    params: [{ name: "value", type: DynamicType, allowNull: true, allowUnknown: true, allowMarked: true, allowDynamicType: true }],
    type: (a) => a[0]!.type,
    impl: (a) => a[0]!.mark(Sensitive),
  },
  {
    name: "nonsensitive",
    params: [{ name: "value", type: DynamicType, allowNull: true, allowUnknown: true, allowMarked: true, allowDynamicType: true }],
    type: (a) => a[0]!.type,
    impl: (a) => {
      const [u, marks] = a[0]!.unmark();
      return u.markWith([...marks].filter((m) => m !== Sensitive));
    },
  },
  {
    name: "issensitive",
    params: [{ name: "value", type: DynamicType, allowNull: true, allowUnknown: true, allowMarked: true, allowDynamicType: true }],
    type: BoolType,
    impl: (a) => Value.bool(a[0]!.hasMark(Sensitive)),
  },
  {
    name: "ephemeralasnull",
    params: [{ name: "value", type: DynamicType, allowNull: true, allowUnknown: true, allowMarked: true, allowDynamicType: true }],
    type: (a) => a[0]!.type,
    impl: (a) => ephemeralAsNull(a[0]!),
  },
  {
    name: "type",
    params: [{ name: "value", type: DynamicType, allowNull: true, allowUnknown: true, allowMarked: true, allowDynamicType: true }],
    type: StringType,
    impl: (a) => Value.string(typeString(a[0]!.type)).mark(TypeExpression),
  },
];
