// `tfsim graph`: the configuration's graph in DOT, as `terraform graph` prints it: by default the summary of
// dependencies between resources (module clusters, transitively reduced); with -type=plan, plan-refresh-only
// or apply, the operation graph (locals, variables, outputs, module expand/close, providers, root).
import { loadConfig } from "../../config/load.js";
import { Diagnostics, error } from "../../diag/diagnostic.js";
import { checkModuleTree } from "../../engine/module-source.js";
import { LocalBackend } from "../../../state/local/backend.js";
import { State } from "../../../state/state.js";
import { buildDestroyGraph, buildOperationGraph, resourceDependencyMap, type OperationVertex } from "../../engine/operation-graph.js";
import { cycleDiagnostics } from "../../graph/cycles.js";
import { operationGraphDot, resourceGraphDot, type DotVertex } from "../../graph/dot.js";
import { reduceDependencyMap, transitiveReduction } from "../../graph/reduce.js";
import type { Command } from "../command.js";
import { showDiagnostics } from "../render-diagnostics.js";

const EXPAND = " (expand)";
const bare = (k: string): string => (k.endsWith(EXPAND) ? k.slice(0, -EXPAND.length) : k);

/** How `terraform graph -type=plan` declares a vertex: resources as boxes, providers as diamonds, root variables as notes. */
function describe(v: OperationVertex, key: string): DotVertex {
  if (v.kind === "resource") return { name: key, label: `${v.module ? v.module + "." : ""}${v.name}`, shape: "box", ...(v.instances ? { repeat: v.instances } : {}) };
  if (v.kind === "provider") return { name: key, label: key, shape: "diamond" };
  if ((v.kind === "variable" && v.module === "") || v.kind === "removed-output") return { name: key, label: key, shape: "note" };
  return { name: key };
}

const TYPES = new Set(["plan", "plan-refresh-only", "plan-destroy", "apply"]);
const RETIRED = new Set(["validate", "eval"]);

export const graphCommand: Command = {
  name: "graph",
  synopsis: "Generate a Graphviz graph of the steps in an operation",
  help: `Usage: tfsim [global options] graph [options]

  Produces a representation of the dependency graph between different
  objects in the current configuration and state.

  By default the graph shows a summary only of the relationships between
  resources in the configuration, since those are the main objects that
  have side-effects whose ordering is significant.

  The graph is presented in the DOT language. The typical program that can
  read this format is GraphViz, but many web services are also available
  to read this format.

Options:

  -type=plan       Type of operation graph to output. Can be: plan,
                   plan-refresh-only, plan-destroy, or apply. By default
                   the result is a simplified graph which describes only
                   the dependency ordering of the resources in the
                   configuration.
`,
  flags: { type: { type: "string" }, "draw-cycles": { type: "boolean" }, plan: { type: "string" }, "module-depth": { type: "number" } },
  async run(args, ctx) {
    const type = typeof args.flags.type === "string" ? args.flags.type : "";
    // terraform graph names files by absolute path in its diagnostics (it loads the directory by its full path).
    const { config, diagnostics } = loadConfig(ctx.cwd, ctx.cwd);
    const diags = new Diagnostics(diagnostics);
    // terraform graph shows its diagnostics through the older UI layer (one more newline each, red in colour).
    const failBuild = (): number => {
      showDiagnostics(ctx, diags);
      return 1;
    };
    const fail = (summary: string, detail: string): number => {
      diags.append([error(summary, detail)]);
      return failBuild();
    };
    if (!diags.hasErrors()) diags.append(checkModuleTree(ctx.cwd, config));
    if (diags.hasErrors()) return failBuild();
    // Terraform loads the configuration before it looks at -type.
    if (RETIRED.has(type)) return fail("Graph type no longer available", `The graph type "${type}" is no longer available. Use -type=plan instead to get a similar result.`);
    if (type !== "" && !TYPES.has(type)) return fail("Unsupported graph type", 'The -type=... argument must be either "plan", "plan-refresh-only", "plan-destroy", or "apply".');
    const got = await new LocalBackend("terraform.tfstate", { cwd: ctx.cwd }).get();
    diags.append(got.diagnostics);
    if (diags.hasErrors()) return failBuild();
    const state = got.state ?? State.empty();
    if (type === "plan-destroy") {
      ctx.stdout.write(operationGraphDot(transitiveReduction(buildDestroyGraph(config, state)), describe));
      return 0;
    }
    // The apply graph plans removals dynamically, so it shows no "(orphan)" vertices; the others do.
    const built = buildOperationGraph(ctx.cwd, config, state, { orphans: type !== "apply" });
    diags.append(built.diagnostics);
    diags.append(cycleDiagnostics(built.graph.indexed()));
    if (diags.hasErrors()) return failBuild();
    if (type !== "") {
      ctx.stdout.write(operationGraphDot(transitiveReduction(built.graph.graph()), describe));
      return 0;
    }
    const reduced = reduceDependencyMap(resourceDependencyMap(built.graph));
    const resources = [...reduced].map(([k, d]) => {
      const v = built.graph.get(k);
      return { module: v.module, resource: v.name, dependsOn: [...d].map(bare) };
    });
    if (resources.length === 0) {
      const hint = "For a more detailed graph, try: tfsim graph -type=plan";
      const note = "This configuration does not contain any resources.".padEnd(hint.length);
      ctx.stdout.write(`digraph G {\n  rankdir = "RL";\n  node [shape = rect, fontname = "sans-serif"];\n  /* ${note} */\n  /* ${hint} */\n}\n`);
      return 0;
    }
    ctx.stdout.write(resourceGraphDot(resources));
    return 0;
  },
};
