// Configurations written in Terraform's JSON syntax (.tf.json) through the whole engine, against Terraform 1.11:
// strings are templates, objects and arrays literal containers, and depends_on, ignore_changes,
// replace_triggered_by, moved and import `to`, a module's providers and a variable's type are native syntax
// in strings. Each case runs validate, plan, apply, a changed plan and its apply, and destroy through both, and
// compares exit codes, output and state contents (dependencies included: a JSON reference is a graph edge).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { awsProviderMissing, realAwsDir } from "../helpers/aws-provider.js";
import { runTfsim, tempDir } from "../helpers/cli.js";
import { runTerraform, terraformMissing } from "../helpers/terraform.js";
import { normalise, pair, type Pair } from "./engine/oracle.js";

const TIMEOUT = 180_000;

function configDir(files: Record<string, unknown>): string {
  const dir = tempDir();
  for (const [name, doc] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), typeof doc === "string" ? doc : JSON.stringify(doc, null, 2) + "\n");
  }
  return dir;
}

/** Runs `args` through both and expects the same exit code, output (normalised) and errors. */
function same(p: Pair, args: readonly string[]): void {
  const run = p.run([...args, "-no-color"]);
  // A deposed object's key is random.
  const deposed = (t: string): string => t.replace(/deposed object [0-9a-f]{8}/g, "deposed object KEY");
  const r = { tfsim: { ...run.tfsim, stdout: deposed(run.tfsim.stdout) }, terraform: { ...run.terraform, stdout: deposed(run.terraform.stdout) } };
  // The product's name in a message changes where its lines wrap, so errors are compared unwrapped.
  const err = (s: string) => s.replace(/Terraform/g, "tfsim").replace(/terraform (apply|plan)/g, "tfsim $1").replace(/\s+/g, " ");
  expect({ args, code: r.tfsim.code, out: normalise(r.tfsim.stdout), err: err(r.tfsim.stderr) }).toEqual({
    args,
    code: r.terraform.code,
    out: normalise(r.terraform.stdout),
    err: err(r.terraform.stderr),
  });
}

/** validate, plan, apply, then the changed plan and apply of `changed` (extra arguments), then destroy. */
function lifecycle(p: Pair, changed: readonly string[], after?: () => void, graphs = true): void {
  same(p, ["init"]);
  // The graph's edges come from the JSON references. (tfsim graph has no vertices for variable validations
  // yet, so configurations with validation blocks skip this.)
  for (const args of graphs ? [["graph"], ["graph", "-type=plan"], ["graph", "-type=apply"]] : []) {
    const g = p.run(args);
    expect({ args, code: g.tfsim.code, out: g.tfsim.stdout }).toEqual({ args, code: g.terraform.code, out: g.terraform.stdout });
  }
  same(p, ["validate"]);
  same(p, ["plan"]);
  // show -json of the saved plan: the configuration's expressions (JSON ones have their literal constant value
  // besides their references, as Terraform reads them with no context). Its root module only: tfsim does not
  // yet give the built-in provider an entry per module as terraform does.
  expect(p.run(["plan", "-out=p.plan"]).tfsim.code).toBe(0);
  const shown = p.run(["show", "-json", "p.plan"]);
  const rootModule = (t: string): unknown => {
    const m = (JSON.parse(t) as { configuration: { root_module: Record<string, unknown> } }).configuration.root_module;
    return { ...m, module_calls: Object.keys((m.module_calls as object | undefined) ?? {}) };
  };
  expect(rootModule(shown.tfsim.stdout)).toEqual(rootModule(shown.terraform.stdout));
  same(p, ["apply", "-auto-approve"]);
  expect(p.states().tfsim).toEqual(p.states().terraform);
  same(p, ["plan", "-detailed-exitcode"]);
  after?.();
  same(p, ["plan", ...changed]);
  same(p, ["apply", "-auto-approve", ...changed]);
  expect(p.states().tfsim).toEqual(p.states().terraform);
  same(p, ["destroy", "-auto-approve", ...changed]);
  expect(p.states().tfsim).toEqual(p.states().terraform);
}

const BRIEF = {
  variable: { n: { default: 2 } },
  locals: { names: '${[for i in range(var.n) : "n${i}"]}' },
  resource: {
    terraform_data: {
      a: { count: "${var.n}", input: "${local.names[count.index]}" },
      b: { for_each: "${toset(local.names)}", input: { k: "${each.key}", lit: "x" }, depends_on: ["terraform_data.a"] },
    },
  },
  output: { o: { value: "${terraform_data.b}" } },
};

