// `tfsim state list [-state=PATH] [-id=ID] [ADDR...]`: the addresses of the resource instances in state, in
// Terraform's order, optionally filtered by address and by the `id` attribute.
import { Diagnostics, error } from "../../diag/diagnostic.js";
import { println, type Command } from "../command.js";
import { writeDiagnostics } from "../render-diagnostics.js";
import { matchInstances, readState, stateBackend, STATE_FLAG_HELP } from "./state-common.js";

export const stateListCommand: Command = {
  name: "state list",
  synopsis: "List resources in the state",
  help: `Usage: tfsim [global options] state list [options] [address...]

  List resources in the tfsim state.

  This command lists resource instances in the tfsim state. The address
  argument can be used to filter the instances by resource or module. If
  no pattern is given, all resource instances are listed.

Options:

${STATE_FLAG_HELP}

  -id=ID              Filters the results to include only instances whose
                      resource types have an attribute named "id" whose value
                      equals the given id string.
`,
  flags: { state: { type: "string" }, id: { type: "string" } },
  async run(args, ctx) {
    const state = await readState(ctx, stateBackend(ctx, args.flags.state), true);
    if (!state) return 1;
    let addrs = state.instances().filter((i) => i.current).map((i) => i.addr);
    if (args.positionals.length) {
      // Terraform lists each filter's matches in turn.
      const selected: typeof addrs = [];
      for (const text of args.positionals) {
        const m = matchInstances(state, text);
        if (m.diagnostics.hasErrors()) {
          writeDiagnostics(ctx, m.diagnostics);
          return 1;
        }
        if (m.instances.length === 0 && text.startsWith("module.")) {
          writeDiagnostics(
            ctx,
            new Diagnostics([
              error(
                "Unknown module",
                `The current state contains no module at ${text}. If you've just added this module to the configuration, you must run "tfsim apply" first to create the module's entry in the state.`,
              ),
            ]),
          );
          ctx.stderr.write("\n"); // as terraform state list prints it
          return 1;
        }
        if (m.instances.length === 0) {
          writeDiagnostics(
            ctx,
            new Diagnostics([
              error(
                "Unknown resource",
                `The current state contains no resource ${text.replace(/\[[^\]]*\]$/, "")}. If you've just added this resource to the configuration, you must run "tfsim apply" first to create the resource's entry in the state.`,
              ),
            ]),
          );
          ctx.stderr.write("\n");
          return 1;
        }
        selected.push(...m.instances.filter((a) => state.current(a)));
      }
      addrs = selected;
    }
    const id = args.flags.id;
    if (typeof id === "string" && id !== "") addrs = addrs.filter((a) => state.current(a)?.attributes.id === id);
    for (const a of addrs) println(ctx.stdout, a.toString());
    return 0;
  },
};
