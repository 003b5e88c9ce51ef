// `tfsim show [-json] [PATH]`: the state (or a state file given as PATH) in Terraform's human form (every
// instance as `state show` prints it, then the outputs) or its JSON representation.
import type { JsonValue } from "../../../state/index.js";
import { readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { decodeStateV4, marshal, type State } from "../../../state/index.js";
import { printHelpHint, println, type Command } from "../command.js";
import { writeDiagnostics } from "../render-diagnostics.js";
import { error } from "../../diag/diagnostic.js";
import { stateJson } from "../views/json-state.js";
import { readState, stateBackend } from "./state-common.js";
import { renderInstance, renderValue } from "./state-show.js";
import { colorize, noColor, type Colorize } from "../views/color.js";
import { builtInSchemas } from "./validate.js";
import { showPlan } from "./show-plan.js";

export async function renderStateHuman(state: State | undefined, cz: Colorize = noColor): Promise<string> {
  if (!state) return "No state.\n";
  if (state.isEmpty()) return "The state file is empty. No resources are represented.\n";
  const parts: string[] = [];
  let module: string | undefined;
  const schemaOf = await builtInSchemas([...state.resources.values()].map((r) => r.addr.resource.type));
  for (const inst of state.instances()) {
    if (!inst.current) continue;
    // Terraform renders module by module, with a blank line more between them.
    const m = inst.addr.module.toString();
    if (module !== undefined && m !== module) parts.push("");
    module = m;
    parts.push(renderInstance(state.resource(inst.addr.containingResource())!, inst, schemaOf, cz) + "\n");
  }
  let text = parts.join("\n");
  if (state.outputs.size) {
    text += "\n\nOutputs:\n\n";
    for (const name of [...state.outputs.keys()].sort()) {
      const o = state.outputs.get(name)!;
      const v = o.sensitive ? "(sensitive value)" : renderValue(withoutNullAttributes(o.value, o.type), o.type, name, new Set(), "", cz);
      text += `${name} = ${v}\n`;
    }
  }
  return text;
}

export const showCommand: Command = {
  name: "show",
  synopsis: "Show the current state or a saved plan",
  help: `Usage: tfsim [global options] show [options] [path]

  Reads and outputs a tfsim state or plan file in a human-readable
  form. If no path is specified, the current state will be shown.

Options:

  -no-color           If specified, output won't contain any color.
  -json               If specified, output the tfsim plan or state in
                      a machine-readable form.
`,
  flags: { json: { type: "boolean" }, state: { type: "string" } },
  async run(args, ctx) {
    if (args.positionals.length > 1) {
      writeDiagnostics(ctx, [error("Too many command line arguments", "Expected at most one positional argument.")]);
      printHelpHint(ctx.stderr, "show");
      return 1;
    }
    let state: State | undefined;
    const path = args.positionals[0];
    if (path !== undefined) {
      let text: string;
      try {
        text = await readFile(isAbsolute(path) ? path : join(ctx.cwd, path), "utf8");
      } catch (e) {
        println(ctx.stderr, `Failed to read the given file as a state or plan file: ${(e as Error).message}`);
        return 1;
      }
      if (text.includes('"format":"tfsim-plan-v1"')) return showPlan(isAbsolute(path) ? path : join(ctx.cwd, path), args.flags.json === true, args.flags.state, ctx);
      const d = decodeStateV4(text, path);
      if (d.diagnostics.hasErrors()) {
        writeDiagnostics(ctx, d.diagnostics);
        return 1;
      }
      state = d.state;
    } else {
      const s = await readState(ctx, stateBackend(ctx, args.flags.state), false);
      if (s === undefined) return 1;
      state = s ?? undefined;
    }
    if (args.flags.json) println(ctx.stdout, marshal(stateJson(state)));
    else ctx.stdout.write(await renderStateHuman(state, colorize(ctx.color)));
    return 0;
  },
};

/**
 * An output as Terraform's state renderer sees it: an object attribute null before and after is skipped (not
 * even counted), as its processObject does; a map's null elements stay.
 */
function withoutNullAttributes(v: JsonValue, type: JsonValue | undefined): JsonValue {
  if (v === null || typeof v !== "object") return v;
  const [kind, inner] = Array.isArray(type) ? type : [];
  if (Array.isArray(v)) return v.map((e, i) => withoutNullAttributes(e, kind === "tuple" && Array.isArray(inner) ? inner[i] : inner));
  const out: Record<string, JsonValue> = {};
  for (const [k, x] of Object.entries(v)) {
    if (kind === "object" && x === null) continue;
    out[k] = withoutNullAttributes(x, kind === "object" && inner !== null && typeof inner === "object" && !Array.isArray(inner) ? inner[k] : inner);
  }
  return out;
}
