// Evaluates one console expression the way `tfsim console` will: parse, evaluate with no variables, print.
// Shared by the corpus test and the live differential test.
import { parseExpression } from "../../src/hcl/index.js";
import { evaluate } from "../../src/lang/eval.js";
import { formatValue } from "../../src/lang/format-value.js";

export interface ConsoleResult {
  output?: string;
  error?: { summary: string; detail: string };
}

export function evalConsoleLine(line: string, baseDir = process.cwd()): ConsoleResult {
  const parsed = parseExpression(line, "<console-input>");
  const perr = parsed.diagnostics.find((d) => d.severity === "error");
  if (perr) return { error: { summary: perr.summary, detail: normalize(perr.detail ?? "") } };
  const r = evaluate(parsed.expr, { callContext: { baseDir } });
  const err = r.diagnostics.find((d) => d.severity === "error");
  if (err) return { error: { summary: err.summary, detail: normalize(err.detail ?? "") } };
  return { output: formatValue(r.value) };
}

/** Terraform wraps diagnostic details to the terminal width; compare them with whitespace collapsed. */
export function normalize(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}
