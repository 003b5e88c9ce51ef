// The -json UI sink against Terraform's own lines: run `terraform plan/apply -json` on terraform_data configs,
// replay each line's event into JsonSink, and expect the very same line (timestamps aside).
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { JsonSink } from "../../src/cli/views/json/sink.js";
import type { ApplyAction, ResourceAddr } from "../../src/cli/views/json/events.js";
import { resourceAddr } from "../../src/cli/views/json/events.js";
import { runTfsim, tempDir } from "../helpers/cli.js";
import { TFSIM_VERSION } from "../../src/cli/version.js";
import { runTerraform, terraformMissing } from "../helpers/terraform.js";

type Line = Record<string, unknown> & { type: string; hook?: Record<string, unknown>; change?: Record<string, unknown> };

function replay(line: Line): string {
  let text = "";
  const out = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  const sink = new JsonSink(out);
  const hook = line.hook ?? {};
  const r = (hook.resource ?? (line.change as { resource?: ResourceAddr } | undefined)?.resource) as ResourceAddr;
  // Rebuild the address from its parts, so resourceAddr() is checked too.
  const rebuilt = r && resourceAddr({ module: r.module, type: r.resource_type, name: r.resource_name, ...(r.resource_key === null ? {} : { key: r.resource_key }) });
  const id = typeof hook.id_key === "string" ? { key: hook.id_key, value: String(hook.id_value) } : undefined;
  const action = hook.action as ApplyAction;
  switch (line.type) {
    case "version":
      sink.version();
      break;
    case "planned_change":
      sink.plannedChange({ resource: rebuilt, action: (line.change as { action: never }).action });
      break;
    case "resource_drift":
      sink.resourceDrift({ resource: rebuilt, action: (line.change as { action: never }).action });
      break;
    case "change_summary":
      sink.changeSummary(line.changes as never);
      break;
    case "outputs":
      sink.outputs(line.outputs as never);
      break;
    case "refresh_start":
      sink.refreshStart(rebuilt, id);
      break;
    case "refresh_complete":
      sink.refreshComplete(rebuilt, id);
      break;
    case "apply_start":
      sink.applyStart(rebuilt, action, id);
      break;
    case "apply_complete":
      sink.applyComplete(rebuilt, action, hook.elapsed_seconds as number, id);
      break;
    default:
      throw new Error(`no replay for ${line.type}`);
  }
  return text.trim();
}

const noTime = (s: string) => s.replace(/"@timestamp":"[^"]*"/, '"@timestamp":"T"');

describe.skipIf(terraformMissing)("JsonSink writes terraform's -json lines", () => {
  it("plan, apply, update and destroy of terraform_data resources (count, for_each, modules, outputs)", () => {
    const dir = tempDir();
    const write = (v: string) =>
      writeFileSync(
        join(dir, "main.tf"),
        `resource "terraform_data" "a" { input = "${v}" }
resource "terraform_data" "b" {
  count = 2
  input = terraform_data.a.output
}
resource "terraform_data" "c" {
  for_each = toset(["k"])
  input    = "<&>"
}
output "o" { value = terraform_data.b[0].output }
output "s" {
  value     = "x"
  sensitive = true
}
`,
      );
    write("x");
    expect(runTerraform(["init", "-no-color"], { cwd: dir }).code).toBe(0);
    const runs = [["plan", "-json"], ["apply", "-json", "-auto-approve"], null, ["apply", "-json", "-auto-approve"], ["destroy", "-json", "-auto-approve"]];
    let lines = 0;
    for (const args of runs) {
      if (!args) {
        write("y");
        continue;
      }
      const r = runTerraform(args, { cwd: dir });
      expect(r.code).toBe(0);
      for (const text of r.stdout.trim().split("\n")) {
        const line = JSON.parse(text) as Line;
        expect(noTime(replay(line))).toBe(noTime(text));
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(20);
  }, 120_000);
});

// The -json UI of tfsim's own plan/apply/destroy/refresh against terraform's, step by step on the same configs.
// Lines are compared as sets (the walk is parallel, so order within a phase varies), without timestamps, with
// random ids replaced; the order of the phases (version, refresh hooks, planned changes, summary, outputs,
// apply hooks, summary, outputs) is compared too.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function normalize(stdout: string): string[] {
  return stdout
    .trim()
    .split("\n")
    .filter((l) => l !== "")
    .map((text) => {
      const line = JSON.parse(text) as Record<string, unknown>;
      delete line["@timestamp"];
      // tfsim announces itself; the rest of the version line is checked separately.
      if (line.type === "version") return JSON.stringify({ type: "version", ui: line.ui });
      // Durations depend on the machine's load, not on behaviour.
      const hook = line.hook as Record<string, unknown> | undefined;
      if (hook && "elapsed_seconds" in hook) hook.elapsed_seconds = 0;
      if (typeof line["@message"] === "string") line["@message"] = line["@message"].replace(/ after \d+s/, " after 0s");
      return JSON.stringify(line).replace(UUID, "ID");
    });
}

function phases(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const t = (JSON.parse(l) as { type: string }).type;
    const p = /^(refresh|apply)_/.test(t) ? `${t.split("_")[0]}_hooks` : t;
    if (out[out.length - 1] !== p) out.push(p);
  }
  return out;
}

