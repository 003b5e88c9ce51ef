// The -json UI: one JSON object per line, exactly as Terraform 1.11 writes them (field order, messages,
// "@timestamp" in RFC 3339 with fractional seconds), for plan, apply, destroy and refresh.
import type { Writable } from "node:stream";
import type { Diagnostic } from "../../../diag/diagnostic.js";
import { diagnosticToJSON } from "../../render-diagnostics.js";
import type { ApplyAction, ChangeAction, ChangeSummary, IdAttr, OutputReport, ResourceAddr, ResourceChange, UiSink } from "./events.js";

/** The UI protocol version Terraform 1.11 announces. */
export const JSON_UI_VERSION = "1.2";
/** The Terraform release whose messages tfsim's JSON UI reproduces. */
export const TERRAFORM_VERSION = "1.11.4";

const ING: Record<ApplyAction, string> = { create: "Creating...", update: "Modifying...", delete: "Destroying...", read: "Reading...", noop: "" };
const DONE: Record<ApplyAction, string> = {
  create: "Creation complete",
  update: "Modifications complete",
  delete: "Destruction complete",
  read: "Read complete",
  noop: "",
};
const STILL: Record<ApplyAction, string> = { create: "creating", update: "modifying", delete: "destroying", read: "reading", noop: "" };
const ERRORED: Record<ApplyAction, string> = { create: "Creation errored", update: "Modifications errored", delete: "Destruction errored", read: "Read errored", noop: "" };
const PLAN_VERB: Record<ChangeAction, string> = {
  noop: "No-op",
  create: "Plan to create",
  read: "Plan to read",
  update: "Plan to update",
  replace: "Plan to replace",
  delete: "Plan to delete",
  move: "Plan to move",
  import: "Plan to import",
  remove: "Plan to remove",
};

/** Go's time.RFC3339Nano: fractional seconds without trailing zeros. */
function timestamp(): string {
  return new Date().toISOString().replace(/\.?0+Z$/, "Z");
}

function idSuffix(id: IdAttr | undefined): string {
  return id ? ` [${id.key}=${id.value}]` : "";
}

export class JsonSink implements UiSink {
  constructor(private readonly out: Writable) {}

  private emit(level: string, message: string, type: string, fields: Record<string, unknown>): void {
    // Terraform's log writer orders the top-level keys alphabetically (nested objects keep their own order).
    const all: Record<string, unknown> = { "@level": level, "@message": message, "@module": "terraform.ui", "@timestamp": timestamp(), ...fields, type };
    const line: Record<string, unknown> = {};
    for (const k of Object.keys(all).sort()) line[k] = all[k];
    this.out.write(JSON.stringify(line).replace(/[<>&\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")) + "\n");
  }

  version(product = "Terraform", version = TERRAFORM_VERSION): void {
    this.emit("info", `${product} ${version}`, "version", { terraform: version, ui: JSON_UI_VERSION });
  }

  log(message: string, level: "info" | "warn" | "error" = "info"): void {
    this.emit(level, message, "log", {});
  }

  diagnostic(d: Diagnostic): void {
    const sev = d.severity === "error" ? "Error" : "Warning";
    this.emit(d.severity === "error" ? "error" : "warn", `${sev}: ${d.summary}`, "diagnostic", { diagnostic: diagnosticToJSON(d) });
  }

  refreshStart(r: ResourceAddr, id?: IdAttr): void {
    this.emit("info", `${r.addr}: Refreshing state...${idSuffix(id)}`, "refresh_start", { hook: { resource: r, ...(id ? { id_key: id.key, id_value: id.value } : {}) } });
  }

  refreshComplete(r: ResourceAddr, id?: IdAttr): void {
    this.emit("info", `${r.addr}: Refresh complete${idSuffix(id)}`, "refresh_complete", { hook: { resource: r, ...(id ? { id_key: id.key, id_value: id.value } : {}) } });
  }

  resourceDrift(c: ResourceChange): void {
    const verb = c.action === "delete" ? "Drift detected (delete)" : `Drift detected (${c.action})`;
    this.emit("info", `${c.resource.addr}: ${verb}`, "resource_drift", { change: change(c) });
  }

  plannedChange(c: ResourceChange): void {
    this.emit("info", `${c.resource.addr}: ${PLAN_VERB[c.action]}`, "planned_change", { change: change(c) });
  }

  changeSummary(s: ChangeSummary): void {
    let message: string;
    if (s.operation === "plan") {
      message = s.import > 0 ? `Plan: ${s.import} to import, ${s.add} to add, ${s.change} to change, ${s.remove} to destroy.` : `Plan: ${s.add} to add, ${s.change} to change, ${s.remove} to destroy.`;
    } else if (s.operation === "destroy") {
      message = `Destroy complete! Resources: ${s.remove} destroyed.`;
    } else {
      message =
        s.import > 0
          ? `Apply complete! Resources: ${s.import} imported, ${s.add} added, ${s.change} changed, ${s.remove} destroyed.`
          : `Apply complete! Resources: ${s.add} added, ${s.change} changed, ${s.remove} destroyed.`;
    }
    this.emit("info", message, "change_summary", { changes: { add: s.add, change: s.change, import: s.import, remove: s.remove, operation: s.operation } });
  }

  applyStart(r: ResourceAddr, action: ApplyAction, id?: IdAttr): void {
    this.emit("info", `${r.addr}: ${ING[action]}${idSuffix(id)}`, "apply_start", { hook: { resource: r, action, ...(id ? { id_key: id.key, id_value: id.value } : {}) } });
  }

  applyProgress(r: ResourceAddr, action: ApplyAction, elapsedSeconds: number): void {
    this.emit("info", `${r.addr}: Still ${STILL[action]}... [${elapsedSeconds}s elapsed]`, "apply_progress", { hook: { resource: r, action, elapsed_seconds: elapsedSeconds } });
  }

  applyComplete(r: ResourceAddr, action: ApplyAction, elapsedSeconds: number, id?: IdAttr): void {
    this.emit("info", `${r.addr}: ${DONE[action]} after ${elapsedSeconds}s${idSuffix(id)}`, "apply_complete", {
      hook: { resource: r, action, ...(id ? { id_key: id.key, id_value: id.value } : {}), elapsed_seconds: elapsedSeconds },
    });
  }

  applyErrored(r: ResourceAddr, action: ApplyAction, elapsedSeconds: number): void {
    this.emit("error", `${r.addr}: ${ERRORED[action]} after ${elapsedSeconds}s`, "apply_errored", { hook: { resource: r, action, elapsed_seconds: elapsedSeconds } });
  }

  outputs(outputs: Readonly<Record<string, OutputReport>>): void {
    const sorted: Record<string, OutputReport> = {};
    for (const k of Object.keys(outputs).sort()) sorted[k] = outputs[k]!;
    this.emit("info", `Outputs: ${Object.keys(sorted).length}`, "outputs", { outputs: sorted });
  }
}

function change(c: ResourceChange): Record<string, unknown> {
  return { resource: c.resource, action: c.action, ...(c.reason ? { reason: c.reason } : {}), ...(c.importing ? { importing: c.importing } : {}), ...(c.generatedConfig !== undefined ? { generated_config: c.generatedConfig } : {}) };
}
