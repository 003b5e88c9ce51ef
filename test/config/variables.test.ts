// Input variable errors and warnings against Terraform's own: each configuration is run through `terraform plan
// -input=false` (offline, no providers) and every diagnostic collectVariableValues reports, rendered as the CLI
// renders it, must appear in Terraform's output. Values that are accepted are checked through
// `tfsim console` against `terraform console` in test/cli/console.test.ts.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { collectVariableValues, type VariableArg } from "../../src/config/variables.js";
import { rootVariableValidations } from "../../src/config/variable-validation.js";
import { renderDiagnostic } from "../../src/cli/render-diagnostics.js";
import { formatValue } from "../../src/lang/format-value.js";
import { tempDir } from "../helpers/cli.js";
import { runTerraform, terraformMissing } from "../helpers/terraform.js";

const mainTf = `variable "n" { type = number }

variable "tags" {
  type = map(string)
  default = { a = "b" }
}

variable "obj" {
  type = object({ a = string })
  default = { a = "x" }
}
`;

interface Case {
  readonly files: Record<string, string>;
  readonly args?: readonly VariableArg[];
  readonly env?: NodeJS.ProcessEnv;
}

const cases: Record<string, Case> = {
  "required variable not set": { files: {} },
  "wrong type in tfvars": { files: { "terraform.tfvars": 'n = "abc"\n' } },
  "wrong type in tfvars.json": { files: { "terraform.tfvars.json": '{"n": "abc"}' } },
  "wrong type in auto.tfvars": { files: { "x.auto.tfvars": 'n = 1\ntags = "nope"\n' } },
  "nested wrong type": { files: { "terraform.tfvars": 'n = 1\nobj = { a = ["x"] }\n' } },
  "wrong type from TF_VAR_": { files: {}, env: { TF_VAR_n: "abc" } },
  "wrong type from -var": { files: {}, args: [{ kind: "var", raw: "n=abc" }] },
  "undeclared in -var-file": { files: { "x.tfvars": "n = 1\nzz = 2\n" }, args: [{ kind: "var-file", path: "x.tfvars" }] },
  "missing -var-file": { files: {}, args: [{ kind: "var", raw: "n=1" }, { kind: "var-file", path: "nope.tfvars" }] },
};

function write(files: Record<string, string>): string {
  const dir = join(tempDir("tfsim-vars-"), "cfg");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "main.tf"), mainTf);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function cliArgs(args: readonly VariableArg[] = []): string[] {
  return args.map((a) => (a.kind === "var" ? `-var=${a.raw}` : `-var-file=${a.path}`));
}

describe.skipIf(terraformMissing)("input variable errors match terraform plan's", () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, { timeout: 120_000 }, () => {
      const dir = write(c.files);
      const { config } = loadConfig(dir);
      const r = collectVariableValues(config, { dir, env: c.env ?? {}, args: c.args ?? [], missing: "error" });
      expect(r.diagnostics.length).toBeGreaterThan(0);
      const hasErrors = r.diagnostics.some((d) => d.severity === "error");
      expect(runTerraform(["init", "-input=false", "-no-color"], { cwd: dir }).code).toBe(0);
      const tf = runTerraform(["plan", "-input=false", "-no-color", ...cliArgs(c.args)], { cwd: dir, env: c.env ?? {} });
      expect(tf.code).toBe(hasErrors ? 1 : 0);
      for (const d of r.diagnostics) {
        expect(d.severity === "error" ? tf.stderr : tf.stdout).toContain(renderDiagnostic(d, { color: false, width: 78 }).trim());
      }
    });
  }
});

describe("input variable precedence", () => {
  it("takes the last source in Terraform's order", () => {
    const dir = write({
      "terraform.tfvars": "n = 1\n",
      "terraform.tfvars.json": '{"n": 2}',
      "a.auto.tfvars": "n = 3\n",
      "b.auto.tfvars.json": '{"n": 4}',
      "f.tfvars": "n = 5\n",
    });
    const { config } = loadConfig(dir);
    const value = (args: VariableArg[], env: NodeJS.ProcessEnv = {}) =>
      formatValue(collectVariableValues(config, { dir, env, args, missing: "error" }).values.get("n")!);
    expect(value([], { TF_VAR_n: "0" })).toBe("4");
    expect(value([{ kind: "var-file", path: "f.tfvars" }])).toBe("5");
    expect(value([{ kind: "var-file", path: "f.tfvars" }, { kind: "var", raw: "n=6" }])).toBe("6");
    expect(value([{ kind: "var", raw: "n=6" }, { kind: "var-file", path: "f.tfvars" }])).toBe("5");
  });
});

