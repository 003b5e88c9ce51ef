// `tfsim console`: evaluates expressions in the root module's scope (input variables, locals, path.*,
// terraform.workspace), printing values as `terraform console` prints them.
//
// Two modes, as Terraform's: on a terminal, a "> " prompt per line where an error prints its diagnostic and
// the session goes on; piped, every line is evaluated in turn, the first error ends the run with exit code 1,
// and only the last line's value is printed (Terraform's modePiped). `exit` ends either mode. Required
// variables with no value are unknown here ("(known after apply)"), never prompted for.
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { println, type Command, type CliContext } from "../command.js";
import { error, warning, type Diagnostic } from "../../diag/diagnostic.js";
import { loadConfig } from "../../config/load.js";
import { checkModuleTree } from "../../engine/module-source.js";
import { moduleScope, noSource } from "../../config/semantic-scope.js";
import { resourceValuesFromState } from "../../config/semantic-state.js";
import { collectVariableValues, type VariableArg } from "../../config/variables.js";
import { rootVariableValidations } from "../../config/variable-validation.js";
import { parseExpression } from "../../hcl/index.js";
import { positionOf } from "../../hcl/source.js";
import { evaluate, type Scope } from "../../lang/eval.js";
import { formatValue } from "../../lang/format-value.js";
import { expressionTraversals } from "../../lang/expression-values.js";
import { staticValidateResourceReference } from "../../config/semantic-schema.js";
import type { Config } from "../../config/model.js";
import type { SchemaLookup } from "../../config/semantic-schema.js";
import { builtInSchemas } from "./validate.js";

import { columnsOf, renderDiagnostic, sortDiagnostics } from "../render-diagnostics.js";

function strings(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return typeof v === "string" ? [v] : [];
}

/**
 * -var and -var-file in command-line order (Terraform applies them in that order). The parsed flags keep
 * each flag's own order only, so the interleaving is read back from the process arguments when they agree
 * with the parsed values; otherwise -var-file values come first.
 */
export function variableArgs(vars: readonly string[], files: readonly string[], argv: readonly string[]): VariableArg[] {
  const seen: VariableArg[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?(var|var-file)(=(.*))?$/s.exec(argv[i]!);
    if (!m) continue;
    const value = m[2] !== undefined ? m[3]! : argv[++i];
    if (value === undefined) break;
    seen.push(m[1] === "var" ? { kind: "var", raw: value } : { kind: "var-file", path: value });
  }
  const same = (kind: VariableArg["kind"], want: readonly string[]) => {
    const got = seen.filter((a) => a.kind === kind).map((a) => (a.kind === "var" ? a.raw : a.path));
    return got.length === want.length && got.every((g, i) => g === want[i]);
  };
  if (same("var", vars) && same("var-file", files)) return seen;
  return [...files.map((path) => ({ kind: "var-file" as const, path })), ...vars.map((raw) => ({ kind: "var" as const, raw }))];
}

/**
 * One console line: its printed value, or its diagnostics. References to resources are checked first, as
 * Terraform's scope does before evaluating (a missing instance key, attributes the schema lacks).
 */
export function consoleLine(line: string, scope: Scope, config: Config, schemaOf: SchemaLookup): { output?: string; diagnostics: Diagnostic[] } {
  if (line === "") return { output: "", diagnostics: [] };
  const p = parseExpression(line, "<console-input>");
  if (p.diagnostics.some((d) => d.severity === "error")) return { diagnostics: p.diagnostics };
  const invalid = expressionTraversals(p.expr).flatMap((t) => staticValidateResourceReference(config, t.traversal, schemaOf));
  if (invalid.some((d) => d.severity === "error")) return { diagnostics: invalid };
  const r = evaluate(p.expr, scope);
  if (r.diagnostics.some((d) => d.severity === "error")) return { diagnostics: r.diagnostics };
  return { output: formatValue(r.value), diagnostics: r.diagnostics };
}

/**
 * Terraform keeps no source for console lines, so their diagnostics say "(source code not available)"
 * where a file's would show the snippet.
 */
function render(d: Diagnostic, color: boolean, width: number): string {
  const subject = d.subject;
  if (!subject || (subject.file.name !== "<console-input>" && subject !== noSource)) return renderDiagnostic(d, { color, width });
  const { subject: _omit, context: _omit2, ...rest } = d;
  const lines = renderDiagnostic(rest, { color, width }).split("\n");
  const line = subject === noSource ? 0 : positionOf(subject.file, subject.start).line;
  const at = lines.findIndex((l) => l.includes(d.summary)) + 2;
  const prefix = color ? "\u001b[31m│\u001b[0m \u001b[0m" : "";
  const extra = [`${prefix}${color ? "\u001b[0m" : ""}  on ${subject.file.name} line ${line}:`, `${prefix}  (source code not available)`, color ? `${prefix}` : ""];
  lines.splice(at, 0, ...extra);
  return lines.join("\n");
}

