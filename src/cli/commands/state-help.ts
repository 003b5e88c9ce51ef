// `tfsim state`: the parent of the state subcommands; prints its usage and exits 1, as `terraform state` does.
import type { Command } from "../command.js";
// A cycle (the list imports this file); `commands` is only read when help is asked for, after both loaded.
import { commands } from "./index.js";

function usage(): string {
  let text = `Usage: tfsim [global options] state <subcommand> [options] [args]

  This command has subcommands for advanced state management.

  These subcommands can be used to slice and dice the tfsim state.
  This is sometimes necessary in advanced cases. For your safety, all
  state management commands that modify the state create a timestamped
  backup of the state prior to making modifications.

  The structure and output of the commands is specifically tailored to work
  well with the common Unix utilities such as grep, awk, etc. We recommend
  using those tools to perform more advanced state tasks.

Subcommands:
`;
  for (const c of commands) {
    if (c.name.startsWith("state ")) text += `    ${c.name.slice("state ".length).padEnd(17)}${c.synopsis}\n`;
  }
  return text;
}

export const stateCommand: Command = {
  name: "state",
  synopsis: "Advanced state management",
  get help(): string {
    return usage();
  },
  flags: {},
  async run(_args, ctx) {
    ctx.stdout.write(usage());
    return 1;
  },
};
