// `removed` blocks against Terraform 1.11: validate's address errors, the plan-time error for a target still
// declared, and what a plan does with the objects in state under a target: with `destroy = false` they are
// forgotten (not refreshed, shown as " . resource", counted nowhere, warned about, dropped from state on apply
// without a provider call), otherwise destroyed as any orphan. Terraform lists the forgotten addresses of its
// warning in Go map order, and the product's name changes where the warning wraps, so the warning is compared
// with its addresses sorted and its prose unwrapped.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair, type Pair } from "./engine/oracle.js";

const TIMEOUT = 180_000;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The forget warning's text in a canonical form: its addresses sorted, its prose on one line. */
function canonWarning(text: string): string {
  return text.replace(/Warning: Some objects will no longer be managed by tfsim\n\n[\s\S]*?manage them again\.\n/g, (w) => {
    const addrs = [...w.matchAll(/^ - (.+)$/gm)].map((m) => m[1]!).sort();
    return `Warning: Some objects will no longer be managed by tfsim\n\n[forgets ${addrs.join(", ")}]\n`;
  });
}

const text = (s: string): string => canonWarning(normalise(s));

function same(p: Pair, args: string[], input?: string): { tfsim: string; terraform: string } {
  const r = p.run(args, input);
  const step = args.join(" ");
  expect({ step, code: r.tfsim.code, out: text(r.tfsim.stdout), err: text(r.tfsim.stderr) }).toEqual({ step, code: r.terraform.code, out: text(r.terraform.stdout), err: text(r.terraform.stderr) });
  return { tfsim: r.tfsim.stdout, terraform: r.terraform.stdout };
}

/** Lines whose order follows Terraform's parallel walk: compared as a sorted set, apart from the rest. */
const walkOrdered = new Set(["refresh_start", "refresh_complete", "planned_change", "apply_start", "apply_complete"]);

/** -json lines without timestamps and ids: the walk's events sorted, the rest in order, the warning's addresses sorted. */
function jsonLines(stdout: string): { events: unknown[]; rest: unknown[] } {
  const lines = stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(normalise(l.replace(UUID, "ID"))) as Record<string, unknown>)
    .filter((l) => l.type !== "version");
  for (const l of lines) {
    delete l["@timestamp"];
    const d = l.diagnostic as { detail?: string } | undefined;
    if (d?.detail) d.detail = d.detail.replace(/( - .+\n)+/, (m) => m.split("\n").filter(Boolean).sort().join("\n") + "\n");
  }
  const key = (l: Record<string, unknown>): string => `${String(l.type)} ${String(l["@message"])}`;
  const events = lines.filter((l) => walkOrdered.has(String(l.type))).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  // Terraform's JSON view emits a plan's errors in Go map order; the human view sorts them (and so does tfsim).
  const detail = (l: Record<string, unknown>): string => JSON.stringify(l.diagnostic);
  const diagnostics = lines.filter((l) => l.type === "diagnostic").sort((a, b) => (detail(a) < detail(b) ? -1 : detail(a) > detail(b) ? 1 : 0));
  return { events, rest: lines.filter((l) => !walkOrdered.has(String(l.type))).map((l) => (l.type === "diagnostic" ? diagnostics.shift()! : l)) };
}

function showJson(stdout: string): unknown {
  const doc = JSON.parse(stdout.replace(UUID, "ID")) as Record<string, unknown>;
  delete doc.timestamp;
  return doc;
}

const before = `resource "terraform_data" "a" {
  input = "a"
}
resource "terraform_data" "b" {
  count = 2
  input = "b\${count.index}"
}
module "m" {
  source = "./m"
}
`;

function source(): string {
  const src = tempDir();
  mkdirSync(join(src, "m"));
  writeFileSync(join(src, "m/main.tf"), `resource "terraform_data" "x" {\n  input = "x"\n}\nresource "terraform_data" "y" {\n  count = 1\n  input = "y"\n}\n`);
  writeFileSync(join(src, "main.tf"), before);
  return src;
}

