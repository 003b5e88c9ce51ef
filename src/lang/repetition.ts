// The values `count` and `for_each` accept, with Terraform's errors (evaluateCountExpressionValue and
// forEachEvaluator): validate checks them with unknowns allowed, plan needs them known. A problem names what
// caused it, so the diagnostic can show the unknown or sensitive values of the expression's references.
import { convert, isConversionError } from "./convert.js";
import type { ExpressionValueCause } from "./expression-values.js";
import { friendlyName, NumberType } from "./types.js";
import { Sensitive, type Value } from "./value.js";

export interface RepetitionProblem {
  readonly summary: string;
  readonly detail: string;
  readonly cause?: ExpressionValueCause;
  /** Whether the diagnostic carries the expression's values (Terraform gives count's errors none). */
  readonly showValues: boolean;
}

/** count's number of instances, "unknown", or what is wrong with it. Sensitive counts are allowed. */
export function countInstances(v: Value): number | "unknown" | RepetitionProblem {
  const problem = (summary: string, detail: string): RepetitionProblem => ({ summary, detail, showValues: false });
  const n = convert(v.unmarkDeep()[0], NumberType);
  if (isConversionError(n)) return problem("Incorrect value type", "Invalid expression value: a number is required.");
  if (n.isNull()) return problem("Invalid count argument", 'The given "count" argument value is null. An integer is required.');
  if (!n.isKnown()) return "unknown";
  const x = Number(n.asNumber().toString());
  if (!Number.isInteger(x) || !Number.isSafeInteger(x)) return problem("Invalid count argument", 'The given "count" argument value is unsuitable: value must be a whole number, between -9223372036854775808 and 9223372036854775807.');
  if (x < 0) return problem("Invalid count argument", 'The given "count" argument value is unsuitable: must be greater than or equal to zero.');
  return x;
}

const unknownSet =
  'The "for_each" set includes values derived from resource attributes that cannot be determined until apply, and so Terraform cannot determine the full set of keys that will identify the instances of this resource.\n\nWhen working with unknown values in for_each, it\'s better to use a map value where the keys are defined statically in your configuration and where only the values contain apply-time results.';
const unknownMap =
  'The "for_each" map includes keys derived from resource attributes that cannot be determined until apply, and so Terraform cannot determine the full set of keys that will identify the instances of this resource.\n\nWhen working with unknown values in for_each, it\'s better to define the map keys statically in your configuration and place apply-time results only in the map values.';
const useTarget = "\n\nAlternatively, you could use the -target planning option to first apply only the resources that the for_each value depends on, and then apply a second time to fully converge.";

/**
 * for_each's elements by instance key, "unknown" (only when `allowUnknown`, as validate has it), or what is wrong:
 * sensitive, unknown (for a set, not wholly known), null, not a map, object or set of strings, a null element.
 */
export function forEachElements(v: Value, allowUnknown: boolean): Map<string, Value> | "unknown" | RepetitionProblem {
  const problem = (summary: string, detail: string, cause?: ExpressionValueCause): RepetitionProblem => ({ summary, detail, showValues: true, ...(cause ? { cause } : {}) });
  if (v.hasMark(Sensitive)) return problem("Invalid for_each argument", "Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments. If used, the sensitive value could be exposed as a resource instance key.", "sensitive");
  const [plain] = v.unmarkDeep();
  const t = plain.type;
  if (!plain.isKnown() || (t.kind === "set" && !plain.isWhollyKnown())) {
    if (allowUnknown) return "unknown";
    // Terraform words it for a set, else (a map, or an object whose keys are unknown) for a map.
    return problem("Invalid for_each argument", (t.kind === "set" ? unknownSet : unknownMap) + useTarget, "unknown");
  }
  if (plain.isNull()) return problem("Invalid for_each argument", 'The given "for_each" argument value is unsuitable: the given "for_each" argument value is null. A map, or set of strings is allowed.');
  if (t.kind !== "map" && t.kind !== "object" && t.kind !== "set") return problem("Invalid for_each argument", `The given "for_each" argument value is unsuitable: the "for_each" argument must be a map, or set of strings, and you have provided a value of type ${friendlyName(t)}.`);
  const each = new Map<string, Value>();
  if (t.kind === "set") {
    if (plain.length() === 0) return each;
    if (t.elem.kind !== "string") return problem("Invalid for_each set argument", `The given "for_each" argument value is unsuitable: "for_each" supports maps and sets of strings, but you have provided a set containing type ${friendlyName(t.elem)}.`);
    const elems = plain.elements();
    if (elems.some((e) => e.isNull())) return problem("Invalid for_each set argument", 'The given "for_each" argument value is unsuitable: "for_each" sets must not contain null values.');
    for (const e of elems) each.set(e.asString(), e);
    return each;
  }
  // A map's values keep their marks: each.value of a sensitive element stays sensitive.
  for (const [k, x] of v.unmark()[0].entries()) each.set(k, x);
  return each;
}
