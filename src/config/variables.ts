// Input variable values of the root module, as Terraform gathers them (backend/local's collectVariableValues
// and terraform.InputValues): from lowest to highest precedence, a variable's default, TF_VAR_name,
// terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) in lexical order, then -var and -var-file in
// command-line order. Each raw value is converted to the declared type constraint; every error names the
// variable and where its value came from, with Terraform's own texts.
//
// API:
//   collectVariableValues(config, opts) → { values, ranges, invalid, preparation, diagnostics }
//     ranges: where a value was set in a file (the subject of its validation failures); invalid: the variables
//     whose values could not be prepared, with what that reported in preparation (Terraform reports those in
//     its walk, with the rest of the plan). Validation rules are checked by the plan (config/variable-validation).
//   moduleInputValue(decl, given) → a module variable's final value
//   VariableArg: { kind: "var", raw: "name=value" } | { kind: "var-file", path }
//   evalConfigExpression(expr, scope) → { value, diagnostics }   native or JSON configuration expressions
//   Missing required variables: opts.missing "error" (plan/apply with -input=false or no TTY) gives
//   Terraform's "No value for required variable"; "unknown" (console) leaves them unknown.
import { Buffer } from "node:buffer";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { error, warning, type Diagnostic } from "../diag/diagnostic.js";
import type { Expression as AstExpression } from "../hcl/ast.js";
import { parseExpression } from "../hcl/index.js";
import { type Range } from "../hcl/source.js";
import { isConversionError } from "../lang/convert.js";
import { evaluate, type Scope } from "../lang/eval.js";
import { expressionTraversals } from "../lang/expression-values.js";
import { applyTypeConstraint, parseTypeConstraint, type TypeConstraint } from "../lang/typeexpr.js";
import { DynamicType, isPrimitive } from "../lang/types.js";
import { Value } from "../lang/value.js";
import { rangeString, type Expression } from "./body.js";
import { evaluateExpression } from "./expression-ast.js";
import { parseFile } from "./load.js";
import type { Config, Variable } from "./model.js";

export type VariableArg = { readonly kind: "var"; readonly raw: string } | { readonly kind: "var-file"; readonly path: string };

export interface CollectOptions {
  /** The module directory (where terraform.tfvars and *.auto.tfvars are looked for). */
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  /** -var and -var-file, in command-line order. */
  readonly args?: readonly VariableArg[];
  /** What a required variable with no value becomes. */
  readonly missing: "error" | "unknown";
  /** Values typed at the prompt (promptForMissing), by name. */
  readonly prompted?: ReadonlyMap<string, string>;
}

/** Where a raw value came from, for messages. */
type Origin =
  | { kind: "env"; name: string }
  | { kind: "cli"; name: string }
  | { kind: "prompt"; name: string }
  | { kind: "file"; range: Range };

interface RawValue {
  readonly value: Value;
  readonly origin: Origin;
}

/**
 * Evaluates a configuration expression of either syntax. JSON strings are templates, as Terraform reads them;
 * with no scope (a default, a .tfvars.json value: Terraform's Value(nil)) they are taken literally.
 */
export function evalConfigExpression(expr: Expression, scope?: Scope): { value: Value; diagnostics: Diagnostic[] } {
  return evaluateExpression(expr, scope);
}

/** A .tfvars file's attributes, evaluated with no scope (tfvars may not refer to anything). */
function readVarsFile(path: string, display: string, diags: Diagnostic[]): Map<string, { value: Value; range: Range }> {
  const out = new Map<string, { value: Value; range: Range }>();
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    diags.push(error("Failed to read variables file", `Given variables file ${display} does not exist.`));
    return out;
  }
  const { loaded, diagnostics } = parseFile(display, text);
  diags.push(...diagnostics);
  if (diagnostics.some((d) => d.severity === "error")) return out;
  const { attributes, diagnostics: ad } = loaded.body.justAttributes();
  diags.push(...ad);
  for (const [name, attr] of attributes) {
    const r = evalConfigExpression(attr.expr);
    diags.push(...r.diagnostics);
    out.set(name, { value: r.value, range: attr.expr.range });
  }
  return out;
}

function constraintOf(v: Variable): TypeConstraint | undefined {
  if (!v.type || v.type.syntax !== "native") return undefined;
  return parseTypeConstraint(v.type.node as AstExpression).constraint;
}