/** Both sides initialised and applied with the configuration before any removed block. */
function applied(): Pair {
  const p = pair(source());
  same(p, ["init", "-no-color"]);
  same(p, ["apply", "-no-color", "-auto-approve"]);
  return p;
}

describe.skipIf(terraformMissing)("removed blocks, against Terraform", () => {
  it("validate refuses instance keys, data sources and non-addresses in from, and a destroy that is not a constant bool", { timeout: TIMEOUT }, () => {
    const p = pair(tempDir());
    p.write(
      "main.tf",
      `resource "terraform_data" "a" {
  input = "a"
}



removed {
  from = terraform_data.b[0]
  lifecycle {
    destroy = false
  }
}
removed {
  from = module.m["x"]
}
removed {
  from = module.m[0].terraform_data.y
}
removed {
  from = module.m.terraform_data.x["k"]
}
removed {
  from = terraform_data.b.c
}
removed {
  from = "terraform_data.a"
}
removed {
  from = data.terraform_remote_state.x
}
removed {
  from = module
}
removed {
  from = terraform_data[0]
}
removed {
  from = terraform_data.c
  lifecycle {
    destroy = "maybe"
  }
}
removed {
  from = terraform_data.d
  lifecycle {
    destroy = var.x
  }
}
removed {
  from = terraform_data.e
  lifecycle {
    prevent_destroy = true
  }
}
removed {
  from = terraform_data.f
  lifecycle {
    destroy = false
  }
  provisioner "local-exec" {
    command = "echo create-time"
  }
  provisioner "local-exec" {
    when    = destroy
    command = "echo destroy-time"
  }
}
`,
    );
    same(p, ["validate", "-no-color"]);
    const r = p.run(["validate", "-json"]);
    expect(JSON.parse(r.tfsim.stdout)).toEqual(JSON.parse(r.terraform.stdout));
    // The same errors stop a plan.
    same(p, ["plan", "-no-color"]);
  });

  it("a removed block whose resource or module is still declared fails the plan, before any refresh", { timeout: TIMEOUT }, () => {
    const p = applied();
    p.write("main.tf", `${before}removed {\n  from = terraform_data.a\n}\nremoved {\n  from = module.m\n  lifecycle {\n    destroy = false\n  }\n}\nremoved {\n  from = module.m.terraform_data.x\n}\n`);
    same(p, ["validate", "-no-color"]);
    same(p, ["plan", "-no-color"]);
    const r = p.run(["plan", "-json"]);
    expect(jsonLines(r.tfsim.stdout)).toEqual(jsonLines(r.terraform.stdout));
    same(p, ["refresh", "-no-color"]);
    // A -refresh-only plan does not look at removed blocks.
    const only = p.run(["plan", "-no-color", "-refresh-only"]);
    expect({ code: only.tfsim.code, err: only.tfsim.stderr }).toEqual({ code: only.terraform.code, err: only.terraform.stderr });
    expect(only.tfsim.stdout).toContain("No changes. Your infrastructure still matches the configuration.");
  });

  it("destroy = false forgets every instance of a count resource and everything in a module: plan, -json, show -json, apply, plan", { timeout: TIMEOUT }, () => {
    const p = applied();
    p.write(
      "main.tf",
      `resource "terraform_data" "a" {
  input = "a"
}
resource "terraform_data" "n" {
  input = "new"
}
removed {
  from = terraform_data.b
  lifecycle {
    destroy = false
  }
}
removed {
  from = module.m
  lifecycle {
    destroy = false
  }
}
removed {
  from = terraform_data.never_there
}
`,
    );
    // Only terraform_data.a is refreshed; the forgotten objects are shown unchanged and counted nowhere.
    const plan = same(p, ["plan", "-no-color"]);
    expect(plan.tfsim).toContain(' # terraform_data.b[0] will no longer be managed by tfsim, but will not be destroyed\n # (destroy = false is set in the configuration)\n . resource "terraform_data" "b" {\n');
    expect(plan.tfsim).not.toContain("terraform_data.b[0]: Refreshing state");
    expect(plan.tfsim).toContain("Plan: 1 to add, 0 to change, 0 to destroy.");
    same(p, ["plan", "-no-color", "-detailed-exitcode"]);
    const json = p.run(["plan", "-json"]);
    expect(jsonLines(json.tfsim.stdout)).toEqual(jsonLines(json.terraform.stdout));
    expect(json.tfsim.stdout).toContain('"action":"remove","reason":"delete_because_no_resource_config"');
    same(p, ["plan", "-no-color", "-out=p.bin"]);
    const show = p.run(["show", "-json", "p.bin"]);
    expect(showJson(show.tfsim.stdout)).toEqual(showJson(show.terraform.stdout));
    // Applying the saved plan forgets without a word; the state matches Terraform's.
    same(p, ["apply", "-no-color", "p.bin"]);
    const states = p.states();
    expect(states.tfsim).toEqual(states.terraform);
    same(p, ["state", "list"]);
    same(p, ["plan", "-no-color", "-detailed-exitcode"]);
  });

  it("apply -auto-approve forgets with the warning, -json too, and the next plan has no changes", { timeout: TIMEOUT }, () => {
    const p = applied();
    const removedConfig = `resource "terraform_data" "a" {
  input = "a"
}
removed {
  from = terraform_data.b
  lifecycle {
    destroy = false
  }
}
removed {
  from = module.m.terraform_data.y
  lifecycle {
    destroy = false
  }
}
module "m" {
  source = "./m2"
}
`;
    // module.m now has only x: y is forgotten, x stays.
    for (const d of [p.tfsim, p.terraform]) {
      mkdirSync(join(d, "m2"));
      writeFileSync(join(d, "m2/main.tf"), `resource "terraform_data" "x" {\n  input = "x"\n}\n`);
    }
    p.write("main.tf", removedConfig);
    same(p, ["init", "-no-color"]);
    const r = p.run(["apply", "-json", "-auto-approve"]);
    expect(jsonLines(r.tfsim.stdout)).toEqual(jsonLines(r.terraform.stdout));
    const states = p.states();
    expect(states.tfsim).toEqual(states.terraform);
    same(p, ["plan", "-no-color", "-detailed-exitcode"]);
  });

  it("destroy = true, or no lifecycle, destroys as any orphan; a destroy plan destroys forgotten objects too", { timeout: TIMEOUT }, () => {
    const p = applied();
    p.write(
      "main.tf",
      `removed {
  from = terraform_data.a
  lifecycle {
    destroy = false
  }
}
removed {
  from = terraform_data.b
}
removed {
  from = module.m
  lifecycle {
    destroy = true
  }
}
`,
    );
    same(p, ["plan", "-no-color", "-destroy"]);
    same(p, ["plan", "-no-color"]);
    same(p, ["apply", "-no-color", "-auto-approve"]);
    const states = p.states();
    expect(states.tfsim).toEqual(states.terraform);
    same(p, ["plan", "-no-color"]);
  });

  it("without a removed block, a module call deleted from the configuration is destroyed (apply crashed on it before)", { timeout: TIMEOUT }, () => {
    const p = applied();
    p.write("main.tf", `resource "terraform_data" "a" {\n  input = "a"\n}\n`);
    same(p, ["apply", "-no-color", "-auto-approve"]);
    const states = p.states();
    expect(states.tfsim).toEqual(states.terraform);
  });

  it("a child module's removed blocks are relative to it and apply in each of its instances", { timeout: TIMEOUT }, () => {
    const src = tempDir();
    mkdirSync(join(src, "m/n"), { recursive: true });
    writeFileSync(join(src, "main.tf"), `module "m" {\n  source = "./m"\n  count  = 2\n}\n`);
    const child = (rest: string) => `resource "terraform_data" "x" {\n  input = "x"\n}\n${rest}`;
    writeFileSync(join(src, "m/main.tf"), child(`resource "terraform_data" "y" {\n  input = "y"\n}\nmodule "n" {\n  source = "./n"\n}\n`));
    writeFileSync(join(src, "m/n/main.tf"), `resource "terraform_data" "z" {}\n`);
    const p = pair(src);
    same(p, ["init", "-no-color"]);
    same(p, ["apply", "-no-color", "-auto-approve"]);
    // Still declared, and instance keys, inside the child module.
    p.write("m/main.tf", child(`resource "terraform_data" "y" {\n  input = "y"\n}\nmodule "n" {\n  source = "./n"\n}\nremoved {\n  from = terraform_data.y\n}\nremoved {\n  from = module.n\n}\n`));
    same(p, ["plan", "-no-color"]);
    p.write("m/main.tf", child(`removed {\n  from = terraform_data.x[0]\n}\n`));
    same(p, ["validate", "-no-color"]);
    same(p, ["plan", "-no-color"]);
    p.write("m/main.tf", child(`removed {\n  from = terraform_data.y\n  lifecycle {\n    destroy = false\n  }\n}\nremoved {\n  from = module.n\n  lifecycle {\n    destroy = false\n  }\n}\n`));
    same(p, ["plan", "-no-color"]);
    same(p, ["apply", "-no-color", "-auto-approve"]);
    const states = p.states();
    expect(states.tfsim).toEqual(states.terraform);
    same(p, ["plan", "-no-color", "-detailed-exitcode"]);
  });

  it("-target leaves a forget out unless it names it; -refresh-only reads the objects and forgets nothing; a prompt shows the warning before it", { timeout: TIMEOUT }, () => {
    const p = applied();
    p.write("main.tf", `resource "terraform_data" "a" {\n  input = "a2"\n}\nremoved {\n  from = terraform_data.b\n  lifecycle {\n    destroy = false\n  }\n}\nremoved {\n  from = module.m\n}\n`);
    same(p, ["plan", "-no-color", "-target=terraform_data.a"]);
    same(p, ["plan", "-no-color", "-target=terraform_data.b"]);
    const refreshed = (out: string): string[] => normalise(out).split("\n").filter((l) => l.includes("Refreshing state")).sort();
    const r = p.run(["plan", "-no-color", "-refresh-only"]);
    expect(refreshed(r.tfsim.stdout)).toEqual(refreshed(r.terraform.stdout));
    expect(refreshed(r.tfsim.stdout)).toContain("terraform_data.b[0]: Refreshing state... [id=ID]");
    // The refresh command honours removed blocks (no read, the warning) but keeps the objects in state.
    same(p, ["refresh", "-no-color"]);
    same(p, ["state", "list"]);
    // Without -auto-approve the warnings come before "Enter a value:", and not again after the apply.
    same(p, ["apply", "-no-color"], "yes\n");
    const states = p.states();
    expect(states.tfsim).toEqual(states.terraform);
  });

  it("in .tf.json: removed blocks (and resources, which crashed the plan before) as Terraform reads them", { timeout: TIMEOUT }, () => {
    const p = pair(tempDir());
    p.write("main.tf.json", JSON.stringify({ resource: { terraform_data: { a: { input: "a" }, e: { for_each: '${toset(["k1", "k2"])}', input: "${each.key}" } } } }));
    same(p, ["apply", "-no-color", "-auto-approve"]);
    p.write("main.tf.json", JSON.stringify({ resource: { terraform_data: { a: { input: "a" } } }, removed: [{ from: "terraform_data.e", lifecycle: [{ destroy: false }] }] }, null, 2));
    same(p, ["plan", "-no-color"]);
    same(p, ["apply", "-no-color", "-auto-approve"]);
    const states = p.states();
    expect(states.tfsim).toEqual(states.terraform);
    p.write("main.tf.json", JSON.stringify({ removed: [{ from: "terraform_data.e[0]", lifecycle: [{ destroy: "x" }] }, { from: "${terraform_data.e}" }, { from: 3 }] }));
    same(p, ["validate", "-no-color"]);
    const r = p.run(["validate", "-json"]);
    expect(JSON.parse(r.tfsim.stdout)).toEqual(JSON.parse(r.terraform.stdout));
  });
});
