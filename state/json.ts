// JSON exactly as Terraform (Go's encoding/json) writes it: MarshalIndent with two spaces, and Go's HTML-safe
// escaping of <, >, & and of U+2028/U+2029 inside strings. Everything else JSON.stringify already matches.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

const goEscapes: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** These characters can only occur inside string literals of JSON.stringify's output, so one pass is safe. */
function goEscape(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => goEscapes[c]!);
}

/** Go's json.MarshalIndent(v, "", "  "). */
export function marshalIndent(v: unknown): string {
  return goEscape(JSON.stringify(v, null, 2));
}

/** Go's json.Marshal(v). */
export function marshal(v: unknown): string {
  return goEscape(JSON.stringify(v));
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
