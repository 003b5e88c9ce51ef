// The Plan model (Terraform's plans.Plan): what a plan decided, per resource instance and root output, kept as
// src/lang Values (unknowns where only apply will know) so the renderers (human in src/cli/views, JSON in
// src/cli/views/json) and apply read one shape. Serializable through src/plan/plan-file.ts.
import type { AttributePath } from "../provider/attribute-path.js";
import type { Value } from "../lang/value.js";
import type { State } from "../../state/state.js";

/** Terraform's plans.Action, in its JSON names' order of meaning; "forget" drops an object from state only. */
export type Action = "no-op" | "create" | "read" | "update" | "delete" | "delete-then-create" | "create-then-delete" | "forget";

export interface ResourceInstanceChange {
  /** `module.app["a"].terraform_data.x[0]`. */
  readonly addr: string;
  /** The resource's address without instance key (`terraform_data.x`), and its type and name. */
  readonly resourceAddr: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /** The instance key, if any (count index or for_each key). */
  readonly index?: number | string;
  /** The module instance path printed (`module.app["a"]`), "" for the root. */
  readonly module: string;
  /** The provider in the state's form: provider["terraform.io/builtin/terraform"]. */
  readonly provider: string;
  readonly action: Action;
  /** The prior object (null on create), with sensitive marks. */
  readonly before: Value;
  /** The planned object (null on delete), with unknowns and marks. */
  readonly after: Value;
  /** Paths whose change forces replacement. */
  readonly requiresReplace: readonly AttributePath[];
  /** Why: "replace_because_cannot_update", "replace_by_request", "delete_because_no_resource_config", ... */
  readonly actionReason?: string;
  /** The address the object had in the prior state, when a `moved` block moved it. */
  readonly previousAddr?: string;
  /** Set when an `import` block brings the object under management: the ID it is imported by. */
  readonly importing?: { readonly id: string };
  /** With -generate-config-out: the resource block generated for this imported object (no trailing newline). */
  readonly generatedConfig?: string;
}

/** A resource ("type.name") attribute (top-level name; "" for the whole resource) that a plan depends on. */
export interface RelevantAttribute {
  readonly resource: string;
  readonly attribute: string;
}

export interface OutputChange {
  readonly name: string;
  readonly action: Action;
  readonly before: Value;
  readonly after: Value;
  readonly sensitive: boolean;
}

export interface Plan {
  /** "normal", "destroy" or "refresh-only". */
  readonly mode: "normal" | "destroy" | "refresh-only";
  /** Every instance change, no-ops included, in address order. */
  readonly changes: readonly ResourceInstanceChange[];
  readonly outputChanges: readonly OutputChange[];
  /** The state the plan was made against (after refresh), with the objects import blocks import. */
  readonly priorState: State;
  /** Input variable values the plan used (raw, for the plan file). */
  readonly variables: ReadonlyMap<string, Value>;
  /** Instances whose refreshed object differs from the stored one (drift), by address. */
  readonly drift: readonly ResourceInstanceChange[];
  /**
   * Terraform's RelevantAttributes: what the planned changes and changed outputs reference, transitively. A
   * normal plan shows only the drift of these (and deletions).
   */
  readonly relevantAttributes?: readonly RelevantAttribute[];
  /** -target addresses, when given. */
  readonly targets: readonly string[];
  /** True when something would change (resources or outputs). */
  readonly applyable: boolean;
}

/** Counts as Terraform's summary line counts them: a replace is one add and one destroy; imports apart. */
export function planCounts(changes: readonly ResourceInstanceChange[]): { add: number; change: number; destroy: number; import: number } {
  let add = 0;
  let change = 0;
  let destroy = 0;
  let imported = 0;
  for (const c of changes) {
    if (c.importing) imported++;
    if (c.action === "create") add++;
    else if (c.action === "update") change++;
    else if (c.action === "delete") destroy++;
    else if (c.action === "delete-then-create" || c.action === "create-then-delete") {
      add++;
      destroy++;
    }
  }
  return { add, change, destroy, import: imported };
}

/** An object's `id` attribute, as progress lines show it (`[id=...]`), when it is a known string. */
export function idAttribute(v: Value): string | undefined {
  if (v.isNull() || !v.isKnown() || v.type.kind !== "object") return undefined;
  const id = v.entries().get("id");
  return id && id.isKnown() && !id.isNull() ? id.unmark()[0].asString() : undefined;
}
