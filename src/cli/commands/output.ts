// `tfsim output [-json|-raw] [NAME]`: the root module's outputs from state, formatted as Terraform does (values
// as `terraform console` prints them, sensitive ones hidden in the listing), with Terraform's errors.
import { Diagnostics, error, warning } from "../../diag/diagnostic.js";
import { formatValue } from "../../lang/format-value.js";
import { friendlyName } from "../../lang/types.js";
import { typeFromJson, valueFromJson } from "../../provider/value-json.js";
import { marshal, marshalIndent, type OutputState } from "../../../state/index.js";
import { printHelpHint, println, type CliContext, type Command } from "../command.js";
import { writeDiagnostics } from "../render-diagnostics.js";
import { readState, stateBackend } from "./state-common.js";

function fail(ctx: CliContext, summary: string, detail: string, help = false): number {
  writeDiagnostics(ctx, new Diagnostics([error(summary, detail)]));
  if (help) printHelpHint(ctx.stderr, "output");
  return 1;
}

function human(o: OutputState): string {
  return formatValue(valueFromJson(o.value, typeFromJson(o.type)));
}

/** The JSON of all outputs, each {sensitive, type, value} as Terraform orders them. */
export function outputsJson(outputs: ReadonlyMap<string, OutputState>): Record<string, { sensitive: boolean; type: unknown; value: unknown }> {
  const all: Record<string, { sensitive: boolean; type: unknown; value: unknown }> = {};
  for (const name of [...outputs.keys()].sort()) {
    const o = outputs.get(name)!;
    all[name] = { sensitive: o.sensitive === true, type: o.type, value: o.value };
  }
  return all;
}

export const outputCommand: Command = {
  name: "output",
  synopsis: "Show output values from your root module",
  help: `Usage: tfsim [global options] output [options] [NAME]

  Reads an output variable from a tfsim state file and prints
  the value. With no additional arguments, output will display all
  the outputs for the root module.  If NAME is not specified, all
  outputs are printed.

Options:

  -state=path      Path to the state file to read. Defaults to
                   "terraform.tfstate".

  -no-color        If specified, output won't contain any color.

  -json            If specified, machine readable output will be
                   printed in JSON format.

  -raw             For value types that can be automatically
                   converted to a string, will print the raw
                   string directly, rather than a human-oriented
                   representation of the value.
`,
  flags: { state: { type: "string" }, json: { type: "boolean" }, raw: { type: "boolean" } },
  async run(args, ctx) {
    if (args.positionals.length > 1) {
      return fail(ctx, "Unexpected argument", "The output command expects exactly one argument with the name of an output variable or no arguments to show all outputs.", true);
    }
    if (args.flags.json && args.flags.raw) {
      return fail(ctx, "Invalid output format", "The -raw and -json options are mutually-exclusive.", true);
    }
    const name = args.positionals[0];
    if (args.flags.raw && name === undefined) {
      return fail(ctx, "Output name required", "You must give the name of a single output value when using the -raw option.", true);
    }
    const state = await readState(ctx, stateBackend(ctx, args.flags.state), false);
    if (state === undefined) return 1;
    const outputs = state?.outputs ?? new Map<string, OutputState>();
    if (name === undefined) {
      if (args.flags.json) {
        println(ctx.stdout, marshalIndent(outputsJson(outputs)));
        return 0;
      }
      if (outputs.size === 0) return noOutputs(ctx);
      for (const n of [...outputs.keys()].sort()) {
        const o = outputs.get(n)!;
        println(ctx.stdout, `${n} = ${o.sensitive ? "<sensitive>" : human(o)}`);
      }
      return 0;
    }
    if (outputs.size === 0 && !args.flags.json) return noOutputs(ctx);
    const o = outputs.get(name);
    if (!o) {
      return fail(
        ctx,
        `Output "${name}" not found`,
        "The output variable requested could not be found in the state file. If you recently added this to your configuration, be sure to run `tfsim apply`, since the state won't be updated with new output variables until that command is run.",
      );
    }
    if (args.flags.json) {
      println(ctx.stdout, marshal(o.value));
      return 0;
    }
    if (args.flags.raw) {
      const v = o.value;
      if (v === null) {
        return fail(ctx, "Unsupported value for raw output", `The value for output value "${name}" is null, so -raw mode cannot print it.`);
      }
      if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
        ctx.stdout.write(String(v));
        return 0;
      }
      const kind = friendlyName(typeFromJson(o.type));
      return fail(
        ctx,
        "Unsupported value for raw output",
        `The -raw option only supports strings, numbers, and boolean values, but output value "${name}" is ${kind}.\n\nUse the -json option for machine-readable representations of output values that have complex types.`,
      );
    }
    println(ctx.stdout, human(o));
    return 0;
  },
};

function noOutputs(ctx: CliContext): number {
  writeDiagnostics(
    ctx,
    new Diagnostics([
      warning(
        "No outputs found",
        "The state file either has no outputs defined, or all the defined outputs are empty. Please define an output in your configuration with the `output` keyword and run `tfsim refresh` for it to become available. If you are using interpolation, please verify the interpolated value is not empty. You can use the `tfsim console` command to assist.",
      ),
    ]),
  );
  return 0;
}
