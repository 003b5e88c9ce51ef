// `tfsim graph`: the configuration's resource dependency graph in DOT, as `terraform graph` prints it (root
// module resources, edges from references and depends_on through locals, transitively reduced). Built here
// from config references; the detailed operation graphs (-type=plan|apply|...) need the engine's graph.
import type { Expression } from "../../config/body.js";
import { loadConfig } from "../../config/load.js";
import type { Config, Resource } from "../../config/model.js";
import { Diagnostics, error } from "../../diag/diagnostic.js";
import { referencedNames } from "../../engine/references.js";
import { resourceGraphDot } from "../../graph/dot.js";
import type { Command } from "../command.js";
import { writeDiagnostics } from "../render-diagnostics.js";

function resourceExprs(r: Resource): (Expression | undefined)[] {
  const exprs: (Expression | undefined)[] = [r.count, r.forEach, r.dependsOn, r.lifecycle.replaceTriggeredBy];
  for (const a of r.config.justAttributes().attributes.values()) exprs.push(a.expr);
  return exprs;
}

/** Each resource's direct resource dependencies (through locals), by address within the module. */
export function resourceDependencies(config: Config): Map<string, Set<string>> {
  const localDeps = new Map<string, Set<string>>();
  const refsOf = (exprs: (Expression | undefined)[], stack: Set<string>): Set<string> => {
    const out = new Set<string>();
    for (const e of exprs) {
      for (const names of referencedNames(e)) {
        const [root, a, b] = names;
        if (root === "local" && a) for (const d of local(a, stack)) out.add(d);
        else if (root === "data" && a && b && config.data.has(`${a}.${b}`)) out.add(`data.${a}.${b}`);
        else if (root && a && config.resources.has(`${root}.${a}`)) out.add(`${root}.${a}`);
      }
    }
    return out;
  };
  const local = (name: string, stack: Set<string>): Set<string> => {
    const done = localDeps.get(name);
    if (done) return done;
    const l = config.locals.get(name);
    if (!l || stack.has(name)) return new Set();
    stack.add(name);
    const d = refsOf([l.expr], stack);
    stack.delete(name);
    localDeps.set(name, d);
    return d;
  };
  const deps = new Map<string, Set<string>>();
  for (const [k, r] of config.resources) deps.set(k, refsOf(resourceExprs(r), new Set()));
  for (const [k, r] of config.data) deps.set(`data.${k}`, refsOf(resourceExprs(r), new Set()));
  for (const [k, d] of deps) d.delete(k);
  return deps;
}

/** Drops every edge implied by a longer path, as Terraform's TransitiveReduction does. */
export function transitiveReduction(deps: Map<string, Set<string>>): Map<string, Set<string>> {
  const reach = new Map<string, Set<string>>();
  const reachable = (k: string, stack = new Set<string>()): Set<string> => {
    const r = reach.get(k);
    if (r) return r;
    const out = new Set<string>();
    stack.add(k);
    for (const d of deps.get(k) ?? []) {
      out.add(d);
      if (!stack.has(d)) for (const x of reachable(d, stack)) out.add(x);
    }
    stack.delete(k);
    reach.set(k, out);
    return out;
  };
  const reduced = new Map<string, Set<string>>();
  for (const [k, d] of deps) {
    const keep = new Set(d);
    for (const w of d) for (const x of reachable(w)) if (x !== w) keep.delete(x);
    reduced.set(k, keep);
  }
  return reduced;
}

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
                   plan-refresh-only, plan-destroy, or apply. Not yet
                   supported by tfsim.
`,
  flags: { type: { type: "string" }, "draw-cycles": { type: "boolean" }, plan: { type: "string" }, "module-depth": { type: "number" } },
  async run(args, ctx) {
    if (typeof args.flags.type === "string" && args.flags.type !== "") {
      writeDiagnostics(
        ctx,
        new Diagnostics([error("Graph type not supported", `tfsim graph prints the resource dependency graph only; -type=${args.flags.type} is not supported yet.`)]),
      );
      return 1;
    }
    const { config, diagnostics } = loadConfig(ctx.cwd);
    const diags = new Diagnostics(diagnostics);
    if (diags.hasErrors()) {
      writeDiagnostics(ctx, diags);
      return 1;
    }
    const reduced = transitiveReduction(resourceDependencies(config));
    const resources = [...reduced].map(([resource, d]) => ({ module: "", resource, dependsOn: [...d] }));
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
