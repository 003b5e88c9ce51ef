// DOT output in the two shapes `terraform graph` prints (Terraform 1.11): the default resource-only graph,
// with one cluster per module, and the detailed operation graph of `terraform graph -type=plan`.
import type { Graph } from "./graph.js";

/** A resource in the default `terraform graph` output. */
export interface DotResource {
  /** Module path, "" for the root (`module.app`). */
  readonly module: string;
  /** The resource's address within its module (`terraform_data.a`, `data.aws_ami.x`). */
  readonly resource: string;
  /** Full addresses (module path + resource) of the resources it depends on. */
  readonly dependsOn: readonly string[];
}

const q = (s: string) => JSON.stringify(s);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const modeKey = (resource: string): string => (resource.startsWith("data.") ? "0" : "1") + resource;
const fullName = (r: DotResource) => (r.module ? `${r.module}.${r.resource}` : r.resource);

/**
 * `terraform graph` (no -type): root-module resources, then a `cluster_` subgraph per module, then edges from
 * each resource (in that order) to its dependencies (in the same order: root module first, then by module path,
 * then by name).
 */
export function resourceGraphDot(resources: readonly DotResource[]): string {
  const byModule = new Map<string, DotResource[]>();
  for (const r of resources) {
    const list = byModule.get(r.module);
    if (list) list.push(r);
    else byModule.set(r.module, [r]);
  }
  const modules = [...byModule.keys()].sort(cmp);
  const lines = ["digraph G {", '  rankdir = "RL";', '  node [shape = rect, fontname = "sans-serif"];'];
  const ordered: DotResource[] = [];
  for (const m of modules) {
    // Terraform orders resources by mode (data sources first), then type and name.
    const list = byModule.get(m)!.sort((a, b) => cmp(modeKey(a.resource), modeKey(b.resource)));
    ordered.push(...list);
    const indent = m ? "    " : "  ";
    if (m) lines.push(`  subgraph ${q(`cluster_${m}`)} {`, `    label = ${q(m)}`, '    fontname = "sans-serif"');
    for (const r of list) lines.push(`${indent}${q(fullName(r))} [label=${q(r.resource)}];`);
    if (m) lines.push("  }");
  }
  const rank = new Map(ordered.map((r, i) => [fullName(r), i]));
  const byRank = (a: string, b: string) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || cmp(a, b);
  for (const r of ordered) {
    for (const d of [...new Set(r.dependsOn)].sort(byRank)) lines.push(`  ${q(fullName(r))} -> ${q(d)};`);
  }
  lines.push("}");
  return lines.join("\n") + "\n";
}

/** How one vertex of the operation graph is drawn. */
export interface DotVertex {
  /** The name after "[root] ", e.g. `terraform_data.a (expand)`. */
  readonly name: string;
  /** When set, the vertex is declared with this label and shape (resources: "box", providers: "diamond"). */
  readonly label?: string;
  readonly shape?: string;
  /** How many times the declaration is printed (Terraform repeats it per instance in a destroy graph). */
  readonly repeat?: number;
}

/**
 * `terraform graph -type=plan`: one "root" subgraph, declared vertices sorted by name, then every edge
 * (dependent -> dependency) sorted; tabs for indentation, as Terraform prints.
 */
export function operationGraphDot<V>(graph: Graph<V>, describe: (vertex: V, key: string) => DotVertex): string {
  const names = new Map<string, DotVertex>();
  for (const k of graph.keys()) names.set(k, describe(graph.get(k), k));
  const id = (k: string) => q(`[root] ${names.get(k)!.name}`);
  const lines = ["digraph {", '\tcompound = "true"', '\tnewrank = "true"', '\tsubgraph "root" {'];
  const declared = [...names.entries()].filter(([, v]) => v.label !== undefined).sort((a, b) => cmp(a[1].name, b[1].name));
  for (const [k, v] of declared) for (let i = 0; i < (v.repeat ?? 1); i++) lines.push(`\t\t${id(k)} [label = ${q(v.label!)}, shape = ${q(v.shape ?? "box")}]`);
  const edges = graph.edges().map(([a, b]) => `\t\t${id(a)} -> ${id(b)}`);
  lines.push(...edges.sort(cmp), "\t}", "}");
  return lines.join("\n") + "\n";
}