async function readAll(ctx: CliContext): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of ctx.stdin) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

export const consoleCommand: Command = {
  name: "console",
  synopsis: "Try tfsim expressions at an interactive command prompt",
  help: `Usage: tfsim [global options] console [options]

  Starts an interactive console for experimenting with tfsim
  interpolations.

  This will open an interactive console that you can use to type
  interpolations into and inspect their values. This command loads the
  current state. This lets you explore and test interpolations before
  using them in future configurations.

  This command will never modify your state.

Options:

  -state=path       Legacy option for the local backend only. See the local
                    backend's documentation for more information.

  -var 'foo=bar'    Set a variable in the tfsim configuration. This
                    flag can be set multiple times.

  -var-file=foo     Set variables in the tfsim configuration from
                    a file. If "terraform.tfvars" or any ".auto.tfvars"
                    files are present, they will be automatically loaded.
`,
  flags: {
    var: { type: "string", repeatable: true },
    "var-file": { type: "string", repeatable: true },
    state: { type: "string" },
  },
  async run(args, ctx) {
    const color = ctx.color;
    const dir = args.positionals[0] !== undefined ? resolve(ctx.cwd, args.positionals[0]) : ctx.cwd;
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      ctx.stderr.write(renderDiagnostic(error("Failed to read module directory", `Module directory ${args.positionals[0]} does not exist or cannot be read.`), { color, width: columnsOf(ctx.stderr) }));
      return 1;
    }
    const loaded = loadConfig(dir);
    const diags: Diagnostic[] = [...loaded.diagnostics];
    // Child modules must be installed (`tfsim init`), as for every command that evaluates the configuration.
    if (!diags.some((d) => d.severity === "error")) diags.push(...checkModuleTree(dir, loaded.config));
    const varArgs = variableArgs(strings(args.flags.var), strings(args.flags["var-file"]), process.argv);
    let values = new Map();
    // What Terraform's evaluation walk reports (a value that cannot be prepared, a broken validation rule) is
    // shown without stopping the console; errors reading the values stop it.
    let walk: Diagnostic[] = [];
    if (!diags.some((d) => d.severity === "error")) {
      const v = collectVariableValues(loaded.config, { dir, env: ctx.env, args: varArgs, missing: "unknown" });
      const prepared = new Set(v.preparation);
      diags.push(...v.diagnostics.filter((d) => !prepared.has(d)));
      values = v.values;
      walk = [...v.preparation, ...rootVariableValidations(loaded.config, v.values, v.ranges, dir)];
    }
    const width = columnsOf(ctx.stderr);
    // Terraform's console ends every diagnostic with one more line than other commands do.
    const show = (ds: Diagnostic[]) => {
      for (const d of sortDiagnostics(ds)) (d.severity === "error" ? ctx.stderr : ctx.stdout).write(render(d, color, width) + (color ? "\u001b[0m\u001b[0m\n" : "\n"));
    };
    show(diags);
    if (diags.some((d) => d.severity === "error")) return 1;
    show(walk);
    if (walk.some((d) => d.severity === "error")) show([warning("Due to the problems above, some expressions may produce unexpected results.")]);
    const statePath = typeof args.flags.state === "string" ? resolve(ctx.cwd, args.flags.state) : resolve(dir, "terraform.tfstate");
    const st = await resourceValuesFromState(statePath, typeof args.flags.state === "string" ? args.flags.state : "terraform.tfstate");
    show(st.diagnostics);
    if (st.diagnostics.some((d) => d.severity === "error")) return 1;
    const scope = moduleScope(loaded.config, { variables: values, resources: st.values, baseDir: dir });
    const schemaOf = await builtInSchemas();

    if (ctx.stdin.isTTY) {
      const rl = createInterface({ input: ctx.stdin, output: ctx.stdout, prompt: "> " });
      rl.prompt();
      for await (const raw of rl) {
        const line = raw.trim();
        if (line === "exit") break;
        if (line !== "") {
          const r = consoleLine(line, scope, loaded.config, schemaOf);
          show(r.diagnostics);
          if (r.output !== undefined) println(ctx.stdout, r.output);
        }
        rl.prompt();
      }
      rl.close();
      return 0;
    }

    const text = await readAll(ctx);
    const lines = text.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    let last = "";
    for (const raw of lines) {
      const line = raw.trim();
      // Terraform returns at once on exit, without printing the last value.
      if (line === "exit") return 0;
      const r = consoleLine(line, scope, loaded.config, schemaOf);
      if (r.output === undefined) {
        show(r.diagnostics);
        return 1;
      }
      last = r.output;
    }
    println(ctx.stdout, last);
    return 0;
  },
};
