// `tfsim fmt` as a user runs it, side by side with `terraform fmt`: each case lays out the same files in two
// temp directories, runs both commands with the same arguments, and compares exit code, stdout, stderr and
// the files left on disk. Terraform's name in its messages is the only thing translated.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { applyPatch } from "diff";
import { describe, expect, it } from "vitest";
import { runTfsim, tempDir, tfsimBin, type RunResult } from "../helpers/cli.js";
import { terraformEnv, terraformMissing } from "../helpers/terraform.js";

type Files = Record<string, string>;

function lay(files: Files): string {
  const dir = tempDir("tfsim-fmt-cli-");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function readTree(dir: string, prefix = ""): Files {
  const out: Files = {};
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) Object.assign(out, readTree(p, `${prefix}${name}/`));
    else out[prefix + name] = readFileSync(p, "utf8");
  }
  return out;
}

function terraform(args: readonly string[], cwd: string, input = ""): RunResult {
  const r = spawnSync("terraform", args, { cwd, input, encoding: "utf8", env: { ...process.env, ...terraformEnv } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface Both {
  readonly ours: RunResult;
  readonly theirs: RunResult;
  readonly oursTree: Files;
  readonly theirsTree: Files;
}

/** Runs `fmt ARGS` with tfsim and terraform on two copies of `files` (in `sub` of each, if given). */
function both(files: Files, args: readonly string[], opts: { input?: string; sub?: string } = {}): Both {
  const a = lay(files);
  const b = lay(files);
  const ours = runTfsim(["fmt", ...args], { cwd: join(a, opts.sub ?? ""), input: opts.input ?? "" });
  const theirs = terraform(["fmt", ...args], join(b, opts.sub ?? ""), opts.input ?? "");
  return { ours, theirs, oursTree: readTree(a), theirsTree: readTree(b) };
}

function expectSame(r: Both): void {
  expect(r.ours.stdout).toBe(r.theirs.stdout);
  expect(r.ours.stderr).toBe(r.theirs.stderr.replaceAll("terraform fmt", "tfsim fmt"));
  expect(r.ours.code).toBe(r.theirs.code);
  expect(r.oursTree).toEqual(r.theirsTree);
}

const messy: Files = {
  "main.tf": 'resource "a" "b" {\nx=1\n  long_name = "y"\n}\n',
  "vars.tfvars": "region=\"us-east-1\"\n",
  "ok.tf": "a = 1\n",
  "t.tftest.hcl": "run \"x\" {\ncommand=plan\n}\n",
  "skip.tf.json": '{"resource":{}}',
  ".hidden.tf": "a=1\n",
  "backup.tf~": "a=1\n",
  "sub/inner.tf": "b=2\n",
  "sub/deeper/leaf.tf": "c   =   3\n",
  ".terraform/modules/m.tf": "d=4\n",
};

describe.skipIf(terraformMissing)("tfsim fmt against terraform fmt", () => {
  it("formats the current directory in place and lists what it changed", () => {
    const r = both(messy, ["-no-color"]);
    expect(r.ours.stdout).toBe("main.tf\nt.tftest.hcl\nvars.tfvars\n");
    expectSame(r);
  });

  it("-recursive descends into subdirectories but not hidden ones", () => {
    const r = both(messy, ["-recursive", "-no-color"]);
    expect(r.ours.stdout).toContain("sub/deeper/leaf.tf\n");
    expect(r.ours.stdout).not.toContain(".terraform");
    expectSame(r);
  });

  it("-check exits 3 and lists, writing nothing; -list=false keeps it quiet", () => {
    const r = both(messy, ["-check"]);
    expect(r.ours.code).toBe(3);
    expect(r.oursTree).toEqual(messy);
    expectSame(r);
    const quiet = both(messy, ["-check", "-list=false"]);
    expect(quiet.ours.stdout).toBe("");
    expectSame(quiet);
  });

  it("-check exits 0 when everything is formatted", () => {
    const r = both({ "main.tf": 'resource "a" "b" {\n  x         = 1\n  long_name = "y"\n}\n' }, ["-check", "-recursive"]);
    expect(r.ours.code).toBe(0);
    expectSame(r);
  });

  it("-write=false lists without writing", () => {
    const r = both(messy, ["-write=false", "-recursive"]);
    expect(r.oursTree).toEqual(messy);
    expectSame(r);
  });

  it("-list=false -write=false prints each file's formatted text", () => {
    expectSame(both(messy, ["-list=false", "-write=false", "main.tf", "ok.tf", "vars.tfvars"]));
  });

  it("-diff prints a unified diff shaped like terraform's", () => {
    const simple: Files = { "main.tf": "a=1\nb = 2\n\n\n\n\n\nc    = 3\n", "x.tf": "only = 1\nlast=2" };
    expectSame(both(simple, ["-diff", "-write=false"]));
    expectSame(both(simple, ["-diff", "-check"]));
  });

  it("-diff of the whole corpus is terraform's, and applies back to the formatted text", () => {
    const corpus = join(import.meta.dirname, "../testdata/fmt");
    const files: Files = {};
    for (const name of readdirSync(corpus)) {
      if (statSync(join(corpus, name)).isFile()) files[name] = readFileSync(join(corpus, name), "utf8");
    }
    const r = both(files, ["-diff", "-write=false", "-list=false", "-no-color"]);
    expectSame(r);
    const formatted = both(files, ["-list=false"]).oursTree;
    // Each file's diff: "--- old/NAME" up to the next header.
    const pieces = r.ours.stdout.split(/^(?=--- old\/)/m).filter((p) => p !== "");
    expect(pieces.length).toBe(r.theirs.stdout.split(/^(?=--- old\/)/m).filter((p) => p !== "").length);
    for (const piece of pieces) {
      const name = /^--- old\/(.*)$/m.exec(piece)![1]!;
      expect(applyPatch(files[name]!, piece), name).toBe(formatted[name]);
    }
  });

  it("-diff of a large file whose every block changes is terraform's (and does not crawl)", () => {
    let text = "";
    for (let i = 0; i < 1500; i++) {
      text += `resource "aws_instance" "w${i}" {\nami="ami-${i}"\n  instance_type   = "t3.micro"\ntags = {\nName = "\${var.p}-${i}"\n    Env="dev" # c\n}\ncount = "\${var.n}"\n}\n`;
    }
    expectSame(both({ "big.tf": text }, ["-diff", "-write=false", "-no-color"]));
  });

  it("targets: files and directories, named relative to the working directory", () => {
    expectSame(both(messy, ["-write=false", "sub/inner.tf", "main.tf", "./sub/deeper", "sub/../vars.tfvars"]));
    expectSame(both(messy, ["-write=false", "../main.tf", "."], { sub: "sub" }));
  });

  it("reads stdin with `-` and prints the result", () => {
    for (const input of ["a=1\n", "a = 1", "", "locals {\nx = \"${var.y}\"\n}\n"]) {
      expectSame(both({}, ["-"], { input }));
      expectSame(both({}, ["-check", "-"], { input }));
      expectSame(both({}, ["-diff", "-"], { input }));
    }
  });

  it("a missing target is an error, exit 2", () => {
    expectSame(both(messy, ["-no-color", "main.tf", "nope.tf", "vars.tfvars"]));
  });

  it("a file of another kind is an error, exit 2", () => {
    expectSame(both(messy, ["-no-color", "skip.tf.json"]));
  });

  it("a file with syntax errors gets its diagnostics and exit 2, and is not touched", () => {
    const files: Files = { "a.tf": "a=1\n", "bad.tf": "locals {\n  a = 1 +\n}\n" };
    const r = both(files, ["-no-color"]);
    expect(r.ours.code).toBe(2);
    expect(r.oursTree["bad.tf"]).toBe(files["bad.tf"]);
    expectSame(r);
    expectSame(both({}, ["-no-color", "-"], { input: 'a = "${}"\n' }));
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

describe.skipIf(terraformMissing ?? scriptMissing)("tfsim fmt on a terminal: errors in colour, framed", () => {
  for (const cols of [78, 40]) {
    it(`a missing target and a syntax error, ${cols} columns`, () => {
      const files: Files = { "bad.tf": 'locals {\n  a = "${}"\n}\n', "good.tf": "a=1\n" };
      const args = "fmt -write=false good.tf bad.tf nope.tf";
      const tf = onTerminal(`terraform ${args}`, lay(files), cols);
      const ours = onTerminal(`'${process.execPath}' '${tfsimBin}' ${args}`, lay(files), cols);
      expect(ours).toBe(tf);
    });
  }
});

describe("tfsim fmt", () => {
  it("-help prints its usage", () => {
    const r = runTfsim(["fmt", "-help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: tfsim \[global options\] fmt \[options\] \[target\.\.\.\]\n/);
    expect(r.stdout).toContain("-recursive");
  });

  it("an unknown flag is an error, exit 1: the usage on stderr, as terraform fmt prints it", () => {
    const r = runTfsim(["fmt", "-bogus"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Usage: tfsim \[global options\] fmt/);
  });

  it("-chdir names files relative to the new directory", () => {
    const dir = lay({ "m/main.tf": "a=1\n" });
    const r = runTfsim(["-chdir=m", "fmt", "-write=false"], { cwd: dir });
    expect(r.stdout).toBe("main.tf\n");
  });
});
