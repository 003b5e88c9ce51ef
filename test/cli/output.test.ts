// `tfsim output` against `terraform output` on the same state file, which Terraform itself wrote.
import { beforeAll, describe, expect, it } from "vitest";
import { runTfsim, tempDir } from "../helpers/cli.js";
import { runTerraform, terraformMissing } from "../helpers/terraform.js";
import { terraformState, workspace } from "./state-fixture.js";

let ws = "";
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");

describe.skipIf(terraformMissing)("tfsim output matches terraform output", () => {
  beforeAll(() => {
    ws = workspace(terraformState());
  }, 120_000);

  const names = ["str", "num", "obj", "lst", "map", "sec", "multi", "nul"];
  const success: string[][] = [[], ["-json"], ...names.map((n) => [n]), ...names.map((n) => ["-json", n]), ...["str", "num", "multi", "sec"].map((n) => ["-raw", n])];
  for (const args of success) {
    it(`output ${args.join(" ")}`, () => {
      const tf = runTerraform(["output", "-no-color", ...args], { cwd: ws });
      const ours = runTfsim(["output", ...args], { cwd: ws });
      expect(ours.stdout).toBe(tf.stdout);
      expect(ours.code).toBe(tf.code);
    });
  }

  for (const args of [["nope"], ["-raw", "obj"], ["-raw", "lst"], ["-raw", "map"], ["-raw", "nul"], ["-raw"], ["a", "b"]]) {
    it(`output ${args.join(" ")} fails as terraform does`, () => {
      const tf = runTerraform(["output", "-no-color", ...args], { cwd: ws });
      const ours = runTfsim(["output", ...args], { cwd: ws });
      expect(ours.code).toBe(tf.code);
      expect(ours.code).toBe(1);
      // Same error title and first detail words; tfsim says tfsim where terraform names itself, so wrapping may differ.
      const title = (s: string) => /Error: (.*)/.exec(s)?.[1];
      expect(title(ours.stderr)).toBe(title(strip(tf.stderr)));
      expect(ours.stdout).toBe(tf.stdout);
    });
  }

  it("no outputs: the warning and exit 0; -json prints {}", () => {
    const dir = tempDir();
    for (const args of [[], ["x"], ["-json"]]) {
      const tf = runTerraform(["output", "-no-color", ...args], { cwd: dir });
      const ours = runTfsim(["output", ...args], { cwd: dir });
      expect(ours.code).toBe(tf.code);
      const words = (t: string) => t.replace(/\s+/g, " ");
      expect(words(ours.stdout.replaceAll("tfsim", "terraform"))).toBe(words(tf.stdout));
    }
  });
});
