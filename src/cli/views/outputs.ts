// The "Outputs:" section after an apply, as Terraform prints root outputs: `name = value` in console format,
// sensitive ones as <sensitive>.
import { formatValue } from "../../lang/format-value.js";
import { outputValue } from "../../engine/plan.js";
import type { State } from "../../../state/state.js";
import { noColor, type Colorize } from "./color.js";

export function renderOutputs(state: State, cz: Colorize = noColor): string {
  if (state.outputs.size === 0) return "";
  // Terraform colours the heading with the blank lines around it; the values are not coloured.
  const lines: string[] = [];
  for (const name of [...state.outputs.keys()].sort()) {
    const o = state.outputs.get(name)!;
    lines.push(`${name} = ${o.sensitive ? "<sensitive>" : formatValue(outputValue(o))}`);
  }
  return cz.color("[reset][bold][green]\nOutputs:\n\n") + lines.join("\n") + "\n";
}
