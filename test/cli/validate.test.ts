// `tfsim validate` against `terraform validate` (Terraform 1.11, offline, no providers needed) on every
// directory of test/testdata/validate: the same exit code and byte-identical output with -no-color, and the
// same -json document. Terraform runs at test time; nothing it printed is stored in this repository.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runTfsim, tempDir, tfsimBin } from "../helpers/cli.js";
import { copyToTemp, runTerraform, terraformEnv, terraformMissing } from "../helpers/terraform.js";

const casesDir = join(repoRoot, "test/testdata/validate");
const cases = readdirSync(casesDir).sort();

/** Cases where Terraform's answer depends on something outside the configuration layer. */
const skip: Record<string, string> = {};

interface JsonDiag {
  severity: string;
  summary: string;
  detail: string;
  range?: { filename: string; start: { byte: number }; end: { byte: number } };
}

/**
 * Terraform builds the -json list in decode order, which for a body's attributes is Go map order (random),
 * so both lists are compared in one canonical order.
 */
function canonical(doc: { diagnostics: JsonDiag[] }): unknown {
  const key = (d: JsonDiag) =>
    `${d.range?.filename ?? ""}\u0000${String(d.range?.start.byte ?? -1).padStart(9, "0")}\u0000${String(d.range?.end.byte ?? -1).padStart(9, "0")}\u0000${d.summary}\u0000${d.detail}`;
  return { ...doc, diagnostics: [...doc.diagnostics].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) };
}

describe.skipIf(terraformMissing)("tfsim validate matches terraform validate", () => {
  for (const name of cases) {
    describe.skipIf(name in skip)(name, () => {
      const dir = copyToTemp(join(casesDir, name));

      it("-no-color: same exit code, stdout and stderr", () => {
        const tf = runTerraform(["validate", "-no-color"], { cwd: dir });
        const ours = runTfsim(["validate", "-no-color"], { cwd: dir });
        expect({ code: ours.code, stdout: ours.stdout, stderr: ours.stderr }).toEqual({
          code: tf.code,
          stdout: tf.stdout,
          stderr: tf.stderr,
        });
      });

      it("-json: same document", () => {
        const tf = runTerraform(["validate", "-json"], { cwd: dir });
        const ours = runTfsim(["validate", "-json"], { cwd: dir });
        expect(ours.code).toBe(tf.code);
        expect(canonical(JSON.parse(ours.stdout))).toEqual(canonical(JSON.parse(tf.stdout)));
      });
    });
  }

  it("a DIR argument: file names are shown relative to the working directory", () => {
    const root = tempDir();
    mkdirSync(join(root, "cfg"));
    writeFileSync(join(root, "cfg", "main.tf"), 'foo "bar" {\n}\n');
    mkdirSync(join(root, "here"));
    const tf = runTerraform(["validate", "-no-color", "../cfg"], { cwd: join(root, "here") });
    const ours = runTfsim(["validate", "-no-color", "../cfg"], { cwd: join(root, "here") });
    expect(ours.stderr).toContain("on ../cfg/main.tf line 1:");
    expect({ code: ours.code, stderr: ours.stderr }).toEqual({ code: tf.code, stderr: tf.stderr });
  });

  it("an empty directory is valid (no init needed), as in terraform", () => {
    const dir = tempDir();
    const tf = runTerraform(["validate", "-no-color"], { cwd: dir });
    const ours = runTfsim(["validate", "-no-color"], { cwd: dir });
    expect({ code: ours.code, stdout: ours.stdout }).toEqual({ code: tf.code, stdout: tf.stdout });
  });

  it("a missing directory", () => {
    const dir = tempDir();
    const tf = runTerraform(["validate", "-no-color", "nope"], { cwd: dir });
    const ours = runTfsim(["validate", "-no-color", "nope"], { cwd: dir });
    expect({ code: ours.code, stderr: ours.stderr }).toEqual({ code: tf.code, stderr: tf.stderr });
  });

  it("-chdir works like terraform's", () => {
    const dir = copyToTemp(join(casesDir, "duplicate-across-files"));
    const tf = runTerraform([`-chdir=${dir}`, "validate", "-no-color"], { cwd: repoRoot });
    const ours = runTfsim([`-chdir=${dir}`, "validate", "-no-color"], { cwd: repoRoot });
    expect({ code: ours.code, stderr: ours.stderr }).toEqual({ code: tf.code, stderr: tf.stderr });
  });
});

/** Runs a shell command on a pseudo-terminal `cols` wide (util-linux `script`), returning what it printed. */
function onTerminal(command: string, cwd: string, cols: number): string {
  const r = spawnSync("script", ["-qec", `stty cols ${cols}; ${command}`, "/dev/null"], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...terraformEnv, NO_COLOR: "" },
  });
  return r.stdout.replace(/\r\n/g, "\n");
}

const scriptMissing = spawnSync("script", ["--version"]).status === 0 ? undefined : "util-linux script is not installed";
const onTerminalCases = [
  "lifecycle-unsupported",
  "valid",
  "warning-only",
  "syntax-unterminated-string",
  "long-detail",
  "utf8-subject",
  "block-for-attribute",
  "terraform-nested",
];

describe.skipIf(terraformMissing ?? scriptMissing)("on a terminal: colours and the frame, wrapped at the terminal's width", () => {
  for (const name of onTerminalCases) {
    for (const cols of [78, 50]) {
      it(`${name}, ${cols} columns`, () => {
        const dir = copyToTemp(join(casesDir, name));
        const tf = onTerminal("terraform validate", dir, cols);
        const ours = onTerminal(`'${process.execPath}' '${tfsimBin}' validate`, dir, cols);
        expect(ours).toBe(tf);
      });
    }
  }
});

describe("tfsim validate on its own", () => {
  it("never prints a stack trace for binary garbage", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "main.tf"), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0xc3, 0x28, 0x7b, 0x7d, 0x22]));
    const r = runTfsim(["validate", "-no-color"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^\nError: /);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it("-help prints the usage", () => {
    const r = runTfsim(["validate", "-help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: tfsim [global options] validate [options]");
  });

  it("reads .tf.json files: structural errors name the JSON property", () => {
    const dir = copyToTemp(join(casesDir, "json-duplicate"));
    const r = runTfsim(["validate", "-json"], { cwd: dir });
    const doc = JSON.parse(r.stdout) as { valid: boolean; diagnostics: JsonDiag[] };
    expect(doc.valid).toBe(false);
    expect(doc.diagnostics.map((d) => d.summary)).toEqual(["Extraneous JSON object property"]);
  });
});
