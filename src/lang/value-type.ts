// The type cty gives a value: a known object or tuple has the types of its members, so an attribute a schema
// declares dynamic (terraform_data's input and output) has the type of what it holds. tfsim's objects keep
// the schema's type they were decoded with; where a type is recorded (a root output in state) it is this one.
import { objectOf, tupleOf, type Type } from "./types.js";
import type { Value } from "./value.js";

export function valueType(v: Value): Type {
  if (!v.isKnown() || v.isNull()) return v.type;
  if (v.type.kind === "object") return objectOf([...v.entries()].map(([k, m]): [string, Type] => [k, valueType(m)]));
  if (v.type.kind === "tuple") return tupleOf(v.elements().map(valueType));
  return v.type;
}
