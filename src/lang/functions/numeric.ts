// Numeric functions: abs ceil floor log max min parseint pow signum.
import { BigFloat } from "../number.js";
import { DynamicType, NumberType } from "../types.js";
import { Value } from "../value.js";
import { FunctionError, type FunctionSpec } from "./spec.js";
import { quote, toInt } from "./util.js";

const n1 = (name: string, impl: (x: BigFloat) => BigFloat): FunctionSpec => ({
  name,
  params: [{ name: "num", type: NumberType }],
  type: NumberType,
  impl: (a) => Value.number(impl(a[0]!.asNumber())),
});

function extreme(name: "max" | "min"): FunctionSpec {
  return {
    name,
    params: [],
    varParam: { name: "numbers", type: NumberType },
    type: NumberType,
    impl: (args) => {
      if (args.length === 0) return new FunctionError("must pass at least one number");
      let best = args[0]!;
      for (const a of args.slice(1)) {
        const c = a.asNumber().cmp(best.asNumber());
        if (name === "max" ? c > 0 : c < 0) best = a;
      }
      return best;
    },
  };
}

/** Digits of Go's big.Int.SetString: 0-9, then a-z, then A-Z for bases above 36 (case-insensitive below). */
function digitValue(ch: string, base: number): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 97 + 10;
  if (c >= 65 && c <= 90) return base <= 36 ? c - 65 + 10 : c - 65 + 36;
  return 99;
}

export const numericFunctions: FunctionSpec[] = [
  n1("abs", (x) => x.abs()),
  n1("ceil", (x) => x.ceil()),
  n1("floor", (x) => x.floor()),
  {
    name: "log",
    params: [
      { name: "num", type: NumberType },
      { name: "base", type: NumberType },
    ],
    type: NumberType,
    impl: (a) => Value.number(BigFloat.fromFloat64(Math.log(a[0]!.asNumber().toFloat64()) / Math.log(a[1]!.asNumber().toFloat64()))),
  },
  extreme("max"),
  extreme("min"),
  {
    name: "pow",
    params: [
      { name: "num", type: NumberType },
      { name: "power", type: NumberType },
    ],
    type: NumberType,
    impl: (a) => Value.number(BigFloat.fromFloat64(Math.pow(a[0]!.asNumber().toFloat64(), a[1]!.asNumber().toFloat64()))),
  },
  {
    name: "signum",
    params: [{ name: "num", type: NumberType }],
    type: NumberType,
    impl: (a) => {
      const i = toInt(a[0]!);
      if (i instanceof FunctionError) return i;
      return Value.number(Math.sign(i) || 0);
    },
  },
  {
    name: "parseint",
    params: [
      { name: "number", type: DynamicType },
      { name: "base", type: NumberType },
    ],
    type: NumberType,
    impl: (a) => {
      if (a[0]!.type.kind !== "string") return new FunctionError(`first argument must be a string, not ${a[0]!.type.kind}`, 0);
      const s = a[0]!.asString();
      const bf = a[1]!.asNumber();
      const base = bf.isInt() ? Number(bf.toBigInt()) : NaN;
      if (!(base >= 2 && base <= 62)) return new FunctionError("base must be a whole number between 2 and 62 inclusive", 1);
      let i = 0;
      let neg = false;
      if (s[0] === "-" || s[0] === "+") {
        neg = s[0] === "-";
        i = 1;
      }
      if (i >= s.length) return new FunctionError(`cannot parse ${quote(s)} as a base ${base} integer`, 0);
      let v = 0n;
      for (; i < s.length; i++) {
        const d = digitValue(s[i]!, base);
        if (d >= base) return new FunctionError(`cannot parse ${quote(s)} as a base ${base} integer`, 0);
        v = v * BigInt(base) + BigInt(d);
      }
      return Value.number(BigFloat.fromInt(neg ? -v : v));
    },
  },
];
