// `tfsim state rm [-dry-run] ADDR...`: forgets resource instances (the objects themselves are left alone),
// after a timestamped backup, under the state lock.
import type { AbsResourceInstance } from "../../addrs/index.js";
import { Diagnostics, error } from "../../diag/diagnostic.js";
import { println, type Command } from "../command.js";
import { writeDiagnostics } from "../render-diagnostics.js";
import { matchInstances, readState, stateBackend, STATE_FLAG_HELP, timestampedBackup } from "./state-common.js";
import { withStateLock } from "./state-lock.js";

export const stateRmCommand: Command = {
  name: "state rm",
  synopsis: "Remove instances from the state",
  help: `Usage: tfsim [global options] state rm [options] ADDRESS...

  Remove one or more items from the tfsim state, causing tfsim to
  "forget" those items without first destroying them in the remote system.

  This command removes one or more resource instances from the tfsim state
  based on the addresses given. You can view and list the available instances
  with "tfsim state list".

  If you give the address of an entire module then all of the instances in
  that module and any of its child modules will be removed from the state.

  If you give the address of a resource that has "count" or "for_each" set,
  all of the instances of that resource will be removed from the state.

Options:

  -dry-run                If set, prints out what would've been removed but
                          doesn't actually remove anything.

  -backup=PATH            Path where tfsim should write the backup
                          state.

  -lock=false             Don't hold a state lock during the operation. This is
                          dangerous if others might concurrently run commands
                          against the same workspace.

  -lock-timeout=0s        Duration to retry a state lock.

${STATE_FLAG_HELP}
`,
  flags: {
    "dry-run": { type: "boolean" },
    backup: { type: "string" },
    state: { type: "string" },
    lock: { type: "boolean", default: true },
    "lock-timeout": { type: "string" },
  },
  async run(args, ctx) {
    if (args.positionals.length === 0) {
      println(ctx.stderr, "At least one address is required.\n");
      return 1;
    }
    const backend = stateBackend(ctx, args.flags.state, "-");
    return withStateLock(ctx, backend, args.flags, async () => {
      const state = await readState(ctx, backend, true);
      if (!state) return 1;
      const remove: AbsResourceInstance[] = [];
      const seen = new Set<string>();
      const diags = new Diagnostics();
      for (const text of args.positionals) {
        const m = matchInstances(state, text);
        diags.append(m.diagnostics);
        // A dry run reports an address matching nothing as nothing to remove; a real one refuses it.
        if (!m.diagnostics.hasErrors() && m.instances.length === 0 && !args.flags["dry-run"]) {
          diags.append(
            error(
              "Invalid target address",
              `No matching objects found. To view the available instances, use "tfsim state list". Please modify the address to reference a specific instance.`,
            ),
          );
        }
        for (const a of m.instances) if (!seen.has(a.toString()) && (seen.add(a.toString()), true)) remove.push(a);
      }
      if (diags.hasErrors()) {
        writeDiagnostics(ctx, diags);
        ctx.stderr.write("\n"); // terraform state rm ends its errors with one more blank line
        return 1;
      }
      if (args.flags["dry-run"]) {
        for (const a of remove) println(ctx.stdout, `Would remove ${a.toString()}`);
        if (remove.length === 0) println(ctx.stdout, "Would have removed nothing.");
        return 0;
      }
      for (const a of remove) {
        const r = state.resource(a.containingResource())!;
        const inst = state.instance(a)!;
        for (const dk of [...inst.deposed.keys()]) state.setDeposed(a, r.provider, dk, undefined);
        state.setCurrent(a, r.provider, undefined);
      }
      await timestampedBackup(ctx, backend, args.flags.backup);
      const put = await backend.put(state);
      if (put.hasErrors()) {
        writeDiagnostics(ctx, put);
        return 1;
      }
      for (const a of remove) println(ctx.stdout, `Removed ${a.toString()}`);
      println(ctx.stdout, `Successfully removed ${remove.length} resource instance(s).`);
      return 0;
    });
  },
};
