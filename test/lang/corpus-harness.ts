// Evaluates one console expression the way `tfsim console` will: parse, evaluate with no variables, print;
// or, for a configuration directory, in its scope (variables, locals, state) as `tfsim console` does there.
// Shared by the corpus test and the live differential test.
import { join } from "node:path";
import { consoleLine } from "../../src/cli/commands/console.js";
import { builtInSchemas } from "../../src/cli/commands/validate.js";
import { loadConfig } from "../../src/config/load.js";
import { moduleScope } from "../../src/config/semantic-scope.js";
import { resourceValuesFromState } from "../../src/config/semantic-state.js";
import { collectVariableValues } from "../../src/config/variables.js";
import type { Diagnostic } from "../../src/diag/diagnostic.js";
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

/** A console session in `dir`: its configuration, its variables (from `env` and the tfvars files), its state. */
export async function configConsole(dir: string, env: Record<string, string>): Promise<(line: string) => ConsoleResult> {
  const loaded = loadConfig(dir);
  const vars = collectVariableValues(loaded.config, { dir, env, args: [], missing: "unknown" });
  const state = await resourceValuesFromState(join(dir, "terraform.tfstate"), "terraform.tfstate");
  const problems = [...loaded.diagnostics, ...vars.diagnostics, ...state.diagnostics].filter((d) => d.severity === "error");
  if (problems.length) throw new Error(problems.map((d) => d.summary).join("; "));
  const scope = moduleScope(loaded.config, { variables: vars.values, resources: state.values, baseDir: dir });
  const schemaOf = await builtInSchemas();
  return (line) => {
    const r = consoleLine(line, scope, loaded.config, schemaOf);
    const errs = r.diagnostics.filter((d: Diagnostic) => d.severity === "error");
    if (errs.length || r.output === undefined) return { errors: errs.map((d) => ({ summary: d.summary, detail: normalize(d.detail ?? "") })) };
    return { output: r.output, errors: [] };
  };
}

/** Terraform wraps diagnostic details to the terminal width; compare them with whitespace collapsed. */
export function normalize(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}
