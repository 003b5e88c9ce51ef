// `tfsim taint ADDR` and `tfsim untaint ADDR`: mark a resource instance's object tainted (the next plan
// replaces it), or clear the mark, under the state lock, with Terraform's words for what went wrong.
import { parseAbsResourceInstance } from "../../addrs/index.js";
import { Diagnostics, error, warning } from "../../diag/diagnostic.js";
import { println, type Command } from "../command.js";
import { writeDiagnostics } from "../render-diagnostics.js";
import { readState, stateBackend } from "./state-common.js";
import { withStateLock } from "./state-lock.js";

const OPTIONS = `Options:

  -allow-missing          If specified, the command will succeed (exit code 0)
                          even if the resource is missing.

  -lock=false             Don't hold a state lock during the operation. This is
                          dangerous if others might concurrently run commands
                          against the same workspace.

  -lock-timeout=0s        Duration to retry a state lock.

  -state=PATH             Path to the state file. Defaults to "terraform.tfstate".
`;

function markCommand(taint: boolean): Command {
  const name = taint ? "taint" : "untaint";
  return {
    name,
    synopsis: taint ? "Mark a resource instance as not fully functional" : "Remove the 'tainted' state from a resource instance",
    help: taint
      ? `Usage: tfsim [global options] taint [options] <address>

  tfsim uses the term "tainted" to describe a resource instance
  which may not be fully functional, either because its creation
  partially failed or because you've manually marked it as such using
  this command.

  This will not modify your infrastructure directly, but subsequent
  tfsim plans will include actions to destroy the remote object
  and create a new object to replace it.

  You can remove the "taint" state from a resource instance using
  the "tfsim untaint" command.

${OPTIONS}`
      : `Usage: tfsim [global options] untaint [options] name

  tfsim uses the term "tainted" to describe a resource instance
  which may not be fully functional, either because its creation
  partially failed or because you've manually marked it as such using
  the "tfsim taint" command.

  This command removes that state from a resource instance, causing
  tfsim to see it as fully-functional and not in need of
  replacement.

${OPTIONS}`,
    flags: { "allow-missing": { type: "boolean" }, state: { type: "string" }, lock: { type: "boolean", default: true }, "lock-timeout": { type: "string" } },
    async run(args, ctx) {
      if (args.positionals.length !== 1) {
        println(ctx.stderr, `The ${name} command expects exactly one argument.`);
        ctx.stderr.write(this.help);
        return 1;
      }
      const p = parseAbsResourceInstance(args.positionals[0]!);
      if (!p.addr) {
        writeDiagnostics(ctx, p.diagnostics);
        return 1;
      }
      const addr = p.addr;
      const backend = stateBackend(ctx, args.flags.state);
      return withStateLock(ctx, backend, args.flags, async () => {
        const state = await readState(ctx, backend, false);
        if (state === undefined) return 1;
        const obj = state?.current(addr);
        if (!state || !obj) {
          const missing =
            !state || state.instances().length === 0
              ? "The state currently contains no resource instances whatsoever. This may occur if the configuration has never been applied or if it has recently been destroyed."
              : `There is no resource instance in the state with the address ${addr.toString()}. If the resource configuration has just been added, you must run "tfsim apply" once to create the corresponding instance(s) before they can be ${taint ? "tainted" : "untainted"}.`;
          if (args.flags["allow-missing"] === true) {
            writeDiagnostics(ctx, new Diagnostics([warning("No such resource instance", `Resource instance ${addr.toString()} was not found, but this is not an error because -allow-missing was set.`)]));
            println(ctx.stdout);
            return 0;
          }
          writeDiagnostics(ctx, new Diagnostics([error("No such resource instance", missing)]));
          println(ctx.stderr);
          return 1;
        }
        if (!taint && obj.status !== "tainted") {
          writeDiagnostics(ctx, new Diagnostics([error("Resource instance is not tainted", `Resource instance ${addr.toString()} is not currently tainted, and so it cannot be untainted.`)]));
          return 1;
        }
        const { status: _, ...rest } = obj;
        state.setCurrent(addr, state.resource(addr.containingResource())!.provider, taint ? { ...rest, status: "tainted" } : rest);
        const put = await backend.put(state);
        if (put.hasErrors()) {
          writeDiagnostics(ctx, put);
          return 1;
        }
        println(ctx.stdout, taint ? `Resource instance ${addr.toString()} has been marked as tainted.` : `Resource instance ${addr.toString()} has been successfully untainted.`);
        return 0;
      });
    },
  };
}

export const taintCommand = markCommand(true);
export const untaintCommand = markCommand(false);
