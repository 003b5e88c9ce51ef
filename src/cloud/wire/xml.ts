// The little XML the wire codecs write: escaped text and element strings. Responses are built by concatenation
// from the model's shapes (faster than building a tree and serialising it); parsing request XML (S3) will use
// fast-xml-parser.

const SPECIAL = /[&<>"'\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const SPECIAL_G = /[&<>"'\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function replace(c: string): string {
  switch (c) {
    case "&":
      return "&amp;";
    case "<":
      return "&lt;";
    case ">":
      return "&gt;";
    case '"':
      return "&quot;";
    case "'":
      return "&apos;";
    case "\r":
      return "&#13;";
    default:
      // Characters XML 1.0 cannot carry at all: dropped rather than producing a document clients refuse to parse.
      return "";
  }
}

/** Escapes text for element content and attribute values. */
export function escapeXml(s: string): string {
  return SPECIAL.test(s) ? s.replace(SPECIAL_G, replace) : s;
}

/** `<name>escaped text</name>` */
export function textElement(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** AWS's ISO 8601 timestamps: whole seconds without a fraction ("2024-05-01T12:00:00Z"), else milliseconds. */
export function isoTimestamp(d: Date): string {
  const s = d.toISOString();
  return s.endsWith(".000Z") ? s.slice(0, -5) + "Z" : s;
}
