// `tfsim import ADDR ID`: brings an existing object under management: the resource must be configured in the
// root module and not yet in state; its provider imports the object by ID and reads it, and the result is
// written to state under the lock, with Terraform's progress lines and errors.
import { parseAbsResourceInstance } from "../../addrs/index.js";
import { loadConfig } from "../../config/load.js";
import { checkModuleTree } from "../../engine/module-source.js";
import { Diagnostics, error, type Diagnostic } from "../../diag/diagnostic.js";
import { Value } from "../../lang/value.js";
import { collectVariableValues } from "../../config/variables.js";
import { ModuleEvaluator } from "../../engine/plan.js";
import { encodeStoredObject } from "../../provider/state-object.js";
import { State } from "../../../state/index.js";
import { println, type Command } from "../command.js";
import { colorize } from "../views/color.js";
import { hookLine } from "../views/hook-ui.js";
import { writeDiagnostics } from "../render-diagnostics.js";
import { importObject } from "../../engine/import-object.js";
import { readState, stateBackend } from "./state-common.js";
import { withStateLock } from "./state-lock.js";
import { STATE_TERRAFORM_VERSION } from "../../../state/index.js";

export const importCommand: Command = {
  name: "import",
  synopsis: "Associate existing infrastructure with a tfsim resource",
  help: `Usage: tfsim [global options] import [options] ADDR ID

  Import existing infrastructure into your tfsim state.

  This will find and import the specified resource into your tfsim
  state, allowing existing infrastructure to come under tfsim
  management without having to be initially created by tfsim.

  The ADDR specified is the address to import the resource to. Please
  see the documentation online for resource addresses. The ID is a
  resource-specific ID to identify that resource being imported. Please
  reference the documentation for the resource type you're importing to
  determine the ID syntax to use. It typically matches directly to the ID
  that the provider uses.

Options:

  -lock=false             Don't hold a state lock during the operation.
  -lock-timeout=0s        Duration to retry a state lock.
  -state=PATH             Path to the state file. Defaults to "terraform.tfstate".
`,
  flags: { state: { type: "string" }, lock: { type: "boolean", default: true }, "lock-timeout": { type: "string" }, input: { type: "boolean" } },
  async run(args, ctx) {
    if (args.positionals.length !== 2) {
      println(ctx.stderr, "The import command expects two arguments.");
      ctx.stderr.write(this.help);
      return 1;
    }
    const [addrText, id] = args.positionals as [string, string];
    const p = parseAbsResourceInstance(addrText);
    if (!p.addr) {
      writeDiagnostics(ctx, p.diagnostics);
      return 1;
    }
    const addr = p.addr;
    const res = addr.resource.resource;
    const { config, files, diagnostics } = loadConfig(ctx.cwd);
    const diags = new Diagnostics(diagnostics);
    if (files.length === 0) {
      diags.append(error("No tfsim configuration files", `The directory ${ctx.cwd} does not contain any tfsim configuration files (.tf or .tf.json). To specify a different configuration directory, use the -config="..." command line option.`));
    }
    if (!diags.hasErrors()) diags.append(checkModuleTree(ctx.cwd, config));
    if (diags.hasErrors()) {
      writeDiagnostics(ctx, diags);
      ctx.stderr.write("\n"); // terraform import follows configuration errors with one more blank line
      return 1;
    }
    const cfg = addr.module.isRoot() ? (res.mode === "data" ? undefined : config.resources.get(`${res.type}.${res.name}`)) : undefined;
    if (!cfg) {
      println(
        ctx.stderr,
        `Error: resource address ${JSON.stringify(addrText)} does not exist in the configuration.\n\nBefore importing this resource, please create its configuration in the root module. For example:\n\nresource ${JSON.stringify(res.type)} ${JSON.stringify(res.name)} {\n  # (resource arguments)\n}\n`,
      );
      return 1;
    }
    // The provider is configured from the root module's provider block, as plan configures it.
    const vars = collectVariableValues(config, { dir: ctx.cwd, env: ctx.env, missing: "error" });
    if (vars.diagnostics.some((d) => d.severity === "error")) {
      writeDiagnostics(ctx, vars.diagnostics);
      return 1;
    }
    const ev = new ModuleEvaluator({ dir: ctx.cwd, config, state: State.empty(), variables: vars.values });
    const pe = await ev.providerFor(cfg);
    if ("severity" in pe) {
      writeDiagnostics(ctx, new Diagnostics([pe]));
      return 1;
    }
    const provider = pe.provider;
    const rschema = provider.getSchema().resourceTypes[res.type];
    if (!rschema) {
      writeDiagnostics(ctx, new Diagnostics([error("Invalid resource type", `The provider does not support resource type ${JSON.stringify(res.type)}.`)]));
      return 1;
    }
    const backend = stateBackend(ctx, args.flags.state);
    return withStateLock(ctx, backend, args.flags, async () => {
      const loaded = await readState(ctx, backend, false);
      if (loaded === undefined) return 1;
      const state = loaded ?? new State(crypto.randomUUID(), 0, STATE_TERRAFORM_VERSION);
      const fail = (d: Iterable<Diagnostic>) => {
        writeDiagnostics(ctx, d);
        return 1;
      };
      await pe.configured;
      if (ev.diagnostics.hasErrors()) return fail(ev.diagnostics);
      // Terraform's UI hook: each line bold, the import's preparation green.
      const cz = colorize(ctx.color);
      println(ctx.stdout, cz.format("[reset][bold]%s", `${addr.toString()}: Importing from ID ${JSON.stringify(id)}...`));
      const idShown = (v: Value): string => {
        const [plain] = v.unmarkDeep();
        const idv = !plain.isKnown() || plain.isNull() || plain.type.kind !== "object" ? undefined : new Map(plain.entries()).get("id");
        return idv && !idv.isNull() && idv.isKnown() ? ` [id=${idv.asString()}]` : "";
      };
      const read = await importObject(provider, res.type, addr.toString(), id, (resources) => {
        println(ctx.stdout, cz.format("[reset][bold][green]%s: Import prepared!", addr.toString()));
        for (const r of resources) println(ctx.stdout, cz.format("[reset][green]  Prepared %s for import", r.typeName));
        if (state.current(addr)) {
          return [
            error(
              "Resource already managed by tfsim",
              `tfsim is already managing a remote object for ${addr.toString()}. To import to this address you must first remove the existing object from the state.`,
            ),
          ];
        }
        if (resources[0]) println(ctx.stdout, hookLine(`${addr.toString()}: Refreshing state...${idShown(resources[0].state)}`, cz));
        return [];
      });
      if (!read.value) return fail(read.diagnostics);
      const stored = encodeStoredObject(read.value, rschema, read.private !== undefined ? { private: read.private } : {});
      if ("error" in stored) return fail([error("Failed to encode the imported object", stored.error)]);
      state.setCurrent(addr, pe.stateName, stored);
      const put = await backend.put(state);
      if (put.hasErrors()) return fail(put);
      println(ctx.stdout, cz.color("[reset][green]\nImport successful!\n\nThe resources that were imported are shown above. These resources are now in\nyour tfsim state and will henceforth be managed by tfsim.\n"));
      return 0;
    });
  },
};
