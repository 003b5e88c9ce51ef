import { println, type Command } from "../command.js";
import { TFSIM_VERSION } from "../version.js";

export const versionCommand: Command = {
  name: "version",
  synopsis: "Show the current tfsim version",
  help: `Usage: tfsim [global options] version [options]

  Displays the version of tfsim and the platform it runs on.

Options:

  -json       Output the version information as a JSON object.
`,
  flags: { json: { type: "boolean" } },
  async run(args, ctx) {
    const platform = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;
    if (args.flags.json) {
      println(ctx.stdout, JSON.stringify({ tfsim_version: TFSIM_VERSION, platform, provider_selections: {} }, null, 2));
    } else {
      println(ctx.stdout, `tfsim v${TFSIM_VERSION}\non ${platform}`);
    }
    return 0;
  },
};