describe.skipIf(terraformMissing)("prompting for required variables", () => {
  it("asks as terraform plan asks on a terminal", { timeout: 120_000 }, async () => {
    const { spawnSync } = await import("node:child_process");
    const { PassThrough } = await import("node:stream");
    const { missingVariables, promptForMissing } = await import("../../src/config/variables.js");
    const dir = join(tempDir("tfsim-prompt-"), "cfg");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "main.tf"), 'variable "b" {\n  description = "The B value"\n}\nvariable "a" { type = number }\nvariable "c" { default = 1 }\noutput "o" { value = "${var.a}-${var.b}" }\n');
    expect(runTerraform(["init", "-input=false"], { cwd: dir }).code).toBe(0);
    // Terraform on a pseudo-terminal, answering each prompt; the terminal echoes the answers.
    const driver = `
import pty, os, time, select, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp("terraform", ["terraform", "plan", "-no-color"])
out = b""
def read(t):
    global out
    end = time.time() + t
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try: d = os.read(fd, 4096)
            except OSError: return
            if not d: return
            out += d
            if out.endswith(b"Enter a value: "): return
for answer in [b"5", b"hi"]:
    read(30); os.write(fd, answer + b"\\n")
read(30)
sys.stdout.write(out.decode())
`;
    const tf = spawnSync("python3", ["-c", driver], { cwd: dir, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" } });
    const transcript = tf.stdout.replace(/\r\n/g, "\n");
    const want = transcript.slice(0, transcript.indexOf("hi\n") + "hi\n\n".length);

    const { config } = loadConfig(dir);
    const names = missingVariables(config, { dir, env: {} });
    expect(names).toEqual(["a", "b"]);
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let written = "";
    stdout.on("data", (c: Buffer) => (written += c.toString()));
    const answers = ["5", "hi"];
    const { inputPrompt } = await import("../../src/cli/views/input-prompt.js");
    const { noColor } = await import("../../src/cli/views/color.js");
    const pending = promptForMissing(config, names, { stdin, stdout, prompt: (query, description) => inputPrompt(noColor, query, description) });
    stdin.end(answers.join("\n") + "\n");
    const got = await pending;
    // What a terminal shows: the prompts with the typed answers echoed after them.
    let i = 0;
    const shown = written.replace(/Enter a value: /g, () => `Enter a value: ${answers[i++]}\n`);
    expect(shown).toBe(want);
    const r = collectVariableValues(config, { dir, env: {}, missing: "error", prompted: got });
    expect(r.diagnostics).toEqual([]);
    expect(formatValue(r.values.get("a")!)).toBe("5");
  });
});

// Preparing the values leaves the rules to the plan's walk; rootVariableValidations checks them as it does.
describe.skipIf(terraformMissing)("validation blocks", () => {
  it("fail with terraform plan's summary, detail and range", { timeout: 120_000 }, () => {
    const dir = join(tempDir("tfsim-validation-"), "cfg");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "main.tf"),
      'variable "z" {\n  type = number\n  validation {\n    condition     = var.z > 3\n    error_message = "z must be > 3."\n  }\n}\nvariable "ok" {\n  default = "x"\n  validation {\n    condition     = length(var.ok) == 1\n    error_message = "one character."\n  }\n}\n',
    );
    expect(runTerraform(["init", "-input=false"], { cwd: dir }).code).toBe(0);
    const tf = runTerraform(["plan", "-json", "-input=false", "-var=z=1"], { cwd: dir });
    const want = tf.stdout
      .split("\n")
      .filter((l) => l.includes('"type":"diagnostic"'))
      .map((l) => JSON.parse(l).diagnostic)
      .map((d: { summary: string; detail: string; range: { start: { byte: number }; end: { byte: number } } }) => [d.summary, d.detail, d.range.start.byte, d.range.end.byte]);
    const { config } = loadConfig(dir);
    const r = collectVariableValues(config, { dir, env: {}, args: [{ kind: "var", raw: "z=1" }], missing: "error" });
    expect(r.diagnostics).toEqual([]);
    const failures = rootVariableValidations(config, r.values, r.ranges, dir);
    const got = failures.map((d) => [d.summary, d.detail, Buffer.byteLength(d.subject!.file.text.slice(0, d.subject!.start)), Buffer.byteLength(d.subject!.file.text.slice(0, d.subject!.end))]);
    expect(want.length).toBe(1);
    expect(got).toEqual(want);
  });
});