/** Terraform parses -var and TF_VAR_ values literally for primitive types and undeclared types, as HCL otherwise. */
function parseRaw(v: Variable | undefined, name: string, raw: string, diags: Diagnostic[]): Value | undefined {
  const c = v ? constraintOf(v) : undefined;
  if (!v || !v.type || !c || isPrimitive(c.type)) return Value.string(raw);
  const p = parseExpression(raw, `<value for var.${name}>`);
  // The text is no file: Terraform names it but cannot show it under a diagnostic.
  const unlisted = (d: Diagnostic): Diagnostic => (d.subject ? { ...d, subject: { ...d.subject, file: { ...d.subject.file, unlisted: true } } } : d);
  if (p.diagnostics.some((d) => d.severity === "error")) {
    diags.push(...p.diagnostics.map(unlisted));
    return undefined;
  }
  // Evaluated with no context, as Terraform's expr.Value(nil): a value may not refer to anything.
  const refs = expressionTraversals(p.expr);
  if (refs.length) {
    diags.push(...refs.map((t) => unlisted(error("Variables not allowed", "Variables may not be used here.", t.range))));
    return undefined;
  }
  const r = evaluate(p.expr);
  diags.push(...r.diagnostics.map(unlisted));
  return r.diagnostics.some((d) => d.severity === "error") ? undefined : r.value;
}

function autoVarsFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(".auto.tfvars") || n.endsWith(".auto.tfvars.json"))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

export function collectVariableValues(config: Config, opts: CollectOptions): { values: Map<string, Value>; ranges: Map<string, Range>; invalid: Set<string>; preparation: Diagnostic[]; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const raw = new Map<string, RawValue>();

  // TF_VAR_name: undeclared names are ignored (they are often meant for other configurations).
  for (const [k, text] of Object.entries(opts.env)) {
    if (!k.startsWith("TF_VAR_") || text === undefined) continue;
    const name = k.slice("TF_VAR_".length);
    const decl = config.variables.get(name);
    if (!decl) continue;
    const v = parseRaw(decl, name, text, diags);
    if (v) raw.set(name, { value: v, origin: { kind: "env", name } });
  }

  // Names the root module does not declare, by the last source that set them: a file's name, or the command line.
  const undeclared = new Map<string, string>();
  const fromFile = (path: string, display: string) => {
    for (const [name, { value, range }] of readVarsFile(path, display, diags)) {
      if (!config.variables.has(name)) {
        undeclared.set(name, display);
        continue;
      }
      raw.set(name, { value, origin: { kind: "file", range } });
    }
  };
  for (const name of ["terraform.tfvars", "terraform.tfvars.json", ...autoVarsFiles(opts.dir)]) {
    const path = join(opts.dir, name);
    if (existsSync(path)) fromFile(path, name);
  }

  for (const arg of opts.args ?? []) {
    if (arg.kind === "var-file") {
      fromFile(resolve(opts.dir, arg.path), arg.path);
      continue;
    }
    const eq = arg.raw.indexOf("=");
    if (eq <= 0) {
      diags.push(
        error(
          "Invalid -var option",
          `The given -var option ${JSON.stringify(arg.raw)} is not correctly specified. Must be a variable name and value separated by an equals sign, like -var="key=value".`,
        ),
      );
      continue;
    }
    const name = arg.raw.slice(0, eq).trim();
    const decl = config.variables.get(name);
    if (!decl) {
      undeclared.set(name, "cli");
      continue;
    }
    const v = parseRaw(decl, name, arg.raw.slice(eq + 1), diags);
    if (v) raw.set(name, { value: v, origin: { kind: "cli", name } });
  }

  diags.push(...undeclaredDiagnostics(undeclared));

  for (const [name, text] of opts.prompted ?? []) {
    const decl = config.variables.get(name);
    if (!decl || raw.has(name)) continue;
    const v = parseRaw(decl, name, text, diags);
    if (v) raw.set(name, { value: v, origin: { kind: "prompt", name } });
  }

  const values = new Map<string, Value>();
  // Where each value was set, the subject of its validation failures: a tfvars expression, else the declaration.
  const ranges = new Map<string, Range>();
  /** Variables whose values could not be prepared: Terraform reports them in its walk, beside everything else. */
  const invalid = new Set<string>();
  /** What preparing them reported (also in the diagnostics). */
  const preparation: Diagnostic[] = [];
  for (const [name, o] of raw) if (o.origin.kind === "file") ranges.set(name, o.origin.range);
  for (const [name, decl] of config.variables) {
    const c = constraintOf(decl);
    const given = raw.get(name);
    if (!given) {
      if (decl.default) {
        const before = diags.length;
        values.set(name, defaultValue(decl, c, diags));
        if (diags.length > before) (invalid.add(name), preparation.push(...diags.slice(before)));
        continue;
      }
      if (opts.missing === "error") {
        diags.push(
          error(
            "No value for required variable",
            `The root module input variable "${name}" is not set, and has no default value. Use a -var or -var-file command line argument to provide a value for this variable.`,
            decl.declRange,
          ),
        );
      }
      values.set(name, Value.unknown(c?.type ?? DynamicType));
      continue;
    }
    const before = diags.length;
    const how = nonFileSource(name, given.origin);
    values.set(name, finish(`var.${name}`, decl, given.value, how ? { how } : { range: ranges.get(name)! }, diags));
    if (diags.length > before) (invalid.add(name), preparation.push(...diags.slice(before)));
  }
  return { values, ranges, invalid, preparation, diagnostics: diags };
}

