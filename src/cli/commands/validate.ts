// `tfsim validate [options] [DIR]`: parse every configuration file of a module and check its structure, as
// `terraform validate` does; the same output (human, -no-color, -json) and exit codes.
import { existsSync, statSync } from "node:fs";
import { relative, resolve } from "node:path";
import { printHelpHint, println, type Command } from "../command.js";
import { error, type Diagnostic } from "../../diag/diagnostic.js";
import { configCycles } from "../../engine/operation-graph.js";
import { checkModuleTree } from "../../engine/module-source.js";
import { loadConfig } from "../../config/load.js";
import { validateSemantics, type SchemaLookup } from "../../config/semantic.js";
import { moduleVariableValidations } from "../../engine/module-validations.js";
import { builtInProviders } from "../../provider/registry.js";
import type { ProviderSchema } from "../../provider/schema.js";
import type { Plan } from "../../plan/plan.js";
import { colorize } from "../views/color.js";
import { columnsOf, renderDiagnostic, sortDiagnostics, validateJSON, wrapText, writeDiagnostics } from "../render-diagnostics.js";

/** The schemas renderPlan needs: those of the resource types the plan changes or found drifted. */
export function planSchemas(plan: Plan): Promise<SchemaLookup> {
  return builtInSchemas([...plan.changes, ...plan.drift].map((c) => c.type));
}

const successText = "Success! The configuration is valid.";
const warningsText = "Success! The configuration is valid, but there were some validation warnings as shown above.";

function success(text: string, color: boolean): string {
  // Terraform colours "Success!" green and bold, in one string with the newline.
  return colorize(color).color(`[green][bold]Success![reset]${text.slice("Success!".length)}\n`);
}

/**
 * Resource schemas of tfsim's built-in providers, by the provider a type's prefix implies (as plan does): those
 * of the providers `types` imply (only they are loaded), or of every built-in provider when `types` is absent.
 */
export async function builtInSchemas(types?: Iterable<string>): Promise<SchemaLookup> {
  const registry = builtInProviders();
  const schemas = new Map<string, ProviderSchema | undefined>();
  const localNameOf = (type: string): string => type.split("_")[0]!;
  for (const localName of types ? new Set([...types].map(localNameOf)) : ["terraform", "aws"]) {
    const addr = registry.resolveLocalName(localName).addr;
    schemas.set(localName, addr && registry.has(addr) ? (await registry.instantiate(addr)).provider?.getSchema() : undefined);
  }
  return (mode, type) => {
    const schema = schemas.get(localNameOf(type));
    return (mode === "data" ? schema?.dataSources[type] : mode === "managed" ? schema?.resourceTypes[type] : undefined)?.block;
  };
}

export const validateCommand: Command = {
  name: "validate",
  synopsis: "Check whether the configuration is valid",
  main: true,
  help: `Usage: tfsim [global options] validate [options]

  Validate the configuration files in a directory, referring only to the
  configuration and not accessing any remote services such as remote state,
  provider APIs, etc.

  Validate runs checks that verify whether a configuration is syntactically
  valid and internally consistent, regardless of any provided variables or
  existing state. It is thus primarily useful for general verification of
  reusable modules, including correctness of attribute names and value types.

  It is safe to run this command automatically, for example as a post-save
  check in a text editor or as a test step for a re-usable module in a CI
  system.

Options:

  -json                 Produce output in a machine-readable JSON format, 
                        suitable for use in text editor integrations and other 
                        automated systems. Always disables color.

  -no-color             If specified, output won't contain any color.

  -no-tests             If specified, tfsim will not validate test files.

  -test-directory=path  Set the test directory, defaults to "tests".
`,
  flags: {
    json: { type: "boolean" },
    "no-tests": { type: "boolean" },
    "test-directory": { type: "string", default: "tests" },
  },
  async run(args, ctx) {
    const json = args.flags.json === true;
    const color = ctx.color && !json;
    const io = { stdout: ctx.stdout, stderr: ctx.stderr, color };

    if (args.positionals.length > 1) {
      const d = error("Too many command line arguments", "Expected at most one positional argument.");
      ctx.stderr.write(renderDiagnostic(d, { color, width: columnsOf(ctx.stderr) }));
      printHelpHint(ctx.stderr, "validate");
      return 1;
    }
    // A directory argument is Terraform's legacy form; file names are shown relative to the working directory.
    const dirArg = args.positionals[0];
    const dir = dirArg !== undefined ? resolve(ctx.cwd, dirArg) : ctx.cwd;
    const display = dirArg !== undefined ? relative(ctx.cwd, dir) || "." : ".";

    let diags: Diagnostic[];
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      diags = [error("Failed to read module directory", `Module directory ${display} does not exist or cannot be read.`)];
    } else {
      const loaded = loadConfig(dir, display);
      diags = loaded.diagnostics;
      // Terraform loads installed child modules with the configuration: one not installed is an error here too.
      if (!diags.some((d) => d.severity === "error")) diags = [...diags, ...checkModuleTree(dir, loaded.config)];
      if (!diags.some((d) => d.severity === "error")) diags = [...diags, ...validateSemantics(loaded.config, dir, await builtInSchemas())];
      if (!diags.some((d) => d.severity === "error")) diags = [...diags, ...moduleVariableValidations(dir, loaded.config)];
      if (!diags.some((d) => d.severity === "error")) diags = [...diags, ...configCycles(dir, loaded.config)];
    }

    if (json) {
      println(ctx.stdout, validateJSON(diags));
      return diags.some((d) => d.severity === "error") ? 1 : 0;
    }
    const sorted = sortDiagnostics(diags);
    writeDiagnostics(io, sorted);
    const hasErrors = sorted.some((d) => d.severity === "error");
    if (!hasErrors) {
      const text = success(sorted.length === 0 ? successText : warningsText, color);
      // Terraform wraps this line like any other output (format.WordWrap at width-1), colour codes included.
      const width = columnsOf(ctx.stdout);
      println(ctx.stdout, width > 1 ? wrapText(text, width - 1) : text);
    }
    return hasErrors ? 1 : 0;
  },
};
