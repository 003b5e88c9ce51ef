// `tfsim cloud reset [-auto-approve]`: wipes the simulated account of TFSIM_HOME, after a confirmation shaped
// like Terraform's. The next use of the home signs up a new account (new id, new root keys).
import { println, type Command } from "../command.js";
import { openAccount, readLine } from "./cloud-common.js";

export const cloudResetCommand: Command = {
  name: "cloud reset",
  synopsis: "Delete the simulated AWS account and everything in it",
  help: `Usage: tfsim [global options] cloud reset [options]

  Deletes the simulated AWS account of TFSIM_HOME (default ~/.tfsim): every
  user, group, role, policy, access key and resource in it, and its audit
  trail. The next command that uses the account creates a new one, with a new
  account id and new root access keys.

  Stop any running "tfsim cloud serve" first: it keeps serving the old
  account until it is restarted.

Options:

  -auto-approve   Skip the interactive confirmation ("yes").
`,
  flags: { "auto-approve": { type: "boolean" } },
  async run(args, ctx) {
    const cloud = openAccount(ctx);
    if (!cloud) return 1;
    const accountId = cloud.accountId;
    cloud.close();
    if (!args.flags["auto-approve"]) {
      ctx.stdout.write(
        `Do you really want to delete the simulated AWS account ${accountId}?\n` +
          `  tfsim will delete every user, role, policy, key and resource in it, and its\n` +
          `  audit trail (${cloud.home}).\n` +
          `  There is no undo. Only 'yes' will be accepted to confirm.\n\n` +
          `  Enter a value: `,
      );
      const answer = await readLine(ctx.stdin);
      println(ctx.stdout);
      if (answer !== "yes") {
        println(ctx.stdout, "Reset cancelled.");
        return 1;
      }
    }
    const again = openAccount(ctx);
    if (!again) return 1;
    try {
      again.reset();
    } finally {
      again.close();
    }
    println(ctx.stdout, `The simulated AWS account ${accountId} was deleted. A new account is created on next use.`);
    return 0;
  },
};
