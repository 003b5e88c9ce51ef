// `tfsim apply`: Terraform 1.11's apply command over the shared local operation (./operation.ts).
import type { Command } from "../command.js";
import { operationFlags, runOperation } from "./operation.js";

export const applyCommand: Command = {
  name: "apply",
  synopsis: "Create or update infrastructure",
  main: true,
  help: `Usage: tfsim [global options] apply [options]

  Create or update infrastructure.

Options:

  -auto-approve          Skip interactive approval (apply, destroy).
  -destroy               Plan or apply the destruction of all managed objects.
  -detailed-exitcode     Exit 0 with no changes, 1 on error, 2 with changes (plan).
  -input=true            Ask for input for variables if not directly set.
  -lock=false            Don't hold a state lock during the operation.
  -lock-timeout=0s       Duration to retry a state lock.
  -no-color              If specified, output won't contain any color.
  -parallelism=n         Limit the number of concurrent operations. Defaults to 10.
  -refresh=false         Skip checking for external changes to remote objects.
  -var 'foo=bar'         Set a value for one of the input variables.
  -var-file=filename     Load variable values from the given file.
`,
  flags: operationFlags,
  async run(args, ctx) {
    return runOperation("apply", args, ctx, process.argv.slice(2));
  },
};