describe.skipIf(terraformMissing)("tfsim -json streams the lines terraform -json writes", () => {
  it("plan, apply (refused without -auto-approve), update/replace/delete through a plan file, refresh, errors, destroy", () => {
    const tf = tempDir();
    const ts = tempDir();
    const home = tempDir();
    const write = (files: Record<string, string>): void => {
      for (const d of [tf, ts]) for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
    };
    const config = (v: string, extra: string) => `resource "terraform_data" "a" { input = "${v}" }
resource "terraform_data" "r" { triggers_replace = "${v}" }
resource "terraform_data" "b" {
  count = 2
  input = terraform_data.a.output
}
resource "terraform_data" "c" {
  for_each = toset(["k", "${v}"])
  input    = each.key
}
${extra}
output "o" { value = terraform_data.b[0].output }
output "s" {
  value     = "x"
  sensitive = true
}
`;
    write({ "main.tf": config("x", `resource "terraform_data" "d" {}`) });
    expect(runTerraform(["init", "-no-color"], { cwd: tf }).code).toBe(0);
    const env = { TFSIM_HOME: home };
    expect(runTfsim(["init", "-no-color"], { cwd: ts, env }).code).toBe(0);
    const step = (args: string[], code: number): void => {
      const want = runTerraform(args, { cwd: tf });
      const got = runTfsim(args, { cwd: ts, env });
      expect(want.code, `terraform ${args.join(" ")}: ${want.stderr}`).toBe(code);
      expect(got.code, `tfsim ${args.join(" ")}: ${got.stderr}`).toBe(code);
      const first = JSON.parse(got.stdout.split("\n")[0]!) as Record<string, unknown>;
      expect(first).toMatchObject({ "@level": "info", "@message": `tfsim ${TFSIM_VERSION}`, "@module": "terraform.ui", terraform: TFSIM_VERSION, type: "version", ui: "1.2" });
      const w = normalize(want.stdout);
      const g = normalize(got.stdout);
      expect(phases(g), args.join(" ")).toEqual(phases(w));
      expect([...g].sort(), args.join(" ")).toEqual([...w].sort());
    };
    step(["plan", "-json"], 0);
    step(["apply", "-json"], 1);
    step(["destroy", "-json"], 1);
    step(["apply", "-json", "-auto-approve"], 0);
    step(["plan", "-json"], 0);
    write({ "main.tf": config("y", "") });
    step(["plan", "-json", "-out=p.bin"], 0);
    step(["apply", "-json", "p.bin"], 0);
    step(["refresh", "-json"], 0);
    step(["plan", "-json", "-refresh-only"], 0);
    step(["apply", "-json", "-refresh-only", "-auto-approve"], 0);
    write({ "e.tf": `resource "terraform_data" "e" { input = var.nope }\n` });
    step(["plan", "-json"], 1);
    step(["apply", "-json", "-auto-approve"], 1);
    for (const d of [tf, ts]) rmSync(join(d, "e.tf"));
    step(["plan", "-json", "-destroy"], 0);
    step(["destroy", "-json", "-auto-approve"], 0);
  }, 180_000);
});
