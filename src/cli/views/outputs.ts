// The "Outputs:" section after an apply, as Terraform prints root outputs: `name = value` in console format,
// sensitive ones as <sensitive>.
import { formatValue } from "../../lang/format-value.js";
import { outputValue } from "../../engine/plan.js";
import type { State } from "../../../state/state.js";

export function renderOutputs(state: State): string {
  if (state.outputs.size === 0) return "";
  const lines = ["", "Outputs:", ""];
  for (const name of [...state.outputs.keys()].sort()) {
    const o = state.outputs.get(name)!;
    lines.push(`${name} = ${o.sensitive ? "<sensitive>" : formatValue(outputValue(o))}`);
  }
  return lines.join("\n") + "\n";
}
