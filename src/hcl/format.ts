// `terraform fmt` for one file: Terraform's rewrites (format-rewrite.ts), then hclwrite's layout
// (format-layout.ts), over the lexer's tokens. Only whitespace changes, plus those rewrites; string contents
// and heredoc bodies are tokens whose text is copied as is. A file that does not parse is refused, as
// Terraform refuses it: the formatter would otherwise make changes that are hard to undo.
import { Diagnostics } from "../diag/diagnostic.js";
import { layout, type LayoutToken } from "./format-layout.js";
import { rewriteForTerraform } from "./format-rewrite.js";
import { lex } from "./lexer.js";
import { parseCheck } from "./format-parse-check.js";
import type { SourceFile } from "./source.js";

export interface FormatResult {
  /** The formatted text; the input unchanged when there are errors. */
  readonly text: string;
  readonly diagnostics: Diagnostics;
}

export function formatSource(file: SourceFile): FormatResult {
  const diagnostics = new Diagnostics(parseCheck(file));
  if (diagnostics.hasErrors()) return { text: file.text, diagnostics };
  const { tokens } = lex(file);

  const text = file.text;
  const layoutTokens: LayoutToken[] = [];
  let prevEnd = 0;
  for (const t of tokens) {
    layoutTokens.push({ kind: t.kind, text: text.slice(t.start, t.end), spaces: t.start - prevEnd });
    prevEnd = t.end;
  }
  const rewritten = rewriteForTerraform(layoutTokens);
  layout(rewritten);
  let out = "";
  for (const t of rewritten) out += " ".repeat(t.spaces) + t.text;
  return { text: out, diagnostics };
}