/**
 * Terraform's ParseUndeclaredVariableValues: an undeclared name set on the command line is an error; one set in a
 * file (often shared by several configurations) a warning, the first two each on their own and the rest counted.
 */
function undeclaredDiagnostics(undeclared: ReadonlyMap<string, string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  let inFiles = 0;
  for (const [name, source] of undeclared) {
    if (source === "cli") {
      out.push(
        error(
          "Value for undeclared variable",
          `A variable named "${name}" was assigned on the command line, but the root module does not declare a variable of that name. To use this value, add a "variable" block to the configuration.`,
        ),
      );
      continue;
    }
    if (inFiles++ < 2) {
      out.push(
        warning(
          "Value for undeclared variable",
          `The root module does not declare a variable named "${name}" but a value was found in file "${source}". If you meant to use this value, add a "variable" block to the configuration.\n\nTo silence these warnings, use TF_VAR_... environment variables to provide certain "global" settings to all configurations in your organization. To reduce the verbosity of these warnings, use the -compact-warnings option.`,
        ),
      );
    }
  }
  if (inFiles > 2) out.push(warning("Values for undeclared variables", `In addition to the other similar warnings shown, ${inFiles - 2} other variable(s) defined without being declared.`));
  return out;
}

/** Terraform's words for a value set outside any file; undefined for a file (which has a range to show). */
function nonFileSource(name: string, origin: Origin): string | undefined {
  switch (origin.kind) {
    case "cli":
      return `set using -var="${name}=..."`;
    case "env":
      return `set using the TF_VAR_${name} environment variable`;
    case "prompt":
      return "set using an interactive prompt";
    case "file":
      return undefined;
  }
}

/** Where a value being prepared came from: Terraform's words for a non-file source, else its range. */
type ValueSource = { readonly how: string } | { readonly range: Range };

/**
 * Applies the type constraint, nullable and sensitive to a given value of `addr` ("var.n", "module.m.var.n"),
 * reporting a bad one as Terraform's prepareFinalInputVariableValue does: by where it came from, and without
 * showing where a sensitive one is.
 */
function finish(addr: string, decl: Variable, v: Value, source: ValueSource, diags: Diagnostic[]): Value {
  const c = constraintOf(decl);
  const how = "how" in source ? source.how : undefined;
  const valueRange = "range" in source ? source.range : decl.declRange;
  const sensitive = isTrue(decl.sensitive);
  let out = v;
  if (c) {
    const conv = applyTypeConstraint(v, c);
    if (isConversionError(conv)) {
      // cty's error text without its path, as Terraform formats it here.
      const msg = conv.message;
      const detail = how
        ? `Unsuitable value for ${addr} ${how}: ${msg}.`
        : sensitive
          ? `The given value is not suitable for ${addr}, which is sensitive: ${msg}. Invalid value defined at ${rangeString(valueRange)}.`
          : `The given value is not suitable for ${addr} declared at ${rangeString(decl.declRange)}: ${msg}.`;
      diags.push(error("Invalid value for input variable", detail, how || sensitive ? decl.declRange : valueRange));
      return Value.unknown(c.type);
    }
    out = conv;
  }
  // Only a non-nullable variable turns a null into its default (or refuses it when it has none).
  if (out.isNull() && isFalse(decl.nullable)) {
    if (decl.default) {
      const r = evalConfigExpression(decl.default);
      out = c ? valueOr(applyTypeConstraint(r.value, c), r.value) : r.value;
    } else {
      const detail = how
        ? `Unsuitable value for ${addr} ${how}: required variable may not be set to null.`
        : `The given value is not suitable for ${addr} defined at ${rangeString(decl.declRange)}: required variable may not be set to null.`;
      diags.push(error("Required variable not set", detail, how ? decl.declRange : valueRange));
      return Value.unknown(c?.type ?? DynamicType);
    }
  }
  return sensitive ? out.mark("sensitive") : out;
}

