// Strings as Terraform 1.11's plan renderer reads them (command/jsonformat's evaluatePrimitiveString): a string
// that starts with "{" or "[" and parses as JSON is shown as jsonencode(...) of its decoded value; any other
// string with a newline is shown as a heredoc of its trimmed lines.
import { jsonDecodeText } from "../../lang/functions/json.js";
import { Value } from "../../lang/value.js";

/**
 * The text each decoded JSON number was written as: Terraform keeps JSON numbers as written (json.Number), so
 * `1E2` shows as `1E2` and differs from `100`.
 */
const numberTexts = new WeakMap<Value, string>();

/** The decoded JSON value (an object or a tuple) of a string that holds JSON, else undefined. */
export function decodeJsonString(s: string): Value | undefined {
  if (!s.startsWith("{") && !s.startsWith("[")) return undefined;
  const v = jsonDecodeText(s, (n, literal) => numberTexts.set(n, literal));
  return typeof v === "string" ? undefined : v;
}

/** A number as written in the JSON it was decoded from, or undefined for any other number. */
export function jsonNumberText(v: Value): string | undefined {
  return numberTexts.get(v);
}

/**
 * Whether two values that are equal as values are also written the same: the numbers decoded from JSON at the
 * same places have the same text (Terraform compares decoded JSON with reflect.DeepEqual on json.Number).
 */
export function sameNumberTexts(a: Value, b: Value): boolean {
  if (!a.isKnown() || a.isNull() || !b.isKnown() || b.isNull()) return true;
  const k = a.type.kind;
  if (k === "number") return (jsonNumberText(a) ?? a.asNumber().toString()) === (jsonNumberText(b) ?? b.asNumber().toString());
  if (k === "list" || k === "set" || k === "tuple") {
    const be = b.elements();
    return a.elements().every((x, i) => sameNumberTexts(x, be[i]!));
  }
  if (k === "map" || k === "object") {
    const be = b.entries();
    return [...a.entries()].every(([key, x]) => sameNumberTexts(x, be.get(key)!));
  }
  return true;
}

// Go's unicode.IsSpace, which strings.TrimSpace trims: not quite JavaScript's trim() (U+0085 in, U+FEFF out).
const GO_SPACE = "[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const EDGE_SPACE = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, "g");

/** The lines a multi-line string is shown as (trimmed first, as Terraform does), or undefined for one line. */
export function heredocLines(s: string): string[] | undefined {
  return s.includes("\n") ? s.replace(EDGE_SPACE, "").split("\n") : undefined;
}
