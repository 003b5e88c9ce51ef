// State commands and outputs with module addresses (module.app["dev"].terraform_data.x[0], module.single, nested
// modules) against Terraform 1.11 on the same applied module tree.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { repoRoot } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair } from "./engine/oracle.js";

// Terraform's text wraps where tfsim's shorter name lets a line run on; the words must match.
const words = (s: string): string => normalise(s.replace(/\s+/g, " ")).replace(/terraform (state|init)/g, "tfsim $1").trim();
// Terraform moves module instances in its map's order; the set of lines is what must match.
const sortedLines = (s: string): string => normalise(s).split("\n").sort().join("\n");

describe.skipIf(terraformMissing)("state commands on module addresses match terraform", () => {
  it("list, show, rm -dry-run, mv -dry-run, output", { timeout: 180_000 }, () => {
    const p = pair(join(repoRoot, "test/testdata/modules-td"));
    p.run(["init", "-no-color"]);
    expect(p.run(["apply", "-auto-approve", "-no-color"]).tfsim.code).toBe(0);
    const cases: [string[], (s: string) => string][] = [
      [["state", "list"], words],
      [["state", "list", "module.single"], words],
      [["state", "list", 'module.app["dev"]'], words],
      [["state", "list", "module.app"], words],
      [["state", "list", "module.single.module.nested"], words],
      [["state", "list", "module.nope"], words],
      [["state", "list", "terraform_data.nope"], words],
      [["state", "show", 'module.app["dev"].terraform_data.x[0]'], words],
      [["state", "show", "module.single[0].module.nested.terraform_data.echo"], words],
      [["state", "rm", "-dry-run", "module.single"], words],
      [["state", "rm", "-dry-run", "module.single.module.nested"], words],
      [["state", "rm", "-dry-run", "terraform_data.nope"], words],
      [["state", "rm", "terraform_data.nope"], words],
      [["state", "mv", "-dry-run", 'module.app["dev"]', 'module.app["qa"]'], sortedLines],
      [["state", "mv", "-dry-run", "module.single[0].terraform_data.x[0]", "module.single[0].terraform_data.x[5]"], words],
      [["output", "-json"], words],
      [["output", "-raw", "single"], words],
      [["output", "-json", "labels"], words],
      [["output", "single"], words],
    ];
    for (const [args, norm] of cases) {
      const r = p.run([...args, "-no-color"]);
      const step = args.join(" ");
      expect({ step, code: r.tfsim.code, out: norm(r.tfsim.stdout), err: words(r.tfsim.stderr) }).toEqual({ step, code: r.terraform.code, out: norm(r.terraform.stdout), err: words(r.terraform.stderr) });
    }
  });
});
