// -target, -replace and prevent_destroy against Terraform 1.11 on module trees of terraform_data: what is
// refreshed, planned and applied, Terraform's warnings and errors, and the states left behind.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { repoRoot } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair, type Pair } from "./engine/oracle.js";

const TIMEOUT = 240_000;

// Terraform's text wraps where tfsim's name (shorter than "Terraform") lets a line run on; words must match.
const words = (s: string): string => normalise(s).replace(/\s+/g, " ").trim();

function same(p: Pair, args: string[], cut: (s: string) => string = (s) => s): void {
  const r = p.run([...args, "-no-color"]);
  const step = args.join(" ");
  const out = (s: string): string => words(cut(s));
  expect({ step, code: r.tfsim.code, out: out(r.tfsim.stdout), err: words(r.tfsim.stderr) }).toEqual({ step, code: r.terraform.code, out: out(r.terraform.stdout), err: words(r.terraform.stderr) });
}

// Terraform refreshes each object as its plan walk reaches it, so it never refreshes what waits on a failed
// instance; tfsim refreshes the objects in scope before it plans. Where that shows, the refresh lines are cut.
const noRefresh = (s: string): string => s.replace(/^.*: Refreshing state\.\.\..*\n/gm, "");

describe.skipIf(terraformMissing)("targeting matches terraform", () => {
  it("-target and -replace with module addresses: refresh scope, plans, applies, outputs, states", { timeout: TIMEOUT }, () => {
    const p = pair(join(repoRoot, "test/testdata/modules-td"));
    p.run(["init", "-no-color"]);
    same(p, ["apply", "-auto-approve"]);
    same(p, ["plan", '-target=module.app["dev"]']);
    same(p, ["plan", "-target=terraform_data.after"]);
    same(p, ["plan", '-replace=module.app["dev"].terraform_data.x[0]']);
    same(p, ["plan", "-destroy", "-target=terraform_data.base"]);
    same(p, ["plan", "-destroy", '-target=module.app["prod"].module.nested']);
    same(p, ["apply", "-auto-approve", "-target=module.single[0].terraform_data.x[1]", "-replace=module.single[0].terraform_data.x[1]"]);
    same(p, ["apply", "-auto-approve", "-destroy", "-target=module.single"]);
    expect(p.states().tfsim).toEqual(p.states().terraform);
    same(p, ["apply", "-auto-approve"]);
    same(p, ["apply", "-auto-approve", "-destroy"]);
    expect(p.states().tfsim).toEqual(p.states().terraform);
  });

  it("malformed -target and -replace addresses are Terraform's errors", { timeout: TIMEOUT }, () => {
    const p = pair(join(repoRoot, "test/testdata/modules-td"));
    p.run(["init", "-no-color"]);
    for (const a of ["-target=module.app[dev]", "-target=foo", "-replace=foo", "-replace=module.app", "-replace=terraform_data.base[0"]) same(p, ["plan", a]);
    same(p, ["apply", "-auto-approve", "-target=a.b.c"]);
  });

  it("prevent_destroy: Terraform's error, what depends on the refused object left out, -target around it", { timeout: TIMEOUT }, () => {
    const p = pair(join(repoRoot, "examples/hello-terraform-data"));
    p.write(
      "main.tf",
      `resource "terraform_data" "keep" {
  input = "x"
  lifecycle {
    prevent_destroy = true
  }
}
resource "terraform_data" "dep" {
  input = terraform_data.keep.output
}
`,
    );
    same(p, ["apply", "-auto-approve"]);
    same(p, ["plan", "-destroy"]);
    same(p, ["destroy", "-auto-approve"]);
    same(p, ["plan", "-replace=terraform_data.keep"], noRefresh);
    same(p, ["apply", "-auto-approve", "-destroy", "-target=terraform_data.dep"]);
    expect(p.states().tfsim).toEqual(p.states().terraform);
  });
});
