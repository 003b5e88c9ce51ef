// Commands in a directory with no configuration or no state, and flags or arguments a command does not take, against
// terraform itself: the same errors (or the same quiet success), the same streams and exit codes.
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair, type Pair } from "./engine/oracle.js";

/** Terraform's paragraphs re-wrapped by its own width once "Terraform" reads "tfsim": compare words, not breaks. */
function unwrapped(text: string): string {
  return normalise(text.replace(/\bterraform (destroy|init|import|state|refresh|console|output|show|validate)\b/g, "tfsim $1")).replace(/([^\n])\n(?=[^\n\s│╷╵-])/g, "$1 ");
}

function same(p: Pair, args: string[]): void {
  const r = p.run(args);
  const step = args.join(" ");
  // The two runs are in two directories; the path is the one thing their messages may differ by.
  const err = (s: string, dir: string): string => unwrapped(s.split(dir).join("DIR"));
  expect({ step, code: r.tfsim.code, out: unwrapped(r.tfsim.stdout), err: err(r.tfsim.stderr, p.tfsim) }).toEqual({ step, code: r.terraform.code, out: unwrapped(r.terraform.stdout), err: err(r.terraform.stderr, p.terraform) });
}

describe.skipIf(terraformMissing)("an empty directory, against Terraform", () => {
  it("no configuration, then no state, then an empty state", { timeout: 180_000 }, () => {
    const p = pair(tempDir());
    for (const args of [["plan"], ["apply"], ["state", "list"], ["state", "rm", "a.b"], ["show"], ["taint", "a.b"], ["import", "a.b", "x"], ["init"]]) same(p, [...args, "-no-color"]);
    for (const args of [["plan", "-destroy"], ["destroy", "-auto-approve"], ["show"], ["state", "list"], ["taint", "a.b"], ["untaint", "a.b"], ["output"]]) same(p, [...args, "-no-color"]);
  });

  it("a flag the command does not define", { timeout: 180_000 }, () => {
    const p = pair(tempDir());
    for (const cmd of [["plan"], ["apply"], ["destroy"], ["output"], ["show"], ["validate"], ["refresh"], ["init"], ["state", "list"], ["state", "show"], ["state", "rm"], ["state", "pull"]]) {
      const r = p.run([...cmd, "-bogus", "-no-color"]);
      const step = cmd.join(" ");
      expect({ step, code: r.tfsim.code }).toEqual({ step, code: r.terraform.code });
      // The usage texts are tfsim's own; the error lines and where they go are Terraform's.
      const firstLines = (s: string): string => unwrapped(s).split("\n").slice(0, 5).join("\n");
      expect({ step, err: firstLines(r.tfsim.stderr), outEmpty: r.tfsim.stdout === "" }).toEqual({ step, err: firstLines(r.terraform.stderr), outEmpty: r.terraform.stdout === "" });
    }
  });

  it("positional arguments a command does not take", { timeout: 180_000 }, () => {
    const p = pair(tempDir());
    p.write("main.tf", 'resource "terraform_data" "a" {}\n');
    for (const args of [["plan", "foo"], ["apply", "foo", "bar"], ["destroy", "foo"], ["refresh", "foo"], ["output", "a", "b"], ["show", "a", "b"], ["init", "foo"], ["validate", "a", "b"]]) same(p, [...args, "-no-color"]);
  });
});
