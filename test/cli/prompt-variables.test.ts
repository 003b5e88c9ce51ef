// Required input variables nothing sets are asked for on a terminal by plan, apply and destroy, as Terraform
// asks (checked against terraform plan on the same pseudo-terminal); -input=false, TF_INPUT=0 or a stdin that
// is not a terminal give "No value for required variable" instead.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTfsim, tempDir, tfsimBin } from "../helpers/cli.js";
import { ptyMissing, runOnPty } from "../helpers/pty.js";
import { terraformEnv, terraformMissing } from "../helpers/terraform.js";

const config = `variable "name" {
  description = "The name to use"
}

variable "z" {
  type = number
}

output "o" {
  value = "\${var.name}-\${var.z}"
}
`;

function workdir(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir("tfsim-prompt-");
  writeFileSync(join(dir, "main.tf"), config);
  const home = join(dir, ".home");
  return { dir, env: { TFSIM_HOME: home, HOME: home, CHECKPOINT_DISABLE: "1", NO_COLOR: "" } };
}

const tfsim = (...args: string[]) => [process.execPath, tfsimBin, ...args];

/** What the terminal shows up to and including the last prompt's answer. */
function prompts(output: string): string {
  const last = output.lastIndexOf("Enter a value:");
  return output.slice(0, output.indexOf("\r\n", last) + 2);
}

describe.skipIf(ptyMissing)("prompting for required input variables on a terminal", () => {
  it("plan asks for each missing variable, in name order, with its description, and uses the answers", () => {
    const { dir, env } = workdir();
    const r = runOnPty(tfsim("plan", "-no-color"), ["bob", "7"], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(prompts(r.output)).toBe("var.name\r\n  The name to use\r\n\r\n  Enter a value: bob\r\n\r\nvar.z\r\n  Enter a value: 7\r\n");
    expect(r.output).toContain('+ o = "bob-7"');
  });

  it.skipIf(terraformMissing)("the prompts are terraform plan's, byte for byte", () => {
    const { dir, env } = workdir();
    const tf = runOnPty(["terraform", "plan", "-no-color"], ["bob", "7"], { cwd: dir, env: { ...env, ...terraformEnv } });
    const ours = runOnPty(tfsim("plan", "-no-color"), ["bob", "7"], { cwd: dir, env });
    expect(tf.code).toBe(0);
    expect(prompts(ours.output)).toBe(prompts(tf.output));
  });

  it.skipIf(terraformMissing)("in colour too (no -no-color), byte for byte", () => {
    const { dir, env } = workdir();
    const tf = runOnPty(["terraform", "plan"], ["bob", "7"], { cwd: dir, env: { ...env, ...terraformEnv } });
    const ours = runOnPty(tfsim("plan"), ["bob", "7"], { cwd: dir, env });
    expect(prompts(ours.output)).toContain("\u001b[0m\u001b[1mvar.name\u001b[0m\r\n  The name to use\r\n\r\n  \u001b[1mEnter a value:\u001b[0m \u001b[0mbob");
    expect(prompts(ours.output)).toBe(prompts(tf.output));
  });

  it("a variable set elsewhere is not asked for; apply then asks for approval on the same terminal", () => {
    const { dir, env } = workdir();
    const r = runOnPty(tfsim("apply", "-no-color", "-var", "z=3"), ["ann", "yes"], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(r.output).not.toContain("var.z");
    expect(r.output).toContain("Apply complete!");
    const state = JSON.parse(readFileSync(join(dir, "terraform.tfstate"), "utf8")) as { outputs: { o: { value: string } } };
    expect(state.outputs.o.value).toBe("ann-3");

    const d = runOnPty(tfsim("destroy", "-no-color"), ["ann", "3", "yes"], { cwd: dir, env });
    expect(d.output).toContain("var.name\r\n  The name to use\r\n\r\n  Enter a value: ann");
    expect(d.code).toBe(0);
  });

  it("-input=false and TF_INPUT=0 do not ask, even on a terminal", () => {
    const { dir, env } = workdir();
    for (const [args, extra] of [[["plan", "-no-color", "-input=false"], {}], [["plan", "-no-color"], { TF_INPUT: "0" }]] as const) {
      const r = runOnPty(tfsim(...args), ["bob", "7"], { cwd: dir, env: { ...env, ...extra } });
      expect(r.code).toBe(1);
      expect(r.output).not.toContain("Enter a value");
      expect(r.output).toContain("Error: No value for required variable");
    }
  });

  it("without a terminal there is no prompt", () => {
    const { dir, env } = workdir();
    const r = runTfsim(["plan", "-no-color"], { cwd: dir, env, input: "bob\n7\n" });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("Enter a value");
    expect(r.stderr).toContain("Error: No value for required variable");
    expect(existsSync(join(dir, "terraform.tfstate"))).toBe(false);
  });
});
