// Whether a file parses, which decides whether fmt may touch it: Terraform runs hclsyntax's parser first and
// refuses the file on any error, since formatting a misparsed file could make changes hard to undo.
import type { Diagnostic } from "../diag/diagnostic.js";
import { parseConfigFile } from "./index.js";
import type { SourceFile } from "./source.js";

/** The lexer's and the parser's diagnostics for the file. */
export function parseCheck(file: SourceFile): Diagnostic[] {
  return parseConfigFile(file).diagnostics;
}
