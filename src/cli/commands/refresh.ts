// `tfsim refresh`: Terraform 1.11's deprecated alias of `apply -refresh-only -auto-approve` (./operation.ts).
import type { Command } from "../command.js";
import { operationFlags, runOperation } from "./operation.js";

export const refreshCommand: Command = {
  name: "refresh",
  synopsis: "Update the state to match remote systems",
  help: `Usage: tfsim [global options] refresh [options]

  Update the state file of your infrastructure with metadata that matches
  the physical resources they are tracking.

  This will not modify your infrastructure, but it can modify your
  state file to update metadata. This metadata might cause new changes
  to occur when you generate a plan or call apply next.

Options:

  -lock=false         Don't hold a state lock during the operation.
  -lock-timeout=0s    Duration to retry a state lock.
  -no-color           If specified, output won't contain any color.
  -var 'foo=bar'      Set a value for one of the input variables.
  -var-file=foo       Set variables from a file.
`,
  flags: operationFlags,
  async run(args, ctx) {
    return runOperation("refresh", args, ctx, process.argv.slice(2));
  },
};