const LIFECYCLE = {
  variable: {
    v: {
      type: "string",
      default: "one",
      validation: [{ condition: "${length(var.v) > 2}", error_message: "At least three characters." }],
    },
    tags: { type: "map(number)", default: { a: 1, b: "2" } },
    // A default is read with no context: its strings are not templates.
    raw: { default: "${literally} %{ if x }" },
  },
  resource: {
    terraform_data: {
      src: { input: "${var.v}", triggers_replace: "${var.v}" },
      cbd: { input: "cbd-${terraform_data.src.output}", lifecycle: { create_before_destroy: true } },
      ign: { input: "${var.v}", triggers_replace: ["fixed"], lifecycle: { ignore_changes: ["input"] } },
      rtb: { input: "static", lifecycle: { replace_triggered_by: ["terraform_data.src"] } },
      tr: { triggers_replace: { v: "${var.v}", n: 1, list: [true, null, "${var.tags}"] } },
      cond: {
        input: "${var.v}",
        lifecycle: {
          precondition: [{ condition: '${var.v != ""}', error_message: "Empty." }],
          postcondition: { condition: "${self.output == var.v}", error_message: "Mismatch ${var.v}." },
        },
      },
      late: { input: { all: "${[terraform_data.cbd.output, terraform_data.rtb.id]}" } },
    },
  },
  output: {
    s: { value: "${terraform_data.src.output}", sensitive: true },
    raw: { value: "${var.raw}" },
    plain: { value: { v: "${var.v}", n: 3, "k-${var.v}": "key" }, depends_on: ["terraform_data.late"] },
  },
};

const MODULE = {
  variable: { name: { type: "string" }, n: { type: "number", default: 1 } },
  resource: { terraform_data: { x: { count: "${var.n}", input: "${var.name}-${count.index}" } } },
  output: { out: { value: "${terraform_data.x[*].output}" } },
};

const MODULES = {
  module: {
    m: { source: "./m", for_each: '${toset(["a", "b"])}', name: "${each.key}" },
    c: { source: "./m", count: 1, name: "c${count.index}", n: 2 },
  },
  resource: { terraform_data: { after: { input: '${module.m["a"].out}' } } },
  output: { o: { value: "${{for k, m in module.m : k => m.out}}" }, c: { value: "${module.c[0].out}" } },
};

describe.skipIf(terraformMissing)(".tf.json configurations, against terraform", () => {
  it("variables, locals, count, for_each, depends_on and outputs (the issue's configuration)", { timeout: TIMEOUT }, () => {
    const p = pair(configDir({ "main.tf.json": BRIEF }));
    lifecycle(p, ["-var", "n=3"]);
  });

  it("lifecycle: create_before_destroy, ignore_changes, replace_triggered_by, triggers_replace, conditions, sensitive outputs", { timeout: TIMEOUT }, () => {
    const p = pair(configDir({ "main.tf.json": LIFECYCLE }));
    lifecycle(p, ["-var", "v=two"], undefined, false);
    // A validation rule that fails, in JSON.
    same(p, ["plan", "-var", "v=x"]);
  });

  it("module calls with count and for_each to a module written in JSON, then a moved block", { timeout: TIMEOUT }, () => {
    const p = pair(configDir({ "main.tf.json": MODULES, "m/main.tf.json": MODULE }));
    lifecycle(p, [], () => {
      const moved = { ...MODULES, resource: { terraform_data: { later: MODULES.resource.terraform_data.after } }, moved: [{ from: "terraform_data.after", to: "terraform_data.later" }] };
      p.write("main.tf.json", JSON.stringify(moved, null, 2));
    });
  });

  it("expressions: type constraints with optional attributes, template directives and escapes, computed object keys, comments", { timeout: TIMEOUT }, () => {
    const p = pair(
      configDir({
        "main.tf.json": {
          "//": "a comment",
          variable: {
            list: { type: "list(object({ a = string, b = optional(number, 5) }))", default: [{ a: "x" }] },
            name: { type: "string", default: "n", description: "the name", nullable: false },
          },
          locals: { m: { k: "${var.name}", n: 1 }, s: "%{ for x in var.list }${x.a}-${x.b} %{ endfor }", esc: "$${literal}" },
          resource: {
            terraform_data: {
              t: { "//": "a block comment", for_each: "${{for i, v in var.list : i => v}}", input: ["${each.value.a}", "${each.value.b}", "${local.m}", "${local.s}", "${local.esc}"] },
              p: { provider: "terraform", input: { "//": "kept", "${var.name}-key": "${length(terraform_data.t)}" } },
            },
          },
          output: { p: { value: "${terraform_data.p.input}", description: "d" }, t: { value: "${terraform_data.t}" } },
        },
      }),
    );
    lifecycle(p, ["-var", "name=other"]);
  });

  it("static arguments whose strings are not references: the errors terraform gives", { timeout: TIMEOUT }, () => {
    const p = pair(
      configDir({
        "main.tf.json": {
          resource: {
            terraform_data: {
              b: { depends_on: ["not a ref ("], input: "x" },
              c: { lifecycle: { ignore_changes: ["input", "${x}"] } },
              d: { lifecycle: { ignore_changes: "all" }, input: "${1 + 1}" },
            },
          },
        },
      }),
    );
    same(p, ["validate"]);
    same(p, ["plan"]);
  });

  it("import blocks with for_each and a JSON to", { timeout: TIMEOUT }, () => {
    const p = pair(
      configDir({
        "main.tf.json": {
          variable: { ids: { default: { a: "ida", b: "idb" } } },
          import: [
            { for_each: "${var.ids}", to: "terraform_data.r[each.key]", id: "p-${each.value}" },
            { to: "terraform_data.one", id: "single" },
          ],
          resource: { terraform_data: { r: { for_each: "${var.ids}" }, one: {} } },
        },
      }),
    );
    same(p, ["plan"]);
    same(p, ["apply", "-auto-approve"]);
    expect(p.states().tfsim).toEqual(p.states().terraform);
    same(p, ["plan", "-detailed-exitcode"]);
  });
});

