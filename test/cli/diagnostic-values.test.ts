// The values Terraform shows under a diagnostic's snippet ("│ local.m is object with 2 attributes", "while
// calling lookup(inputMap, key, default...)"): tfsim plan's errors against terraform plan's, byte for byte,
// on every directory of test/testdata/diagnostic-values (type mismatches, invalid indexes, unsupported
// attributes on values, function argument errors, conditions, templates).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runTfsim } from "../helpers/cli.js";
import { copyToTemp, runTerraform, terraformMissing } from "../helpers/terraform.js";

const casesDir = join(repoRoot, "test/testdata/diagnostic-values");

describe.skipIf(terraformMissing)("expression values under diagnostics match terraform", () => {
  for (const name of readdirSync(casesDir).sort()) {
    it(`${name}: plan -no-color prints the same errors`, () => {
      const dir = copyToTemp(join(casesDir, name));
      const tf = runTerraform(["plan", "-no-color"], { cwd: dir });
      const ours = runTfsim(["plan", "-no-color"], { cwd: dir, env: { TFSIM_HOME: join(dir, ".home") } });
      expect(tf.stderr).toContain("├────────────────");
      expect({ code: ours.code, stderr: ours.stderr }).toEqual({ code: tf.code, stderr: tf.stderr });
    });
  }
});
