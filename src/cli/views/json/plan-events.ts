// The plan and state in the -json UI's words: each instance change as a planned_change / resource_drift
// (Terraform's json.ResourceInstanceChange, with its change reason), each output as the plan's action or,
// after an apply, as its value (sensitive ones without it).
import type { OutputChange, ResourceInstanceChange } from "../../../plan/plan.js";
import type { State } from "../../../../state/state.js";
import { resourceAddr, type ChangeAction, type ChangeReason, type OutputReport, type ResourceAddr, type ResourceChange } from "./events.js";

const ACTION: Record<ResourceInstanceChange["action"], ChangeAction> = {
  "no-op": "noop",
  create: "create",
  read: "read",
  update: "update",
  delete: "delete",
  "delete-then-create": "replace",
  "create-then-delete": "replace",
  forget: "remove",
};

export function changeAddr(c: ResourceInstanceChange): ResourceAddr {
  return resourceAddr({ module: c.module, type: c.type, name: c.name, mode: c.mode, ...(c.index !== undefined ? { key: c.index } : {}) });
}

function reason(c: ResourceInstanceChange): ChangeReason | undefined {
  switch (c.actionReason) {
    case "replace_because_cannot_update":
      return "cannot_update";
    case "replace_by_request":
      return "requested";
    case "replace_because_tainted":
      return "tainted";
    case "replace_by_triggers":
      return "replace_triggered_by";
    case "delete_because_no_resource_config":
      return "delete_because_no_resource_config";
    case "delete_because_count_index":
    case "delete_because_each_key":
      // The engine names both by the count case; a string key means it was a for_each key.
      return typeof c.index === "string" ? "delete_because_each_key" : "delete_because_count_index";
    case "delete_because_no_module":
      return "delete_because_no_module";
    case "read_because_config_unknown":
      return "read_because_config_unknown";
    case "read_because_dependency_pending":
      return "read_because_dependency_pending";
    default:
      return undefined;
  }
}

export function jsonChange(c: ResourceInstanceChange): ResourceChange {
  const r = reason(c);
  // An import with nothing else to do is the action "import"; otherwise `importing` rides on the action.
  const action = c.action === "no-op" && c.importing ? "import" : ACTION[c.action];
  return { resource: changeAddr(c), action, ...(r ? { reason: r } : {}), ...(c.importing ? { importing: { id: c.importing.id } } : {}), ...(c.generatedConfig !== undefined ? { generatedConfig: c.generatedConfig } : {}) };
}

/** At plan time: each root output's planned action. */
export function plannedOutputs(changes: readonly OutputChange[]): Record<string, OutputReport> {
  const out: Record<string, OutputReport> = {};
  for (const o of changes) out[o.name] = { sensitive: o.sensitive, action: ACTION[o.action] };
  return out;
}

/** After apply or refresh: each root output's value and type, as the state records them. */
export function stateOutputs(state: State): Record<string, OutputReport> {
  const out: Record<string, OutputReport> = {};
  for (const [name, o] of state.outputs) {
    const sensitive = o.sensitive === true;
    out[name] = sensitive ? { sensitive, type: o.type } : { sensitive, type: o.type, value: o.value };
  }
  return out;
}