const POLICY = {
  variable: { bucket: { default: "logs" } },
  resource: { terraform_data: { first: { input: "${var.bucket}" }, policy: { input: "${data.aws_iam_policy_document.d.json}" } } },
  data: {
    aws_iam_policy_document: {
      d: {
        statement: [
          { sid: "Read", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::${var.bucket}/*"] },
          {
            sid: "List",
            actions: ["s3:ListBucket"],
            resources: ["arn:aws:s3:::${terraform_data.first.output}"],
            principals: { type: "AWS", identifiers: ["*"] },
            condition: [{ test: "StringLike", variable: "s3:prefix", values: ["home/"] }],
          },
        ],
      },
      // A dynamic block in JSON: its label a property name, its for_each, iterator and content properties.
      dyn: {
        dynamic: {
          statement: {
            for_each: '${{ r = ["s3:GetObject"], w = ["s3:PutObject", "s3:DeleteObject"] }}',
            iterator: "s",
            content: { sid: "${upper(s.key)}", actions: "${s.value}", resources: ["*"] },
          },
        },
      },
    },
  },
  output: {
    policy: { value: "${jsondecode(data.aws_iam_policy_document.d.json).Statement[*].Sid}" },
    dynamic: { value: "${data.aws_iam_policy_document.dyn.json}" },
  },
};


describe.skipIf(awsProviderMissing !== undefined)(".tf.json data sources, against terraform with hashicorp/aws", () => {
  it("aws_iam_policy_document with nested blocks as JSON arrays and objects, read after what it refers to", { timeout: TIMEOUT }, () => {
    const home = tempDir("tfsim-jsoncfg-home-");
    const env = { TFSIM_HOME: home, HOME: home };
    const dir = tempDir("tfsim-jsoncfg-");
    writeFileSync(join(dir, "provider.tf"), `provider "aws" {\n  region = "us-east-1"\n}\n`);
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify(POLICY, null, 2));
    const { dir: tfDir, env: tfEnv } = realAwsDir("tfsim-jsoncfg-tf-");
    writeFileSync(join(tfDir, "main.tf.json"), JSON.stringify(POLICY, null, 2));
    const both = (args: string[]): void => {
      const ours = runTfsim([...args, "-no-color"], { cwd: dir, env });
      const theirs = runTerraform([...args, "-no-color"], { cwd: tfDir, env: tfEnv });
      // tfsim's own warning about the simulated account's root credentials has no counterpart in terraform.
      const out = ours.stdout.replace(/\nWarning: Using root credentials\n\n[^]*?it needs\.\n/, "");
      // tfsim refreshes every managed resource before reading data sources, terraform in graph order: the
      // leading progress lines are compared as a set.
      const lead = (t: string): string => {
        const lines = normalise(t).split("\n");
        const n = lines.findIndex((l) => !/: (Refreshing state|Reading|Read complete)/.test(l));
        return [...lines.slice(0, n).sort(), ...lines.slice(n)].join("\n");
      };
      expect({ args, code: ours.code, out: lead(out), err: ours.stderr }).toEqual({ args, code: theirs.code, out: lead(theirs.stdout), err: theirs.stderr });
    };
    expect(runTfsim(["init", "-no-color"], { cwd: dir, env }).code).toBe(0);
    expect(runTerraform(["init", "-input=false"], { cwd: tfDir, env: tfEnv }).code).toBe(0);
    both(["plan"]);
    both(["apply", "-auto-approve"]);
    both(["plan", "-detailed-exitcode"]);
    both(["apply", "-auto-approve", "-var", "bucket=other"]);
    both(["output", "-json"]);
  });
});
