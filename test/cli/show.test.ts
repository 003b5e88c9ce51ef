// `tfsim show [-json] [STATEFILE]` against `terraform show` on the same state file, which Terraform wrote.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runTfsim, tempDir } from "../helpers/cli.js";
import { runTerraform, terraformMissing } from "../helpers/terraform.js";
import { terraformState, workspace } from "./state-fixture.js";

let ws = "";

describe.skipIf(terraformMissing)("tfsim show matches terraform show", () => {
  beforeAll(() => {
    ws = workspace(terraformState());
  }, 120_000);

  it("the human form of the state: every instance, then the outputs", () => {
    const tf = runTerraform(["show", "-no-color"], { cwd: ws });
    const ours = runTfsim(["show"], { cwd: ws });
    expect(ours.stdout).toBe(tf.stdout);
    expect(ours.code).toBe(0);
  });

  it("-json: the same document byte for byte", () => {
    const tf = runTerraform(["show", "-json"], { cwd: ws });
    const ours = runTfsim(["show", "-json"], { cwd: ws });
    expect(ours.stdout).toBe(tf.stdout);
  });

  it("a state file given as the argument", () => {
    const other = tempDir();
    const file = join(ws, "terraform.tfstate");
    for (const args of [[file], ["-json", file]]) {
      const tf = runTerraform(["show", "-no-color", ...args], { cwd: other });
      const ours = runTfsim(["show", ...args], { cwd: other });
      expect(ours.stdout).toBe(tf.stdout);
    }
  });

  it("no state", () => {
    const dir = tempDir();
    for (const args of [[], ["-json"]]) {
      const tf = runTerraform(["show", "-no-color", ...args], { cwd: dir });
      const ours = runTfsim(["show", ...args], { cwd: dir });
      expect(ours.stdout).toBe(tf.stdout);
      expect(ours.code).toBe(tf.code);
    }
  });
});
