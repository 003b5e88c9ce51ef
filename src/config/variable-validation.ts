// A variable's `validation` blocks, as Terraform's evalVariableValidation checks them once the value is known:
// a false condition is "Invalid value for variable" with the rule's error message, reported on the value's
// own range (where it was set) with the condition's values under the snippet; a null or non-bool condition is
// "Invalid variable validation result"; an unknown one passes for now. Conditions may refer to anything the
// scope resolves (other variables, locals, resources: Terraform 1.9+).
//
// API:
//   variableValidations(decl, scope, valueRange) → Diagnostic[]
//   valueRange undefined: the value has no source (a module variable's default), as Terraform's missing range.
//   rootVariableValidations(config, values, ranges, baseDir) → Diagnostic[]   every root variable's rules, in a
//     scope of known variables, lazily evaluated locals and unknown resources (console; plan when some value
//     could not be prepared, where the engine's walk does not run)
import { error, warning, type Diagnostic } from "../diag/diagnostic.js";
import type { Traverser } from "../hcl/ast.js";
import type { Range } from "../hcl/source.js";
import { convert, isConversionError } from "../lang/convert.js";
import { describeExpression, type Scope } from "../lang/eval.js";
import type { ExpressionValueCause } from "../lang/expression-values.js";
import { BoolType, StringType } from "../lang/types.js";
import { Sensitive, type Value } from "../lang/value.js";
import { rangeString, type Expression } from "./body.js";
import type { CheckRule, Config, Variable } from "./model.js";
import { moduleScope, noSource } from "./semantic-scope.js";
import { evalConfigExpression } from "./variables.js";
import { expressionAst, literalString } from "./expression-ast.js";


function withValues(d: Diagnostic, expr: Expression, scope: Scope, cause?: ExpressionValueCause): Diagnostic {
  const values = describeExpression(expressionAst(expr), scope, cause);
  return values.length ? { ...d, values } : d;
}

export function variableValidations(decl: Variable, given: Scope, valueRange: Range | undefined, own?: Value): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Terraform checks the variable's own value as it was given, before a sensitive declaration marks it.
  const scope: Scope = own === undefined ? given : { ...given, resolveTraversal: (t, r) => (isOwn(t, decl.name) ? { value: own.unmarkDeep()[0], diagnostics: [], consumed: 2 } : given.resolveTraversal?.(t, r)) };
  for (const rule of decl.validations) {
    if (!rule.condition) continue;
    // Checked whatever the condition gives, as Terraform evaluates the message before the condition's result.
    const fallback = jsonMessageFallback(rule, scope);
    if (fallback) out.push(fallback.warning);
    const cond = evalConfigExpression(rule.condition, scope);
    out.push(...cond.diagnostics);
    if (cond.diagnostics.some((d) => d.severity === "error")) continue;
    const [result] = cond.value.unmarkDeep();
    if (!result.isKnown()) continue;
    const invalid = (detail: string): Diagnostic => withValues(error("Invalid variable validation result", detail, rule.condition!.range), rule.condition!, scope);
    if (result.isNull()) {
      out.push(invalid("Validation condition expression must return either true or false, not null."));
      continue;
    }
    const ok = convert(result, BoolType);
    if (isConversionError(ok)) {
      out.push(invalid(`Invalid validation condition result value: ${ok.message}.`));
      continue;
    }
    if (!ok.isKnown() || ok.asBool()) continue;
    out.push(...failure(rule.condition, fallback ? undefined : rule.errorMessage, fallback?.text, rule.declRange, scope, valueRange));
  }
  return out;
}

function isOwn(t: readonly Traverser[], name: string): boolean {
  const [root, attr] = t;
  return root?.kind === "Root" && root.name === "var" && attr?.kind === "Attr" && attr.name === name;
}

/**
 * Terraform's compatibility fallback for an error_message in JSON syntax that does not evaluate (older versions
 * read those strings literally): the string itself, with a warning quoting what went wrong as hcl's
 * Diagnostics.Error() words it.
 */
function jsonMessageFallback(rule: CheckRule, scope: Scope): { text: string; warning: Diagnostic } | undefined {
  const e = rule.errorMessage;
  if (!e || e.syntax === "native") return undefined;
  const m = evalConfigExpression(e, scope);
  const text = literalString(e);
  if (!m.diagnostics.some((d) => d.severity === "error") || text === undefined) return undefined;
  const [first] = m.diagnostics;
  const quoted = `${first!.subject ? `${rangeString(first!.subject)}: ` : ""}${first!.summary}; ${first!.detail ?? ""}${m.diagnostics.length > 1 ? `, and ${m.diagnostics.length - 1} other diagnostic(s)` : ""}`;
  return {
    text,
    warning: warning(
      "Validation error message expression is invalid",
      `The error message provided could not be evaluated as an expression, so Terraform is interpreting it as a string literal.\n\nIn future versions of Terraform, this will be considered an error. Please file a GitHub issue if this would break your workflow.\n\n${quoted}`,
      e.range,
      { context: rule.declRange },
    ),
  };
}

/** The diagnostics of a failed rule: its message (or why it cannot be shown), then the failure itself. */
function failure(condition: Expression, errorMessage: Expression | undefined, literal: string | undefined, ruleRange: Range, scope: Scope, valueRange: Range | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  let message = literal?.trim() ?? "";
  if (errorMessage) {
    const m = evalConfigExpression(errorMessage, scope);
    out.push(...m.diagnostics);
    const msgError = (summary: string, detail: string, cause?: ExpressionValueCause): Diagnostic => withValues(error(summary, detail, errorMessage.range), errorMessage, scope, cause);
    if (!m.value.isKnown()) {
      out.push(msgError("Invalid error message", "Unsuitable value for error message: expression refers to values that won't be known until the apply phase.", "unknown"));
      return out;
    }
    if (!m.diagnostics.some((d) => d.severity === "error") && !m.value.isNull()) {
      const s = convert(m.value, StringType);
      if (isConversionError(s)) out.push(msgError("Invalid error message", `Unsuitable value for error message: ${s.message}.`));
      else if (s.hasMark(Sensitive)) {
        out.push(
          msgError(
            "Error message refers to sensitive values",
            "The error expression used to explain this condition refers to sensitive values. Terraform will not display the resulting message.\n\nYou can correct this by removing references to sensitive values, or by carefully using the nonsensitive() function if the expression will not reveal the sensitive data.",
          ),
        );
        message = "The error message included a sensitive value, so it will not be displayed.";
      } else message = s.unmarkDeep()[0].asString().trim();
    }
  }
  if (message === "") message = "Failed to evaluate condition error message.";
  out.push(withValues(error("Invalid value for variable", `${message}\n\nThis was checked by the validation rule at ${rangeString(ruleRange)}.`, valueRange ?? noSource), condition, scope));
  return out;
}

export function rootVariableValidations(config: Config, values: ReadonlyMap<string, Value>, ranges: ReadonlyMap<string, Range>, baseDir: string): Diagnostic[] {
  const scope = moduleScope(config, { variables: values, baseDir });
  const out: Diagnostic[] = [];
  for (const decl of config.variables.values()) out.push(...variableValidations(decl, scope, ranges.get(decl.name) ?? decl.declRange, values.get(decl.name)));
  return out;
}
