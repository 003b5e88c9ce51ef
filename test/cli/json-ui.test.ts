// The -json UI sink against Terraform's own lines: run `terraform plan/apply -json` on terraform_data configs,
// replay each line's event into JsonSink, and expect the very same line (timestamps aside).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { JsonSink } from "../../src/cli/views/json/sink.js";
import type { ApplyAction, ResourceAddr } from "../../src/cli/views/json/events.js";
import { resourceAddr } from "../../src/cli/views/json/events.js";
import { tempDir } from "../helpers/cli.js";
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
