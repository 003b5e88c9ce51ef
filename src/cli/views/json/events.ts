// What plan, apply, destroy and refresh report while they run, as calls on a UiSink. The engine calls a sink;
// the JSON sink (./sink.ts) writes Terraform 1.11's machine-readable lines (-json), and the human views can
// implement the same interface for Terraform's text. Names follow Terraform's views/json package.
import type { Diagnostic } from "../../../diag/diagnostic.js";

/** A resource instance as the JSON UI names it (Terraform's json.ResourceAddr). */
export interface ResourceAddr {
  /** `module.m[0].terraform_data.b[1]` */
  readonly addr: string;
  /** `module.m[0]`, "" for the root. */
  readonly module: string;
  /** `terraform_data.b[1]` (the instance inside its module). */
  readonly resource: string;
  /** The provider's local name implied by the type: `terraform`, `aws`. */
  readonly implied_provider: string;
  readonly resource_type: string;
  readonly resource_name: string;
  readonly resource_key: number | string | null;
}

/** Terraform's JSON change actions. */
export type ChangeAction = "noop" | "create" | "read" | "update" | "replace" | "delete" | "move" | "import" | "remove";

/** Why a change was planned (Terraform's json.ChangeReason). */
export type ChangeReason =
  | "tainted"
  | "requested"
  | "replace_triggered_by"
  | "cannot_update"
  | "delete_because_no_resource_config"
  | "delete_because_wrong_repetition"
  | "delete_because_count_index"
  | "delete_because_each_key"
  | "delete_because_no_module"
  | "delete_because_no_move_target"
  | "read_because_config_unknown"
  | "read_because_dependency_pending"
  | "read_because_check_nested";

export interface ResourceChange {
  readonly resource: ResourceAddr;
  readonly action: ChangeAction;
  readonly reason?: ChangeReason;
  /** The import block's ID when the change imports the object (Terraform's json.Importing). */
  readonly importing?: { readonly id: string };
  /** -generate-config-out: the resource block generated for the imported object. */
  readonly generatedConfig?: string;
}

export type Operation = "plan" | "apply" | "destroy";

export interface ChangeSummary {
  readonly add: number;
  readonly change: number;
  readonly import: number;
  readonly remove: number;
  readonly operation: Operation;
}

/** The apply hooks' actions (Terraform's json.HookAction... written as the change action). */
export type ApplyAction = "create" | "update" | "delete" | "read" | "noop";

/** An id shown as `[id=...]`: the attribute's name and its value. */
export interface IdAttr {
  readonly key: string;
  readonly value: string;
}

/** At plan time: each output's action; after apply: its type and value (no value when sensitive). */
export type OutputReport =
  | { readonly sensitive: boolean; readonly action: ChangeAction }
  | { readonly sensitive: boolean; readonly type: unknown; readonly value?: unknown };

export interface UiSink {
  /** The first line: the product and its version (in the `terraform` field, as Terraform names it). */
  version(product?: string, version?: string): void;
  log(message: string, level?: "info" | "warn" | "error"): void;
  diagnostic(d: Diagnostic): void;
  refreshStart(r: ResourceAddr, id?: IdAttr): void;
  refreshComplete(r: ResourceAddr, id?: IdAttr): void;
  resourceDrift(c: ResourceChange): void;
  plannedChange(c: ResourceChange): void;
  changeSummary(s: ChangeSummary): void;
  applyStart(r: ResourceAddr, action: ApplyAction, id?: IdAttr): void;
  /** Every 10 seconds of a long operation. */
  applyProgress(r: ResourceAddr, action: ApplyAction, elapsedSeconds: number): void;
  applyComplete(r: ResourceAddr, action: ApplyAction, elapsedSeconds: number, id?: IdAttr): void;
  applyErrored(r: ResourceAddr, action: ApplyAction, elapsedSeconds: number): void;
  outputs(outputs: Readonly<Record<string, OutputReport>>): void;
}

/** The ResourceAddr of an instance, from its parts. */
export function resourceAddr(parts: {
  module: string;
  type: string;
  name: string;
  key?: number | string;
  mode?: "managed" | "data";
}): ResourceAddr {
  const prefix = parts.mode === "data" ? "data." : "";
  const key = parts.key === undefined ? "" : typeof parts.key === "number" ? `[${parts.key}]` : `[${JSON.stringify(parts.key)}]`;
  const resource = `${prefix}${parts.type}.${parts.name}${key}`;
  const us = parts.type.indexOf("_");
  return {
    addr: parts.module ? `${parts.module}.${resource}` : resource,
    module: parts.module,
    resource,
    implied_provider: us < 0 ? parts.type : parts.type.slice(0, us),
    resource_type: parts.type,
    resource_name: parts.name,
    resource_key: parts.key ?? null,
  };
}
