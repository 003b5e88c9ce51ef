// `tfsim plan`: Terraform 1.11's plan command over the shared local operation (./operation.ts).
import type { Command } from "../command.js";
import { operationFlags, runOperation } from "./operation.js";

export const planCommand: Command = {
  name: "plan",
  synopsis: "Show changes required by the current configuration",
  main: true,
  help: `Usage: tfsim [global options] plan [options]

  Show changes required by the current configuration.

Options:

  -auto-approve          Skip interactive approval (apply, destroy).
  -destroy               Plan or apply the destruction of all managed objects.
  -detailed-exitcode     Exit 0 with no changes, 1 on error, 2 with changes (plan).
  -generate-config-out=path
                         Write resource blocks for import targets that have no
                         configuration to the given new file.
  -input=true            Ask for input for variables if not directly set.
  -lock=false            Don't hold a state lock during the operation.
  -lock-timeout=0s       Duration to retry a state lock.
  -no-color              If specified, output won't contain any color.
  -parallelism=n         Limit the number of concurrent operations. Defaults to 10.
  -refresh=false         Skip checking for external changes to remote objects.
  -var 'foo=bar'         Set a value for one of the input variables.
  -var-file=filename     Load variable values from the given file.
`,
  flags: { ...operationFlags, "generate-config-out": { type: "string" } },
  async run(args, ctx) {
    return runOperation("plan", args, ctx, process.argv.slice(2));
  },
};
