// `tfsim force-unlock [-force] LOCK_ID`: removes the state lock whatever holds it, after Terraform's
// confirmation prompt (only `yes` proceeds) unless -force. Unlike Terraform's local backend, which refuses
// ("Local state cannot be unlocked by another process"), tfsim's lock file can be released by id.
import type { Readable } from "node:stream";
import { println, type Command } from "../command.js";
import { colorize } from "../views/color.js";
import { inputPrompt } from "../views/input-prompt.js";
import { stateBackend } from "./state-common.js";

function readLine(stdin: Readable): Promise<string> {
  return new Promise((resolve) => {
    let buf = "";
    const finish = () => {
      stdin.off("data", onData).off("end", finish).off("error", finish);
      stdin.pause();
      resolve(buf.split("\n")[0]!.replace(/\r$/, ""));
    };
    const onData = (chunk: Buffer | string) => {
      buf += chunk.toString();
      if (buf.includes("\n")) finish();
    };
    stdin.on("data", onData).on("end", finish).on("error", finish);
    stdin.resume();
  });
}

export const forceUnlockCommand: Command = {
  name: "force-unlock",
  synopsis: "Release a stuck lock on the current workspace",
  help: `Usage: tfsim [global options] force-unlock LOCK_ID

  Manually unlock the state for the defined configuration.

  This will not modify your infrastructure. This command removes the lock on the
  state for the current workspace. The behavior of this lock is dependent
  on the backend being used. Local state files cannot be unlocked by another
  process.

Options:

  -force                 Don't ask for input for unlock confirmation.
`,
  flags: { force: { type: "boolean" }, state: { type: "string" } },
  async run(args, ctx) {
    if (args.positionals.length !== 1) {
      println(ctx.stderr, "Expected a single argument: LOCK_ID");
      return 1;
    }
    const id = args.positionals[0]!;
    const cz = colorize(ctx.color);
    if (!args.flags.force) {
      ctx.stdout.write(
        inputPrompt(cz, "Do you really want to force-unlock?", [
          "tfsim will remove the lock on the remote state.",
          "This will allow local tfsim commands to modify this state, even though it",
          "may still be in use. Only 'yes' will be accepted to confirm.",
        ]),
      );
      const answer = await readLine(ctx.stdin);
      println(ctx.stdout);
      if (answer !== "yes") {
        println(ctx.stdout, "force-unlock cancelled.");
        return 1;
      }
    }
    const d = await stateBackend(ctx, args.flags.state).forceUnlock(id);
    if (d.hasErrors()) {
      const e = d.items.find((x) => x.severity === "error")!;
      // Terraform's Ui.Error: the message in red.
      println(ctx.stderr, cz.format("[red]%s[reset]", `Failed to unlock state: ${e.detail ?? e.summary}`));
      return 1;
    }
    println(ctx.stdout, cz.color("[reset][bold][green]tfsim state has been successfully unlocked![reset][green]\n\nThe state has been unlocked, and tfsim commands should now be able to\nobtain a new lock on the remote state."));
    return 0;
  },
};
