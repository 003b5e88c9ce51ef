// `tfsim state push [-force] PATH`: replaces the state with a state file (PATH, or - for stdin), refusing an
// unrelated lineage or an older serial unless -force, with Terraform's errors. The pushed file is written as
// it is (its serial kept), as Terraform's state import does.
import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { decodeStateV4, encodeStateV4 } from "../../../state/index.js";
import { writeFileAtomic } from "../../../state/local/atomic-file.js";
import { println, type Command } from "../command.js";
import { writeDiagnostics } from "../render-diagnostics.js";
import { stateBackend } from "./state-common.js";
import { withStateLock } from "./state-lock.js";

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c) : c);
  return Buffer.concat(chunks).toString("utf8");
}

export const statePushCommand: Command = {
  name: "state push",
  synopsis: "Update remote state from a local state file",
  help: `Usage: tfsim [global options] state push [options] PATH

  Update remote state from a local state file at PATH.

  This command "pushes" a local state and overwrites remote state
  with a local state file. The command will protect you against writing
  an older serial or a different state file lineage unless you specify the
  "-force" flag.

  This command works with local state (it will overwrite the local
  state), but is less useful for this use case.

  If PATH is "-", then this command will read the state to push from stdin.
  Data from stdin is not streamed to the backend: it is loaded completely
  (until pipe close), verified, and then pushed.

Options:

  -force              Write the state even if lineages don't match or the
                      remote serial is higher.

  -lock=false         Don't hold a state lock during the operation. This is
                      dangerous if others might concurrently run commands
                      against the same workspace.

  -lock-timeout=0s    Duration to retry a state lock.
`,
  flags: { force: { type: "boolean" }, state: { type: "string" }, lock: { type: "boolean", default: true }, "lock-timeout": { type: "string" } },
  async run(args, ctx) {
    if (args.positionals.length !== 1) {
      println(ctx.stderr, "Exactly one argument expected.\n");
      ctx.stderr.write(this.help);
      return 1;
    }
    const src = args.positionals[0]!;
    let text: string;
    try {
      text = src === "-" ? await readAll(ctx.stdin) : await readFile(isAbsolute(src) ? src : join(ctx.cwd, src), "utf8");
    } catch (e) {
      println(ctx.stderr, `Error reading source state "${src}": ${(e as Error).message}`);
      return 1;
    }
    const pushed = decodeStateV4(text, src);
    if (!pushed.state) {
      println(ctx.stderr, `Error reading source state "${src}": ${[...pushed.diagnostics].map((d) => d.detail ?? d.summary).join("; ")}`);
      return 1;
    }
    const next = pushed.state;
    const backend = stateBackend(ctx, args.flags.state, "-");
    return withStateLock(ctx, backend, args.flags, async () => {
      const got = await backend.get();
      if (got.diagnostics.hasErrors()) {
        writeDiagnostics(ctx, got.diagnostics);
        return 1;
      }
      const cur = got.state;
      if (cur && !args.flags.force) {
        let problem: string | undefined;
        if (cur.lineage !== next.lineage) problem = `cannot import state with lineage ${JSON.stringify(next.lineage)} over unrelated state with lineage ${JSON.stringify(cur.lineage)}`;
        else if (next.serial < cur.serial) problem = `cannot import state with serial ${next.serial} over newer state with serial ${cur.serial}`;
        if (problem) {
          println(ctx.stderr, `Failed to write state: ${problem}`);
          return 1;
        }
      }
      try {
        await writeFileAtomic(backend.statePath, encodeStateV4(next));
      } catch (e) {
        println(ctx.stderr, `Failed to persist state: ${(e as Error).message}`);
        return 1;
      }
      return 0;
    });
  },
};
