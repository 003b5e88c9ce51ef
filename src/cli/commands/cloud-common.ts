// What the `tfsim cloud ...` commands share: opening the account of TFSIM_HOME with a diagnostic (not a crash)
// when the store cannot be opened, reading one answer from stdin, the root-keys reminder.
import type { Readable } from "node:stream";
import { clockFromEnv } from "../../cloud/clock.js";
import { defaultHome, type LocalCloud, openCloud } from "../../cloud/index.js";
import { error, warning } from "../../diag/diagnostic.js";
import type { CliContext } from "../command.js";
import { columnsOf, renderDiagnostic, writeDiagnostics } from "../render-diagnostics.js";

export function openAccount(ctx: CliContext): LocalCloud | undefined {
  const home = defaultHome(ctx.env);
  try {
    return openCloud({ home, clock: clockFromEnv(ctx.env) });
  } catch (e) {
    writeDiagnostics(ctx, [
      error(
        "Failed to open the simulated AWS account",
        `The account's store in ${home} could not be opened: ${e instanceof Error ? e.message : String(e)}. Check that the directory is writable, or set TFSIM_HOME to another directory.`,
      ),
    ]);
    return undefined;
  }
}

/** One line from stdin (without its newline); "" at end of input. */
export function readLine(stdin: Readable): Promise<string> {
  return new Promise((resolve) => {
    let buf = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.off("end", finish);
      stdin.off("error", finish);
      stdin.pause();
      const nl = buf.indexOf("\n");
      resolve((nl >= 0 ? buf.slice(0, nl) : buf).replace(/\r$/, ""));
    };
    const onData = (chunk: Buffer | string) => {
      buf += chunk.toString();
      if (buf.includes("\n")) finish();
    };
    stdin.on("data", onData);
    stdin.on("end", finish);
    stdin.on("error", finish);
    stdin.resume();
  });
}

/** AWS's best practice, said where root keys are handed out; on stderr so stdout stays machine-readable. */
export function rootKeysReminder(ctx: CliContext): void {
  const d = warning(
    "These are the root user's access keys",
    "The root user can do everything in the account and cannot be limited by IAM policies. As AWS advises, do not use root keys for everyday work: create an IAM user or role with only the permissions it needs (for example with aws iam create-user, attach-user-policy and create-access-key) and use its keys instead.",
  );
  ctx.stderr.write(renderDiagnostic(d, { color: ctx.color, width: columnsOf(ctx.stderr) }));
}
