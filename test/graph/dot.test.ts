// DOT output compared byte for byte with `terraform graph` (Terraform 1.11) on the same configuration.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Graph, operationGraphDot, resourceGraphDot, type DotVertex } from "../../src/graph/index.js";
import { tempDir } from "../helpers/cli.js";

const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" };
const hasTerraform = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;

function terraform(dir: string, ...args: string[]): string {
  const r = spawnSync("terraform", args, { cwd: dir, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

describe.runIf(hasTerraform)("DOT like terraform graph", { timeout: 120_000 }, () => {
  const dir = tempDir("tfsim-dot-");
  mkdirSync(join(dir, "m"));
  writeFileSync(
    join(dir, "m/main.tf"),
    'variable "v" {}\nresource "terraform_data" "x" { input = var.v }\nresource "terraform_data" "y" {}\noutput "o" { value = terraform_data.x.output }\n',
  );
  writeFileSync(
    join(dir, "main.tf"),
    `resource "terraform_data" "a" {
  count = 2
  input = "a"
}
module "app" {
  source = "./m"
  v      = terraform_data.a[0].output
}
resource "terraform_data" "b" {
  input = [module.app.o, terraform_data.c.id]
}
resource "terraform_data" "c" {
  depends_on = [terraform_data.a]
}
output "o" {
  value = terraform_data.b.output
}
`,
  );
  terraform(dir, "init", "-input=false");

  it("default resource graph, with module clusters", () => {
    // The dependencies as the config above states them (module outputs resolved to the resources behind them).
    const ours = resourceGraphDot([
      { module: "", resource: "terraform_data.c", dependsOn: ["terraform_data.a"] },
      { module: "module.app", resource: "terraform_data.y", dependsOn: [] },
      { module: "", resource: "terraform_data.b", dependsOn: ["terraform_data.c", "module.app.terraform_data.x"] },
      { module: "module.app", resource: "terraform_data.x", dependsOn: ["terraform_data.a"] },
      { module: "", resource: "terraform_data.a", dependsOn: [] },
    ]);
    expect(ours).toBe(terraform(dir, "graph"));
  });

  it("operation graph (-type=plan): same declarations and sorted edges from the same vertices and edges", () => {
    const theirs = terraform(dir, "graph", "-type=plan");
    const g = new Graph<DotVertex>();
    const vertex = (name: string): string => {
      if (!g.has(name)) g.add(name, { name });
      return name;
    };
    for (const m of theirs.matchAll(/^\t\t"\[root\] ((?:[^"\\]|\\.)*)" \[label = "((?:[^"\\]|\\.)*)", shape = "(\w+)"\]$/gm)) {
      const name = JSON.parse(`"${m[1]}"`) as string;
      g.add(name, { name, label: JSON.parse(`"${m[2]}"`) as string, shape: m[3]! });
    }
    const edges = [...theirs.matchAll(/^\t\t"\[root\] ((?:[^"\\]|\\.)*)" -> "\[root\] ((?:[^"\\]|\\.)*)"$/gm)];
    expect(edges.length).toBeGreaterThan(5);
    for (const m of edges.reverse()) g.connect(vertex(JSON.parse(`"${m[1]}"`)), vertex(JSON.parse(`"${m[2]}"`)));
    expect(operationGraphDot(g, (v) => v)).toBe(theirs);
  });

  it("nested modules are flat clusters, sorted by path", () => {
    const d = tempDir("tfsim-dot-nested-");
    mkdirSync(join(d, "m"));
    mkdirSync(join(d, "n"));
    writeFileSync(join(d, "m/main.tf"), 'module "n" {\n  source = "../n"\n}\nresource "terraform_data" "y" {\n  input = module.n.o\n}\n');
    writeFileSync(join(d, "n/main.tf"), 'resource "terraform_data" "z" {}\noutput "o" {\n  value = terraform_data.z.id\n}\n');
    writeFileSync(join(d, "main.tf"), 'module "m" {\n  source = "./m"\n}\nmodule "b" {\n  source = "./n"\n}\nresource "terraform_data" "a" {}\n');
    terraform(d, "init", "-input=false");
    const ours = resourceGraphDot([
      { module: "module.m.module.n", resource: "terraform_data.z", dependsOn: [] },
      { module: "module.m", resource: "terraform_data.y", dependsOn: ["module.m.module.n.terraform_data.z"] },
      { module: "module.b", resource: "terraform_data.z", dependsOn: [] },
      { module: "", resource: "terraform_data.a", dependsOn: [] },
    ]);
    expect(ours).toBe(terraform(d, "graph"));
  });
});
