// Small helpers shared by the function families: argument extraction with Go's (gocty's) error wording.
import { BigFloat } from "../number.js";
import { FunctionError } from "./spec.js";
import type { Value } from "../value.js";

const MinInt64 = -(1n << 63n);
const MaxInt64 = (1n << 63n) - 1n;

/** A whole number that fits Go's int, as gocty.FromCtyValue(v, &int) requires. */
export function toInt(v: Value, argIndex?: number): number | FunctionError {
  const n = v.asNumber();
  if (!n.isInt() || n.isInf() || !n.isSafeInt64()) {
    return new FunctionError(`value must be a whole number, between ${MinInt64} and ${MaxInt64}`, argIndex);
  }
  return Number(n.toBigInt());
}

export function num(n: number | bigint | BigFloat): BigFloat {
  if (n instanceof BigFloat) return n;
  return typeof n === "bigint" ? BigFloat.fromInt(n) : Number.isInteger(n) ? BigFloat.fromInt(n) : BigFloat.fromFloat64(n);
}

/** Go's %q for short strings in messages (strconv.Quote). */
export { goQuote as quote } from "../format-value.js";
