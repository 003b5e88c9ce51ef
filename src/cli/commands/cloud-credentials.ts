// `tfsim cloud credentials [-json]`: the root user's access keys of the account of TFSIM_HOME.
import { println, type Command } from "../command.js";
import { openAccount, rootKeysReminder } from "./cloud-common.js";

export const cloudCredentialsCommand: Command = {
  name: "cloud credentials",
  synopsis: "Show the root access keys of the simulated AWS account",
  help: `Usage: tfsim [global options] cloud credentials [options]

  Prints the root user's access keys of the simulated AWS account of
  TFSIM_HOME (default ~/.tfsim), creating the account on first use. The
  output can be evaluated by a shell:

    eval "$(tfsim cloud credentials)"

  Use the root keys only to set up IAM users and roles; the reminder on
  standard error says why.

Options:

  -json       Print {"AccessKeyId": ..., "SecretAccessKey": ...} instead.
`,
  flags: { json: { type: "boolean" } },
  async run(args, ctx) {
    const cloud = openAccount(ctx);
    if (!cloud) return 1;
    try {
      const keys = cloud.rootCredentials();
      if (args.flags.json) {
        println(ctx.stdout, JSON.stringify({ AccessKeyId: keys.accessKeyId, SecretAccessKey: keys.secretAccessKey }));
      } else {
        println(ctx.stdout, `# Root user of the simulated AWS account ${cloud.accountId} (${cloud.home})`);
        println(ctx.stdout, `export AWS_ACCESS_KEY_ID=${keys.accessKeyId}`);
        println(ctx.stdout, `export AWS_SECRET_ACCESS_KEY=${keys.secretAccessKey}`);
      }
      rootKeysReminder(ctx);
      return 0;
    } finally {
      cloud.close();
    }
  },
};
