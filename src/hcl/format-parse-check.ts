// Whether a file parses, which decides whether fmt may touch it. The parser is not in the tree yet, so this
// reports nothing beyond the lexer's own diagnostics; it becomes a call to the parser once that lands.
import type { Diagnostic } from "../diag/diagnostic.js";
import type { SourceFile } from "./source.js";

export function parseCheck(_file: SourceFile): Diagnostic[] {
  return [];
}