/** A default converted to the type constraint; Terraform reports one that does not convert on the declaration. */
function defaultValue(decl: Variable, c: TypeConstraint | undefined, diags: Diagnostic[]): Value {
  const r = evalConfigExpression(decl.default!);
  diags.push(...r.diagnostics);
  if (!c) return isTrue(decl.sensitive) ? r.value.mark("sensitive") : r.value;
  const conv = applyTypeConstraint(r.value, c);
  if (isConversionError(conv)) {
    diags.push(error("Invalid default value for module argument", `The default value for variable ${JSON.stringify(decl.name)} is incompatible with its type constraint: ${conv.message}.`, decl.declRange));
    return Value.unknown(c.type);
  }
  return isTrue(decl.sensitive) ? conv.mark("sensitive") : conv;
}

/**
 * A module input variable's final value from the calling block's argument (undefined when not set) for `addr`
 * ("module.m.var.x"): the argument prepared as a root value set in a file is (its range the argument's), else
 * the default, else null. What is wrong is reported, and the value is then unknown.
 */
export function moduleInputValue(addr: string, decl: Variable, given: { readonly value: Value; readonly range: Range } | undefined): { value: Value; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (given) return { value: finish(addr, decl, given.value, { range: given.range }, diagnostics), diagnostics };
  if (decl.default) return { value: defaultValue(decl, constraintOf(decl), diagnostics), diagnostics };
  return { value: Value.null(DynamicType), diagnostics };
}

function valueOr(v: Value | ReturnType<typeof applyTypeConstraint>, fallback: Value): Value {
  return isConversionError(v) ? fallback : v;
}

function isTrue(e: Expression | undefined): boolean {
  if (!e) return false;
  const v = evalConfigExpression(e).value;
  return v.isKnown() && !v.isNull() && v.type.kind === "bool" && v.asBool();
}

function isFalse(e: Expression | undefined): boolean {
  if (!e) return false;
  const v = evalConfigExpression(e).value;
  return v.isKnown() && !v.isNull() && v.type.kind === "bool" && !v.asBool();
}

/**
 * The required variables that no source sets, in name order: what Terraform asks for on a terminal.
 * Call it with the same options as collectVariableValues, before it.
 */
export function missingVariables(config: Config, opts: Omit<CollectOptions, "missing">): string[] {
  const { values } = collectVariableValues(config, { ...opts, missing: "unknown" });
  const missing: string[] = [];
  for (const [name, decl] of config.variables) {
    if (decl.default) continue;
    const v = values.get(name);
    if (v && !v.isKnown() && !varSetAnywhere(name, opts)) missing.push(name);
  }
  return missing.sort();
}

function varSetAnywhere(name: string, opts: Omit<CollectOptions, "missing">): boolean {
  if (opts.env[`TF_VAR_${name}`] !== undefined || opts.prompted?.has(name)) return true;
  if ((opts.args ?? []).some((a) => a.kind === "var" && a.raw.slice(0, a.raw.indexOf("=")).trim() === name)) return true;
  const files = ["terraform.tfvars", "terraform.tfvars.json", ...autoVarsFiles(opts.dir)].map((n) => join(opts.dir, n));
  for (const a of opts.args ?? []) if (a.kind === "var-file") files.push(resolve(opts.dir, a.path));
  return files.some((f) => existsSync(f) && readVarsFile(f, f, []).has(name));
}

/**
 * Asks for each missing required variable on a terminal, as Terraform does (`var.name`, its description,
 * then "  Enter a value: "), reading one line per variable. Returns the answers for opts.prompted.
 */
export async function promptForMissing(
  config: Config,
  names: readonly string[],
  io: {
    readonly stdin: NodeJS.ReadableStream;
    readonly stdout: NodeJS.WritableStream;
    /** The prompt's text for a query and its description lines (the CLI's, in colour or not). */
    readonly prompt: (query: string, description: readonly string[]) => string;
  },
): Promise<Map<string, string>> {
  const { createInterface } = await import("node:readline");
  const rl = createInterface({ input: io.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const answers = new Map<string, string>();
  try {
    for (const name of names) {
      const decl = config.variables.get(name);
      let description: string[] = [];
      if (decl?.description) {
        const d = evalConfigExpression(decl.description).value;
        if (d.isKnown() && !d.isNull() && d.type.kind === "string" && d.asString() !== "") description = d.asString().split("\n");
      }
      io.stdout.write(io.prompt(`var.${name}`, description));
      const next = await lines.next();
      io.stdout.write("\n");
      answers.set(name, next.done ? "" : next.value);
    }
  } finally {
    rl.close();
  }
  return answers;
}
