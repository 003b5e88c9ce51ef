// Input variable values with Terraform's precedence: default < TF_VAR_name < terraform.tfvars <
// terraform.tfvars.json < *.auto.tfvars(.json) in lexical order < -var / -var-file in command-line order.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Config } from "../config/model.js";
import { error, type Diagnostic } from "../diag/diagnostic.js";
import { parseConfigFile, parseExpression } from "../hcl/index.js";
import { sourceFile } from "../hcl/source.js";
import type { Expression as AstExpression } from "../hcl/ast.js";
import { evaluate } from "../lang/eval.js";
import { DynamicType, StringType } from "../lang/types.js";
import { Value, Sensitive } from "../lang/value.js";
import { parseTypeConstraint, applyTypeConstraint, conversionErrorMessage } from "../lang/typeexpr.js";
import { isConversionError } from "../lang/convert.js";
import { nativeBody } from "../config/native-body.js";
import type { Body as AstBody } from "../hcl/ast.js";

export type VarArg = { readonly kind: "var"; readonly text: string } | { readonly kind: "file"; readonly path: string };

function typeOf(config: Config, name: string) {
  const v = config.variables.get(name);
  if (!v?.type) return undefined;
  return parseTypeConstraint(v.type.node as AstExpression).constraint;
}

/** A raw string from the command line or environment: a string for string-typed variables, else an HCL expression. */
function fromRaw(config: Config, name: string, raw: string, diags: Diagnostic[]): Value {
  const t = typeOf(config, name);
  if (!t || t.type.kind === "string") return Value.string(raw);
  const p = parseExpression(raw, `<value for var.${name}>`);
  diags.push(...p.diagnostics);
  const r = evaluate(p.expr);
  diags.push(...r.diagnostics);
  return r.value;
}

function fromFile(path: string, diags: Diagnostic[], out: Map<string, Value>): void {
  const text = readFileSync(path, "utf8");
  if (path.endsWith(".json")) {
    try {
      const j = JSON.parse(text) as Record<string, unknown>;
      for (const [k, v] of Object.entries(j)) {
        const p = parseExpression(JSON.stringify(v));
        out.set(k, evaluate(p.expr).value);
      }
    } catch (e) {
      diags.push(error("Failed to read variables file", `Given variables file ${path} is not valid JSON: ${(e as Error).message}.`));
    }
    return;
  }
  const parsed = parseConfigFile(sourceFile(path, text));
  diags.push(...parsed.diagnostics);
  const { attributes, diagnostics } = nativeBody(parsed.body).justAttributes();
  diags.push(...diagnostics);
  for (const [k, a] of attributes) {
    const r = evaluate(a.expr.node as AstExpression);
    diags.push(...r.diagnostics);
    out.set(k, r.value);
  }
}

export function collectVariables(config: Config, dir: string, env: NodeJS.ProcessEnv, args: readonly VarArg[]): { values: Map<string, Value>; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const given = new Map<string, Value>();
  for (const [k, v] of Object.entries(env)) {
    if (k.startsWith("TF_VAR_") && v !== undefined && config.variables.has(k.slice(7))) given.set(k.slice(7), fromRaw(config, k.slice(7), v, diags));
  }
  const files = ["terraform.tfvars", "terraform.tfvars.json"].filter((f) => existsSync(join(dir, f)));
  let auto: string[] = [];
  try {
    auto = readdirSync(dir).filter((f) => f.endsWith(".auto.tfvars") || f.endsWith(".auto.tfvars.json")).sort();
  } catch {
    auto = [];
  }
  for (const f of [...files, ...auto]) fromFile(join(dir, f), diags, given);
  for (const a of args) {
    if (a.kind === "file") {
      const p = resolve(dir, a.path);
      if (!existsSync(p)) {
        diags.push(error("Failed to read variables file", `Given variables file ${a.path} does not exist.`));
        continue;
      }
      fromFile(p, diags, given);
      continue;
    }
    const eq = a.text.indexOf("=");
    if (eq <= 0) {
      diags.push(error("Invalid -var option", `The given -var option ${JSON.stringify(a.text)} is not correctly specified. Must be a variable name and value separated by an equals sign, like -var="key=value".`));
      continue;
    }
    const name = a.text.slice(0, eq).trim();
    if (!config.variables.has(name)) {
      diags.push(error("Value for undeclared variable", `A variable named "${name}" was assigned on the command line, but the root module does not declare a variable of that name. To use this value, add a "variable" block to the configuration.`));
      continue;
    }
    given.set(name, fromRaw(config, name, a.text.slice(eq + 1), diags));
  }
  const values = new Map<string, Value>();
  for (const [name, v] of config.variables) {
    let val = given.get(name);
    if (!val && v.default) {
      const r = evaluate(v.default.node as AstExpression);
      diags.push(...r.diagnostics);
      val = r.value;
    }
    if (!val) {
      diags.push(error("No value for required variable", `The root module input variable "${name}" is not set, and has no default value. Use a -var or -var-file command line argument to provide a value for this variable.`, v.declRange));
      values.set(name, Value.unknown(DynamicType));
      continue;
    }
    const t = typeOf(config, name);
    if (t) {
      const c = applyTypeConstraint(val, t);
      if (isConversionError(c)) {
        diags.push(error("Invalid value for input variable", `The given value is not suitable for var.${name}: ${conversionErrorMessage(c)}.`, v.declRange));
      } else val = c;
    }
    if (v.sensitive) {
      const s = evaluate(v.sensitive.node as AstExpression).value;
      if (s.rawEquals(Value.bool(true))) val = val.mark(Sensitive);
    }
    values.set(name, val);
  }
  void StringType;
  return { values, diagnostics: diags };
}
export type { AstBody };
