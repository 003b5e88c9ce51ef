// Parses an address string as HCL parses an absolute traversal (hclsyntax.ParseTraversalAbs): a root name,
// then `.name` and `[key]` steps, where a key is a literal number or a literal string. Every address parser in
// this folder starts here, so all of them report HCL's wording for bad syntax.
import { error, type Diagnostic } from "../diag/diagnostic.js";
import { range, sourceFile, type Range } from "../hcl/source.js";

export type TraversalStep =
  | { readonly kind: "root"; readonly name: string; readonly range: Range }
  | { readonly kind: "attr"; readonly name: string; readonly range: Range }
  | { readonly kind: "index"; readonly key: number | string; readonly range: Range };

export interface ParsedTraversal {
  readonly steps: TraversalStep[];
  readonly diagnostics: Diagnostic[];
}

const identStart = /[\p{ID_Start}_]/u;
const identContinue = /[\p{ID_Continue}\-]/u;

// Addresses are parsed thousands of times a run (every instance, every sort): ASCII, nearly always, is
// classified by its code without a regex or a one-character string.
const asciiLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** Whether the code point at `i` may start an identifier; its length in UTF-16 units, or 0. */
function identStartAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return asciiLetter(c) || c === 95 ? 1 : 0;
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  return identStart.test(ch) ? ch.length : 0;
}

/** Whether the code point at `i` may continue an identifier; its length in UTF-16 units, or 0. */
function identContinueAt(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c < 128) return asciiLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 45 ? 1 : 0;
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  return identContinue.test(ch) ? ch.length : 0;
}

/** Parses `text` (e.g. `module.a["x"].aws_instance.web[0]`). `fileName` names the source in diagnostics. */
export function parseTraversal(text: string, fileName = ""): ParsedTraversal {
  const file = sourceFile(fileName, text);
  const steps: TraversalStep[] = [];
  const diagnostics: Diagnostic[] = [];
  let pos = 0;
  const fail = (summary: string, detail: string, start: number, end: number) => {
    diagnostics.push(error(summary, detail, range(file, start, Math.max(start, end))));
  };
  const readIdent = (): string | undefined => {
    const first = pos < text.length ? identStartAt(text, pos) : 0;
    if (first === 0) return undefined;
    const start = pos;
    pos += first;
    for (let n = identContinueAt(text, pos); n > 0; n = identContinueAt(text, pos)) pos += n;
    return text.slice(start, pos);
  };

  const rootName = readIdent();
  if (rootName === undefined) {
    fail("Variable name required", "Must begin with a variable name.", 0, Math.min(1, text.length));
    return { steps, diagnostics };
  }
  steps.push({ kind: "root", name: rootName, range: range(file, 0, pos) });

  while (pos < text.length) {
    const start = pos;
    const ch = text[pos];
    if (ch === ".") {
      pos++;
      const name = readIdent();
      if (name === undefined) {
        if (text[pos] === "*") fail("Attribute name required", "Splat expressions (.*) may not be used here.", start, pos + 1);
        else fail("Attribute name required", "Dot must be followed by attribute name.", start, pos + 1);
        return { steps, diagnostics };
      }
      steps.push({ kind: "attr", name, range: range(file, start, pos) });
    } else if (ch === "[") {
      pos++;
      const key = readKey();
      if (key === undefined) return { steps, diagnostics };
      if (text[pos] !== "]") {
        fail("Unclosed index brackets", "Index key must be followed by a closing bracket.", start, pos);
        return { steps, diagnostics };
      }
      pos++;
      steps.push({ kind: "index", key, range: range(file, start, pos) });
    } else {
      fail("Invalid character", "Expected an attribute access or an index operator.", pos, pos + 1);
      return { steps, diagnostics };
    }
  }
  return { steps, diagnostics };

  // Reads a literal index key after `[`; reports and returns undefined when there is none.
  function readKey(): number | string | undefined {
    const ch = text[pos];
    if (ch === "*") {
      fail("Attribute name required", "Splat expressions ([*]) may not be used here.", pos - 1, pos + 1);
      return undefined;
    }
    if (ch !== undefined && ch >= "0" && ch <= "9") {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(pos))!;
      pos += m[0].length;
      return Number(m[0]);
    }
    if (ch === '"') return readString();
    if (ch === "'") {
      fail("Invalid character", 'Single quotes are not valid. Use double quotes (") to enclose strings.', pos, pos + 1);
    }
    fail("Index value required", "Index brackets must contain either a literal number or a literal string.", pos - 1, pos);
    return undefined;
  }

  function readString(): string | undefined {
    const open = pos;
    pos++;
    let value = "";
    let ok = true;
    while (pos < text.length && text[pos] !== '"') {
      const c = text[pos]!;
      if (c === "\\") {
        const sel = text[pos + 1];
        const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };
        if (sel !== undefined && simple[sel] !== undefined) {
          value += simple[sel];
          pos += 2;
        } else if (sel === "u" || sel === "U") {
          const len = sel === "u" ? 4 : 8;
          const hex = text.slice(pos + 2, pos + 2 + len);
          if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex) || parseInt(hex, 16) > 0x10ffff) {
            fail("Invalid escape sequence", `The \\${sel} escape must be followed by ${len} hexadecimal digits.`, pos, pos + 2 + hex.length);
            ok = false;
            pos += 2;
          } else {
            value += String.fromCodePoint(parseInt(hex, 16));
            pos += 2 + len;
          }
        } else {
          fail("Invalid escape sequence", `The symbol "${sel ?? ""}" is not a valid escape sequence selector.`, pos, pos + 2);
          ok = false;
          pos += 2;
        }
      } else if ((c === "$" || c === "%") && text[pos + 1] === c && text[pos + 2] === "{") {
        value += c + "{";
        pos += 3;
      } else if ((c === "$" || c === "%") && text[pos + 1] === "{") {
        fail(
          "Invalid string literal",
          `Template sequences are not allowed in this string. To include a literal "${c}", double it (as "${c}${c}") to escape it.`,
          pos,
          pos + 2,
        );
        ok = false;
        pos += 2;
      } else if (c === "\n") {
        break;
      } else {
        value += c;
        pos++;
      }
    }
    if (text[pos] !== '"') {
      fail("Unterminated string literal", "Unable to find the closing quote mark before the end of the file.", open, pos);
      fail("Unclosed index brackets", "Index key must be followed by a closing bracket.", open - 1, pos);
      return undefined;
    }
    pos++;
    return ok ? value : undefined;
  }
}
