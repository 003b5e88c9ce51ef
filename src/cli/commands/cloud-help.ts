// `tfsim cloud`: the parent of the cloud subcommands; like `terraform state`, it prints its usage with the list
// of subcommands and exits 1.
import type { Command } from "../command.js";
// A cycle (the list imports this file); `commands` is only read when help is asked for, after both loaded.
import { commands } from "./index.js";

function usage(): string {
  let text = `Usage: tfsim [global options] cloud <subcommand> [options] [args]

  This command has subcommands for the simulated AWS account that tfsim
  manages: one account per TFSIM_HOME (default ~/.tfsim), shared by every
  tfsim command on this machine, created on first use.

Subcommands:
`;
  for (const c of commands) {
    if (c.name.startsWith("cloud ")) text += `    ${c.name.slice("cloud ".length).padEnd(20)}${c.synopsis}\n`;
  }
  return text;
}

export const cloudCommand: Command = {
  name: "cloud",
  synopsis: "Manage the simulated AWS account",
  get help(): string {
    return usage();
  },
  flags: {},
  async run(_args, ctx) {
    ctx.stdout.write(usage());
    return 1;
  },
};
