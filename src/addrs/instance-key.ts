// Instance keys: the `[0]` or `["a"]` after a resource or module call expanded by count or for_each.
// Printed with HCL's quoting so that an address we print can always be parsed back.

/** An integer key (count) or a string key (for_each). `undefined` means "no key" (a single instance). */
export type InstanceKey = number | string;

/** `[0]`, `["a"]`, or "" for no key. */
export function instanceKeyString(key: InstanceKey | undefined): string {
  if (key === undefined) return "";
  if (typeof key === "number") return `[${key}]`;
  return `[${quoteHclString(key)}]`;
}

/**
 * A string in HCL's quoted form as Terraform prints instance keys: the usual backslash escapes, `${` and `%{`
 * doubled so they are not read as template sequences, non-printable characters as \uNNNN / \UNNNNNNNN.
 */
export function quoteHclString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    switch (cp) {
      case 10:
        out += "\\n";
        continue;
      case 13:
        out += "\\r";
        continue;
      case 9:
        out += "\\t";
        continue;
      case 34:
        out += '\\"';
        continue;
      case 92:
        out += "\\\\";
        continue;
      case 36: // $
      case 37: // %
        out += String.fromCodePoint(cp);
        if (s.charCodeAt(i + 1) === 123 /* { */) out += String.fromCodePoint(cp);
        continue;
    }
    if (isPrintable(cp)) out += String.fromCodePoint(cp);
    else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return out + '"';
}

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
function isPrintable(cp: number): boolean {
  if (cp >= 0x20 && cp < 0x7f) return true;
  return printable.test(String.fromCodePoint(cp));
}

/** Order used for sorting instances: integer keys numerically, before string keys, strings by code unit. */
export function compareInstanceKeys(a: InstanceKey | undefined, b: InstanceKey | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : 1;
}
