// Evaluates one console expression the way `tfsim console` will: parse, evaluate with no variables, print.
// Shared by the corpus test and the live differential test.
import { parseExpression } from "../../src/hcl/index.js";
import { evaluate } from "../../src/lang/eval.js";
import { formatValue } from "../../src/lang/format-value.js";

export interface ConsoleError {
  summary: string;
  detail: string;
}

export interface ConsoleResult {
  output?: string;
  /** Every error, in order; empty when the line succeeded. */
  errors: ConsoleError[];
}

export function evalConsoleLine(line: string, baseDir = process.cwd()): ConsoleResult {
  const parsed = parseExpression(line, "<console-input>");
  const perrs = parsed.diagnostics.filter((d) => d.severity === "error");
  if (perrs.length) return { errors: perrs.map((d) => ({ summary: d.summary, detail: normalize(d.detail ?? "") })) };
  const r = evaluate(parsed.expr, { callContext: { baseDir } });
  const errs = r.diagnostics.filter((d) => d.severity === "error");
  if (errs.length) return { errors: errs.map((d) => ({ summary: d.summary, detail: normalize(d.detail ?? "") })) };
  return { output: formatValue(r.value), errors: [] };
}

/** Terraform wraps diagnostic details to the terminal width; compare them with whitespace collapsed. */
export function normalize(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}
