// `tfsim state pull`: the current state (journal included) on stdout, in the v4 file format.
import { encodeStateV4 } from "../../../state/index.js";
import type { Command } from "../command.js";
import { readState, stateBackend } from "./state-common.js";

export const statePullCommand: Command = {
  name: "state pull",
  synopsis: "Pull current state and output to stdout",
  help: `Usage: tfsim [global options] state pull [options]

  Pull the state from its location, upgrade the local copy, and output it
  to stdout.

  This command "pulls" the current state and outputs it to stdout.
  As part of this process, tfsim will upgrade the state format of the
  local copy to the current version.
`,
  flags: { state: { type: "string" } },
  async run(args, ctx) {
    const state = await readState(ctx, stateBackend(ctx, args.flags.state), false);
    if (state === undefined) return 1;
    // Terraform prints the file's text as one UI line, so one newline more.
    if (state) ctx.stdout.write(encodeStateV4(state) + "\n");
    return 0;
  },
};
