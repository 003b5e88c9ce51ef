// The saved plan (`plan -out=FILE`, `apply FILE`): the options and input values the plan was made with, the
// state it was made against (lineage and serial), and each instance's planned action. `apply FILE` plans again
// from these and refuses when the state changed since or the actions differ, so it applies exactly the plan.
import { readFileSync, writeFileSync } from "node:fs";
import { Sensitive, Value } from "../lang/value.js";
import { typeFromJson, typeToJson, valueFromJson, valueToJson } from "../provider/value-json.js";
import type { JsonValue } from "../../state/json.js";
import type { Plan } from "./plan.js";

export interface SavedPlan {
  readonly format: "tfsim-plan-v1";
  readonly mode: Plan["mode"];
  readonly lineage: string;
  readonly serial: number;
  readonly targets: readonly string[];
  readonly replace: readonly string[];
  readonly variables: Record<string, { value: JsonValue; type: JsonValue; sensitive: boolean }>;
  /** address → action, for every instance the plan changes. */
  readonly actions: Record<string, string>;
  /** false when planned with -refresh=false, so the apply does not refresh either. */
  readonly refresh?: boolean;
}

export function writePlanFile(path: string, plan: Plan, replace: readonly string[], lineage: string, serial: number, refresh = true): void {
  const variables: SavedPlan["variables"] = {};
  for (const [k, v] of plan.variables) {
    const [u] = v.unmarkDeep();
    variables[k] = { value: valueToJson(u, u.type), type: typeToJson(u.type), sensitive: v.hasMark(Sensitive) };
  }
  const actions = plannedActions(plan.changes);
  const saved: SavedPlan = { format: "tfsim-plan-v1", mode: plan.mode, lineage, serial, targets: plan.targets, replace, variables, actions, ...(refresh ? {} : { refresh: false }) };
  writeFileSync(path, JSON.stringify(saved) + "\n");
}

/** Each instance the changes touch, by address: its action, with "import+" before it when it is imported. */
export function plannedActions(changes: Plan["changes"]): Record<string, string> {
  const actions: Record<string, string> = {};
  for (const c of changes) if (c.action !== "no-op" || c.importing) actions[c.addr] = (c.importing ? "import+" : "") + c.action;
  return actions;
}

/** The saved plan, or an error message when the file is not one. */
export function readPlanFile(path: string): SavedPlan | string {
  let j: unknown;
  try {
    j = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    return `The given plan file could not be read: ${(e as Error).message}`;
  }
  if (!j || typeof j !== "object" || (j as { format?: unknown }).format !== "tfsim-plan-v1") return "The given file is not a tfsim plan file.";
  return j as SavedPlan;
}

export function savedVariables(saved: SavedPlan): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const [k, v] of Object.entries(saved.variables)) {
    const val = valueFromJson(v.value, typeFromJson(v.type));
    out.set(k, v.sensitive ? val.mark(Sensitive) : val);
  }
  return out;
}
