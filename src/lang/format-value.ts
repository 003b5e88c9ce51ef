// Prints a value exactly as `terraform console` does (Terraform's repl.FormatValue).
//
// API:
//   formatValue(v, indent = 0) → string
//   goQuote(s) → string           Go's strconv.Quote, which the console uses for strings
import { friendlyName } from "./types.js";
import { Ephemeral, Sensitive, TypeExpression, type Value } from "./value.js";

export function formatValue(v: Value, indent = 0): string {
  if (!v.isKnown()) return "(known after apply)";
  if (v.hasMark(Sensitive)) return "(sensitive value)";
  if (v.hasMark(Ephemeral)) return "(ephemeral value)";
  if (v.hasMark(TypeExpression) && v.type.kind === "string" && !v.isNull()) return v.asString();
  const t = v.type;
  if (v.isNull()) {
    switch (t.kind) {
      case "dynamic":
        return "null";
      case "string":
        return "tostring(null)";
      case "number":
        return "tonumber(null)";
      case "bool":
        return "tobool(null)";
      case "list":
        return `tolist(null) /* of ${friendlyName(t.elem)} */`;
      case "set":
        return `toset(null) /* of ${friendlyName(t.elem)} */`;
      case "map":
        return `tomap(null) /* of ${friendlyName(t.elem)} */`;
      default:
        return `null /* ${friendlyName(t)} */`;
    }
  }
  switch (t.kind) {
    case "string":
      return formatMultilineString(v.asString(), indent) ?? goQuote(v.asString());
    case "number":
      return v.asNumber().toString();
    case "bool":
      return v.asBool() ? "true" : "false";
    case "object":
      return formatMapping(v, indent);
    case "tuple":
      return formatSequence(v, indent);
    case "list":
      return `tolist(${formatSequence(v, indent)})`;
    case "set":
      return `toset(${formatSequence(v, indent)})`;
    case "map":
      return `tomap(${formatMapping(v, indent)})`;
    default:
      return "null";
  }
}

function formatMultilineString(s: string, indent: number): string | undefined {
  const lines = s.split("\n");
  if (lines.length < 2) return undefined;
  // Indented heredocs read better inside a structure; at top level the plain form is used.
  const operator = indent > 0 ? "<<-" : "<<";
  let delimiter = "EOT";
  while (lines.some((l) => l.trim() === delimiter)) delimiter += "_";
  const pad = " ".repeat(indent);
  let out = operator + delimiter;
  for (const l of lines) out += "\n" + pad + l;
  return out + "\n" + pad + delimiter;
}

function formatMapping(v: Value, indent: number): string {
  const inner = indent + 2;
  let out = "{";
  for (const [k, e] of v.entries()) {
    // Keys print as string values do, so a key with a newline becomes a heredoc, as in Terraform.
    out += "\n" + " ".repeat(inner) + (formatMultilineString(k, inner) ?? goQuote(k)) + " = " + formatValue(e, inner);
  }
  if (v.entries().size > 0) out += "\n" + " ".repeat(indent);
  return out + "}";
}

function formatSequence(v: Value, indent: number): string {
  const inner = indent + 2;
  let out = "[";
  for (const e of v.elements()) out += "\n" + " ".repeat(inner) + formatValue(e, inner) + ",";
  if (v.elements().length > 0) out += "\n" + " ".repeat(indent);
  return out + "]";
}

const printable = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

/** Go's strconv.Quote: printable Unicode stays as it is; everything else is escaped Go's way. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    if (printable.test(ch)) out += ch;
    else if (c < 0x80) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c < 0x10000) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += "\\U" + c.toString(16).padStart(8, "0");
  }
  return out + '"';
}
